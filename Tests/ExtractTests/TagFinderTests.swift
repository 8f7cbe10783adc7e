import Foundation
import Testing
@testable import Extract
import HTML

struct MetaTagCase: CustomTestStringConvertible, Sendable {
    let name: String
    let values: [String]
    let tags: [String]
    var testDescription: String { name }
}

@Test(arguments: [
    MetaTagCase(name: "one property per tag", values: ["performance", "cli"], tags: ["performance", "cli"]),
    MetaTagCase(name: "one property listing them with commas (Docusaurus)", values: ["performance,cli"], tags: ["performance", "cli"]),
    MetaTagCase(name: "commas and spaces", values: ["Rust, WebAssembly ,  tooling"], tags: ["Rust", "WebAssembly", "tooling"]),
    MetaTagCase(name: "a comma inside one of several tags stays", values: ["Law, Politics", "Europe"], tags: ["Law, Politics", "Europe"]),
    MetaTagCase(name: "one tag without a comma", values: ["notes"], tags: ["notes"]),
    MetaTagCase(name: "empty parts dropped", values: ["a,,b,"], tags: ["a", "b"]),
])
func readsArticleTagValues(_ c: MetaTagCase) {
    #expect(TagFinder.dedupe(TagFinder.splitJoined(c.values)) == c.tags)
}

/// The headline wrappers are exactly the elements that are a proper ancestor of some `<h1>` (what `inside` tested
/// against every heading, link by link), for headings nested in each other, side by side and one inside an article.
@Test func headlineWrappersAreTheHeadingsProperAncestors() throws {
    let doc = try HTMLDocumentFixture.make("<html><body><div id=a><main><article><h1>One</h1><p>x</p></article>"
        + "<h1>Two<h1>Three</h1></h1></main><aside><h2>Side</h2></aside></div><footer><p>f</p></footer></body></html>")
    let h1s = try doc.select(css: "h1")
    #expect(h1s.count >= 2)
    let wrappers = TagFinder.wrappers(of: h1s)
    for e in try doc.select(css: "*") {
        #expect(wrappers.contains(e) == h1s.contains { Exclusion.isAncestor(e, of: $0) }, "\(e.name)")
    }
    #expect(!wrappers.isEmpty)
}

/// The `<article>` of the first heading inside one is what climbing from each heading finds, with each ancestor
/// climbed to once: after thousands of nested unclosed headings outside any article (FINDINGS 73), in one, and none.
@Test func firstArticleAboveTheHeadingsIsWhatEachClimbFinds() throws {
    func naive(_ h1s: [Node]) -> Node? {
        h1s.lazy.compactMap { h -> Node? in
            var up = h.parent
            while let x = up, x.isElement, x.name != "article" { up = x.parent }
            return up?.isElement == true ? up : nil
        }.first
    }
    let nested = String(repeating: "<h1>x", count: 3_000)
    for page in ["<div>" + nested + "</div><article id=a><h1>T</h1></article>",
                 "<article id=b><div>" + nested + "</div></article><article id=c><h1>U</h1></article>",
                 "<main>" + nested + "</main>", "<p>none</p>"] {
        let doc = try HTMLDocumentFixture.make("<html><body>" + page)
        let h1s = try doc.select(css: "h1")
        let found = TagFinder.firstArticle(above: h1s)
        #expect(found == naive(h1s), "\(page.prefix(20))")
    }
}

/// A block is read as a line of taxonomy links only within `TagFinder.maxTagLineNodes` nodes (and
/// `maxTagLineBytes` of text): at the bound a line of tag links (each an icon and a word) still is one, past it
/// not, and a block of thousands of unclosed `<ul>`s with little text (fuzzed pages: each was walked to the page's
/// end, FINDINGS 73) is read no further than the bound.
@Test func aTagLineIsReadWithinItsNodeBound() throws {
    func line(_ links: Int) throws -> Node {
        let doc = try HTMLDocumentFixture.make("<html><body><ul>" + String(repeating: "<li><a href=/tag/x/><i></i>x</a></li>", count: links) + "</ul>")
        return try #require(try doc.select(css: "ul").first)
    }
    // The <ul>, then four nodes a link (li, a, i, the text): `most` links fit.
    let most = (TagFinder.maxTagLineNodes - 1) / 4
    #expect(TagFinder.isTagLine(try line(most)))
    #expect(!TagFinder.isTagLine(try line(most + 1)))
    let doc = try HTMLDocumentFixture.make("<html><body>" + String(repeating: "<ul>", count: 22_000) + "<a href=/tag/x/>x</a>")
    let uls = try doc.select(css: "ul")
    #expect(uls.prefix(50).allSatisfy { !TagFinder.isTagLine($0) })
}

/// A line of links to tag pages is a tag line; a link whose URL is longer than `TagFinder.maxTaxonomyURLBytes` is no
/// tag page's, whatever it holds (a fuzzed link of hundreds of KB was lowercased once per block around it).
@Test func aTagLinkLongerThanTheBoundIsNoTagLink() throws {
    func isTagLine(_ href: String) throws -> Bool {
        let doc = try HTMLDocument(bytes: Array("<html><body><p id=l>Tags: <a href=\"\(href)\">River</a> <a href=\"/tag/birds/\">Birds</a></p>".utf8),
                                   contentType: nil)
        return TagFinder.isTagLine(try #require(try doc.select(css: "#l").first))
    }
    let path = "/tag/river/?"
    #expect(try isTagLine(path + String(repeating: "x", count: TagFinder.maxTaxonomyURLBytes - path.utf8.count)))
    #expect(try !isTagLine(path + String(repeating: "x", count: TagFinder.maxTaxonomyURLBytes - path.utf8.count + 1)))
}
