import Foundation
import Testing
@testable import Extract

struct TextCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let output: String
    var testDescription: String { name }
}

@Test(arguments: [
    TextCase(name: "trim and collapse", input: "  a \n\t b  ", output: "a b"),
    TextCase(name: "NBSP and other spaces", input: "a\u{00A0}b\u{2009}c\u{3000}d", output: "a b c d"),
    TextCase(name: "zero-width characters dropped", input: "zero\u{200B}width\u{200C}\u{200D}joined\u{2060}\u{FEFF}", output: "zerowidthjoined"),
    TextCase(name: "soft hyphen dropped", input: "hyphen\u{00AD}ation", output: "hyphenation"),
    TextCase(name: "NFC", input: "e\u{0301}te\u{0301}", output: "\u{00E9}t\u{00E9}"),
    TextCase(name: "zero-width between spaces leaves one space", input: "a \u{200B} b", output: "a b"),
    TextCase(name: "control characters dropped", input: "a\u{0007}b", output: "ab"),
    TextCase(name: "empty", input: " \n ", output: ""),
    TextCase(name: "CJK untouched", input: "日本語 テキスト", output: "日本語 テキスト"),
    TextCase(name: "NFC singleton (Angstrom sign)", input: "5 \u{212B}", output: "5 \u{00C5}"),
    TextCase(name: "NFC Hangul jamo compose", input: "\u{1100}\u{1161}", output: "\u{AC00}"),
    TextCase(name: "NFC kept composed Latin", input: "Ça déjà", output: "Ça déjà"),
    TextCase(name: "C1 control dropped, NEL is a space", input: "a\u{0080}b\u{0085}c", output: "ab c"),
])
func normalizesText(_ c: TextCase) {
    // Scalars, not String ==: Swift's == already treats NFD and NFC as equal.
    #expect(Array(TextNormalizer.normalize(c.input).unicodeScalars) == Array(c.output.unicodeScalars))
    // The byte form (the body renderer's) gives the same text.
    #expect(Array(TextNormalizer.normalize(utf8: Array(c.input.utf8)).unicodeScalars) == Array(c.output.unicodeScalars))
}

/// Bad bytes (cut, stray continuation, overlong, a lead byte at the end) give valid text and never read past the end.
@Test(arguments: [[0xE6, 0x97], [0x61, 0x80, 0x62], [0xC0, 0xA0, 0x7A], [0x61, 0x20, 0xF0], [0xFF, 0xFE, 0x20, 0x20]] as [[UInt8]])
func normalizesBadBytesToValidText(_ bytes: [UInt8]) {
    let t = TextNormalizer.normalize(utf8: bytes)
    #expect(String(validating: Array(t.utf8), as: UTF8.self) != nil)
    #expect(t.utf8.count <= bytes.count * 3)
}

struct WordCountCase: CustomTestStringConvertible, Sendable {
    let input: String
    let count: Int
    var testDescription: String { input }
}

@Test(arguments: [
    WordCountCase(input: "Hello, world!", count: 2),
    WordCountCase(input: "It's 42 degrees", count: 4),
    WordCountCase(input: "naïve café déjà-vu", count: 4),
    WordCountCase(input: "日本語のテキスト", count: 8),
    WordCountCase(input: "Swift 6 と 日本", count: 5),
    WordCountCase(input: "Привет мир", count: 2),
    WordCountCase(input: "  ", count: 0),
])
func countsWords(_ c: WordCountCase) {
    #expect(TextNormalizer.wordCount(c.input) == c.count)
}

/// The Latin letters `wordCount` takes without a property lookup are word scalars by their properties; the two signs
/// left out of the range are not.
@Test func latinLettersAreWordScalars() {
    for v: UInt32 in 0x80...0x24F {
        let c = Unicode.Scalar(v)!
        if TextNormalizer.isLatinLetter(v) { #expect(TextNormalizer.isWordScalar(c), "U+\(String(v, radix: 16))") }
    }
    #expect(!TextNormalizer.isWordScalar("\u{D7}") && !TextNormalizer.isWordScalar("\u{F7}"))
    #expect(TextNormalizer.wordCount("Ça été très dûment ÿ×ŉ ǅ") == 7)
}

/// The scalars `mayChangeUnderNFC` answers before its ranges are ones NFC keeps as they are and that never combine
/// with the character before them (what its property lookup asked of them).
@Test func earlyNFCAnswersAreTheLookups() {
    let early: [ClosedRange<UInt32>] = [0x80...0x2FF, 0x2002...0x206F, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF,
                                        0xFF00...0xFFEF]
    for range in early {
        var text = ""
        for v in range {
            let c = Unicode.Scalar(v)!
            #expect(!TextNormalizer.mayChangeUnderNFC(v), "U+\(String(v, radix: 16))")
            #expect(c.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
            text.unicodeScalars.append(c)
        }
        // The range's scalars side by side, one NFC call a range.
        #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "\(range)")
    }
    #expect(TextNormalizer.mayChangeUnderNFC(0x2000) && TextNormalizer.mayChangeUnderNFC(0x2001))
    #expect(TextNormalizer.mayChangeUnderNFC(0x0301) && TextNormalizer.mayChangeUnderNFC(0x20D0))
    #expect(TextNormalizer.mayChangeUnderNFC(0x302A) && TextNormalizer.mayChangeUnderNFC(0x3099) && TextNormalizer.mayChangeUnderNFC(0xF900))
}

/// The ASCII bytes an ad label's ends are trimmed of by bytes are exactly the ASCII non-letters of Foundation's set,
/// so `Trimming.trim` gives Foundation's result.
@Test func adLabelTrimmingIsFoundations() {
    for b: UInt8 in 0..<0x80 {
        #expect(FlatTree.isASCIINonLetter(b) == !CharacterSet.letters.contains(Unicode.Scalar(b)), "\(b)")
    }
    #expect(!FlatTree.isASCIINonLetter(0xC3))
    for label in ["— Advertisement —", "[Anzeige]", "«Реклама»", "Story continues below advertisement", "ads:", "x"] {
        #expect(FlatTree.isAdLabel(text: label)
                == FlatTree.adLabels.contains(label.lowercased().trimmingCharacters(in: CharacterSet.letters.inverted)), "\(label)")
    }
}

