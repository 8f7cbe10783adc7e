import Foundation
import Testing
@testable import Extract

@Suite struct TrimmingTests {
    /// The three sets `Trimming.trim` is used with, and their ASCII predicates.
    static let sets: [(String, @Sendable (UInt8) -> Bool, CharacterSet)] = [
        ("whitespaces and newlines", Trimming.isASCIIWhitespaceOrNewline, .whitespacesAndNewlines),
        ("whitespaces", Trimming.isASCIISpaceOrTab, .whitespaces),
        ("non-letters", FlatTree.isASCIINonLetter, CharacterSet.letters.inverted),
    ]

    /// Every scalar at both ends, for each set: Foundation's answer.
    @Test func trimsAsFoundationForEveryScalar() {
        var differing: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let x = Unicode.Scalar(v) else { continue }
            let s = String(x) + " ab " + String(x)
            for (name, ascii, set) in Self.sets where Trimming.trim(s, ascii: ascii, set) != s.trimmingCharacters(in: set) {
                differing.append("\(name) U+\(String(v, radix: 16))")
            }
        }
        #expect(differing.isEmpty, "\(differing.count): \(differing.prefix(5))")
    }

    static let rows: [(String, String)] = [
        ("combining mark after a trimmed space", " \u{301}abc"),
        ("combining mark before a trailing space", "abc \u{301}"),
        ("ellipsis last", "Read more…"),
        ("ellipsis first, space last", "…abc "),
        ("no-break spaces", "\u{A0}abc\u{A0}"),
        ("no-break space then a mark", "abc\u{A0}\u{301}"),
        ("zero-width space", " \u{200B}abc"),
        ("accent then space", "e\u{301} "),
        ("emoji", "\u{1F600} x \u{1F600}"),
        ("ideographic spaces", "\u{3000}日本\u{3000}"),
        ("only Unicode spaces", "\u{A0}\u{2003}\u{3000}"),
        ("CRLF around", "\r\n abc \r\n"),
        ("quotes", "«Zoë Ångström»"),
        ("empty", ""),
        ("astral letter ends", "\u{1D400}x\u{1D400}"),
        ("emoji inside, ellipses at the ends", "… a 😀 b …"),
        ("U+FFFF and U+FFFE", "\u{FFFF}\u{FFFE} a \u{FFFE}"),
    ]

    @Test(arguments: rows.indices) func trimsAsFoundation(_ i: Int) {
        let (name, s) = Self.rows[i]
        for (set, ascii, cs) in Self.sets {
            #expect(Trimming.trim(s, ascii: ascii, cs) == s.trimmingCharacters(in: cs), "\(name), \(set)")
        }
    }
}
