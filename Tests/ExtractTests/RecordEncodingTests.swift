import Foundation
import Testing
@testable import Extract
import HTML

/// Strings that exercise every escaping rule: quotes, backslashes, slashes, each control character, DEL,
/// line/paragraph separators, astral characters.
private let awkward: [String] = [
    "", "plain", "say \"hi\" \\ back/slash </script>",
    String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! })),
    "del\u{7F} nel\u{85} nbsp\u{A0} ls\u{2028} ps\u{2029} bom\u{FEFF} é 日本 😀",
    // Runs longer than the eight bytes the writer skips at once, with escapes at every offset of a word.
    "a plain run of text\"quoted after eight\" bytes\\ and\na line\tand a tab, then more plain text to the end",
    "12345678\"2345678\\234567\n\u{01}2345678 é日本😀 more text",
]

private func record(_ s: String, nulls: Bool) -> PageRecord {
    PageRecord(
        url: "https://ex.com/" + s, canonicalURL: "https://ex.com/c", fetchedAt: "2024-01-01T00:00:00Z",
        status: nulls ? nil : 200, title: nulls ? nil : s, authors: nulls ? [] : [s, "B"],
        published: nulls ? nil : DateField(date: "2024-01-01", raw: s, source: "text", precision: "day"),
        modified: nil, body: Body(text: s, html: "<p>" + s + "</p>", wordCount: 3),
        related: nulls ? [] : [RelatedLink(title: s, url: "https://ex.com/r", summary: nil, image: s)],
        tags: nulls ? [] : [s], language: nulls ? nil : "en", siteName: nulls ? nil : s, description: nulls ? nil : s,
        contentHash: "sha256:00")
}

/// The hand-written writer must give JSONEncoder's bytes exactly: records, content hashes and archives depend on them.
@Test(arguments: awkward)
func compactJSONIsJSONEncodersBytes(_ s: String) throws {
    for nulls in [false, true] {
        let r = record(s, nulls: nulls)
        let viaEncoder = try PageRecord.makeEncoder(pretty: false).encode(r)
        #expect(r.compactJSON() == Array(viaEncoder))
        let hashed = try PageRecord.makeEncoder(pretty: false).encode(HashedFields(record: r))
        #expect(r.hashedFieldsJSON() == Array(hashed))
        #expect(r.computeContentHash() == "sha256:" + SHA256.hex(hashed))
        // The batch line: written once, hash and fetch fields put in afterwards, whatever contentHash held.
        var withHash = r
        withHash.updateContentHash()
        let (hash, line) = r.hashedCompactJSON()
        #expect(hash == withHash.contentHash && line == withHash.compactJSON(), "\(String(decoding: line, as: UTF8.self))")
    }
}

@Test(arguments: [
    "", " ", "\t\n", "a", " a ", "\ta b\t", "\na\r\n", "\u{A0}a\u{A0}", "\u{2003} a \u{3000}", "a\u{85}", "\u{85}a",
    " é ", "日本 ", " 😀", "\u{FEFF}x", "x\u{200B}", " \u{301}a", "a\u{301} ", "\u{0B}v\u{0C}",
])
func trimmingIsFoundations(_ s: String) {
    #expect(s.trimmedWhitespaceAndNewlines == s.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(s.trimmedWhitespace == s.trimmingCharacters(in: .whitespaces))
}

/// The byte-level similarity for ASCII titles must equal the Character-level one it shortcuts.
@Test(arguments: [
    ("Hello World", "hello world"), ("Hello, World!", "World"), ("a_b c", "A_B"), ("", "x"), ("x", ""), ("!!", "??"),
    ("Post title | Site", "Post title"), ("one two three", "three four five six"), ("2024 in review", "Review of 2024"),
    ("x\r\ny", "X Y"), ("snake_case words", "Snake_Case"), ("Tabs\tand\nlines", "tabs and lines"),
])
func asciiSimilarityIsTheGeneralOne(_ pair: (String, String)) {
    #expect(TitleFinder.asciiSimilarity(pair.0, pair.1) == TitleFinder.unicodeSimilarity(pair.0, pair.1))
    #expect(TitleFinder.asciiSimilarity("é " + pair.0, pair.1) == nil)
}

/// Titles tokenized once must judge headings exactly as `similarity` both ways does, ASCII or not.
@Test func titleTokensAgreeWithSimilarity() {
    let titles = [["Post title — Site"], ["Hello World", "Hello World | Blog"], ["Café au lait", "café"], []]
    let texts = ["Post title", "hello world", "Café au lait!", "Cafe au lait", "Unrelated heading", "", "日本語 タイトル"]
    for ts in titles {
        let tokens = TitleTokens(ts)
        for t in texts {
            #expect(tokens.anyRepeated(in: t, section: false) == ts.contains { TitleFinder.similarity($0, t) > 0.75 })
            #expect(tokens.anyRepeated(in: t, section: true) == ts.contains {
                TitleFinder.similarity($0, t) > 0.75 && TitleFinder.similarity(t, $0) > TitleTokens.titleCoverage
            })
        }
    }
}

