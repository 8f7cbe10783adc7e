import Testing
@testable import Extract

/// `UTF8Decoding.check` must call valid only what the standard library calls valid (else a String would hold broken
/// UTF-8), and `UTF8Decoding.string` must be `String(decoding:)` for any bytes.
@Suite struct UTF8DecodingTests {
    static let rows: [(name: String, bytes: [UInt8], check: UTF8Decoding.Check)] = [
        ("empty", [], .ascii),
        ("ASCII shorter than a word", Array("abc".utf8), .ascii),
        ("ASCII over two words", Array("The kettle boils twice.".utf8), .ascii),
        ("two-byte letter", Array("café".utf8), .valid),
        ("curly quotes past a word of ASCII", Array("an “unfinished” novel".utf8), .valid),
        ("four-byte scalar last", Array("ok 😀".utf8), .valid),
        ("highest scalar", [0xF4, 0x8F, 0xBF, 0xBF], .valid),
        ("lone continuation byte", [0x61, 0x80, 0x62], .invalid),
        ("overlong two bytes", [0xC0, 0xAF], .invalid),
        ("overlong three bytes", [0xE0, 0x80, 0xAF], .invalid),
        ("overlong four bytes", [0xF0, 0x80, 0x80, 0xAF], .invalid),
        ("surrogate", [0xED, 0xA0, 0x80], .invalid),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], .invalid),
        ("lead byte F5", [0xF5, 0x80, 0x80, 0x80], .invalid),
        ("sequence cut by the end", Array("long enough text ".utf8) + [0xE2, 0x80], .invalid),
        ("lead byte followed by ASCII", [0xE2, 0x41, 0x42], .invalid),
        ("third byte not a continuation", [0xE2, 0x80, 0x41], .invalid),
        ("fourth byte not a continuation", [0xF0, 0x9F, 0x98, 0x41], .invalid),
        ("Latin-1 byte inside ASCII words", Array("words and ".utf8) + [0xE9] + Array(" more words".utf8), .invalid),
    ]

    @Test(arguments: rows.indices) func checksAsTheStandardLibrary(_ i: Int) {
        let row = Self.rows[i]
        let check = row.bytes.withUnsafeBufferPointer(UTF8Decoding.check)
        #expect(check == row.check, "\(row.name)")
        #expect((check != .invalid) == (String(validating: row.bytes, as: UTF8.self) != nil), "\(row.name)")
        #expect(Array(UTF8Decoding.string(row.bytes).utf8) == Array(String(decoding: row.bytes, as: UTF8.self).utf8),
                "\(row.name)")
    }

    /// Random bytes, mostly ASCII with pieces of valid and broken sequences, at every length up to three words.
    @Test func randomBytes() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x61], [0x20], [0xC3, 0xA9], [0xE2, 0x80, 0x9C], [0xF0, 0x9F, 0x98, 0x80], [0x80],
                                 [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            let count = Int.random(in: 0...24, using: &rng)
            while bytes.count < count {
                bytes += Int.random(in: 0..<4, using: &rng) == 0 ? pieces.randomElement(using: &rng)! : [UInt8.random(in: 0x20...0x7E, using: &rng)]
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let check = bytes.withUnsafeBufferPointer(UTF8Decoding.check)
            #expect((check != .invalid) == valid, "\(bytes)")
            #expect((check == .ascii) == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
            #expect(Array(UTF8Decoding.string(bytes).utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8), "\(bytes)")
        }
    }
}
