import Testing
@testable import Extract

@Suite struct NeedleSetTests {
    /// `mask` must set exactly the bits of the lists that have a needle in the haystack, like one search per needle.
    @Test func maskMatchesOneSearchPerNeedle() {
        let lists = [["ab", "-ad-", "related"], ["a", "zz"], ["content", "cont"], [], ["日本", "b"]]
        let set = NeedleSet(lists: lists)
        let alphabet = Array("abcdnz-relatedcontent 日本".unicodeScalars)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let len = Int.random(in: 0...14, using: &rng)
            var h = ""
            for _ in 0..<len { h.unicodeScalars.append(alphabet.randomElement(using: &rng)!) }
            var want: UInt32 = 0
            for (k, list) in lists.enumerated() where list.contains(where: { ByteSearch.contains(h, $0) }) { want |= 1 << UInt32(k) }
            #expect(set.mask(h) == want, "\(h)")
        }
        #expect(NeedleSet(["x"]).matches("axb"))
        #expect(!NeedleSet(["x"]).matches(""))
    }

    /// The scorer and the date scan search class and id separately for what was searched in "class id": the same only
    /// while no needle holds a space (one that did could match across the joint).
    @Test func scorerNeedlesHoldNoSpace() {
        for list in [ClassHints.unlikely, ClassHints.maybeCandidate, ClassHints.positive, ClassHints.negative, ClassHints.byline,
                     RelatedFinder.classHints, DateFinder.dateHints, DateFinder.modifiedHints, DateFinder.skippedHints] {
            for n in list { #expect(!n.contains(" "), "\(n)") }
        }
        #expect(ClassHints.found(in: "post-content") == [.positive, .maybeCandidate])
        #expect(ClassHints.found(in: "sidebar widget") == [.unlikely, .negative])
        #expect(ClassHints.found(in: "") == [])
    }

    /// Short boilerplate by class and id, each reason by its own list; a share class that names the content is content.
    @Test(arguments: [
        ("sharedaddy sd-sharing", "share"), ("social-links", "share"), ("share-content", nil), ("article-share", nil),
        ("back-to-top", "control"), ("nav post-nav", "control"), ("d-none visible-print", "print"),
        ("author-bio vcard", "author box"), ("social author-box", "share"), ("post-nav author-box", "control"),
        ("paywall-prompt", "paywall"), ("paywall", nil), ("share paywall-modal", "share"), ("newsletter-signup", "newsletter"),
        ("entry-content", nil), (" ", nil), ("", nil),
    ] as [(String, String?)])
    func shortBoilerplateReasons(_ classAndID: String, _ reason: String?) {
        #expect(ClassHints.shortBoilerplate(classAndID) == reason)
    }

    /// Text escaping keeps three-byte characters starting E2/EF (quotes, dashes) and drops only the zero-width ones.
    @Test func escapedTextKeepsQuotesAndDropsZeroWidth() {
        #expect(HTMLEscape.text("it\u{2019}s\u{200B} \u{201C}x\u{201D} \u{2014} \u{FEFF}<&>\u{2060}\u{FF01}")
                == "it\u{2019}s \u{201C}x\u{201D} \u{2014} &lt;&amp;&gt;\u{FF01}")
    }
}

/// A related-posts heading loses its trailing marks exactly as a search of `": . … ! ? » › →"` by `Character` would:
/// a mark with a combining accent, or one a prepended Arabic sign joins, is a different character and stays.
@Test func headingTrailingMarksMatchCharacterSearch() {
    func byCharacter(_ s: String) -> String {
        var t = TextNormalizer.normalize(s).lowercased()
        while let last = t.last, ":.…!?»›→".contains(last) || last == " " { t.removeLast() }
        return t
    }
    let samples = ["Related Posts:", "More like this…", "Read next →", "You may also like ?!", "a.\u{301}", "x \u{2192}\u{301}",
                   "\u{0600}.", "Keep reading »", "関連記事：", "up next ›", "...", "", " : ", "see also.\u{200D}", "k\u{212A}."]
    for s in samples { #expect(RelatedFinder.normalizedHeading(s) == byCharacter(s), "\(s)") }
    #expect(RelatedFinder.normalizedHeading("Related Posts:") == "related posts")
}

/// The first-letter filter of related headings never drops a text that `normalizedHeading` turns into a heading
/// phrase or a phrase's beginning: leading whitespace, capitals, marks and the Kelvin sign (`k` once lowercased) kept.
@Test func headingFilterKeepsEveryPhrase() {
    for p in RelatedFinder.headingPhrases + RelatedFinder.headingPrefixes {
        for text in [p, p.uppercased(), "  \n" + p.capitalized + ":", "\u{200B}" + p, "\u{212A}eep reading"] {
            let h = RelatedFinder.normalizedHeading(text)
            let matches = RelatedFinder.headingPhraseSet.contains(h) || RelatedFinder.headingPrefixes.contains { h.hasPrefix($0) }
            if matches { #expect(RelatedFinder.mayStartHeading(text), "\(text)") }
        }
    }
    #expect(!RelatedFinder.mayStartHeading("Highlights"))
    #expect(!RelatedFinder.mayStartHeading("   "))
    #expect(RelatedFinder.mayStartHeading(" Related"))
}

/// A card's date links to a day or month archive, no other post: "/2024/11/", "/archive/2024/11/09"; a post's path
/// with a slug or a bare number, and a year alone, are not archives.
@Test func dateArchives() {
    for url in ["https://x.example/2024/11/", "https://x.example/2024/11/09", "https://x.hatenablog.com/archive/2024/11/09",
                "https://x.example/archives/2024/1/"] {
        #expect(RelatedFinder.isDateArchive(url), "\(url)")
    }
    for url in ["https://x.example/2024/11/09/slug/", "https://x.example/archives/2024", "https://x.example/48",
                "https://x.example/2024/13/", "https://x.example/2024/11/40", "https://x.example/entry/2024/11/09/181544",
                "https://x.example/20241/11/", "x.example/2024/11/"] {
        #expect(!RelatedFinder.isDateArchive(url), "\(url)")
    }
}
