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
        // Read in place, counted without overflow checks (at most `window`): the array's checked subscript per byte was
        // part of this loop's ~0.7% of a blog post's extraction (FINDINGS 94; the compiler still branches per byte).
        let (controls, nuls) = bytes.withUnsafeBufferPointer { u in
            var controls = 0, nuls = 0
            for b in UnsafeBufferPointer(rebasing: u[..<n]) {
                nuls &+= b == 0 ? 1 : 0
                controls &+= b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) ? 1 : 0
            }
            return (controls, nuls)
        }
        if nuls * maxNULShare > n || controls * 10 > n { throw .binary }
    }

    /// At most one byte in this many of the window may be NUL: binary formats and UTF-16 without a BOM are full of
    /// them, while a page that a broken CMS or a bad copy left a stray NUL in is still HTML.
    static let maxNULShare = 100
}
