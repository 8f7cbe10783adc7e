import HTML
import Testing
@testable import Extract

/// `LinkFinder.mayBeNextText` reads an anchor's text in place to skip it before it is normalized: it must never turn
/// away a text whose normalized, lowercased form is one of `nextTexts` (the check `nextPages` makes after it).
@Test func nextTextFilterKeepsEveryNextText() throws {
    var texts: [String] = []
    for t in LinkFinder.nextTexts {
        texts += [t, t.uppercased(), " \n  \(t)\t ", "\u{200B}\(t)\u{AD}", "\u{A0}\(t)\u{3000}",
                  t.replacingOccurrences(of: " ", with: "  \n "), t.decomposedStringWithCanonicalMapping,
                  t.replacingOccurrences(of: "e", with: "e\u{200D}"), "<b>\(t.prefix(2))</b>\(t.dropFirst(2))",
                  t + "s", "x" + t, t + "!", t + "2"]
    }
    texts += ["Poetry", "Home", "About", "9 lessons from a careful letter", "NA\u{308}CHSTE SEITE", "Next\u{301}", "older posts 2",
              "", " ", "Older posts and entries", "→\u{338}", "ne\u{0}xt"]
    let html = texts.enumerated().map { "<a href=\"/n\($0.offset)\">\($0.element)</a>" }.joined()
    let doc = try HTMLDocument(bytes: Array("<html><body>\(html)</body></html>".utf8), contentType: nil)
    let anchors = try doc.select(css: "a")
    #expect(anchors.count == texts.count)
    var matched = 0
    var skipped: [String] = []
    for a in anchors {
        let isNext = LinkFinder.nextTexts.contains(TextNormalizer.normalize(a.textContent).fastLowercased)
        let may = LinkFinder.mayBeNextText(a)
        if isNext { matched += 1; #expect(may, "\(a.textContent.unicodeScalars.map { String($0.value, radix: 16) })") }
        if !may { skipped.append(a.textContent) }
    }
    // The variants that normalize to a next text are found; titles, tags and longer texts are read no further.
    #expect(matched >= LinkFinder.nextTexts.count * 8)
    for t in ["Poetry", "About", "9 lessons from a careful letter", "Older posts and entries"] { #expect(skipped.contains(t), "\(t)") }
}

/// `LinkFinder.namesNextPage` reads `rel` and `class` as bytes: it must agree with the lowercased strings' tests it
/// replaced (a `rel` token "next"; a class with "next" and "page" or "nav", without "post").
@Test func nextPageAttributesAsStrings() throws {
    let values = ["next", "NEXT", "Next prev", "prev next", " next ", "nofollow\tnext", "nextpage", "next\u{A0}", "nex",
                  "", "page-next", "pagination-next", "nav-next", "post-nav next", "PAGE-NEXT", "Nav Next Post", "\u{130}next",
                  "ne\u{212A}t page", "n\u{E9}xt page", "wp-block-query-pagination-next", "next-post-link", "nav", "x"]
    var html = ""
    for (i, v) in values.enumerated() {
        html += "<a href=\"/r\(i)\" rel=\"\(v)\">r</a><a href=\"/c\(i)\" class=\"\(v)\">c</a><a href=\"/b\(i)\" rel=\"\(v)\" class=\"\(v)\">b</a>"
    }
    let doc = try HTMLDocument(bytes: Array("<html><body>\(html)</body></html>".utf8), contentType: nil)
    var named = 0
    for a in try doc.select(css: "a") {
        let rel = a.attribute("rel").map { $0.fastLowercased.split(separator: " ").contains("next") } ?? false
        let cls = a.attribute("class").map { c in
            let l = c.fastLowercased
            return ByteSearch.contains(l, "next") && (ByteSearch.contains(l, "page") || ByteSearch.contains(l, "nav"))
                && !ByteSearch.contains(l, "post")
        } ?? false
        #expect(LinkFinder.namesNextPage(a) == (rel || cls), "rel \(a.attribute("rel") ?? "-") class \(a.attribute("class") ?? "-")")
        if rel || cls { named += 1 }
    }
    #expect(named > 10)
}
