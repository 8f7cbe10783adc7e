import Testing
@testable import Extract

/// `TextNormalizer.highBitCount` is `nonzeroBitCount` for words whose set bits are bytes' high bits: none, one in
/// the lowest and in the highest byte, all eight (a sum that must not carry out of the top byte), and mixed.
@Suite struct HighBitCountTests {
    static let rows: [(name: String, word: UInt64, count: Int)] = [
        ("none", 0, 0),
        ("the lowest byte", 0x80, 1),
        ("the highest byte", 0x8000_0000_0000_0000, 1),
        ("all eight", 0x8080_8080_8080_8080, 8),
        ("every other byte", 0x0080_0080_0080_0080, 4),
        ("seven, the lowest left out", 0x8080_8080_8080_8000, 7),
    ]

    @Test(arguments: rows.indices) func isTheBitCount(_ i: Int) {
        let row = Self.rows[i]
        #expect(TextNormalizer.highBitCount(row.word) == row.count, "\(row.name)")
        #expect(TextNormalizer.highBitCount(row.word) == row.word.nonzeroBitCount, "\(row.name)")
    }

    /// Every one of the 256 high-bit patterns.
    @Test func everyPattern() {
        for m in 0..<256 {
            var w: UInt64 = 0
            for k in 0..<8 where m & (1 << k) != 0 { w |= 0x80 << UInt64(8 * k) }
            #expect(TextNormalizer.highBitCount(w) == w.nonzeroBitCount, "\(m)")
        }
    }
}