/// Which `<h2>`s repeat the title (and leave the body), and which are sections: one named case per row.
@Test(arguments: [
    ("the title itself", "Against the Restless Studio", "Against the Restless Studio", true),
    ("the title with the site name", "Against the Restless Studio - Field Notes", "Against the Restless Studio", true),
    ("the title with a kicker", "Against the Restless Studio", "Essay: Against the Restless Studio", true),
    ("the title's first words", "How I built a wood-fired kiln in the garden", "How I built a wood-fired kiln", true),
    ("a section sharing two words", "Against the Restless Studio", "The restless part", false),
    ("a section of other words", "Against the Restless Studio", "What the neighbours said", false),
])
func sectionHeadingRepeatsTitle(_ name: String, _ title: String, _ heading: String, _ repeated: Bool) {
    #expect(TitleTokens([title]).anyRepeated(in: heading, section: true) == repeated, "\(name)")
}

/// An `<h1>` that words a long `<title>` shorter is still the headline.
@Test func headlineRewordingALongTitleRepeatsIt() {
    let title = "Browser — Customize and make it your own — The most flexible browser on the Web"
    #expect(TitleTokens([title]).anyRepeated(in: "Make your browser your own", section: false))
    #expect(!TitleTokens([title]).anyRepeated(in: "Make your browser your own", section: true))
}

/// A heading with more text than `TitleTokens.maxHeadingBytes` repeats no title, even one whose words it holds
/// over and over: its text is not read (an unclosed heading holds the rest of the page, and reading that for each
/// of thousands took seconds).
@Test func aHeadingOverTheBoundRepeatsNoTitle() throws {
    let title = "Against the Restless Studio"
    let long = Array(repeating: title, count: TitleTokens.maxHeadingBytes / title.utf8.count + 1).joined(separator: " ")
    let doc = try HTMLDocument(bytes: Array("<html><body><h1>\(long)</h1><h2>\(title)</h2>".utf8), contentType: nil)
    let h1 = try #require(try doc.select(css: "h1").first), h2 = try #require(try doc.select(css: "h2").first)
    #expect(TitleTokens([title]).anyRepeated(in: long, section: false))
    #expect(!TitleTokens([title]).repeated(by: h1, section: false))
    #expect(TitleTokens([title]).repeated(by: h2, section: true))
}

/// The memchr search must agree with a plain scan, at the edges too.
@Test func byteSearchFindsWhatAScanFinds() {
    let hay = ["", "a", "ab", "aab", "abcabd", "xxabd", "日本語", "entry-date published"]
    let needles = ["", "a", "b", "ab", "abd", "abcabd", "abcabdx", "語", "date pub", "d"]
    for h in hay {
        for n in needles {
            let naive = n.isEmpty || (0...max(0, h.utf8.count - n.utf8.count)).contains { i in
                h.utf8.count >= n.utf8.count && Array(h.utf8)[i..<(i + n.utf8.count)].elementsEqual(n.utf8)
            }
            #expect(ByteSearch.contains(h, n) == naive, "\(h) / \(n)")
        }
    }
}

/// A heading's text is read no further than its bounds (`TitleTokens.maxHeadingBytes` of text,
/// `TitleFinder.maxHeadingNodes` nodes): past either it is no title and reads empty; at them it reads whole. A fuzzed
/// page of 100,000 unclosed `<h1>`s nests 512 headings, each of which was read to the page's end (FINDINGS 73).
@Test func headingTextStopsAtItsBounds() throws {
    let bytes = TitleTokens.maxHeadingBytes, nodes = TitleFinder.maxHeadingNodes
    func text(_ inner: String) throws -> String {
        let doc = try HTMLDocument(bytes: Array("<html><body><h1>\(inner)</h1>".utf8), contentType: nil)
        return TitleFinder.headingText(try #require(try doc.select(css: "h1").first))
    }
    #expect(try text(String(repeating: "a", count: bytes)) == String(repeating: "a", count: bytes))
    #expect(try text(String(repeating: "a", count: bytes + 1)) == "")
    // The heading is one node, each `<b>x</b>` two.
    let most = (nodes - 1) / 2
    #expect(try text(String(repeating: "<b>x</b>", count: most)) == String(repeating: "x", count: most))
    #expect(try text(String(repeating: "<b>x</b>", count: most + 1)) == "")
    #expect(try text(String(repeating: "<i></i>", count: nodes) + "x") == "")
    let doc = try HTMLDocument(bytes: Array(("<html><body>" + String(repeating: "<h1>x", count: 20_000)).utf8),
                               contentType: nil)
    let h1s = try doc.select(css: "h1")
    #expect(h1s.count == 20_000)
    #expect(h1s.prefix(100).allSatisfy { TitleFinder.headingText($0).isEmpty })
    #expect(TitleFinder.headingText(try #require(h1s.last)) == "x")
}

/// Whether an element holds one of the page's `<h1>`s (dates and tags ask it of many elements) is a lookup in
/// `PageMetadata.h1Wrappers`, worked out once per page: climbing from every heading for each element asked took a
/// fuzzed page of 19,800 unclosed `<h1>x` 1.7 s (FINDINGS 73). The set is exactly the elements holding a heading.
@Test func headingHoldersAreWorkedOutOncePerPage() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><div id=a><p>a</p></div><main>"
        + String(repeating: "<h1>x", count: 20_000)).utf8), contentType: nil)
    let m = PageMetadata.collect(doc)
    #expect(m.h1s.count == 20_000)
    let elements = try doc.select(css: "*")
    for e in elements {
        #expect(m.h1Wrappers.contains(e) == (e.firstDescendant(where: { $0.name == "h1" }) != nil), "\(e.name)")
    }
    // html, body, main and the nested headings down to the depth limit (`TreeDepthLimit`) but the last.
    #expect(m.h1Wrappers.count < 600)
}

