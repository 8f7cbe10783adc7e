import Testing
@testable import Extract

/// `appendText` as it was, one byte at a time: what the run-copying version must write.
private func referenceAppend(_ s: [UInt8], collapse: Bool, quotes: Bool) -> [UInt8] {
    var out: [UInt8] = []
    var space = false
    var it = s.makeIterator()
    while let b = it.next() {
        switch b {
        case 0x20, 0x0A, 0x09, 0x0D, 0x0C:
            if collapse {
                if !space { out.append(0x20); space = true }
            } else { out.append(b) }
            continue
        case 0x26: out.append(contentsOf: Array("&amp;".utf8))
        case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
        case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
        case 0x22 where quotes: out.append(contentsOf: Array("&quot;".utf8))
        case 0xE2, 0xEF:
            guard let b1 = it.next() else { out.append(b); break }
            guard let b2 = it.next() else { out.append(b); out.append(b1); break }
            let zeroWidth = (b == 0xE2 && b1 == 0x80 && (0x8B...0x8D).contains(b2)) || (b == 0xE2 && b1 == 0x81 && b2 == 0xA0)
                || (b == 0xEF && b1 == 0xBB && b2 == 0xBF)
            if !zeroWidth { out.append(b); out.append(b1); out.append(b2) }
        case 0xC2:
            guard let b1 = it.next() else { out.append(b); break }
            if b1 == 0x85 { out.append(0x20) } else if !(0x80...0x9F).contains(b1) { out.append(b); out.append(b1) }
        case 0x01...0x08, 0x0B, 0x0E...0x1F, 0x7F: break
        default: out.append(b)
        }
        space = false
    }
    return out
}

@Suite struct HTMLEscapeTests {
    /// Escaping copies the runs between special bytes in one go; the bytes written must be those of the byte-at-a-time
    /// loop for any input: whitespace runs at the ends and between runs, entities, quotes with and without `quotes`,
    /// zero-width characters (dropped) next to spaces, E2/EF cut off at the end or followed by special bytes, and
    /// single spaces at either end of eight bytes read at once.
    @Test func runCopyingWritesWhatTheByteLoopWrites() {
        let pieces: [[UInt8]] = [[0x61], [0x62, 0x63], [0x20], [0x0A], [0x09, 0x20], [0x26], [0x3C], [0x3E], [0x22],
                                 Array("\u{200B}".utf8), Array("\u{2060}".utf8), Array("\u{FEFF}".utf8),
                                 Array("\u{2019}".utf8), Array("\u{FF01}".utf8), [0xE2], [0xEF, 0xBB], [0xE2, 0x3C],
                                 Array("é".utf8), [0x0D, 0x0C], Array("\u{00A0}".utf8), Array("\u{0085}".utf8), [0xC2], [0x01],
                                 [0x1F], [0x7F], [0x0B], Array("ordinary".utf8), Array("a few words".utf8),
                                 Array("\n          ".utf8), Array("         ".utf8), Array("x&y<z>\"q\"".utf8),
                                 Array("ab cd ef ".utf8), Array(" gh ij kl".utf8), Array(" one two three ".utf8)]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var s: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s += pieces.randomElement(using: &rng)! }
            for (collapse, quotes) in [(false, false), (true, false), (false, true), (true, true)] {
                var out: [UInt8] = [0x78]
                s.withUnsafeBufferPointer { HTMLEscape.appendText($0, to: &out, collapse: collapse, quotes: quotes) }
                #expect(out == [0x78] + referenceAppend(s, collapse: collapse, quotes: quotes), "\(s) \(collapse) \(quotes)")
            }
        }
    }

    /// Control characters never reach body.html: C0 (but whitespace), DEL and C1; NEL (U+0085), which splits a JSON
    /// Lines record for line readers that follow Unicode, is a space, as in body.text. NBSP and Latin-1 signs, which
    /// share C1's first byte, stay.
    @Test(arguments: [
        ("C1 next line", "a\u{0085}b", "a b"),
        ("C1 quotes of a double-encoded page", "\u{0093}x\u{0094}", "x"),
        ("C0 controls and DEL", "a\u{01}\u{1F}\u{7F}b", "ab"),
        ("NBSP and copyright sign", "a\u{00A0}\u{00A9}b", "a\u{00A0}\u{00A9}b"),
    ])
    func controlsAreDropped(_ name: String, _ text: String, _ written: String) {
        var out: [UInt8] = []
        HTMLEscape.appendText(text, to: &out, collapse: false)
        #expect(String(decoding: out, as: UTF8.self) == written, "\(name)")
    }
}

/// `isSurelyNFC` reads UTF-8 bytes; it answers as the scalar loop it replaced for every scalar, after ASCII runs of
/// every length up to two words (the eight-byte skip) and before more text.
@Test func nfcCheckAnswersAsTheScalarLoop() {
    func scalarLoop(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x300 { continue }
            if (0x2000...0x2BFF).contains(v) || (0x3000...0x3098).contains(v) || (0x309B...0x9FFF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xFF00...0xFFEF).contains(v) { continue }
            return false
        }
        return true
    }
    var differing: [UInt32] = []
    for v in UInt32(0)...0x10FFFF {
        guard let c = Unicode.Scalar(v) else { continue }
        let prefix = String(repeating: "a", count: Int(v % 17))
        let s = prefix + String(c) + "b\u{00E9}"
        if NFCCheck.isSurelyNFC(s) != scalarLoop(s) { differing.append(v) }
    }
    #expect(differing.isEmpty, "\(differing.prefix(5))")
    #expect(NFCCheck.isSurelyNFC("") && NFCCheck.isSurelyNFC("plain ASCII text, longer than a word"))
    #expect(!NFCCheck.isSurelyNFC("e\u{0301}") && NFCCheck.isSurelyNFC("\u{2019}\u{4E2D}\u{AC00}"))
}
