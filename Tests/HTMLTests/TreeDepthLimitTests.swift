import Testing
@testable import HTML

/// The depth of the deepest element (the root element is at 1).
private func deepest(_ doc: HTMLDocument) -> Int {
    var best = 0
    func depth(_ n: Node) -> Int {
        var d = 0
        var p: Node? = n
        while let x = p, x.isElement { d += 1; p = x.parent }
        return d
    }
    doc.root?.walk { n in
        if n.isElement { best = max(best, depth(n)) }
        return true
    }
    return best
}

/// Unclosed tags nest every later element deeper; below `TreeDepthLimit.maxDepth` the tree is flat, with the same
/// elements and text in the same order, whichever parser built it, and the element index is the tree's.
@Test func noElementNestsBelowTheDepthLimit() throws {
    let count = TreeDepthLimit.maxDepth * 3
    let page = "<html><body>" + String(repeating: "<div class=d>a", count: count) + "<p>end</p>"
    for byLibxml2 in [false, true] {
        let doc = try HTMLDocument(bytes: Array(page.utf8), url: nil, contentType: "text/html; charset=utf-8",
                                   dropsRawText: true, parsesWithLibxml2: byLibxml2)
        #expect(doc.parsedByHTMLParser == !byLibxml2)
        #expect(deepest(doc) == TreeDepthLimit.maxDepth + 1)
        #expect(doc.root?.textContent == String(repeating: "a", count: count) + "end")
        #expect(try doc.select(css: "div.d").count == count)
        #expect(try doc.select(xpath: "//div[@class='d']").count == count)
        #expect(doc.elementIndex.entries == ElementIndex(doc.doc).entries)
    }
}

/// A tree within the limit is left as the parser built it.
@Test func aTreeWithinTheDepthLimitIsUnchanged() throws {
    let page = "<html><body>" + String(repeating: "<div>a", count: TreeDepthLimit.maxDepth - 3) + "<p>end</p>"
    let doc = try HTMLDocument(bytes: Array(page.utf8), url: nil, contentType: "text/html; charset=utf-8",
                               dropsRawText: true, parsesWithLibxml2: true)
    #expect(deepest(doc) == TreeDepthLimit.maxDepth)
    #expect(!TreeDepthLimit.apply(to: doc.doc))
}

/// Below the limit an element without element children keeps its text: a JSON-LD script's stays in the script (the
/// fuzzer found it moved out, into the page's text, where libxml2 parsed), and a title's in the title.
@Test func elementsBelowTheDepthLimitKeepTheirText() throws {
    let json = "{\"@type\":\"Article\",\"headline\":\"Deep\"}"
    let page = "<html><body>" + String(repeating: "<span>x", count: TreeDepthLimit.maxDepth + 40)
        + "<script type=\"application/ld+json\">\(json)</script><script>var a = 1;</script><b>bold</b>y"
    for byLibxml2 in [false, true] {
        let doc = try HTMLDocument(bytes: Array(page.utf8), url: nil, contentType: "text/html; charset=utf-8",
                                   dropsRawText: true, parsesWithLibxml2: byLibxml2)
        let scripts = try doc.select(css: "script")
        #expect(scripts.count == 2)
        #expect(scripts.first?.textContent == json)
        #expect(try doc.select(css: "b").first?.textContent == "bold")
        #expect(doc.root?.textContent.hasSuffix(json + "boldy") == true)
    }
}
