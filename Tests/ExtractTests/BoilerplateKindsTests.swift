import Testing
@testable import Extract

@Suite struct BoilerplateKindsTests {
    /// The marker's name sets before they became kinds.
    static let tagLineNames: Set<String> = ["ul", "ol", "p", "div", "header", "h2", "h3", "h4", "h5", "h6"]
    static let contentsNames: Set<String> = ["ul", "ol", "div", "section"]
    static let adLabelNames: Set<String> = ["p", "div", "section", "h2", "h3", "h4", "h5", "h6"]

    /// Every listed name and some unlisted ones: each kind's mask answers as the name set did.
    @Test func masksAnswerAsTheNameSetsDid() {
        let names = Set(Tag.byName.keys).union(FlatTree.junk).union(["h1", "td", "footer", "nav", "custom-el", "H2", "DIV", ""])
        for name in names.sorted() {
            let tag = Tag.of(name)
            #expect(BoilerplateMarker.tagLineTags.contains(tag) == Self.tagLineNames.contains(name), "\(name)")
            #expect(BoilerplateMarker.contentsTags.contains(tag) == Self.contentsNames.contains(name), "\(name)")
            #expect(BoilerplateMarker.adLabelTags.contains(tag) == Self.adLabelNames.contains(name), "\(name)")
            #expect((tag == .td) == (name == "td"), "\(name)")
            #expect((tag == .heading1) == (name == "h1"), "\(name)")
            #expect(ElementKind(name).isJunk == FlatTree.junk.contains(name), "\(name)")
        }
    }

    /// The class hints as one needle set, and "more than one character" without counting them.
    @Test func hintsAnswerAsTheWordListsDid() {
        let classes = [" ", "  ", " x", "x ", " \u{301}", "\u{301} ", "share-buttons ", "entry-content sharedaddy", "post-nav ",
                       "jp-relatedposts ", "related-content ", "author-box main", "sponsor entry", "comments-area comments",
                       "pagination nav", "article-body social", "wp-block-group ", "é ", "Share ", "newsletter-signup ",
                       "promotion-banner x", "advertisement ", "subscribe-box entry-footer"]
        for cs in classes {
            let found = BoilerplateMarker.hintLists.mask(cs)
            #expect((found & 0b1 != 0 && found & 0b10 == 0)
                    == (ByteSearch.containsAny(cs, BoilerplateMarker.hints) && !ByteSearch.containsAny(cs, ["content", "article-body", "entry"])),
                    "\(cs)")
            #expect(!cs.dropFirst().isEmpty == (cs.count > 1), "\(cs)")
        }
    }
}
