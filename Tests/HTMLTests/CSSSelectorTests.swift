import Testing
@testable import HTML

/// One fixture document; each case names the ids its selector must match, in document order.
private let page = """
<html><body>
<div id="main" class="post  featured">
  <h1 id="t" class="title">T</h1>
  <p id="p1" class="lead">a</p>
  <p id="p2" class="leader">b</p>
  <span id="s1" lang="en-US" data-x="foo bar" title="hello world">c</span>
  <p id="p3">d</p>
  <ul id="list"><li id="l1">1</li><li id="l2" class="x">2</li><li id="l3">3</li><li id="l4">4</li><li id="l5">5</li></ul>
  <a id="a1" href="https://ex.com/page.pdf" rel="author nofollow">x</a>
  <q id="q1" title="it's &quot;q&quot;">q</q>
</div>
<div id="side" class="sidebar"><p id="p4">e</p><em id="e1"></em></div>
</body></html>
"""

struct SelectorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let css: String
    let ids: [String]
    var testDescription: String { "\(name): \(css)" }
}

private let cases: [SelectorCase] = [
    .init(name: "type", css: "p", ids: ["p1", "p2", "p3", "p4"]),
    .init(name: "type is case-insensitive", css: "LI.x", ids: ["l2"]),
    .init(name: "universal child", css: "ul > *", ids: ["l1", "l2", "l3", "l4", "l5"]),
    .init(name: "class is token-exact", css: ".lead", ids: ["p1"]),
    .init(name: "two classes, extra spaces in attribute", css: ".post.featured", ids: ["main"]),
    .init(name: "id", css: "#side", ids: ["side"]),
    .init(name: "attribute present", css: "[title]", ids: ["s1", "q1"]),
    .init(name: "attribute equals, unquoted", css: "[lang=en-US]", ids: ["s1"]),
    .init(name: "attribute name case-insensitive", css: "[ID=main]", ids: ["main"]),
    .init(name: "~= whole token", css: "[data-x~=\"bar\"]", ids: ["s1"]),
    .init(name: "~= not a prefix of a token", css: "[data-x~=\"fo\"]", ids: []),
    .init(name: "|= language prefix", css: "[lang|=\"en\"]", ids: ["s1"]),
    .init(name: "|= not a plain prefix", css: "[lang|=\"e\"]", ids: []),
    .init(name: "^= prefix", css: "a[href^='https://']", ids: ["a1"]),
    .init(name: "$= suffix", css: "[href$=\".pdf\"]", ids: ["a1"]),
    .init(name: "$= wrong suffix", css: "[href$=\".pd\"]", ids: []),
    .init(name: "*= substring", css: "[title*=\"lo wo\"]", ids: ["s1"]),
    .init(name: "i flag", css: "[title=\"HELLO World\" i]", ids: ["s1"]),
    .init(name: "value with both quote kinds", css: "[title='it\\'s \"q\"']", ids: ["q1"]),
    .init(name: "rel token", css: "a[rel~=author]", ids: ["a1"]),
    .init(name: "descendant", css: "#main p", ids: ["p1", "p2", "p3"]),
    .init(name: "child", css: "body > div", ids: ["main", "side"]),
    .init(name: "adjacent sibling", css: "h1 + p", ids: ["p1"]),
    .init(name: "adjacent sibling must be next element", css: "h1 + span", ids: []),
    .init(name: "general sibling", css: "h1 ~ p", ids: ["p1", "p2", "p3"]),
    .init(name: "not", css: "p:not(.lead)", ids: ["p2", "p3", "p4"]),
    .init(name: "not with list", css: "p:not(.lead, #p4)", ids: ["p2", "p3"]),
    .init(name: "nth-child an+b", css: "li:nth-child(2n+1)", ids: ["l1", "l3", "l5"]),
    .init(name: "nth-child odd", css: "li:nth-child(odd)", ids: ["l1", "l3", "l5"]),
    .init(name: "nth-child even", css: "li:nth-child(even)", ids: ["l2", "l4"]),
    .init(name: "nth-child number", css: "li:nth-child(3)", ids: ["l3"]),
    .init(name: "nth-child -n+2", css: "li:nth-child(-n+2)", ids: ["l1", "l2"]),
    .init(name: "nth-child n+4", css: "li:nth-child(n + 4)", ids: ["l4", "l5"]),
    .init(name: "nth-child 3n-1", css: "li:nth-child(3n-1)", ids: ["l2", "l5"]),
    .init(name: "nth-last-child", css: "li:nth-last-child(1)", ids: ["l5"]),
    .init(name: "first-child", css: "li:first-child", ids: ["l1"]),
    .init(name: "last-child", css: "li:last-child", ids: ["l5"]),
    .init(name: "first-child any", css: "#side > :first-child", ids: ["p4"]),
    .init(name: "nth-of-type", css: "p:nth-of-type(2)", ids: ["p2"]),
    .init(name: "first-of-type", css: "p:first-of-type", ids: ["p1", "p4"]),
    .init(name: "last-of-type", css: "#main p:last-of-type", ids: ["p3"]),
    .init(name: "empty", css: "#side :empty", ids: ["e1"]),
    .init(name: "group in document order", css: "#side p, h1", ids: ["t", "p4"]),
    .init(name: "group dedups", css: "#p1, p.lead", ids: ["p1"]),
    .init(name: "has child", css: "div:has(> h1)", ids: ["main"]),
    .init(name: "has descendant", css: "div:has(em)", ids: ["side"]),
    .init(name: "contains", css: "li:contains('4')", ids: ["l4"]),
    .init(name: "chain", css: "body > div.post ul li.x + li", ids: ["l3"]),
]

