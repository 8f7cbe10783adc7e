import Testing
import HTML

private struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    /// Markup whose `<body>`'s first child is the node tested.
    let markup: String
    let wanted: StaticString
    let expected: Bool
    var testDescription: String { name }
}

private let cases: [Case] = [
    Case(name: "same name", markup: "<abbr>x</abbr>", wanted: "abbr", expected: true),
    Case(name: "one-letter name", markup: "<a href=x>x</a>", wanted: "a", expected: true),
    Case(name: "wanted is a prefix of the name", markup: "<abbr>x</abbr>", wanted: "a", expected: false),
    Case(name: "name is a prefix of wanted", markup: "<a href=x>x</a>", wanted: "abbr", expected: false),
    Case(name: "uppercase tag, stored lowercase", markup: "<SPAN>x</SPAN>", wanted: "span", expected: true),
    Case(name: "uppercase wanted", markup: "<span>x</span>", wanted: "SPAN", expected: false),
    Case(name: "digit in the name", markup: "<h3>x</h3>", wanted: "h3", expected: true),
    Case(name: "empty wanted", markup: "<p>x</p>", wanted: "", expected: false),
    Case(name: "text node, named text by libxml2", markup: "plain", wanted: "text", expected: true),
]

@Test(arguments: cases)
private func hasNameIsNameEquality(_ c: Case) throws {
    let doc = try HTMLDocument(bytes: Array("<html><body>\(c.markup)</body></html>".utf8), contentType: nil)
    let node = try #require(doc.root?.firstDescendant(where: { $0.hasName("body") })?.firstChild)
    #expect(node.hasName(c.wanted) == c.expected)
    #expect(node.hasName(c.wanted) == (node.name == c.wanted.description))
}
