import Foundation
import Testing
@testable import Extract

/// Readings of ASCII text by bytes (FINDINGS 99) against the Character readings they stand for: named rows, then
/// texts of many pieces (CR LF, a space before a combining mark, precomposed and decomposed letters, separators)
/// joined in every order a fixed generator gives.
@Suite struct ASCIIReadingTests {
    /// Pieces the generated texts are made of: each is a case some reading could get wrong.
    static let pieces = ["http://", "https://", "/", "//", "\r\n", "\r", "\n", " ", "  ", "a", "B", "Z", "0", "9", "-", "_",
                         ",", ".", ":", "|", "en", "US", "p-author", "u-author", "author", "vcard", "h-card", "e\u{301}",
                         "\u{E9}", " \u{301}", "\u{301}", "\u{212A}", "\u{37E}", "\u{2013}", "\u{B7}", "\u{600}/", "日本"]

    /// `count` texts of up to `most` pieces each, the same ones on every run (a linear congruential generator).
    static func texts(_ count: Int, most: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in (0..<next(most + 1)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    static let urls = ["https://example.com/a/", "http://example.com/a//", "https://example.com", "example.com/a/",
                       "https://", "http://", "/", "///", "", "https://x/\r\n/", "http://x/é/", "https://x/e\u{301}/",
                       "HTTPS://x/", "https:/x/", "http://x/\u{301}", "http://x/\u{600}/"]

    @Test func comparableIsTheCharacterReading() {
        for u in Self.urls + Self.texts(4_000, most: 6, seed: 1) {
            #expect(DateFinder.comparable(u) == DateFinder.characterComparable(u), "\(u.debugDescription)")
            #expect(String(DateFinder.comparable(u)).utf8.elementsEqual(DateFinder.characterComparable(u).utf8),
                    "\(u.debugDescription)")
        }
    }

    static let languages = ["en", "en-US", "EN-us", "de, en", "pt-br,pt", "1en", "-en", "en us", "en\r\n", "", ",en",
                            String(repeating: "a", count: 35), String(repeating: "a", count: 36), "fr-\u{E9}", "e\u{301}n",
                            "\u{212A}o", "zh-hant", "en-", "x-klingon"]

    @Test func languageTagIsTheCharacterReading() {
        for t in Self.languages + Self.texts(4_000, most: 5, seed: 2) {
            #expect(PageExtraction.languageTag(t).map { Array($0.utf8) } == PageExtraction.characterLanguageTag(t).map { Array($0.utf8) },
                    "\(t.debugDescription)")
        }
    }

    static let classes = ["author vcard", "vcard author", "p-author h-card", "u-author", "entry-author", "author",
                          "author  vcard", " author vcard ", "author\tvcard", "author \u{301}vcard", "p-author\r\n",
                          "author vcard\u{E9}", "", "vcard", "authors vcard", "h-card p-author"]

    @Test func microformatAuthorIsTheCharacterReading() {
        for c in Self.classes + Self.texts(6_000, most: 6, seed: 3) {
            #expect(AuthorFinder.isMicroformatAuthor(c) == AuthorFinder.characterMicroformatAuthor(c), "\(c.debugDescription)")
        }
    }

    @Test func titleWordCountIsTheCharacterReading() {
        for t in ["", " ", "a", " a  b ", "a\r\n b", "Broad beans in the rain", "e\u{301} \u{301}x y"] + Self.texts(4_000, most: 8, seed: 6) {
            #expect(TitleFinder.wordCount(t) == TitleFinder.characterWordCount(t), "\(t.debugDescription)")
        }
    }

    /// No separator but ASCII ones can equal ASCII text as Characters: their canonical decompositions hold no ASCII
    /// scalar (`cutSiteName` skips the comparisons for an ASCII title and name that meet at neither end).
    @Test func siteSeparatorsAreNotASCIIEquivalents() {
        for sep in TitleFinder.siteSeparators where !sep.unicodeScalars.allSatisfy(\.isASCII) {
            #expect(sep.decomposedStringWithCanonicalMapping.unicodeScalars.allSatisfy { !$0.isASCII }, "\(sep)")
            #expect(sep.unicodeScalars.allSatisfy { !$0.isASCII }, "\(sep)")
        }
    }

    /// `cutSiteName` before the ASCII test, as a reference.
    static func cutSiteNameByComparisons(_ title: String, siteName: String?) -> String {
        guard let site = siteName?.fastLowercased, !site.isEmpty, title.count > site.count + 3 else { return title }
        let lower = title.fastLowercased
        for sep in TitleFinder.siteSeparators {
            let suffix = " \(sep) \(site)"
            if lower.hasSuffix(suffix) { return String(title.dropLast(suffix.count)).trimmedWhitespace }
        }
        for sep in TitleFinder.siteSeparators {
            let prefix = "\(site) \(sep) "
            if lower.hasPrefix(prefix) { return String(title.dropFirst(prefix.count)).trimmedWhitespace }
        }
        return title
    }

    @Test func cutSiteNameIsTheComparisons() {
        let names = ["Plot 14", "plot 14", "Zo\u{EB}", "Site", "a", "Site\r"]
        var titles = ["Broad beans – Plot 14", "Plot 14 | Broad beans", "Broad beans - plot 14", "Broad beans -- Plot 14",
                      "Broad beans ; Plot 14", "Broad beans \u{37E} Plot 14", "Broad beans · Zoë", "Site - Site - Site",
                      "Broad beans \r - Site", "Post – Site\r", "Post - Site\r\n"]
        titles += Self.texts(3_000, most: 6, seed: 4).flatMap { t in names.map { t + " - " + $0 } + [t] }
        for t in titles {
            for n in names + [nil] {
                #expect(Array(TitleFinder.cutSiteName(t, siteName: n).utf8) == Array(Self.cutSiteNameByComparisons(t, siteName: n).utf8),
                        "\(t.debugDescription) \(String(describing: n))")
            }
        }
    }

    /// What `Rules.isPlaceholderSummary` counts on to answer long summaries before normalizing them: NFC composes no
    /// ASCII scalar into the one before it, so each printable ASCII character stays a scalar of the normalized text.
    @Test func noCanonicalDecompositionHasASCIIAfterItsFirst() {
        var found: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let d = String(Character(c)).decomposedStringWithCanonicalMapping.unicodeScalars
            if d.dropFirst().contains(where: \.isASCII) { found.append("U+\(String(v, radix: 16))") }
        }
        #expect(found.isEmpty, "\(found.prefix(5))")
    }

    @Test func placeholderSummaryIsTheNormalizedComparison() throws {
        let rules = try Rules.parse(Array(#"{"version": 1, "placeholder_summaries": ["No summary available.", "Read more", "E\u0301te\u0301"], "sites": []}"#.utf8), file: "test")
        let keys = Set(rules.placeholderSummaries.map(Rules.placeholderKey))
        let texts = ["No summary available.", "  no   SUMMARY available. ", "No summary available", "Read more", "READ\u{A0}MORE",
                     "Read\u{200B} more", "Read more…", "\u{C9}t\u{E9}", "e\u{301}te\u{301}", "E\u{301}TE\u{301}",
                     "To be fair, a borrowed sketchbook waits for the value of boring tools before breakfast.",
                     "Read more Read more Read more Read more", "R\u{301}e\u{301}a\u{301}d\u{301} more", ""]
        for t in texts + Self.texts(3_000, most: 8, seed: 5) {
            #expect(rules.isPlaceholderSummary(t) == keys.contains(Rules.placeholderKey(t)), "\(t.debugDescription)")
        }
    }
}
