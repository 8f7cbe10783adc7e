import CLibDeflate

/// gzip members for WARC records whose compressible part is small (a response's WARC and HTTP heads, ~850
/// bytes): that part deflated with the fixed Huffman codes of RFC 1951 (§3.2.6) and greedy LZ77 matches, the
/// rest stored. Why not zlib or libdeflate: on a member this small nearly all of their time is per member, not
/// per byte (building the block's own Huffman codes, clearing match tables sized for large inputs): zlib at
/// level 1 took ~40 us for the heads of a 2,000-post crawl's responses and libdeflate ~12 us, where fixed codes
/// take a few, for heads ~20% larger than zlib's (~100 bytes a record). Stateless: any thread may call it.
enum FixedCodeDeflater {
    /// One complete gzip member of `input`: the bytes before `split` deflated with the fixed codes, the bytes
    /// from `split` on stored (deflate's uncompressed blocks), for a record whose tail is compressed already.
    static func member(_ input: [UInt8], storingFrom split: Int) -> [UInt8] {
        precondition(split >= 0 && split <= input.count, "split outside the input")
        let stored = input.count - split
        // Fixed codes are at most 9 bits a byte; each stored block adds 5 bytes; header, block ends and trailer.
        let capacity = 10 + split + split / 8 + 8 + stored + 5 * (stored / storedBlockBytes + 1) + 8 + 16
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
            input.withUnsafeBufferPointer { src in count = write(src, split: split, into: out) }
        }
    }

    /// The most bytes a stored block holds (its length field is 16 bits).
    static let storedBlockBytes = 65_535
    /// Matches reach this far back (deflate's window).
    private static let window = 32_768
    /// Hash table size (bits) of the 3-byte prefixes: the heads are ~1 KB, so 4,096 slots rarely collide.
    private static let hashBits = 12

    private static func write(_ src: UnsafeBufferPointer<UInt8>, split: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        // gzip header: deflate, no flags, no time, no extra flags, Unix (as zlib writes it).
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        for (i, b) in header.enumerated() { out[i] = b }
        var bits = BitWriter(out: out, at: header.count)
        if split > 0 || src.isEmpty {
            bits.put(split == src.count ? 0b011 : 0b010, 3)   // BFINAL, then BTYPE 01 (fixed codes)
            encode(UnsafeBufferPointer(rebasing: src[0..<split]), into: &bits)
            bits.put(0, 7)   // end of block (symbol 256: seven zero bits)
        }
        var at = split
        while at < src.count {
            let n = min(storedBlockBytes, src.count - at)
            bits.put(at + n == src.count ? 1 : 0, 3)          // BFINAL, then BTYPE 00 (stored)
            bits.alignToByte()
            bits.putBytes([UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)])
            bits.putBytes(UnsafeBufferPointer(rebasing: src[at..<(at + n)]))
            at += n
        }
        bits.alignToByte()
        let crc = UInt32(libdeflate_crc32(0, src.baseAddress, src.count))
        let size = UInt32(truncatingIfNeeded: src.count)
        bits.putBytes([UInt8(crc & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8((crc >> 16) & 0xFF), UInt8(crc >> 24),
                       UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)])
        return bits.at
    }

    /// Greedy LZ77 over `src` (every position's 3-byte prefix hashed, the latest one kept), written as fixed codes.
    private static func encode(_ src: UnsafeBufferPointer<UInt8>, into bits: inout BitWriter) {
        let n = src.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 1 << hashBits) { table in
            table.initialize(repeating: -1)
            func hash(_ i: Int) -> Int {
                let v = UInt32(src[i]) | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2]) << 16
                return Int((v &* 2_654_435_761) >> UInt32(32 - hashBits))
            }
            var i = 0
            while i < n {
                if i + 3 <= n {
                    let h = hash(i)
                    let candidate = Int(table[h])
                    table[h] = Int32(i)
                    if candidate >= 0, i - candidate <= window, src[candidate] == src[i], src[candidate + 1] == src[i + 1],
                       src[candidate + 2] == src[i + 2] {
                        var length = 3
                        let most = min(258, n - i)
                        while length < most, src[candidate + length] == src[i + length] { length += 1 }
                        let l = lengthCodes[length], d = distanceCode(i - candidate)
                        bits.put(Int(l.bits), Int(l.count))
                        bits.put(Int(d.bits), Int(d.count))
                        // The matched positions are hashed too: a later repeat may start inside this one.
                        var j = i + 1
                        i += length
                        while j < i, j + 3 <= n { table[hash(j)] = Int32(j); j += 1 }
                        continue
                    }
                }
                let c = literalCodes[Int(src[i])]
                bits.put(Int(c.bits), Int(c.count))
                i += 1
            }
        }
    }

    /// A code as written: the Huffman code bit-reversed (deflate sends it first bit first, in a stream filled from
    /// each byte's low bit), then its extra bits, `count` bits in all.
    struct Code {
        var bits: UInt32
        var count: UInt8
    }

    /// The fixed code of literal/length symbol `s` (RFC 1951 §3.2.6).
    private static func fixedCode(_ s: Int) -> Code {
        let (code, length): (Int, Int) = switch s {
        case 0...143: (0x30 + s, 8)
        case 144...255: (0x190 + s - 144, 9)
        case 256...279: (s - 256, 7)
        default: (0xC0 + s - 280, 8)
        }
        return Code(bits: reversed(code, length), count: UInt8(length))
    }

    private static func reversed(_ code: Int, _ length: Int) -> UInt32 {
        var r: UInt32 = 0
        for k in 0..<length where code & (1 << k) != 0 { r |= 1 << UInt32(length - 1 - k) }
        return r
    }

    private static let literalCodes: [Code] = (0..<256).map(fixedCode)

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                      115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                        1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                        12, 12, 13, 13]

    /// Symbol and extra bits of each match length (3...258; 0...2 unused).
    private static let lengthCodes: [Code] = (0...258).map { length in
        guard length >= 3 else { return Code(bits: 0, count: 0) }
        let k = lengthBases.lastIndex { $0 <= length }!
        let symbol = fixedCode(257 + k)
        return Code(bits: symbol.bits | UInt32(length - lengthBases[k]) << UInt32(symbol.count),
                    count: symbol.count + UInt8(lengthExtra[k]))
    }

    /// Distance symbol (five bits) and extra bits of a match distance (1...32,768).
    private static func distanceCode(_ distance: Int) -> Code {
        var k = distanceBases.count - 1
        while distanceBases[k] > distance { k -= 1 }
        return Code(bits: reversed(k, 5) | UInt32(distance - distanceBases[k]) << 5, count: UInt8(5 + distanceExtra[k]))
    }

    /// Bits into bytes from each byte's low bit, as deflate packs them.
    struct BitWriter {
        let out: UnsafeMutableBufferPointer<UInt8>
        var at: Int
        private var buffer: UInt64 = 0
        private var count = 0

        init(out: UnsafeMutableBufferPointer<UInt8>, at: Int) {
            self.out = out
            self.at = at
        }

        /// Appends the low `n` bits of `value` (n <= 32).
        mutating func put(_ value: Int, _ n: Int) {
            buffer |= UInt64(value) << UInt64(count)
            count += n
            while count >= 8 {
                out[at] = UInt8(truncatingIfNeeded: buffer)
                at += 1
                buffer >>= 8
                count -= 8
            }
        }

        /// Pads the last byte with zero bits.
        mutating func alignToByte() {
            if count > 0 { put(0, 8 - count) }
        }

        /// Appends whole bytes (after `alignToByte`).
        mutating func putBytes(_ bytes: [UInt8]) {
            for b in bytes { out[at] = b; at += 1 }
        }

        /// Appends whole bytes (after `alignToByte`).
        mutating func putBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let from = bytes.baseAddress, let to = out.baseAddress else { return }
            (to + at).update(from: from, count: bytes.count)
            at += bytes.count
        }
    }
}
