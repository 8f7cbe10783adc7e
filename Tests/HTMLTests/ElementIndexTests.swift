import Testing
@testable import HTML

private let page = """
<!DOCTYPE html><html><body>
<div id="main" class="post\tfeatured"><h1 class="title">T</h1><p id="p1" class="a b">x</p><!-- c --><p id="p2">y</p></div>
<div id="side"><em id="e1">z</em></div>
</body></html>
"""

/// The table lists every element in document order, with its own keys and its ancestors' keys.
@Test func elementIndexListsElementsInOrderWithTheirKeys() throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    let entries = doc.elementIndex.entries
    let walked = try doc.select(xpath: "//*")
    #expect(entries.map(\.node) == walked.map(\.ptr))

    func bit(_ kind: ElementIndex.KeyKind, _ s: String) -> UInt64 { ElementIndex.bit(kind, Array(s.utf8)) }
    let byID = Dictionary(uniqueKeysWithValues: entries.compactMap { e in Node(e.node, in: doc).attribute("id").map { ($0, e) } })
    let p1 = try #require(byID["p1"]), main = try #require(byID["main"]), e1 = try #require(byID["e1"])
    let body = try #require(entries.first { Node($0.node, in: doc).name == "body" })
    let html = try #require(entries.first { Node($0.node, in: doc).name == "html" })
    let p1Keys: UInt64 = bit(.name, "p") | bit(.id, "p1") | bit(.classToken, "a") | bit(.classToken, "b")
    #expect(p1.keys == p1Keys)
    // Class tokens split on any XML whitespace, as `.featured` reads them.
    #expect(main.keys & bit(.classToken, "featured") != 0)
    #expect(html.ancestorKeys == 0)
    #expect(p1.ancestorKeys == main.keys | main.ancestorKeys)
    #expect(main.ancestorKeys == body.keys | body.ancestorKeys)
    // A sibling's keys are not an ancestor's.
    #expect(e1.ancestorKeys & main.keys & bit(.id, "main") == 0)
}

/// Removing a node drops the index: a later walk does not return (or read) the freed element.
@Test func removingANodeRebuildsTheIndex() throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    #expect(try doc.select(css: "p").count == 2)
    try #require(try doc.select(css: "#p1").first).remove()
    #expect(try doc.select(css: "p").map { $0.attribute("id") } == ["p2"])
    #expect(try doc.firstMatches([try CSSSelector.compile("p")]).first??.attribute("id") == "p2")
}

/// Compounds joined by a sibling combinator match siblings, not ancestors: their keys must not be required of
/// ancestors (`.title ~ p` matches the paragraphs after the heading, whose ancestors have no class `title`).
@Test func siblingCompoundsAreNotAncestorKeys() throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    for (css, ids) in [(".title ~ p", ["p1", "p2"]), ("#main .title + p.b", ["p1"]), ("body > #main h1 ~ #p2", ["p2"]),
                       ("div.featured > p", ["p1", "p2"])] {
        let sel = try CSSSelector.compile(css)
        #expect(try doc.select(sel).map { $0.attribute("id") ?? "?" } == ids, "\(css)")
        #expect(try doc.select(xpath: sel.xpath).map { $0.attribute("id") ?? "?" } == ids, "\(css)")
    }
}

/// `classKeys` hashes each token as it splits the value: the keys are each token's `bit`, for values of every mix of
/// XML whitespace (and other blanks, which split nothing), empty tokens, and tokens at either end.
@Test func classKeysAreEachTokensBit() throws {
    let pieces = ["a", "post", "é", "x-y_z", " ", "\t", "\n", "\r", "  ", "\u{0B}", "\u{0C}", "\u{A0}", "Ab9"]
    var rng = SystemRandomNumberGenerator()
    var values = pieces.flatMap { a in pieces.map { b in a + b } } + ["", " ", "\t\n\r "]
    for _ in 0..<5_000 {
        values.append((0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
    }
    for value in values {
        let bytes = Array(value.utf8)
        let tokens = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        let want = tokens.reduce(UInt64(0)) { $0 | ElementIndex.bit(.classToken, Array($1)) }
        #expect(bytes.withUnsafeBufferPointer { ElementIndex.classKeys($0) } == want, "\(value.debugDescription)")
    }
}