/// Ad slots' labels of Portuguese, Turkish, Scandinavian, Finnish, Hungarian, Indonesian, Vietnamese, Arabic, Hindi and
/// Thai news sites are labels; a word that merely holds one is not.
@Test func adLabelsOfMoreLanguages() {
    for label in ["PUBLICIDADE", "Reklam", "Annons", "- Annonse -", "Mainos", "Hirdetés", "Iklan", "Quảng cáo", "إعلان",
                  "विज्ञापन", "โฆษณา"] {
        #expect(FlatTree.isAdLabel(text: label), "\(label)")
    }
    #expect(!FlatTree.isAdLabel(text: "Reklamation"))
}

/// `wordCount` as the scalar loop it replaced counts: one scalar at a time.
private func wordCountByScalars(_ s: String) -> Int {
    var count = 0, inWord = false
    for c in s.unicodeScalars {
        if c.value < 0x80 {
            let w = (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A)
                || (c.value >= 0x61 && c.value <= 0x7A) || c == "_"
            if w { if !inWord { count += 1; inWord = true } } else { inWord = false }
            continue
        }
        if TextNormalizer.isCJK(c) { count += 1; inWord = false; continue }
        if TextNormalizer.isLatinLetter(c.value) || TextNormalizer.isWordScalar(c) {
            if !inWord { count += 1; inWord = true }
        } else {
            inWord = false
        }
    }
    return count
}

/// The byte loop of `wordCount` counts as the scalar loop it replaced: every scalar, in runs of neighbours and
/// between ASCII words, digits and spaces.
@Test func wordCountEqualsTheScalarLoop() {
    var run = String.UnicodeScalarView()
    var differing: [String] = []
    for v in UInt32(0)...0x10FFFF {
        guard let s = Unicode.Scalar(v) else { continue }
        run.append(s)
        if v % 3 == 0 { run.append(" ") } else if v % 5 == 0 { run.append("a") }
        if run.count >= 64 || v == 0x10FFFF {
            let text = "word_1 " + String(run) + " é日本語x"
            if TextNormalizer.wordCount(text) != wordCountByScalars(text) { differing.append(text) }
            run = String.UnicodeScalarView()
        }
    }
    #expect(differing.isEmpty, "\(differing.prefix(3))")
}

/// `wordCount` reads eight ASCII bytes at a time: every ASCII byte in every lane, beside word and non-word neighbours
/// (the bytes at each end of the word ranges: slash, 0, 9, colon, @, A, Z, [, ^, _, backquote, a, z, {, DEL) and beside
/// non-ASCII text, counts as the scalar loop.
@Test func wordCountByWordsEqualsTheScalarLoop() {
    var differing: [String] = []
    for b in UInt8(0)..<0x80 {
        let c = String(UnicodeScalar(b))
        for lane in 0..<17 {
            for fill in ["a", " ", "_", "é", "日"] {
                let text = String(repeating: fill, count: lane) + c + String(repeating: "x", count: 16 - min(lane, 16)) + " " + c + c
                if TextNormalizer.wordCount(text) != wordCountByScalars(text) { differing.append(text) }
            }
        }
    }
    let pieces = ["/", "0", "9", ":", "@", "A", "Z", "[", "^", "_", "`", "a", "z", "{", "\u{7F}", " ", "\n", "word", "12",
                  "é", "日本", "\u{2014}", "\u{301}", "ab cd ef gh"]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &rng) { text += pieces.randomElement(using: &rng)! }
        if TextNormalizer.wordCount(text) != wordCountByScalars(text) { differing.append(text) }
    }
    #expect(differing.isEmpty, "\(differing.prefix(3))")
}

