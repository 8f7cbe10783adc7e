import Testing
@testable import Extract
import HTML

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

/// The marker reads an element's hiding and its class and id from the page's element facts: the same answers as
/// `FlatTree.isHidden` and `ClassHints.classAndID` read from the node, for every element of a page of unusual
/// attributes (upper case, non-ASCII, a final sigma, a dotted I, combining marks at the joint, entities, empty and
/// valueless attributes, hiding styles, `aria-hidden`, roles), and for elements the facts never recorded.
@Test func tableClassAndIDIsClassHints() throws {
    let html = """
    <html><head><meta name="x" content="y"><script class="S">1</script></head><body class="Home Page" id="Top">
    <div class="ΣΟΦΙΑ ΌΣ" id="İd"><p class="" id>a</p><p class id="\u{301}">b</p><p class="\u{301}" id="">c</p>
    <section class="a&amp;b &#x130;" id="X&lt;Y">d</section><div hidden class="h">e</div><div style="DISPLAY: none">f</div>
    <div aria-hidden="true" class="fallback-image">g</div><div aria-hidden="TRUE">h</div><div role="navigation" class="R">i</div>
    <span style="visibility:hidden" itemprop="articleBody">j</span><div id="articleBody" style="display:none">k</div>
    <svg class="Icon"><title class="T">t</title></svg><noscript class="N"><p class="Q">n</p></noscript>
    <template class="tp"><p class="in">z</p></template><ul class="ＷＩＤＥ"><li class="ß ﬁ">l</li></ul></div></body></html>
    """
    let doc = try HTMLDocument(bytes: Array(html.utf8), contentType: nil)
    let m = PageMetadata.collect(doc)
    var seen = 0
    doc.root!.walk { n in
        guard n.isElement else { return true }
        seen += 1
        #expect(m.elements.joinedClassAndID(n) == ClassHints.classAndID(n), "\(n.name)")
        #expect(m.elements.isHidden(n) == FlatTree.isHidden(n), "\(n.name)")
        return true
    }
    #expect(seen > 20)
}
