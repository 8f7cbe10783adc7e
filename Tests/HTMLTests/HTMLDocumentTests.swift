import Testing
import Foundation
@testable import HTML

/// Deterministic pseudo-random bytes (the same on every run).
private func noise(_ count: Int, seed: UInt64) -> [UInt8] {
    var x = seed
    var out = [UInt8](repeating: 0, count: count)
    for i in 0..<count {
        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        out[i] = UInt8(truncatingIfNeeded: x >> 56)
    }
    return out
}

private func elementCount(_ doc: HTMLDocument) -> Int {
    var n = 0
    doc.root?.walk { node in
        if node.isElement { n += 1 }
        return true
    }
    return n
}

@Test func emptyInputThrowsEmpty() {
    #expect(throws: HTMLError.empty) { try HTMLDocument(bytes: []) }
    #expect(throws: HTMLError.empty) { try HTMLDocument(bytes: [], url: "https://ex.com/", contentType: "text/html") }
    #expect(throws: HTMLError.empty) { try HTMLDocument(xml: []) }
}

@Test func binaryNoiseNeverCrashes() throws {
    for seed in 1...20 as ClosedRange<UInt64> {
        let bytes = noise(64 * 1024, seed: seed)
        // Either a (garbage) tree or a clear .empty; both are fine, a crash is not.
        if let doc = try? HTMLDocument(bytes: bytes, contentType: nil) {
            _ = elementCount(doc)
            _ = try doc.select(css: "p, div > a")
            _ = doc.root?.textContent
        }
    }
}