/// The posts linked below each element of a related container, worked out bottom-up in one pass, are what a walk
/// below each element finds: all of them up to one, two (any two) past it. The shapes: cards side by side, links to
/// one post nested thousands deep (unclosed links, as fuzzed pages have them: FINDINGS 73), links of two posts
/// nested, elements with no link.
@Test func postsBelowEachElementAreWhatAWalkFinds() throws {
    let page = "<html><body><div id=c><ul><li><a href=/p1><img></a><a href=/p1>One</a></li><li><h3><a href=/p2>Two</a>"
        + "</h3><span>x</span></li></ul><section>" + String(repeating: "<a href=/p3>three ", count: 3_000)
        + "</section><aside>" + String(repeating: "<a href=/p4>a <a href=/p5>b ", count: 300) + "</aside></div>"
    let doc = try HTMLDocument(bytes: Array(page.utf8), contentType: nil)
    let container = try #require(try doc.select(css: "#c").first)
    var postOf: [Node: String] = [:]
    for a in try doc.select(css: "a[href]") { postOf[a] = a.attribute("href") }
    let below = RelatedFinder.postsBelow(in: container, postOf: postOf)
    for e in container.descendants() where e != container {
        var all = Set<String>()
        e.walk { d in
            if d != e, let u = postOf[d] { all.insert(u) }
            return d.isElement
        }
        let got = below[e] ?? []
        if all.count < 2 { #expect(got == all, "\(e.name)") } else { #expect(got.count == 2 && got.isSubset(of: all), "\(e.name)") }
    }
}

/// A text count bounded by nodes too gives up (nil) past the bound and counts as `textByteCount(upTo:)` within it:
/// related-post headings are read so, as each of 512 nested unclosed `<h2>`s of no text was read to the page's end
/// (FINDINGS 73).
@Test func aTextCountBoundedByNodesGivesUpPastTheBound() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><h2>Related <b>posts</b></h2><div>" + String(repeating: "<h2>", count: 20_000)
        + "x").utf8), contentType: nil)
    let h2s = try doc.select(css: "h2")
    #expect(h2s[0].textByteCount(upTo: RelatedFinder.maxHeadingBytes, nodes: RelatedFinder.maxHeadingNodes) == 13)
    #expect(h2s[1].textByteCount(upTo: RelatedFinder.maxHeadingBytes, nodes: RelatedFinder.maxHeadingNodes) == nil)
    #expect(h2s[1].textByteCount(upTo: 60, nodes: 100_000) == h2s[1].textByteCount(upTo: 60))
    let last = try #require(h2s.last)
    #expect(last.textByteCount(upTo: 60, nodes: 2) == 1)
}

/// `inComments` with the page's answers kept agrees with a climb from each node, in and out of comment threads,
/// under thousands of nested `<time>`s (FINDINGS 73: each climbed the whole depth).
@Test func commentThreadAnswersKeptAgreeWithAClimbEach() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><div class=comments><p><time>a</time></p></div>"
        + "<div class=comments-link><time>b</time></div><section>" + String(repeating: "<time datetime=2020-01-01>", count: 3_000)
        + "</section><ol class=comment-list><li><div class=x><time>c</time></div></li></ol>").utf8), contentType: nil)
    var known: [Node: Bool] = [:]
    for n in try doc.select(css: "*") {
        #expect(Exclusion.inComments(n, known: &known) == Exclusion.inComments(n), "\(n.name)")
    }
}