@Test(arguments: cases)
func cssSelects(_ c: SelectorCase) throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    let ids = try doc.select(css: c.css).map { $0.attribute("id") ?? "?" }
    #expect(ids == c.ids)
}

/// The tree walk must give exactly what the XPath translation gives, also from a context node.
@Test(arguments: cases + extraCases)
func nativeMatchesXPath(_ c: SelectorCase) throws {
    let sel = try CSSSelector.compile(c.css)
    for html in [page, extraPage] {
        let doc = try HTMLDocument(bytes: Array(html.utf8))
        let contexts: [Node?] = [nil] + (try doc.select(xpath: "//*"))
        for ctx in contexts {
            let walked = try doc.select(sel, from: ctx)
            let viaXPath = try doc.select(xpath: sel.xpath, from: ctx)
            #expect(walked == viaXPath, "context \(ctx?.attribute("id") ?? ctx?.name ?? "document")")
            #expect(try doc.first(sel, from: ctx) == viaXPath.first)
        }
    }
}

/// Corners where a walk could differ from XPath: tokens around tabs and newlines, empty values, absent attributes.
private let extraCases: [SelectorCase] = [
    .init(name: "token among tabs", css: ".b", ids: ["w1"]),
    .init(name: "token not a substring", css: ".a-b", ids: []),
    .init(name: "empty value equals", css: "[data-e='']", ids: ["w2"]),
    .init(name: "empty prefix never", css: "[data-e^='']", ids: []),
    .init(name: "dash match exact and prefixed", css: "[data-l|=zh]", ids: ["w1", "w2"]),
    .init(name: "suffix longer than value", css: "[data-l$='xzh-TW']", ids: []),
    .init(name: "i flag on generator", css: "meta[name='generator' i][content]", ids: ["m1"]),
    .init(name: "i flag substring", css: "meta[content*='press 6' i], [data-l*='H-t' i]", ids: ["m1", "w2"]),
    .init(name: "i flag prefix", css: "[data-l^='ZH-' i], meta[content^='wordpress' i]", ids: ["m1", "w2"]),
    .init(name: "i flag substring longer than value", css: "[data-l*='zh-tw-x' i]", ids: []),
    .init(name: "descendant chain backtracks", css: "div div em", ids: ["e2"]),
    .init(name: "child chain", css: "#w2 > span > em", ids: ["e2"]),
    .init(name: "not of two classes", css: "span:not(.a, .c)", ids: ["s9"]),
    .init(name: "general sibling inside", css: "em ~ i", ids: ["i1"]),
    // Values compared as C strings in place (SelectorMatcher): lengths either side of the value's.
    .init(name: "substring at the value's end", css: "[data-l*='-TW']", ids: ["w2"]),
    .init(name: "substring longer than value", css: "[data-l*='zh-TW-x']", ids: []),
    .init(name: "prefix longer than value", css: "[data-l^='zh-TWx']", ids: []),
    .init(name: "prefix the whole value", css: "[data-l^='zh-TW']", ids: ["w2"]),
    .init(name: "equals a prefix of the value", css: "[data-l='zh-T']", ids: []),
    .init(name: "equals the value and more", css: "[data-l='zh-TW1']", ids: []),
]

