import Testing
@testable import Extract

/// The lines of a preformatted paragraph, as they were made before FINDINGS 94: the bytes decoded, split at `"\n"`
/// Characters, each line normalized.
private func preLinesByCharacters(_ para: [UInt8]) -> [String] {
    String(decoding: para, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .map { TextNormalizer.normalize(String($0)) }
}

/// ASCII paragraphs are cut at LF bytes in place: the same lines as the Character split, where CR LF is one Character
/// (no cut) and an LF alone is one; other text goes the Character way.
@Test func preLinesAreTheCharacterSplit() {
    let named = ["", "\n", "\n\n", "a", "a\n", "\na", "a\nb", "a\r\nb", "a\rb", "\r\n", "\r\n\n", "\n\r\n", "a\r\r\nb",
                 "  x  \n\t y\u{7f}\n", "x\u{0}\ny", "caf\u{e9}\nb", "e\n\u{301}x", "\u{301}\n", "a\n\r", "if x {\n    y()\n}\n"]
    for s in named {
        #expect(BodyRenderer.preLines(Array(s.utf8)) == preLinesByCharacters(Array(s.utf8)), "\(s.debugDescription)")
    }
    let alphabet: [UInt8] = [0x0A, 0x0D, 0x20, 0x09, 0x61, 0x41, 0x7F, 0x00, 0x0B, 0x0C, 0x2E]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        let para = (0..<Int.random(in: 0...12, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
        #expect(BodyRenderer.preLines(para) == preLinesByCharacters(para), "\(para)")
    }
}
