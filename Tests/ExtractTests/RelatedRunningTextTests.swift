import Testing
@testable import Extract
import HTML

/// A link inside a sentence is prose, not a related card; the words are looked for near the link only, so thousands
/// of unclosed tags around or beside links (each link climbing or scanning all of them was quadratic) read a
/// bounded part of the page per link.
@Test(arguments: [
    ("words around", #"<p>Bailey <a id="t" href="/x/">wrote a book</a> in 2014.</p>"#, true),
    ("a few inline wrappers", #"<p>Bailey <em><strong><span><a id="t" href="/x/">wrote</a></span></strong></em> in 2014.</p>"#, true),
    ("no words after", #"<p>Bailey <a id="t" href="/x/">wrote</a></p>"#, false),
    ("words past a few empty links", "<p>Bailey " + String(repeating: #"<a href="/y/"></a>"#, count: 20) + #"<a id="t" href="/x/">wrote</a> in 2014.</p>"#, true),
    ("words past hundreds of empty links", "<p>Bailey " + String(repeating: #"<a href="/y/"></a>"#, count: 300) + #"<a id="t" href="/x/">wrote</a> in 2014.</p>"#, false),
    ("inside more wrappers than a sentence has", "<p>Bailey " + String(repeating: "<span>", count: 20) + #"<a id="t" href="/x/">wrote</a>"# + String(repeating: "</span>", count: 20) + " in 2014.</p>", false),
])
func runningTextIsReadNearTheLink(_ name: String, _ html: String, _ expected: Bool) throws {
    let doc = try HTMLDocument(bytes: Array(html.utf8), contentType: nil)
    let a = try #require(try doc.select(css: "#t").first, "\(name)")
    #expect(RelatedFinder.inRunningText(a) == expected, "\(name)")
}