private let extraPage = """
<html><head><meta name="GENERATOR" id="m0"><meta name="Generator" content="WordPress 6" id="m1"></head><body>
<div id="w1" class="a\tb\n c" data-l="zh"><div id="w2" data-e="" data-l="zh-TW"><span id="s9"><em id="e2">x</em><i id="i1">y</i></span></div></div>
</body></html>
"""

@Test(arguments: extraCases)
func cssSelectsCorners(_ c: SelectorCase) throws {
    let doc = try HTMLDocument(bytes: Array(extraPage.utf8))
    let sel = try CSSSelector.compile(c.css)
    #expect(sel.isNative)
    let ids = try doc.select(sel).map { $0.attribute("id") ?? "?" }
    #expect(ids == c.ids)
    #expect(try doc.select(xpath: sel.xpath).map { $0.attribute("id") ?? "?" } == c.ids)
}

@Test func cssClassUsesTokenExactForm() throws {
    let xp = try CSSSelector.xpath(".x")
    #expect(xp == "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' x ')]")
}

@Test func cssSelectsWithinContextNode() throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    let side = try #require(try doc.select(css: "#side").first)
    #expect(try doc.select(css: "p", from: side).map { $0.attribute("id") } == ["p4"])
    #expect(try side.select(css: "div").map { $0.attribute("id") } == ["side"]) // descendant-or-self
}

@Test func cssTranslationIsCachedAndStable() throws {
    #expect(try CSSSelector.xpath("a > b") == (try CSSSelector.xpath("a > b")))
}

struct SelectorErrorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let css: String
    let position: Int
    var testDescription: String { "\(name): \(css)" }
}

private let errorCases: [SelectorErrorCase] = [
    .init(name: "empty", css: "", position: 0),
    .init(name: "dangling combinator", css: "div >", position: 4),
    .init(name: "empty group member", css: "div,,p", position: 4),
    .init(name: "unclosed attribute", css: "p[href", position: 1),
    .init(name: "unknown attribute operator", css: "p[href!=x]", position: 6),
    .init(name: "missing value", css: "a[href=]", position: 7),
    .init(name: "unknown pseudo-class", css: "p:hover", position: 1),
    .init(name: "pseudo-element", css: "p::before", position: 1),
    .init(name: "bad nth", css: "li:nth-child(x)", position: 13),
    .init(name: "nth-of-type needs a type", css: "*:nth-of-type(2)", position: 1),
    .init(name: "class without name", css: "p.", position: 2),
    .init(name: "stray parenthesis", css: "div)", position: 3),
    .init(name: "unterminated string", css: "a[title=\"x]", position: 8),
    .init(name: "unclosed not", css: "p:not(.a", position: 8),
    .init(name: "hostile nesting", css: "p" + String(repeating: ":has(", count: 40), position: 81),
]

