/// Eight bytes read as one little-endian word, and tests of all eight at once: the byte loops over text (the parser's,
/// the text normalizer's, the escaper's) skip a word of ordinary bytes with a few operations instead of eight rounds.
public enum ByteWord {
    /// The eight bytes at `p` (no alignment needed).
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<UInt8>) -> UInt64 { UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }

    /// Writes `w` as the eight bytes at `p`.
    @inlinable @inline(__always)
    public static func store(_ w: UInt64, _ p: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(p).storeBytes(of: w, as: UInt64.self)
    }

    /// Whether a byte of `w` is `b` (exact for the word as a whole; not which byte).
    @inlinable @inline(__always)
    public static func has(_ w: UInt64, _ b: UInt8) -> Bool {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(b))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// Whether a byte of `w` is below `n` (at most 0x80).
    @inlinable @inline(__always)
    public static func hasBelow(_ w: UInt64, _ n: UInt8) -> Bool {
        (w &- 0x0101_0101_0101_0101 &* UInt64(n)) & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// Whether a byte of `w` is 0x80 or above.
    @inlinable @inline(__always)
    public static func hasHigh(_ w: UInt64) -> Bool { w & 0x8080_8080_8080_8080 != 0 }

    /// The top bit of each byte of `w` that is `b`, exactly (no borrow runs into the next byte).
    @inlinable @inline(__always)
    public static func mask(_ w: UInt64, _ b: UInt8) -> UInt64 {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(b))
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The top bit of each byte of `w` that lies in `lo...hi` (`1 <= lo <= hi <= 0x7F`), exactly: a byte's low seven
    /// bits plus a constant below 0x80 carry into no other byte.
    @inlinable @inline(__always)
    public static func mask(_ w: UInt64, in lo: UInt8, _ hi: UInt8) -> UInt64 {
        let low = w & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastLo = low &+ 0x0101_0101_0101_0101 &* UInt64(0x80 - lo)
        let aboveHi = low &+ 0x0101_0101_0101_0101 &* UInt64(0x7F - hi)
        return atLeastLo & ~aboveHi & ~w & 0x8080_8080_8080_8080
    }

    /// Whether every byte of `w` is a space, tab, line feed or carriage return.
    @inlinable @inline(__always)
    public static func isBlank(_ w: UInt64) -> Bool {
        mask(w, 0x20) | mask(w, 0x0A) | mask(w, 0x09) | mask(w, 0x0D) == 0x8080_8080_8080_8080
    }

    /// For a word of printable ASCII and spaces, no two spaces side by side: the top bit of each byte that is a
    /// space (`mask(w, 0x20)`); `nil` for any other word. Collapsing whitespace leaves such bytes as they are, but
    /// for a space at either end.
    @inlinable @inline(__always)
    public static func singleSpaces(_ w: UInt64) -> UInt64? {
        if hasHigh(w) || hasBelow(w, 0x20) || has(w, 0x7F) { return nil }
        let spaces = mask(w, 0x20)
        return spaces & (spaces << 8) == 0 ? spaces : nil
    }
}
