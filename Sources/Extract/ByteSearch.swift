import Foundation

/// Substring search over UTF-8 bytes. `String.contains(String)` goes through Foundation's
/// locale-aware `range(of:)` when Foundation is imported, which dominated the extractor's profile.
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (exact bytes, so compare lowercased strings for case-insensitivity).
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        // Most class and id values searched are empty or short: no buffers are opened for them.
        if haystack.utf8.count < needle.utf8.count { return false }
        return haystack.withUTF8Bytes { hb in needle.withUTF8Bytes { nb in contains(hb, nb) } }
    }

    static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        let hn = h.count, nn = n.count
        if nn == 0 { return true }
        if nn > hn { return false }
        guard let hp = h.baseAddress, let np = n.baseAddress else { return false }
        let first = Int32(n[0])
        var i = 0
        let last = hn - nn
        // memchr finds each candidate start; memcmp checks the rest.
        while i <= last {
            guard let hit = memchr(hp + i, first, last - i + 1) else { return false }
            let at = hp.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if nn == 1 || memcmp(hp + at + 1, np + 1, nn - 1) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// Whether any needle occurs in `haystack`.
    static func containsAny(_ haystack: String, _ needles: [String]) -> Bool {
        if haystack.isEmpty { return false }
        return haystack.withUTF8Bytes { hb in
            for n in needles where n.withUTF8Bytes({ contains(hb, $0) }) { return true }
            return false
        }
    }
}

/// Fixed lists of needles searched together in one pass over a haystack: positions are filtered by the needles'
/// first bytes, and `mask` tells which lists have a needle in the haystack (bit k for list k).
final class NeedleSet: @unchecked Sendable {
    /// Every needle's bytes, back to back, needles sorted by first byte.
    private let bytes: [UInt8]
    /// Per needle (same order): where its bytes start in `bytes`, its length, and its list's bit.
    private let starts: [Int], lengths: [Int], bits: [UInt32]
    /// The needles starting with byte b are `byFirst[b]..<byFirst[b + 1]` (257 entries).
    private let byFirst: [Int]
    /// All lists' bits: the search stops once every list has matched.
    private let all: UInt32
    /// Bit `b0 << 8 | b1` is set when a needle starts with bytes b0 b1, or is the single byte b0 (then for every b1):
    /// most positions of a haystack start no needle, and one bit test rules them out.
    private let starters: [UInt64]
    /// Bytes that are a whole needle (checked at the haystack's last position, where no second byte follows).
    private let singles: [Bool]
    /// The shortest needle's length: a shorter haystack (an element's empty id) holds none.
    private let shortest: Int

    /// One list (`mask` is 1 when any needle occurs).
    convenience init(_ needles: [String]) { self.init(lists: [needles]) }

    /// Up to 32 lists.
    init(lists: [[String]]) {
        precondition(lists.count <= 32)
        var found: [(bytes: [UInt8], bit: UInt32)] = []
        for (k, list) in lists.enumerated() {
            for n in list where !n.isEmpty { found.append((Array(n.utf8), 1 << UInt32(k))) }
        }
        found.sort { $0.bytes[0] < $1.bytes[0] } // stable: list order kept within a first byte
        var bytes: [UInt8] = [], starts: [Int] = [], lengths: [Int] = [], bits: [UInt32] = []
        var byFirst = [Int](repeating: 0, count: 257)
        for f in found {
            byFirst[Int(f.bytes[0]) + 1] += 1
            starts.append(bytes.count); lengths.append(f.bytes.count); bits.append(f.bit)
            bytes.append(contentsOf: f.bytes)
        }
        for b in 0..<256 { byFirst[b + 1] += byFirst[b] }
        var starters = [UInt64](repeating: 0, count: 65_536 / 64)
        var singles = [Bool](repeating: false, count: 256)
        for f in found {
            let b0 = Int(f.bytes[0])
            let seconds = f.bytes.count > 1 ? [Int(f.bytes[1])] : Array(0..<256)
            if f.bytes.count == 1 { singles[b0] = true }
            for b1 in seconds { starters[(b0 << 8 | b1) >> 6] |= 1 << UInt64((b0 << 8 | b1) & 63) }
        }
        self.starters = starters; self.singles = singles
        self.bytes = bytes; self.starts = starts; self.lengths = lengths; self.bits = bits; self.byFirst = byFirst
        all = lists.isEmpty ? 0 : UInt32.max >> UInt32(32 - lists.count)
        shortest = lengths.min() ?? Int.max
    }

    func matches(_ haystack: String) -> Bool { mask(haystack) != 0 }

    /// `mask(String(decoding: bytes, as: UTF8.self).fastLowercased)` for ASCII bytes, lowered on the stack; `nil` when
    /// a byte is not ASCII (lowering other characters may give ASCII letters: the Kelvin sign a "k").
    func mask(asciiLowering u: UnsafeBufferPointer<UInt8>) -> UInt32? {
        for b in u where b >= 0x80 { return nil }
        if u.count < shortest { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count) { o in
            for i in 0..<u.count { let b = u[i]; o[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            return mask(UnsafeBufferPointer(o))
        }
    }

    /// Bit k is set when a needle of list k occurs in `haystack` (exact bytes). Inlined: most callers ask of
    /// every element's class and id, mostly empty, and the call alone cost more than the answer.
    @inline(__always)
    func mask(_ haystack: String) -> UInt32 {
        if haystack.utf8.count < shortest { return 0 }
        return haystack.withUTF8Bytes { mask($0) }
    }

    /// `mask` of UTF-8 bytes.
    func mask(_ hb: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if hb.count < shortest { return 0 }
        return bytes.withUnsafeBufferPointer { nb in
            byFirst.withUnsafeBufferPointer { first in starters.withUnsafeBufferPointer { pairs in
                var found: UInt32 = 0
                let n = hb.count
                for i in 0..<n {
                    let b = Int(hb[i])
                    if i + 1 < n {
                        let pair = b << 8 | Int(hb[i + 1])
                        if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                    } else if !singles[b] {
                        continue
                    }
                    var c = first[b]
                    let end = first[b + 1]
                    while c < end {
                        let len = lengths[c], bit = bits[c]
                        if found & bit == 0, i + len <= n {
                            let start = starts[c]
                            var j = 1
                            while j < len && hb[i + j] == nb[start + j] { j += 1 }
                            if j == len {
                                found |= bit
                                if found == all { return found }
                            }
                        }
                        c += 1
                    }
                }
                return found
            } }
        }
    }
}