@Test(arguments: errorCases)
func cssRejects(_ c: SelectorErrorCase) {
    #expect {
        _ = try CSSSelector.xpath(c.css)
    } throws: { error in
        guard let e = error as? CSSSelectorError else { return false }
        return e.position == c.position && e.selector == c.css && !e.reason.isEmpty
    }
}

/// One walk for many selectors gives each selector's own first match.
@Test func firstMatchesIsFirstOfEach() throws {
    let doc = try HTMLDocument(bytes: Array(page.utf8))
    let sels = try (cases + extraCases).map { try CSSSelector.compile($0.css) } + [Selector(xpath: "//li[3]")]
    let all = try doc.firstMatches(sels)
    #expect(all.count == sels.count)
    for (s, f) in zip(sels, all) { #expect(f == (try doc.select(xpath: s.xpath).first)) }
}

/// A group made once answers on every document as the selectors asked per call do (XPath's first match each),
/// with its first-byte table (up to 64 walked selectors) and without it (65 and more).
@Test func selectorGroupIsMadeOnceForManyDocuments() throws {
    let sels = try (cases + extraCases).map { try CSSSelector.compile($0.css) } + [Selector(xpath: "//li[3]")]
    let many = sels + (0..<65).map { _ in try! CSSSelector.compile("p.none") }
    let docs = [page, "<body><p class=a>1</p><div id=lead>2</div><ul><li>a<li>b<li>c</ul></body>", "<p>x"]
        .map { try! HTMLDocument(bytes: Array($0.utf8)) }
    for list in [sels, many] {
        let group = SelectorGroup(list)
        #expect((group.byFirstByte == nil) == (group.walked.count > 64))
        for doc in docs {
            let found = try doc.firstMatches(group)
            #expect(found.count == list.count)
            for (s, f) in zip(list, found) { #expect(f == (try doc.select(xpath: s.xpath).first)) }
            #expect(try doc.firstMatches(group, endingAtAnyOf: 1) == (try doc.firstMatches(list, endingAtAnyOf: 1)))
        }
    }
}

/// With `endingAtAnyOf`, the walk ends at the first match of a leading selector: a later selector's match before it
/// is kept, one further on is not looked for, and with no leading match every selector gets its first match.
@Test func firstMatchesEndsAtALeadingMatch() throws {
    let doc = try HTMLDocument(bytes: Array("<body><p class=a>1</p><div id=lead>2</div><p class=b>3</p><div class=c>4</div></body>".utf8))
    let sels = try ["div#lead", "div.none", "p.a", "p.b"].map { try CSSSelector.compile($0) }
    let ended = try doc.firstMatches(sels, endingAtAnyOf: 2)
    #expect(ended.map { $0?.textContent } == ["2", nil, "1", nil])
    let whole = try doc.firstMatches(sels)
    #expect(whole.map { $0?.textContent } == ["2", nil, "1", "3"])
    let noLead = try doc.firstMatches(try ["div.none", "p.a", "p.b"].map { try CSSSelector.compile($0) }, endingAtAnyOf: 1)
    #expect(noLead.map { $0?.textContent } == [nil, "1", "3"])
}

/// A long attribute value on an ancestor of many candidates (fuzz finding-1618: a 52 KB `class` on `<html>` and
/// 20,000 links) is read in full once per walk and test, not once per candidate; the matches stay XPath's.
@Test func longValueOfAnAncestorIsReadOncePerWalk() throws {
    let words = (0..<2_000).map { "w\($0)" }.joined(separator: " ")
    let links = String(repeating: "<p class=\"x\"><a href=\"/a\">a</a></p>", count: 500)
    let doc = try HTMLDocument(bytes: Array("<html class=\"\(words) last\"><body>\(links)</body></html>".utf8))
    let cases = [(".last a", 500), (".w1999 p a", 500), (".none a", 0), ("[class*='w1999 '] a", 500),
                 ("[class$=last] > body a", 500), ("html:not(.none) p.x a", 500)]
    for (css, count) in cases {
        let sel = try CSSSelector.compile(css)
        let (nodes, reads) = try #require(sel.matcher).selectCountingLongReads(in: doc.elementIndex)
        #expect(nodes.count == count, "\(css)")
        #expect(reads == 1, "\(css)")
        #expect(try doc.select(xpath: sel.xpath).count == count, "\(css)")
        #expect(try doc.select(sel, from: doc.root).count == count, "\(css)")
    }
    #expect(try doc.firstMatches([try CSSSelector.compile(".last a")]).first??.textContent == "a")
}

/// Values either side of `SelectorMatcher.longValueBytes`: one byte short is read each time, the bound and over once.
@Test(arguments: [-1, 0, 1])
func longValueBound(_ delta: Int) throws {
    let length = SelectorMatcher.longValueBytes + delta
    let value = String(repeating: "y", count: length - 2) + " z"
    let doc = try HTMLDocument(bytes: Array("<div class=\"\(value)\"><b>1</b><b>2</b><b>3</b></div>".utf8))
    for (css, count) in [(".z b", 3), ("[class$=yz] b", 0), ("[class*=' z'] b", 3)] {
        let sel = try CSSSelector.compile(css)
        let (nodes, reads) = try #require(sel.matcher).selectCountingLongReads(in: doc.elementIndex)
        #expect(nodes.count == count, "\(css)")
        #expect(reads == (delta < 0 ? 0 : 1), "\(css)")
    }
}

/// A descendant combinator over a deep chain (fuzz finding-728: 41,000 links under 512 unclosed `<span>`s, each
/// climbing to the root for `.tags a`) tests at most `SelectorMatcher.shortClimb` ancestors per candidate before the
/// walk's kept answers, not depth x links; the matches stay XPath's.
@Test func deepDescendantClimbIsShared() throws {
    let depth = 300
    let chain = String(repeating: "<span><a href=\"/a\">a</a>", count: depth) + String(repeating: "</span>", count: depth)
    let doc = try HTMLDocument(bytes: Array("<html><body><div data-t=\"1\" class=\"x\">\(chain)</div></body></html>".utf8))
    let elements = doc.elementIndex.entries.count
    for (css, count) in [("[data-t] a", depth), ("[data-none] a", 0), ("div[data-t] span a", depth), ("[data-none] span a", 0),
                         ("[data-t] > span a", depth), ("body [data-t] a", depth)] {
        let sel = try CSSSelector.compile(css)
        let (nodes, tests) = try #require(sel.matcher).selectCountingAncestorTests(in: doc.elementIndex)
        #expect(nodes.count == count, "\(css)")
        #expect(tests <= 2 * (depth * (SelectorMatcher.shortClimb + 1) + elements), "\(css): \(tests)")
        #expect(try doc.select(xpath: sel.xpath).count == count, "\(css)")
        #expect(try doc.select(sel, from: doc.root).count == count, "\(css)")
    }
}

/// A match exactly where the climb turns to the kept answers (either side of `shortClimb` ancestors) is found.
@Test(arguments: [-1, 0, 1, 2])
func deepDescendantClimbBound(_ delta: Int) throws {
    let depth = SelectorMatcher.shortClimb + delta
    let chain = String(repeating: "<span>", count: depth) + "<a href=\"/a\">a</a>" + String(repeating: "</span>", count: depth)
    let doc = try HTMLDocument(bytes: Array("<html><body><div data-t=\"1\">\(chain)</div><a href=\"/b\">b</a></body></html>".utf8))
    for (css, count) in [("[data-t] a", 1), ("[data-t] span a", 1), ("body a", 2), ("[data-none] a", 0)] {
        let sel = try CSSSelector.compile(css)
        let (nodes, _) = try #require(sel.matcher).selectCountingAncestorTests(in: doc.elementIndex)
        #expect(nodes.count == count, "\(css) at \(depth)")
        #expect(try doc.select(xpath: sel.xpath).count == count, "\(css) at \(depth)")
    }
}
