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
        Row(name: "Latin-1 capitals lowered", text: "ÄHNLICHE BEITRÄGE:", reading: .announces),
        Row(name: "Latin-1 phrase after blanks", text: " \n À lire  aussi ", reading: .announces),
        Row(name: "Latin-1 phrase with a word after", text: "Ähnliche Artikel für dich", reading: .other),
        Row(name: "name with accents", text: "Aoife Ní Bhriain", reading: .other),
        Row(name: "multiplication sign is no capital", text: "related ×", reading: .other),
        Row(name: "decomposed accent", text: "A\u{308}hnliche Artikel", reading: .announces),
        Row(name: "Latin-1 heading-only phrase in capitals", text: "LEER MÁS", reading: .headingOnly),
        Row(name: "trailing ellipsis", text: "Read next…", reading: .announces),
        Row(name: "ellipsis and marks", text: "You may also like …?", reading: .announces),
        Row(name: "curly apostrophe", text: "Mateo’s Curious Telescope", reading: .other),
        Row(name: "em dash", text: "More from — the archive", reading: .announces),
        Row(name: "Japanese phrase", text: "関連記事", reading: .announces),
        Row(name: "Japanese suffix", text: "山田さんのおすすめ記事", reading: .announces),
        Row(name: "Japanese title", text: "東京の小さな喫茶店で考えたこと（その18）", reading: .other),
        Row(name: "voiced kana by a combining mark", text: "か\u{3099}", reading: .other),
        Row(name: "Korean suffix", text: "'국내 여행' 카테고리의 다른 글", reading: .announces),
        Row(name: "Kelvin sign lowers to k", text: "\u{212A}eep reading", reading: .announces),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedAnswer(_ row: Row) {
        #expect(RelatedHeading.of(row.text) == row.reading)
        #expect(RelatedHeading.ofCharacters(row.text) == row.reading)
        let announces = RelatedFinder.announces(RelatedFinder.normalizedHeading(row.text))
        #expect(RelatedHeading.announces(row.text) == announces)
    }

    /// The byte reading holds only while every phrase, heading-only phrase and suffix is in NFC (a text read by bytes
    /// is, and two NFC strings are equal only with the same bytes) and lowercase, and every prefix is ASCII.
    @Test func tablesHoldForTheByteReading() {
        for p in RelatedFinder.headingPhrases + RelatedFinder.headingOnlyPhrases + RelatedFinder.headingSuffixes {
            #expect(Array(p.precomposedStringWithCanonicalMapping.utf8) == Array(p.utf8), "\(p)")
            #expect(p.lowercased() == p, "\(p)")
        }
        for p in RelatedFinder.headingPrefixes { #expect(p.utf8.allSatisfy { $0 < 0x80 }, "\(p)") }
        for s in RelatedFinder.headingSuffixes { #expect(s.utf8.last.map { $0 >= 0x80 } == true, "\(s)") }
    }

    /// Bytes that are no simple text (a cut or invalid sequence, another letter) are left to the `String` reading.
    @Test func otherBytesAreNotReadByBytes() {
        for bytes: [UInt8] in [[0x72, 0xC3], [0xC3, 0x41], [0xC2, 0xA0, 0x72], [0xC4, 0x80], [0xE2, 0x86, 0x92], [0x80],
                               [0xE2, 0x80], [0xE2, 0x80, 0x41], [0xE2, 0x80, 0xA8], [0xE3, 0x82, 0x99], [0xEF, 0xBC, 0xA1]] {
            #expect(bytes.withUnsafeBufferPointer { RelatedHeading.of(bytes: $0) } == nil, "\(bytes)")
        }
        #expect([0x72, 0xC3, 0xA9].withUnsafeBufferPointer { RelatedHeading.of(bytes: $0) } == .other)
    }

    /// Random texts of phrase words, blanks, controls and marks, ASCII and not: the readings agree.
    @Test func readingsAgreeOnRandomTexts() {
        let pieces = ["related", "Related", "POSTS", "posts", "read", "more", "More", "from", "next", "also", " ", "  ", "\n",
                      "\t", "\r\n", "\u{0B}", "\u{01}", "\u{7F}", ":", ".", "!", "?", "…", "→", "é", "e\u{301}", "\u{00A0}",
                      "\u{200B}", "by", "you", "may", "like", "see", "Kelvin\u{212A}", "Ä", "À lire", "aussi", "ähnliche", "ARTIKEL",
                      "©", "ß", "×", "Ý", "ÿ", "\u{85}", "\u{AD}", "»", "\u{C3}", "’", "—", "…", "関連", "記事", "おすすめ",
                      "のおすすめ記事", "\u{3099}", "（", "\u{2028}", "\u{2010}", "\u{2027}", "\u{2029}", "。"]
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