/// A card link's card (its highest ancestor linking only its post) is what a climb from each link finds, with the
/// climbs' ends kept for the page's other links: cards side by side, 1,000 nested links to one post, links of two
/// posts nested (FINDINGS 73: each of thousands of nested links climbed the whole depth).
@Test func cardRootsAreWhatAClimbFromEachLinkFinds() throws {
    let page = "<html><body><div id=c><ul><li><a href=/p1><img></a><a href=/p1>One</a></li><li><h3><a href=/p2>Two</a>"
        + "</h3></li></ul><section><div>" + String(repeating: "<a href=/p3>three ", count: 1_000)
        + "</div></section><aside>" + String(repeating: "<a href=/p4>a <a href=/p5>b ", count: 300) + "</aside></div>"
    let doc = try HTMLDocument(bytes: Array(page.utf8), contentType: nil)
    let container = try #require(try doc.select(css: "#c").first)
    var postOf: [Node: String] = [:]
    let anchors = try doc.select(css: "a[href]")
    for a in anchors { postOf[a] = a.attribute("href") }
    let below = RelatedFinder.postsBelow(in: container, postOf: postOf)
    var tops: [Node: Node] = [:]
    for a in anchors {
        let u = try #require(postOf[a])
        var naive = a
        while let p = naive.parent, p != container, (below[p] ?? []) == [u] { naive = p }
        #expect(RelatedFinder.cardRoot(of: a, post: u, in: container, postsBelow: below, tops: &tops) == naive)
    }
}

/// Whether a node's text holds a word, read text node by text node, is what its whole text says: elements with
/// words deep inside, after text of none, with none, text, comments (whose text counts, as `textContent`'s does).
@Test func aWordIsFoundAsTheWholeTextWouldShowIt() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><div id=t><p> — <b> , <i>x</i></b></p><span>…</span>"
        + "<!-- words --><em> </em><u>٣</u><s>\u{0301}</s><a>" + String(repeating: "<a> ", count: 2_000) + "w</a></div>").utf8),
        contentType: nil)
    let top = try #require(try doc.select(css: "#t").first)
    var nodes: [Node] = []
    top.walk { nodes.append($0); return true }
    for n in nodes {
        var unbounded = Int.max
        #expect(RelatedFinder.holdsWord(n, budget: &unbounded) == n.textContent.contains(where: { $0.isLetter || $0.isNumber }), "\(n.name)")
    }
}

/// The elements with text (once normalized) among a card's headings, read text node by text node once for all of
/// them, are the ones whose whole text says so: nested unclosed `<h2>`s of no text over thousands of links (fuzz
/// finding-1104, FINDINGS 96: each read to the card's end), text only deep inside, blanks, invisible characters,
/// comments (no text here: `textContent` leaves them out), one candidate and none (read whole, as before).
@Test func headingsWithTextAreWhatTheirWholeTextSays() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><div id=c><h3> \u{200B}\n<b>\u{00A0}</b></h3><h2><!-- c --></h2>"
        + "<h4> <i>Title</i></h4><h5><span>\u{00AD}</span></h5>" + String(repeating: "<h2><div><a href=x> ", count: 2_000)
        + "<h6> </h6><b>é</b></div>").utf8), contentType: nil)
    let root = try #require(try doc.select(css: "#c").first)
    let all = try doc.select(css: "h1, h2, h3, h4, h5, h6")
    let naive = all.filter { !TextNormalizer.normalize($0.textContent).isEmpty }
    #expect(RelatedFinder.withText(all, in: root) == naive)
    #expect(naive.count > 100 && naive.count < all.count, "\(naive.count) of \(all.count)")
    for h in all.prefix(6) + all.suffix(3) { #expect(RelatedFinder.withText([h], in: root) == naive.filter { $0 == h }) }
    #expect(RelatedFinder.withText([], in: root).isEmpty)
}

/// Links' elements and their ancestors up to a card's root, each climbed through once, are the elements a search
/// below each finds them from: headings linking to the card's post among nested ones (fuzz finding-1104).
@Test func ancestorsOfLinksAreWhereASearchBelowFindsThem() throws {
    let doc = try HTMLDocument(bytes: Array(("<html><body><div id=c><h3><a href=/p>P</a></h3><h4>x</h4>"
        + String(repeating: "<h2>t <a href=/tag/a>a</a> ", count: 600) + "<a href=/p>P</a></div><p><a href=/p>o</a>").utf8),
        contentType: nil)
    let root = try #require(try doc.select(css: "#c").first)
    let toPost = try doc.select(css: "#c a[href='/p']")
    let marked = RelatedFinder.ancestors(of: toPost, upTo: root)
    for e in try doc.select(css: "*") {
        let below = e.descendants(where: { toPost.contains($0) }).contains { $0 != e } || toPost.contains(e)
        let inside = e == root || root.descendants().contains(e)
        #expect(marked.contains(e) == (below && inside), "\(e.name)")
    }
}
