import Testing
import Foundation
@testable import Extract
import HTML

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

/// The dedupe as it was, with a dictionary of first positions (FINDINGS 94 keeps it as the reference).
private func dedupeWithDictionary(_ cards: [RelatedLink], selfURLs: Set<String>) -> [RelatedLink] {
    var at: [String: Int] = [:]
    var out: [RelatedLink] = []
    for c in cards where !selfURLs.contains(c.url) {
        let sameTitle = c.title + "\u{0}" + RelatedFinder.beforeQuery(c.url)
        let queried = at[sameTitle].flatMap { RelatedFinder.hasQuery(out[$0].url) != RelatedFinder.hasQuery(c.url) ? $0 : nil }
        guard let i = at[c.url] ?? queried else {
            at[c.url] = out.count
            if at[sameTitle] == nil { at[sameTitle] = out.count }
            out.append(c); continue
        }
        if out[i].image == nil { out[i].image = c.image }
        if out[i].summary == nil { out[i].summary = c.summary }
    }
    return out
}

/// The related cards' dedupe looks its keys up in a list for a few cards and in a dictionary for many: the same
/// cards as the dictionary always gave, for lists of 0-40 random cards drawn from few URLs and titles (repeats, a
/// query on one copy, canonically equal titles "é"/"e\u{301}", the page's own URL, a key holding NUL).
@Test func dedupeIsTheDictionaryDedupe() throws {
    let doc = try HTMLDocument(bytes: Array("<html><body><p>x</p></body></html>".utf8), contentType: nil)
    let selfURLs: Set<String> = ["https://x.example/self/"]
    let finder = RelatedFinder(document: doc, body: nil, baseURL: "https://x.example/", selfURLs: selfURLs, rules: .empty,
                               candidates: [])
    let urls = ["https://x.example/a/", "https://x.example/a/?p=1", "https://x.example/b/", "https://x.example/b/?c=2",
                "https://x.example/self/", "?", "", "https://x.example/\u{301}?q", "Caf\u{e9}\u{0}https://x.example/a/"]
    let titles = ["Caf\u{e9}", "Cafe\u{301}", "Bee", "", "Caf\u{e9}\u{0}https://x.example/a/"]
    var g = SystemRandomNumberGenerator()
    for round in 0..<3_000 {
        let n = round % 41
        let cards = (0..<n).map { _ in
            RelatedLink(title: titles.randomElement(using: &g)!, url: urls.randomElement(using: &g)!,
                        summary: Bool.random(using: &g) ? nil : "s\(Int.random(in: 0..<3, using: &g))",
                        image: Bool.random(using: &g) ? nil : "i\(Int.random(in: 0..<3, using: &g))")
        }
        #expect(finder.dedupe(cards) == dedupeWithDictionary(cards, selfURLs: selfURLs), "\(cards)")
    }
}