@Test func pdfBytesParseWithoutCrashing() throws {
    var pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 4096 >>\nstream\n".utf8)
    pdf += noise(4096, seed: 99)
    pdf += Array("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
    let doc = try? HTMLDocument(bytes: pdf, contentType: "application/pdf")
    if let doc { _ = elementCount(doc) }
}

@Test func truncatedHTMLKeepsWhatWasThere() throws {
    let doc = try HTMLDocument(bytes: Array("<html><head><title>Cut</title></head><body><article><p>Hello <b>wor".utf8), contentType: nil)
    #expect(try doc.string(xpath: "string(//title)") == "Cut")
    #expect(try doc.string(xpath: "string(//article)") == "Hello wor")
}

@Test func fiftyMegabytePageParses() throws {
    let paragraph = Array("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor <a href=\"/x\">link</a>.</p>\n".utf8)
    let repeats = 50 * 1024 * 1024 / paragraph.count + 1
    var bytes = Array("<html><body><article>".utf8)
    bytes.reserveCapacity(repeats * paragraph.count + 64)
    for _ in 0..<repeats { bytes += paragraph }
    bytes += Array("</article></body></html>".utf8)
    #expect(bytes.count > 50 * 1024 * 1024)
    let doc = try HTMLDocument(bytes: bytes, contentType: "text/html; charset=utf-8")
    #expect(try doc.string(xpath: "count(//p)") == String(repeats))
}

@Test func hundredThousandNestedElements() throws {
    let depth = 100_000
    var bytes = Array("<html><body>".utf8)
    for _ in 0..<depth { bytes += Array("<div>".utf8) }
    bytes += Array("deep text".utf8)
    for _ in 0..<depth { bytes += Array("</div>".utf8) }
    bytes += Array("<p id=\"after\">after</p></body></html>".utf8)
    let doc = try HTMLDocument(bytes: bytes, contentType: nil)
    // Without XML_PARSE_HUGE libxml2 stops the whole parse at depth 256 (losing "after"); with it, every element is
    // kept, nested no deeper than TreeDepthLimit allows, and the walk, XPath, text and serialization get through.
    let count = elementCount(doc)
    #expect(count >= depth + 3)
    var maxDepth = 0
    var deepest: Node?
    for node in try doc.select(xpath: "//div[not(div)]") {
        var d = 0
        var p = node.parent
        while let q = p { d += 1; p = q.parent }
        if d > maxDepth { maxDepth = d; deepest = node }
    }
    #expect(deepest != nil)
    // The deepest divs are the children of the element at the limit: as many element parents.
    #expect(maxDepth == TreeDepthLimit.maxDepth)
    #expect(try doc.string(xpath: "string(//body)").contains("deep text"))
    #expect(try doc.select(css: "p#after").count == 1)
    _ = doc.root?.outerHTML
    _ = doc.root?.descendants().count
}

@Test func invalidUTF8BecomesReplacementCharactersWithoutGarblingTheRest() throws {
    var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>café ".utf8)
    bytes += [0xFF, 0xFE, 0x20, 0xC3, 0x20]
    bytes += Array("naïve 日本</p></body></html>".utf8)
    let doc = try HTMLDocument(bytes: bytes, contentType: nil)
    let text = try doc.string(xpath: "string(//p)")
    #expect(text.hasPrefix("café "))
    #expect(text.hasSuffix("naïve 日本"))
    #expect(text.contains("\u{FFFD}"))
}

@Test func undeclaredInvalidUTF8FallsBackToWindows1252() throws {
    // Mostly UTF-8 with one stray Latin-1 byte: not valid UTF-8, so windows-1252 (WHATWG fallback).
    var bytes = Array("<html><body><p>price ".utf8)
    bytes += [0x80, 0x20, 0xE9]
    bytes += Array("</p></body></html>".utf8)
    let doc = try HTMLDocument(bytes: bytes, contentType: nil)
    #expect(doc.charset == Charset.Detection(label: "windows-1252", source: .fallback))
    #expect(try doc.string(xpath: "string(//p)") == "price € é")
}

@Test func windows1252UndefinedBytesDoNotStopTheParse() throws {
    // 0x81, 0x8D, 0x8F, 0x90, 0x9D have no windows-1252 character; the text after them must survive.
    var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><p>a".utf8)
    bytes += [0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x93]
    bytes += Array("b</p><p id=\"z\">end</p></body></html>".utf8)
    let doc = try HTMLDocument(bytes: bytes, contentType: nil)
    #expect(try doc.string(xpath: "string(//p[@id='z'])") == "end")
}

@Test func invalidShiftJISDoesNotStopTheParse() throws {
    var bytes = Array("<html><head><meta charset=\"Shift_JIS\"></head><body><p>".utf8)
    bytes += [0x93, 0xFA, 0x96, 0x7B, 0x81, 0x20, 0xFF, 0xFD]  // 日本, then broken pairs
    bytes += Array("</p><p id=\"z\">end</p></body></html>".utf8)
    let doc = try HTMLDocument(bytes: bytes, contentType: nil)
    #expect(try doc.string(xpath: "string(//p[@id='z'])") == "end")
    #expect(try doc.string(xpath: "string(//p)").hasPrefix("日本"))
}

@Test func compiledQueriesAreReusedAndBadXPathIsAnError() throws {
    let doc = try HTMLDocument(bytes: Array("<html><body><p class='a'>1</p><p>2</p></body></html>".utf8))
    for _ in 0..<3 { #expect(try doc.select(css: "p.a").count == 1) }
    #expect(try doc.select(xpath: "//p").count == 2)
    #expect(throws: HTMLError.invalidXPath("//p[")) { try doc.select(xpath: "//p[") }
    // Relative XPath from the document works too.
    #expect(try doc.select(xpath: "descendant::p").count == 2)
}

@Test func attributesReadAsLibxml2StoresThem() throws {
    let doc = try HTMLDocument(bytes: Array("<html><body><a id=x HREF=\"/a?b=1&amp;c=2\" data-e=\"&lt;&eacute;&gt;\" hidden title=''>t</a></body></html>".utf8))
    let a = try #require(try doc.select(css: "#x").first)
    #expect(a.attribute("href") == "/a?b=1&c=2")
    #expect(a.attribute("data-e") == "<é>")
    #expect(a.attribute("hidden") != nil)
    #expect(a.attribute("title") == "")
    #expect(a.attribute("missing") == nil)
    #expect(a.attribute("id") == "x")
    #expect(try #require(a.firstChild).attribute("id") == nil) // text nodes have no attributes
}

/// The byte count must agree with `textContent` (it stands in for it as a cheap bound) and stop early past the limit.
@Test func textByteCountIsTextContentsLength() throws {
    let doc = try HTMLDocument(bytes: Array("<html><body><div id=d>ab<span>cé</span><!--x--><p>日本</p>\n</div></body></html>".utf8))
    for n in try doc.select(xpath: "//*|//text()") {
        #expect(n.textByteCount(upTo: 1_000) == n.textContent.utf8.count)
    }
    let d = try #require(try doc.select(css: "#d").first)
    #expect(d.textByteCount(upTo: 3) > 3)
    #expect(d.textByteCount(upTo: 3) < d.textContent.utf8.count)
}

/// One pass with an `AttributeQuery` must give what `attribute(_:)` gives for each name: the same values (entities,
/// empty and boolean attributes, a value read through xmlGetProp), the first of a repeated name, none for namespaced ones.
@Test func attributeQueryMatchesAttributeByName() throws {
    let html = """
    <html><body><div id="a" class="x y" class="dup" hidden data-x='1 &amp; 2' title="" xml:lang="fr" style=" display: none">t</div>
    <p>no attributes</p><span ID="upper" aria-hidden="true" rel="author">s</span><svg viewBox="0 0 1 1"></svg></body></html>
    """
    let doc = try HTMLDocument(bytes: Array(html.utf8))
    let names = ["class", "id", "hidden", "data-x", "title", "xml:lang", "lang", "style", "aria-hidden", "rel", "viewbox", "missing"]
    let query = AttributeQuery(names)
    var checked = 0
    doc.root?.walk { n in
        var got = [String?](repeating: nil, count: names.count)
        var order: [Int] = []
        n.attributes(query) { k, v in got[k] = v; order.append(k) }
        #expect(got == names.map { n.attribute($0) }, "\(n.name)")
        #expect(Set(order).count == order.count)
        if n.isElement { checked += 1 }
        return true
    }
    #expect(checked >= 6)
}

/// `attributeBytes` must hand the bytes of what `attribute(_:)` gives, for the same names in the same order: values
/// read in place, decoded entities (through xmlGetProp), empty and boolean attributes, the first of a repeated name.
@Test func attributeBytesMatchAttributeByName() throws {
    let html = """
    <html><body><div id="a" class="x y" class="dup" hidden data-x='1 &amp; 2' title="" style=" display: none">t</div>
    <p>no attributes</p><span ID="upper" aria-hidden="true" rel="Author">s\u{e9}</span><b title="caf\u{e9} &lt;3">b</b></body></html>
    """
    let doc = try HTMLDocument(bytes: Array(html.utf8))
    let names = ["class", "id", "hidden", "data-x", "title", "style", "aria-hidden", "rel", "missing"]
    let query = AttributeQuery(names)
    var checked = 0
    doc.root?.walk { n in
        var strings: [(Int, String)] = [], bytes: [(Int, [UInt8])] = []
        n.attributes(query) { k, v in strings.append((k, v)) }
        n.attributeBytes(query) { k, v in
            var copy: [UInt8] = []
            for i in v.indices { copy.append(v[i]) }
            bytes.append((k, copy))
        }
        #expect(strings.map(\.0) == bytes.map(\.0), "\(n.name)")
        #expect(strings.map { Array($0.1.utf8) } == bytes.map(\.1), "\(n.name)")
        if n.isElement { checked += 1 }
        return true
    }
    #expect(checked >= 6)
}

/// A `NameTable` must find each element's name exactly where `name` is in the list (in a table small enough that
/// names share hash slots), and nothing for unlisted names, prefixes of listed ones, or non-elements.
@Test func nameTableFindsWhatNameFinds() throws {
    let html = """
    <html><head><title>t</title></head><body><div><p>a<b>b</b></p><h2>h</h2><custom-el>c</custom-el><d>x</d>
    <!-- comment --><table><tr><td>1</td></tr></table><span>s</span></div></body></html>
    """
    let doc = try HTMLDocument(bytes: Array(html.utf8))
    let names = ["div", "p", "b", "h2", "h", "table", "td", "span", "custom-el", "html", "body", "text", "comment", "di", "divs"]
    let table = NameTable(names)
    // Another table asked about the same elements in between: each answer is kept in the element, by table.
    let other = NameTable(["span", "p", "td"])
    var elements = 0, others = 0
    doc.root?.walk { n in
        if n.isElement {
            elements += 1
            for _ in 0..<2 {
                #expect(table.index(of: n) == names.firstIndex(of: n.name), "\(n.name)")
                #expect(other.index(of: n) == ["span", "p", "td"].firstIndex(of: n.name), "\(n.name)")
            }
        } else {
            others += 1
            #expect(table.index(of: n) == nil, "\(n.name) is not an element")
        }
        return true
    }
    #expect(elements >= 12 && others >= 5)
    for (i, name) in names.enumerated() { #expect(table.index(of: name) == i) }
    #expect(table.index(of: "") == nil)
    #expect(table.index(of: "tr") == nil)
}

/// A node's mark starts at 0 and keeps what was set, per node, as long as the document lives.
@Test func nodeMarksArePerNode() throws {
    let doc = try HTMLDocument(bytes: Array("<html><body><p>a</p><p>b</p></body></html>".utf8))
    let ps = try doc.select(css: "p")
    #expect(ps.count == 2 && ps.allSatisfy { $0.mark == 0 })
    ps[0].mark = 7
    ps[1].mark = 9
    let again = try doc.select(css: "p")
    #expect(again.map(\.mark) == [7, 9])
}

/// `withOwnText` hands over exactly the bytes of `ownText` (text, CDATA, comments; multi-byte characters and entities
/// decoded), and nothing for elements.
@Test func ownTextBytesAreOwnTextsUTF8() throws {
    let html = "<html><body><p>caf\u{E9} &amp; \u{65E5}\u{672C}, \u{1F600}</p><!-- note --><div></div><p> </p></body></html>"
    let doc = try HTMLDocument(bytes: Array(html.utf8))
    var texts = 0
    doc.root?.walk { n in
        let bytes = n.withOwnText { span in (0..<span.count).map { span[$0] } }
        #expect(bytes == Array(n.ownText.utf8), "\(n.name)")
        if n.isElement { #expect(bytes.isEmpty) }
        if n.isText { texts += 1 }
        return true
    }
    #expect(texts == 2)
}

/// `firstDescendant` answers the first match below the node in document order, never the node itself, and looks
/// no further once it has one.
@Test func firstDescendantStopsAtTheFirstMatch() throws {
    let doc = try HTMLDocument(bytes: Array("<div id=\"d\"><p><a id=\"one\">1</a></p><a id=\"two\">2</a></div>".utf8),
                               contentType: "text/html; charset=utf-8")
    let div = try #require(try doc.select(css: "div#d").first)
    var asked: [String] = []
    let a = div.firstDescendant { asked.append($0.name); return $0.name == "a" }
    #expect(a?.attribute("id") == "one")
    #expect(asked == ["p", "a"])
    #expect(div.firstDescendant { $0.name == "div" } == nil)
}

/// `walk(enter:leave:)` meets the nodes in the order of an enter/leave walk made of `firstChild`, `nextSibling` and
/// `parent` (Extract's former `Traversal.run`), from the root and from a subtree (the climb ends there), with
/// skipped children; and a node kept from the walk stays the node it was when the walk moves on.
@Test func walkWithLeaveMatchesAWalkOfParentsAndSiblings() throws {
    let html = "<html><body><div id=\"a\"><p>one <b>two</b><!-- c --></p><aside><p>skipped</p></aside><ul><li>x</li>"
        + "<li></li></ul></div><div id=\"b\">three<br>four</div></body></html>"
    let doc = try HTMLDocument(bytes: Array(html.utf8), contentType: "text/html; charset=utf-8")
    func reference(_ root: Node, enter: (Node) -> Bool, leave: (Node) -> Void) {
        var cur: Node? = root
        while let n = cur {
            let descend = enter(n)
            if descend, n.isElement || n == root, let c = n.firstChild { cur = c; continue }
            if descend && n.isElement { leave(n) }
            if n == root { return }
            var m = n
            cur = nil
            while true {
                if let s = m.nextSibling { cur = s; break }
                guard let p = m.parent else { break }
                leave(p)
                if p == root { break }
                m = p
            }
        }
    }
    func label(_ n: Node) -> String { n.isElement ? n.name : n.isText ? "'\(n.ownText)'" : "#" }
    let starts = try [doc.root, doc.select(css: "div#a").first, doc.select(css: "b").first?.firstChild].map { try #require($0) }
    for start in starts {
        var want: [String] = [], got: [String] = []
        var kept: [Node] = []
        reference(start, enter: { want.append("+" + label($0)); return $0.name != "aside" }, leave: { want.append("-" + label($0)) })
        start.walk(enter: { kept.append($0); got.append("+" + label($0)); return $0.name != "aside" },
                   leave: { got.append("-" + label($0)) })
        #expect(got == want)
        #expect(kept.map { "+" + label($0) } == want.filter { $0.hasPrefix("+") })
        #expect(Set(kept).count == kept.count)
        var visited: [Node] = []
        start.walk { visited.append($0); return $0.name != "aside" }
        #expect(visited == kept)
    }
}

/// Pages are parsed without an ID table where the loaded libxml2 is 2.9.x, into the tree `htmlReadMemory` builds:
/// the same markup for UTF-8 read as is, for a legacy charset libxml2 converts, for a declared charset it ignores,
/// and for repeated, empty and `name` ids.
@Test func parsingWithoutIDsBuildsTheSameTree() throws {
    let pages = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>T</title></head><body><div id=a class=x>"
            + "<a name=top id=b href=/p>caf\u{E9} \u{2014} \u{65E5}\u{672C}</a><p id=a>dup</p><p id=\"\">e</p></div></body></html>",
        "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head><body id=x>"
            + "<form name=f id=g><input name=q id=q></form>Stra\u{DF}e</body></html>",
        "<p id=1>no html element<table><tr><td id=c>cell</table><svg><path id=s d=\"M0 0\"/></svg>",
    ]
    for page in pages {
        for contentType in ["text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html"] {
            let plain = try HTMLDocument(bytes: Array(page.utf8), url: "https://x.example/", contentType: contentType,
                                         dropsRawText: true, registersIDs: true)
            let skipped = try HTMLDocument(bytes: Array(page.utf8), url: "https://x.example/", contentType: contentType,
                                           dropsRawText: true)
            #expect(skipped.root?.outerHTML == plain.root?.outerHTML, "\(contentType): \(page)")
            #expect(plain.hasIDTable)
            #expect(skipped.hasIDTable == !HTMLDocument.skipsIDTable)
            #expect(try skipped.select(css: "[id=a]").count == (page.contains("id=a") ? 2 : 0))
        }
    }
}

/// Documents handed from one thread to another, and what went wrong, behind a lock.
private final class HandOver: @unchecked Sendable {
    private let lock = NSLock()
    private var docs: [HTMLDocument] = []
    private var failed: [String] = []
    var failures: [String] { lock.withLock { failed } }
    func fail(_ what: String) { lock.withLock { failed.append(what) } }
    /// Keeps `doc` and hands back one kept earlier, once a few are waiting.
    func swap(_ doc: HTMLDocument) -> HTMLDocument? {
        lock.withLock {
            docs.append(doc)
            return docs.count > 3 ? docs.removeFirst() : nil
        }
    }
}

/// `registersIDs` parses with `htmlReadMemory` itself, into malloc's memory.
private func parse(_ page: ([UInt8], String?), arena: Bool) throws -> HTMLDocument {
    try HTMLDocument(bytes: page.0, url: "https://x.example/", contentType: page.1, dropsRawText: true,
                     registersIDs: !arena)
}

/// Pages parsed into the shim's arena (libxml2 2.9.x) get the tree `htmlReadMemory` builds into malloc's memory, on
/// several threads at once, with documents dropped on other threads than the one that parsed them: pages in a legacy
/// charset, broken markup, blocks too large for the arena (a 300 KB attribute and text run), deep nesting. A document
/// kept while hundreds of others are parsed and dropped (their chunks reused) still reads the same.
@Test func parsingIntoTheArenaBuildsTheSameTree() throws {
    #expect(HTMLDocument.usesArena == HTMLDocument.skipsIDTable)
    let shiftJIS: [UInt8] = Array("<html><head><meta charset=Shift_JIS><title>".utf8) + [0x93, 0xFA, 0x96, 0x7B]
        + Array("</title></head><body><p>".utf8) + [0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD]
        + Array("</p></body></html>".utf8)
    let pages: [([UInt8], String?)] = [
        (Array("<!DOCTYPE html><html><head><title>T</title></head><body><div class=a id=b><p>caf\u{E9} <b>x</i>"
            .utf8), "text/html; charset=utf-8"),
        (shiftJIS, "text/html"),
        (Array("<p>Stra".utf8) + [0xDF, 0x65] + Array(" <a href=/x>&bogus; <div".utf8), "text/html; charset=windows-1252"),
        (Array("<html><body><a title=\"".utf8) + [UInt8](repeating: 0x78, count: 300_000)
            + Array("\">l</a><p>".utf8) + [UInt8](repeating: 0x79, count: 300_000) + Array("</p>".utf8), nil),
        (Array(String(repeating: "<div><span>x", count: 5_000).utf8), "text/html; charset=utf-8"),
        (noise(20_000, seed: 57), "text/html"),
    ]
    let expected = try pages.map { try parse($0, arena: false).root?.outerHTML }
    let kept = try parse(pages[0], arena: true)
    #expect(kept.parsedInArena == HTMLDocument.usesArena)
    let shared = HandOver()
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
        for round in 0..<50 {
            for (k, page) in pages.enumerated() {
                guard let doc = try? parse(page, arena: true) else { shared.fail("\(k): no tree"); continue }
                if doc.root?.outerHTML != expected[k] { shared.fail("\(k): another tree") }
                // Dropped by whichever worker takes it next, on its thread.
                _ = shared.swap(doc)?.root?.textContent.count ?? round + worker
            }
        }
    }
    #expect(shared.failures == [])
    #expect(kept.root?.outerHTML == expected[0])
}
