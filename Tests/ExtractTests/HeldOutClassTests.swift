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

@Suite struct PictureCredits {
    /// A picture's credit is no byline: a credit line ("Photograph by ..."), an author-classed element in a
    /// figure, or an `itemprop=author` of an ImageObject.
    @Test(arguments: [
        "<div class=\"img\"><img src=\"/a.jpg\"><div class=\"img__author\">Photograph by <span>Ed Marshall, Redonda Restoration</span></div></div>",
        "<figure><img src=\"/a.jpg\"><figcaption>Goats on the island. <span class=\"author\">Ed Marshall</span></figcaption></figure>",
        "<div itemscope itemtype=\"https://schema.org/ImageObject\"><img itemprop=\"contentUrl\" src=\"/a.jpg\"><span itemprop=\"author\">Ed Marshall</span></div>",
    ])
    func creditIsNotTheAuthor(_ picture: String) throws {
        let r = try extract("<html><body><div class=\"story\"><h1>Goats</h1>\(picture)<p>\(lorem)\(lorem)</p>"
                            + "<div class=\"byline\">By Michael Hingston</div><p>\(lorem)\(lorem)</p></div></body></html>")
        #expect(r.authors == ["Michael Hingston"])
    }

    @Test(arguments: [("Photograph by Ed Marshall", true), ("Foto: dpa", true), ("Image: NASA", true),
                      ("By Michael Hingston", false), ("Photographer Jane Doe", false)])
    func creditLines(_ text: String, _ credit: Bool) {
        #expect(AuthorFinder.isCredit(text) == credit)
    }
}
