import Foundation
import Testing
@testable import Extract

/// `RelatedHeading` reads ASCII texts by bytes and others through `RelatedFinder`'s `String` functions: both readings
/// must give the answer each row expects, and agree on any text.
@Suite struct RelatedHeadingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, text: String, reading: RelatedHeading
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "phrase", text: "Related posts", reading: .announces),
        Row(name: "capitals and a colon", text: "RELATED POSTS:", reading: .announces),
        Row(name: "blanks around and inside", text: "\n\t  Related \r\n  posts \n", reading: .announces),
        Row(name: "every trailing mark", text: "Read next ?!. :", reading: .announces),
        Row(name: "vertical tab and form feed are blanks", text: "related\u{0B}\u{0C}posts", reading: .announces),
        Row(name: "control between words dropped", text: "related\u{01}posts", reading: .other),
        Row(name: "control after a blank dropped", text: "related \u{7F}posts", reading: .announces),
        Row(name: "prefix", text: "More from The Verge", reading: .announces),
        Row(name: "prefix needs its space", text: "More fromage", reading: .other),
        Row(name: "prefix alone is no phrase", text: "More by", reading: .other),
        Row(name: "heading-only phrase", text: "Read More", reading: .headingOnly),
        Row(name: "heading-only phrase with an ellipsis", text: "read more...", reading: .headingOnly),
        Row(name: "heading-only phrase, non-ASCII", text: "Leer más", reading: .headingOnly),
        Row(name: "phrase with a word after", text: "Related posts here", reading: .other),
        Row(name: "first letter filtered out", text: "Highlights", reading: .other),
        Row(name: "blanks only", text: " \n ", reading: .other),
        Row(name: "empty", text: "", reading: .other),
        Row(name: "marks only", text: "...", reading: .other),
        Row(name: "non-ASCII phrase", text: "Ähnliche Artikel", reading: .announces),
        Row(name: "non-ASCII trailing arrow", text: "Read next →", reading: .announces),
        Row(name: "suffix", text: "'국내 여행' 카테고리의 다른 글", reading: .announces),
        Row(name: "copyright line", text: "© 2024 Bridges & Caches.", reading: .other),
        Row(name: "Kelvin sign lowers to k", text: "\u{212A}eep reading", reading: .announces),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedAnswer(_ row: Row) {
        #expect(RelatedHeading.of(row.text) == row.reading)
        #expect(RelatedHeading.ofCharacters(row.text) == row.reading)
        let announces = RelatedFinder.announces(RelatedFinder.normalizedHeading(row.text))
        #expect(RelatedHeading.announces(row.text) == announces)
    }

    /// The byte reading holds only while every phrase, heading-only phrase and prefix that is not ASCII stays so in
    /// its canonical form (a Kelvin sign in one would equal an ASCII "k"), and every prefix is ASCII.
    @Test func asciiTablesCoverEveryPhrase() {
        for p in RelatedFinder.headingPhrases + RelatedFinder.headingOnlyPhrases where p.utf8.contains(where: { $0 >= 0x80 }) {
            #expect(p.precomposedStringWithCanonicalMapping.utf8.contains(where: { $0 >= 0x80 }), "\(p)")
            #expect(p.decomposedStringWithCanonicalMapping.utf8.contains(where: { $0 >= 0x80 }), "\(p)")
        }
        for p in RelatedFinder.headingPrefixes { #expect(p.utf8.allSatisfy { $0 < 0x80 }, "\(p)") }
        for s in RelatedFinder.headingSuffixes { #expect(s.utf8.last.map { $0 >= 0x80 } == true, "\(s)") }
    }

    /// Random texts of phrase words, blanks, controls and marks, ASCII and not: the readings agree.
    @Test func readingsAgreeOnRandomTexts() {
        let pieces = ["related", "Related", "POSTS", "posts", "read", "more", "More", "from", "next", "also", " ", "  ", "\n",
                      "\t", "\r\n", "\u{0B}", "\u{01}", "\u{7F}", ":", ".", "!", "?", "…", "→", "é", "e\u{301}", "\u{00A0}",
                      "\u{200B}", "by", "you", "may", "like", "see", "Kelvin\u{212A}", "Ä"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { text += pieces.randomElement(using: &rng)! }
            #expect(RelatedHeading.of(text) == RelatedHeading.ofCharacters(text), "\(text.debugDescription)")
            #expect(RelatedHeading.announces(text) == RelatedFinder.announces(RelatedFinder.normalizedHeading(text)),
                    "\(text.debugDescription)")
        }
    }
}
