import HTML
import Testing
@testable import Extract

struct NormalizedTextCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// The body's inner HTML; the text is read from the first element `selector` matches.
    let html: String
    let selector: String
    var testDescription: String { name }
}

/// `TextNormalizer.normalizedText(of:)` reads a node's text pieces in place: it gives what normalizing its
/// `textContent` gives, scalar for scalar.
@Test(arguments: [
    NormalizedTextCase(name: "one text node", html: "<h4>  Related\n posts </h4>", selector: "h4"),
    NormalizedTextCase(name: "nested elements", html: "<div><a href='/x'><b>How</b> I <i>Organised</i></a> the Workshop</div>", selector: "div"),
    NormalizedTextCase(name: "no text", html: "<p class='e'><img src='a.png'></p>", selector: "p"),
    NormalizedTextCase(name: "whitespace only", html: "<p> \n\t </p>", selector: "p"),
    NormalizedTextCase(name: "entities and no-break spaces", html: "<p>In &quot;Interviews&quot;&nbsp;&amp; more</p>", selector: "p"),
    NormalizedTextCase(name: "comment left out", html: "<p>a<!-- hidden -->b</p>", selector: "p"),
    NormalizedTextCase(name: "NFD text composed", html: "<p>Caf\u{65}\u{301} <span>Zo\u{65}\u{308}</span></p>", selector: "p"),
    NormalizedTextCase(name: "invisible characters dropped", html: "<p>zero\u{200B}width\u{AD} text</p>", selector: "p"),
    NormalizedTextCase(name: "CJK across elements", html: "<p>関連<b>記事</b></p>", selector: "p"),
    NormalizedTextCase(name: "script text kept as textContent has it", html: "<div>a<script>var x = 1;</script>b</div>", selector: "div"),
])
func normalizedTextIsNormalizedTextContent(_ c: NormalizedTextCase) throws {
    let doc = try HTMLDocument(bytes: Array("<html><body>\(c.html)</body></html>".utf8), contentType: nil)
    let n = try #require(try doc.select(css: c.selector).first)
    #expect(Array(TextNormalizer.normalizedText(of: n).unicodeScalars) == Array(TextNormalizer.normalize(n.textContent).unicodeScalars))
}
