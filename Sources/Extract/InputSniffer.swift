import Foundation
import HTML

/// Rejects input that is not HTML before parsing.
enum InputSniffer {
    /// How many leading bytes are inspected.
    static let window = 4096

    static func check(_ bytes: [UInt8]) throws(ExtractError) {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        if i == bytes.count { throw .empty }
        if bytes.count >= 5 && bytes[0] == 0x25 && bytes[1] == 0x50 && bytes[2] == 0x44 && bytes[3] == 0x46 && bytes[4] == 0x2D {
            throw .pdf
        }
        // UTF-16 pages start with a BOM; anything else with NUL bytes or many control bytes is binary.
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) { return }
        let n = min(bytes.count, window)
        let (controls, nuls) = bytes.withUnsafeBufferPointer { counts(UnsafeBufferPointer(rebasing: $0[..<n])) }
        if nuls * maxNULShare > n || controls * 10 > n { throw .binary }
    }

    /// The control bytes (below 0x09, or 0x0E-0x1F but ESC) and the NUL bytes of `u`, eight at a time: each byte's
    /// answer is the high bit of its lane, counted with one popcount (the byte loop, branch-free as it was, cost 16
    /// instructions a byte, 1.6% of a blog post's extraction, FINDINGS 99). The rest byte by byte.
    static func counts(_ u: UnsafeBufferPointer<UInt8>) -> (controls: Int, nuls: Int) {
        var controls = 0, nuls = 0
        var i = 0
        if let base = u.baseAddress {
            while i + 8 <= u.count {
                let w = ByteWord.load(base + i)
                let c = below(w, 0x09) | (below(w, 0x20) & ~below(w, 0x0E) & ~below(w ^ lanes(0x1B), 1))
                controls &+= c.nonzeroBitCount
                nuls &+= below(w, 1).nonzeroBitCount
                i += 8
            }
        }
        while i < u.count {
            let b = u[i]
            nuls &+= b == 0 ? 1 : 0
            controls &+= b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) ? 1 : 0
            i += 1
        }
        return (controls, nuls)
    }

    /// `b` in each of a word's eight bytes.
    @inline(__always) private static func lanes(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

    /// The high bit of each byte of `w` below `k` (1...0x80), the others 0. Exact per byte: each lane of `w | 0x80..`
    /// is at least 0x80 >= k, so the subtraction borrows across no lane, and its high bit is clear just when the
    /// byte's low seven bits are below k; the byte's own high bit clear says it is below 0x80.
    @inline(__always) private static func below(_ w: UInt64, _ k: UInt8) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        return ~((w | high) &- lanes(k)) & ~w & high
    }

    /// At most one byte in this many of the window may be NUL: binary formats and UTF-16 without a BOM are full of
    /// them, while a page that a broken CMS or a bad copy left a stray NUL in is still HTML.
    static let maxNULShare = 100
}
