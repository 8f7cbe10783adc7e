import Foundation
import Testing
@testable import Extract

// Classes of mistakes that bench/heldout.py's real pages showed, rebuilt on small pages of our own.

private let fetched = Date(timeIntervalSince1970: 1_732_536_000) // 2024-11-25T12:00:00Z

private func extract(_ html: String, url: String = "https://news.example/2024/11/20/story.html") throws -> PageRecord {
    try Extractor(rules: .empty).record(ExtractionInput(bytes: Array(html.utf8), url: url, fetchedAt: fetched))
}

private let lorem = "This paragraph is long enough to be content, with commas, clauses, and the kind of rhythm a real post has. "

/// A site menu with more text than the story, so that no share-of-page limit hides a wrong related section.
private let menu = "<ul class=\"site-nav\">" + (1...40).map { "<li><a href=\"/section-\($0)/\">Section number \($0) of the site</a></li>" }.joined() + "</ul>"

@Suite struct RelatedSectionInsideTheStory {
    /// A "Related Stories" heading set inside the story's own container (before an empty, script-filled list)
    /// does not make the story a related section.
    @Test func headingAfterTheStoryDoesNotTakeTheStory() throws {
        let story = "<div id=\"article_container\"><div class=\"entry-content\"><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"
            + "<p>\(lorem) It cites <a href=\"https://www.google.com/trends/2014/story/food.html\">a study</a>.</p><p>\(lorem)</p></div>"
            + "<div>Related Stories</div><div id=\"related\" class=\"related\"><h2>Related Stories</h2></div></div>"
        let r = try extract("<html><body>\(menu)<div id=\"main\"><h1>Story</h1>\(story)</div></body></html>")
        #expect(r.body.text.contains("It cites a study."))
        #expect(r.related.isEmpty)
    }

    /// A related section that opens with its heading is still one.
    @Test func headingThatOpensItsSectionStillCounts() throws {
        let related = "<div class=\"more\"><h3>Related Stories</h3><ul><li><a href=\"/2024/11/01/other.html\">Other story</a></li></ul></div>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p>\(related)</article></body></html>")
        #expect(r.related.map(\.url) == ["https://news.example/2024/11/01/other.html"])
        #expect(!r.body.text.contains("Other story"))
    }
}