/// Every ASCII byte: digits, letters and `_` make a word, nothing else does (the word count's bit masks).
@Test func asciiWordCharacters() {
    for b in UInt8(0)..<128 {
        let isWord = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        let s = String(UnicodeScalar(b))
        #expect(TextNormalizer.wordCount("x " + s + " y") == (isWord ? 3 : 2), "byte \(b)")
        #expect(TextNormalizer.wordCount("x" + s + "y") == (isWord ? 1 : 2), "byte \(b) inside a word")
    }
}

/// The collapse loop copies runs of printable ASCII in an inner loop; its bytes must be those of the byte-at-a-time
/// loop it replaced for any input: spaces and controls between and around runs, multi-byte letters, spaces and
/// invisible characters beside them, bad bytes.
@Test func collapseWritesWhatTheByteLoopWrites() {
    func byteLoop(_ u: [UInt8]) -> String {
        var o: [UInt8] = []
        var pendingSpace = false
        var i = 0
        while i < u.count {
            let c = u[i]
            if c < 0x80 {
                i += 1
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C { pendingSpace = true; continue }
                if c < 0x20 || c == 0x7F { continue }
                if pendingSpace && !o.isEmpty { o.append(0x20) }
                pendingSpace = false
                o.append(c)
                continue
            }
            let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            guard i + len <= u.count else { break }
            var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len { v = v << 6 | UInt32(u[i + k] & 0x3F) }
            let start = i
            i += len
            if TextNormalizer.isInvisibleValue(v) || (v >= 0x80 && v < 0xA0 && v != 0x85) { continue }
            if TextNormalizer.isSpaceValue(v) { pendingSpace = true; continue }
            if pendingSpace && !o.isEmpty { o.append(0x20) }
            pendingSpace = false
            o.append(contentsOf: u[start..<i])
        }
        // NFC always (it changes nothing where the loop skips it); bad bytes repaired as the result's are.
        return String(decoding: o, as: UTF8.self).precomposedStringWithCanonicalMapping
    }
    let pieces: [[UInt8]] = [[0x61], [0x62, 0x63, 0x64], [0x20], [0x0A], [0x09, 0x20], [0x0B], [0x01], [0x7F], [0x21], [0x7E],
                             Array("é".utf8), Array("\u{00A0}".utf8), Array("\u{200B}".utf8), Array("\u{2019}".utf8),
                             Array("日本".utf8), Array("\u{0085}".utf8), Array("\u{0080}".utf8), [0xE6], [0x80], [0xFF],
                             Array("ordinary".utf8), Array("a few words".utf8), Array("\n          ".utf8),
                             Array("         ".utf8), Array(" x y z ".utf8)]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
        var s: [UInt8] = []
        for _ in 0..<Int.random(in: 0...14, using: &rng) { s += pieces.randomElement(using: &rng)! }
        #expect(Array(TextNormalizer.normalize(utf8: s).unicodeScalars) == Array(byteLoop(s).unicodeScalars), "\(s)")
    }
}

/// `Trimming.trim` gives Foundation's `trimmingCharacters(in:)` where an end is not ASCII: every scalar of the Basic
/// Multilingual Plane at both ends, alone, doubled, behind ASCII spaces and around a word, for the whitespace sets and
/// the ad labels' non-letters; scalars beyond it (emoji) at an end, which go through Foundation.
@Test func trimmingIsFoundationsAtNonASCIIEnds() {
    let sets: [(ascii: (UInt8) -> Bool, set: CharacterSet)] = [
        (Trimming.isASCIIWhitespaceOrNewline, .whitespacesAndNewlines), (Trimming.isASCIISpaceOrTab, .whitespaces),
        (FlatTree.isASCIINonLetter, CharacterSet.letters.inverted),
    ]
    var mismatches: [String] = []
    for v: UInt32 in 0x80...0xFFFF {
        guard let c = Unicode.Scalar(v) else { continue }
        let s = String(Character(c))
        for (ascii, set) in sets {
            for text in [s, s + s, " \t" + s, s + " x\u{2026}" + s, "x" + s + " ", "\u{3000}" + s + "\u{A0}"] {
                if Trimming.trim(text, ascii: ascii, set) != text.trimmingCharacters(in: set) {
                    mismatches.append("U+\(String(v, radix: 16)) in \(text.debugDescription)")
                }
            }
        }
    }
    for text in ["\u{1F600} x \u{1F600}", " \u{1F600}", "\u{1F600}\u{2003}", "\u{2003}\u{1F600}\u{2003}", "\u{2003}x\u{2003}",
                 "\u{85}\u{2028}\u{2029}\u{A0}", "\u{2026}", " \u{301}", "\u{301} "] {
        for (ascii, set) in sets where Trimming.trim(text, ascii: ascii, set) != text.trimmingCharacters(in: set) {
            mismatches.append(text.debugDescription)
        }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
}
