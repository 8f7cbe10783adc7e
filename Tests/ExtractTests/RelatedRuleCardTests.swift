import Testing
import Foundation
@testable import Extract

/// A rule's related card takes what the rule does not find (here the picture and the summary) from the card's own
/// reading, which exists only when that reading finds a title: a heading with text, a title-classed element, or a
/// link's text.
@Test(arguments: [
    ("a heading with text", #"<h4><a class="t" href="/2024/01/02/b/">Bee</a></h4><img src="/b.jpg"><p class="excerpt">About bees.</p>"#,
     RelatedLink(title: "Bee", url: "https://x.example/2024/01/02/b/", summary: "About bees.", image: "https://x.example/b.jpg")),
    ("an empty heading, a title-classed element", #"<h4> </h4><span class="title"><a class="t" href="/2024/01/02/b/">Bee</a></span><img src="/b.jpg">"#,
     RelatedLink(title: "Bee", url: "https://x.example/2024/01/02/b/", summary: nil, image: "https://x.example/b.jpg")),
    ("the link's text alone", #"<div><a class="t" href="/2024/01/02/b/">Bee</a></div><img src="/b.jpg">"#,
     RelatedLink(title: "Bee", url: "https://x.example/2024/01/02/b/", summary: nil, image: "https://x.example/b.jpg")),
    ("no title of its own: no picture", #"<i class="t2">Bee</i><a class="t" href="/2024/01/02/b/"><img src="/b.jpg"></a>"#,
     RelatedLink(title: "Bee", url: "https://x.example/2024/01/02/b/", summary: nil, image: nil)),
] as [(String, String, RelatedLink)])
func ruleCardTakesTheRestFromItsOwnReading(_ name: String, _ card: String, _ expected: RelatedLink) throws {
    let json = #"{"sites":[{"name":"s","match":{"hosts":["x.example"]},"related":{"container":"div.rel","item":"div.card","#
        + #""title":".t2, .t","url":"a.t"}}]}"#
    let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
    let lorem = String(repeating: "The water was cold and the boat came up easily in the morning light. ", count: 8)
    let html = "<html><body><article><h1>Post</h1><p>\(lorem)</p><div class=\"rel\"><div class=\"card\">\(card)</div></div>"
        + "</article></body></html>"
    let input = ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/2024/01/01/a/",
                                fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
    let related = try Extractor(rules: rules).record(input).related
    #expect(related == [expected], "\(name)")
}

/// The related cards' dedupe key reads a URL's part before its query by bytes: the same as `split` and `contains` by
/// `Character`, including a leading "?", an empty URL, and non-ASCII URLs (a "?" with a combining mark is no "?").
@Test func beforeQueryAndHasQueryAnswerAsCharacters() {
    for url in ["https://x.example/a/?p=1", "https://x.example/a/", "?p=1", "?", "", "??", "a?b?c", "??a?b", "?a?b", "a??b", "a?", "/é?x", "/a?\u{301}b",
                "?\u{301}", "https://x.example/日本?q", "https://x.example/a/#x?y"] {
        #expect(RelatedFinder.beforeQuery(url) == (url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url), "\(url)")
        #expect(RelatedFinder.hasQuery(url) == url.contains("?"), "\(url)")
    }
}
