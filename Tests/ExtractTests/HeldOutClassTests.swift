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

    /// A "Further reading" section written as sentences around its links is the story's text, not cards.
    @Test func linksInsideSentencesAreNoCards() throws {
        let further = "<div class=\"furtherReading\"><h2>Further Reading</h2><ul>"
            + "<li>Dr Mark McKergow and Helen Bailey <a href=\"https://books.example/host\">wrote a book</a> in 2014.</li>"
            + "<li>The website <a href=\"https://hostleadership.example/\">hostleadership.example</a> has ongoing information.</li></ul></div>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p>\(further)</article></body></html>")
        #expect(r.related.isEmpty)
        #expect(r.body.text.contains("Dr Mark McKergow and Helen Bailey wrote a book in 2014."))
    }

    /// A card whose link follows its date (nothing after it) is still a card.
    @Test func datedCardLinksStillCount() throws {
        let related = "<h3>Related posts</h3><ul><li><span>Mar 3, 2024</span> <a href=\"/2024/03/03/a.html\">Story A</a></li>"
            + "<li><span>Feb 1, 2024</span> <a href=\"/2024/02/01/b.html\">Story B</a></li></ul>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p></article><aside>\(related)</aside></body></html>")
        #expect(r.related.map(\.title) == ["Story A", "Story B"])
    }

    /// A related heading in another language announces its section ("À lire aussi", "Leggi anche", "相关阅读").
    @Test(arguments: ["À lire aussi", "Leggi anche", "Lesen Sie auch", "相关阅读", "관련기사"])
    func headingInAnotherLanguage(_ heading: String) throws {
        let related = "<div class=\"box\"><h3>\(heading)</h3><ul><li><a href=\"/2024/11/01/other.html\">Other story of the week</a></li>"
            + "<li><a href=\"/2024/11/02/more.html\">More news of the week</a></li></ul></div>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p>\(related)</article></body></html>")
        #expect(r.related.map(\.url) == ["https://news.example/2024/11/01/other.html", "https://news.example/2024/11/02/more.html"])
        #expect(!r.body.text.contains("Other story"))
    }

    /// The heading on a line of its own inside the story, the list of headlines right after it: both leave the body,
    /// the links are cards. A list that is mostly text after such a line stays.
    @Test func headingLineThenListInsideTheStory() throws {
        let list = "<p><strong>Auch interessant:</strong></p><ul><li><a href=\"/2024/11/01/other.html\">Other story of the week</a></li>"
            + "<li><a href=\"/2024/11/02/more.html\">More news of the week</a></li></ul>"
        let r = try extract("<html><body><article><h1>Story</h1><div class=\"entry\"><p>\(lorem)\(lorem)\(lorem)</p>\(list)<p>\(lorem)</p></div></article></body></html>")
        #expect(r.related.map(\.url) == ["https://news.example/2024/11/01/other.html", "https://news.example/2024/11/02/more.html"])
        #expect(!r.body.text.contains("Other story"))
        #expect(!r.body.text.contains("Auch interessant"))
        let prose = "<p><strong>Auch interessant:</strong></p><ul><li>The <a href=\"/2024/11/01/other.html\">council</a> has voted on the bridge, "
            + "and the works will start in spring after a long delay.</li></ul>"
        let kept = try extract("<html><body><article><h1>Story</h1><div class=\"entry\"><p>\(lorem)\(lorem)\(lorem)</p>\(prose)</div></article></body></html>")
        #expect(kept.body.text.contains("has voted on the bridge"))
    }

    /// A related section that opens with its heading is still one.
    @Test func headingThatOpensItsSectionStillCounts() throws {
        let related = "<div class=\"more\"><h3>Related Stories</h3><ul><li><a href=\"/2024/11/01/other.html\">Other story</a></li></ul></div>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p>\(related)</article></body></html>")
        #expect(r.related.map(\.url) == ["https://news.example/2024/11/01/other.html"])
        #expect(!r.body.text.contains("Other story"))
    }
}

/// A news CMS that sets the whole story in an `<aside>` panel (its `itemprop=articleBody` inside): the aside is the story,
/// not a sidebar; an aside without it stays out.
@Test func storyInAnAsidePanel() throws {
    let nav = "<div class=\"topnav\">" + (1...12).map { "<a href=\"/s\($0)/\">Section \($0)</a> " }.joined() + "</div>"
    let story = "<aside class=\"panel\"><section itemscope itemtype=\"http://schema.org/Article\"><h1>Story</h1>"
        + "<div itemprop=\"articleBody\"><p>\(lorem)\(lorem)</p><p>\(lorem)</p></div></section></aside>"
    let r = try extract("<html><body>\(nav)<main>\(story)</main><aside><p>Sidebar words that are not the story at all.</p></aside></body></html>")
    #expect(r.body.text.contains("rhythm a real post has."))
    #expect(!r.body.text.contains("Section 3"))
    #expect(!r.body.text.contains("Sidebar words"))
}

/// A news site that sets the next stories after this one, each in its `<article>`: the story whose headline repeats the
/// page's title is the page's, even when the next one is longer (its header stripped as unlikely does not hide it). A
/// hero `<article>` of the headline alone beside the text's `<article>` leaves the text where it is.
@Test func theHeadlinesStoryAmongSeveral() throws {
    let own = "<article class=\"list__item\"><header class=\"list__header\"><h2>The bridge vote is set for May</h2></header>"
        + "<div class=\"detail\"><p>First story. \(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p></div></article>"
    let next = "<article class=\"list__item\"><header class=\"list__header\"><h2>Harbour plans go to the council</h2></header>"
        + "<div class=\"detail\">" + String(repeating: "<p>Second story. \(lorem)\(lorem)</p>", count: 6) + "</div></article>"
    let html = "<html><head><title>The bridge vote is set for May</title></head><body><h1>Latest stories</h1>\(own)\(next)</body></html>"
    let r = try extract(html)
    #expect(r.body.text.contains("First story."))
    #expect(!r.body.text.contains("Second story."))
    let hero = "<html><head><title>The bridge vote is set for May</title></head><body><article class=\"hero\"><h1>The bridge vote is set for May</h1>"
        + "<p>A short standfirst.</p></article><article class=\"text\"><p>Story text. \(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p></article></body></html>"
    #expect(try extract(hero).body.text.contains("Story text."))
}

/// Old WordPress themes print the post's categories as a heading of links ("Category: Blog Popular"): taxonomy, kept in
/// `tags`, not text.
@Test func categoryHeadingIsNoText() throws {
    let line = "<h2>Category: <a href=\"/category/blog/\" rel=\"category tag\">Blog</a> <a href=\"/category/popular/\" rel=\"category tag\">Popular</a></h2>"
    let r = try extract("<html><body><div class=\"post\"><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p><p>\(lorem)</p>\(line)</div></body></html>")
    #expect(r.body.text.contains("rhythm a real post has."))
    #expect(!r.body.text.contains("Category:"))
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

@Suite struct TruncatedTitles {
    /// A meta title that ends early (an unescaped quote in the attribute, an ellipsis) yields to the `<h1>` it starts.
    @Test(arguments: [
        (#"<meta property="og:title" content="男孩因不想上补习班 写" 救命啊"纸团抛出引来警察"="">"#,
         #"男孩因不想上补习班 写"救命啊"纸团抛出引来警察"#, #"男孩因不想上补习班 写"救命啊"纸团抛出引来警察"#),
        (#"<meta property="og:title" content="Taiwan's president has a playbook for Hong Kong leader...">"#,
         "Taiwan's president has a playbook for Hong Kong leader Carrie Lam", "Taiwan's president has a playbook for Hong Kong leader Carrie Lam"),
        // a heading that only goes on is another title: the meta one stands
        (#"<meta property="og:title" content="Goats return">"#, "Goats return to Redonda", "Goats return"),
    ])
    func metaTitleCutShort(_ meta: String, _ h1: String, _ title: String) throws {
        let r = try extract("<html><head>\(meta)</head><body><div class=\"story\"><h1>\(h1)</h1><p>\(lorem)\(lorem)\(lorem)</p></div></body></html>")
        #expect(r.title == title)
    }

    /// A kicker that the page's `<h1>` shows before the headline ("Nutzerbasierte Abrechnung: ...") is part of the
    /// title even when the JSON-LD headline leaves it out; a long lead-in before a colon is no kicker.
    @Test(arguments: [
        ("Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell", "Nutzerbasierte Abrechnung: Musik-Stars fordern neues Streaming-Modell"),
        ("Musik-Stars fordern neues Streaming-Modell", "Musik-Stars fordern neues Streaming-Modell"),
        ("What the band told us after the show in the old town hall last night: Musik-Stars fordern neues Streaming-Modell",
         "Musik-Stars fordern neues Streaming-Modell"),
    ])
    func kickerInTheHeading(_ h1: String, _ title: String) throws {
        let ld = #"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Musik-Stars fordern neues Streaming-Modell"}"#
        let r = try extract("<html><head><script type=\"application/ld+json\">\(ld)</script></head>"
                            + "<body><div class=\"story\"><h1>\(h1)</h1><p>\(lorem)\(lorem)\(lorem)</p></div></body></html>")
        #expect(r.title == title)
    }

    /// A JSON-LD `name` that is a CMS id ("d-161500790") yields to the `headline`.
    @Test func identifierNameYieldsToTheHeadline() throws {
        let ld = #"{"@context":"https://schema.org","@type":"NewsArticle","name":"d-161500790","headline":"Ein Albtraum"}"#
        let r = try extract("<html><head><title>Ein Albtraum - DER SPIEGEL 52/2018</title><script type=\"application/ld+json\">\(ld)</script></head>"
                            + "<body><div class=\"story\"><h1>Ein Albtraum</h1><p>\(lorem)\(lorem)\(lorem)</p></div></body></html>")
        #expect(r.title == "Ein Albtraum")
    }

    @Test(arguments: [("d-161500790", true), ("Ein Albtraum", false), ("COVID-19", true), ("2024年の振り返り", false), ("Albtraum", false)])
    func identifiers(_ name: String, _ id: Bool) {
        #expect(TitleFinder.isIdentifier(name) == id)
    }
}

@Suite struct StoryBodyHiddenByStyle {
    /// A story body that a paywall script shows later is served with an inline `display: none`: its text is the
    /// story; other hidden markup stays out.
    @Test(arguments: [
        #"<div id="articleBody" class="article-single__content" style="display: none">"#,
        #"<div itemprop="articleBody" style="display:none">"#,
    ])
    func hiddenStoryBodyIsTheStory(_ open: String) throws {
        let r = try extract("<html><body><div class=\"story\"><h1>Story</h1><p class=\"excerpt\">The party leader rejected the call.</p>"
                            + "\(open)<p>Hidden one. \(lorem)\(lorem)</p><p>Hidden two. \(lorem)\(lorem)</p></div>"
                            + "<div class=\"notice\" style=\"display: none\"><p>Please sign up or log in to continue reading. \(lorem)</p></div>"
                            + "</div></body></html>")
        #expect(r.body.text.contains("Hidden one."))
        #expect(r.body.text.contains("Hidden two."))
        #expect(!r.body.text.contains("Please sign up"))
    }

    /// The `hidden` attribute still hides, whatever the element is named.
    @Test func hiddenAttributeStillHides() throws {
        let r = try extract("<html><body><div class=\"story\"><h1>Story</h1><p>\(lorem)\(lorem)\(lorem)</p>"
                            + "<div id=\"articleBody\" hidden><p>Secret draft. \(lorem)</p></div></div></body></html>")
        #expect(!r.body.text.contains("Secret draft."))
    }
}

@Suite struct ShortPostBoilerplate {
    /// A post too short for the content search's minimum is searched again with fewer filters; a relaxed attempt
    /// that only adds the footer's tag and comment lines does not replace the stricter one.
    @Test func shortPostKeepsItsFooterOut() throws {
        let post = "<div class=\"post\"><h1>Kleine Freuden</h1><small>11.09.2011, 16:20 von autor</small><div class=\"entry\">"
            + "<p>Manchmal überrascht einen der Alltag mit kleinen Freuden. Neulich spazierte ich durch die Stadt, da baumelte "
            + "vom Balkon im vierten Stock eine lange Schnur mit einem Körbchen herunter, und ein Zettel lag darin.</p>"
            + "<p>Gut investierte zwanzig Cent, auch wenn das Bild kein Meisterwerk war!</p>"
            + "<div class=\"entryfooter\"><p>Tags: <a href=\"/tag/stadt/\" rel=\"tag\">Stadt</a>, <a href=\"/tag/cent/\" rel=\"tag\">Cent</a></p>"
            + "<p><a href=\"/2011/09/11/freuden/feed/\">Kommentarfeed</a> | Kommentare geschlossen | "
            + "<a href=\"/2011/09/11/freuden/trackback/\" rel=\"trackback\">Trackback-URL</a></p></div></div></div>"
        let r = try extract("<html lang=\"de\"><body>\(menu)\(post)</body></html>", url: "https://blog.example/2011/09/11/freuden/")
        #expect(r.body.text.contains("Gut investierte zwanzig Cent"))
        #expect(!r.body.text.contains("Kommentare geschlossen"))
    }

    /// A short post's box of a label and links ("Weiterführender Link" and one link, "Voir aussi" and two) stays out;
    /// a short post that is a list of links, or a link post's one link, stays in.
    @Test(arguments: [
        ("<div class=\"kastenBox\"><div class=\"kastenHead\">Weiterführender Link<br></div><div class=\"kastenInner\">"
         + "<a href=\"https://other.example/x\">Personal Leadership 5.0</a></div></div>", "Weiterführender Link", false),
        ("<div class=\"voir-aussi\"><b>Voir aussi</b> <a href=\"/2024/04/marche/\">Le marché en avril</a> "
         + "<a href=\"/2024/03/fromage/\">Le fromager ferme</a></div>", "Le fromager ferme", false),
        ("<div class=\"link-post\"><a href=\"https://a.example/sleep\">Why we sleep, and why we do not</a></div>", "Why we sleep", true),
        ("<ul><li><a href=\"https://a.example/1\">A long essay on city trams</a></li><li><a href=\"https://a.example/2\">"
         + "The history of the ferry</a></li></ul>", "A long essay on city trams", true),
    ])
    func shortPostLinkBox(_ box: String, _ text: String, _ kept: Bool) throws {
        let post = "<div id=\"content\"><div class=\"post\"><h1>Kleine Freuden</h1><div class=\"entry\">"
            + "<p>Konflikte mag keiner. Und trotzdem begegnen wir ihnen ständig, in allen Lebensbereichen. Hier eine ganz "
            + "einfache Lösung, wie wir schwierige Gespräche meistern können, ohne Streit.</p>\(box)</div></div></div>"
        let r = try extract("<html lang=\"de\"><body>\(menu)\(post)</body></html>", url: "https://blog.example/2011/09/11/freuden/")
        #expect(r.body.text.contains("schwierige Gespräche meistern"))
        #expect(r.body.text.contains(text) == kept)
    }
}

@Suite struct AdLabels {
    /// A block that only labels an ad slot inside the story ("Anzeige", "ADVERTISEMENT") is not the story's text.
    @Test(arguments: [
        "<div class=\"contentad\"><div style=\"text-align:left\">Anzeige</div><div class=\"bn_content\"><a href=\"/banner/rd/1\"><img src=\"/banner/ad/1.png\"></a></div></div>",
        "<p>ADVERTISEMENT</p>",
        "<div class=\"slot\"><p>— Story continues below advertisement —</p></div>",
    ])
    func adLabelIsNoText(_ slot: String) throws {
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)</p>\(slot)<p>Second part. \(lorem)\(lorem)</p></article></body></html>")
        #expect(r.body.text.contains("Second part."))
        #expect(!r.body.text.lowercased().contains("anzeige"))
        #expect(!r.body.text.lowercased().contains("advertisement"))
    }
}

@Suite struct TeaserFigures {
    /// A figure that is one link around another story's headline and summary is a teaser card, not a picture of the
    /// story; a picture with its caption stays.
    @Test func teaserFigureIsNoText() throws {
        let teaser = "<figure class=\"teaserable\"><a href=\"https://news.example/wirtschaft/ice-bahn-takt-1.4435810\" class=\"teaser\">"
            + "<div class=\"image\"><img src=\"/img/bahn.jpg\" alt=\"Bahn\"></div><figcaption><p class=\"overline\">Neues Bahn-Konzept</p>"
            + "<h3 class=\"teaser-title\">ICE im S-Bahn-Takt</h3><p class=\"summary\">Die Bahn will schon bald die ersten Fernverbindungen "
            + "im Halbstunden-Rhythmus anbieten.</p></figcaption></a></figure>"
        let picture = "<figure><img src=\"/img/bus.jpg\" alt=\"Bus\"><figcaption>A long-distance coach at the central bus station.</figcaption></figure>"
        let r = try extract("<html><body><article><h1>Story</h1><p>\(lorem)\(lorem)</p>\(teaser)<p>Second part. \(lorem)\(lorem)</p>"
                            + "\(picture)<p>Third part. \(lorem)</p></article></body></html>")
        #expect(!r.body.text.contains("ICE im S-Bahn-Takt"))
        #expect(!r.body.text.contains("Halbstunden-Rhythmus"))
        #expect(r.body.text.contains("A long-distance coach at the central bus station."))
        #expect(r.body.text.contains("Third part."))
    }
}

@Suite struct OneChildWrappers {
    /// A story split into parts, each wrapped in wrappers of one child (Drupal's paragraph fields: lead, picture,
    /// text): the lead's part joins the text's, whose wrappers carry the text's score.
    @Test func leadInItsOwnFieldJoinsTheText() throws {
        let lead = "<div class=\"field--item\"><div class=\"paragraph paragraph--type--chapo\"><div class=\"chapo_block\"><p>The decree that "
            + "validates the new statutes of the university has just been published, completing an institutional project begun "
            + "less than ten years ago and recognising it as a full university.</p></div></div></div>"
        let image = "<div class=\"field--item\"><div class=\"paragraph paragraph--type--image\"><div class=\"field field--item\">"
            + "<img src=\"/img/campus.jpg\" alt=\"\"></div></div></div>"
        let text = "<div class=\"field--item\"><div class=\"paragraph paragraph--type--text\"><div class=\"field field--type-text-long\">"
            + "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)</p></div></div></div>"
        let page = "<html><body>\(menu)<div class=\"left_part\"><h1>The university</h1><div class=\"date\">6 November 2024</div>"
            + "<div class=\"field field--name-field-contenu field--items\">\(lead)\(image)\(text)</div></div></body></html>"
        let r = try extract(page)
        #expect(r.body.text.hasPrefix("The decree that validates"))
        #expect(r.body.text.contains(lorem.trimmingCharacters(in: .whitespaces)))
    }
}

/// A byline that no class marks, between the headline and the text or as the text's first line, in the languages
/// whose news sites write one ("Von ...", "Par ...", "Door ..."): its names are the authors and its date the
/// publication; prose that opens with the same word is neither.
@Suite struct UnmarkedBylines {
    private let text = "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"

    private func page(_ line: String, lang: String, wrapped: Bool) -> String {
        let body = wrapped ? "<div class=\"text\">\(text)</div>" : text
        return "<html lang=\"\(lang)\"><body><main><article><h1>The harbour reopens</h1>\(line)\(body)</article></main></body></html>"
    }

    @Test(arguments: [
        ("<p>Von Lena Vogt und Jonas Brandt, 14.11.2024</p>", "de", ["Lena Vogt", "Jonas Brandt"]),
        ("<p>Par Camille Roux et Hugo Petit, le 14 novembre 2024</p>", "fr", ["Camille Roux", "Hugo Petit"]),
        ("<p>Door Pieter van Dam - 14 november 2024</p>", "nl", ["Pieter van Dam"]),
        ("<p>Por Lucía Gómez | 14 de noviembre de 2024</p>", "es", ["Lucía Gómez"]),
        ("<div><span>Autor: Tomasz Nowak</span>, 14 listopada 2024</div>", "pl", ["Tomasz Nowak"]),
        ("<p>By Nora Quinn, November 14, 2024</p>", "en", ["Nora Quinn"]),
    ])
    func bylineNamesTheAuthors(_ line: String, _ lang: String, _ authors: [String]) throws {
        for wrapped in [true, false] {
            let r = try extract(page(line, lang: lang, wrapped: wrapped), url: "https://news.example/story.html")
            #expect(r.authors == authors, "wrapped: \(wrapped)")
            #expect(r.published?.date.prefix(10) == "2024-11-14", "wrapped: \(wrapped)")
            #expect(!r.body.text.contains(authors[0]), "wrapped: \(wrapped)")
        }
    }

    @Test(arguments: [
        ("<p>Von Montag an gilt der neue Fahrplan, ab 14.11.2024.</p>", "de"),
        ("<p>Par ailleurs, le port a rouvert le 14 novembre 2024.</p>", "fr"),
        ("<p>By March 2024, the harbour had closed.</p>", "en"),
    ])
    func proseIsNoByline(_ line: String, _ lang: String) throws {
        let r = try extract(page(line, lang: lang, wrapped: false), url: "https://news.example/story.html")
        #expect(r.authors.isEmpty)
        #expect(r.body.text.hasPrefix(String(line.dropFirst(3).prefix(12))))
    }
}

/// The content's first line, when it is the post's date line (a label and a date, or a date alone), is no text, as a
/// byline is not; a first sentence that names a date stays.
@Suite struct LeadingDateLine {
    @Test(arguments: [
        ("<p>Published: 12 November 2024 | Updated: 14 November 2024</p>", false),
        ("<p>Tuesday, 12 November 2024</p>", false),
        ("<div><span>Aktualisiert am</span> <span>14.11.2024</span></div>", false),
        ("<p>On 12 November 2024 the harbour reopened.</p>", true),
    ])
    func firstLine(_ line: String, _ kept: Bool) throws {
        let text = "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"
        let r = try extract("<html><body><article><h1>The harbour reopens</h1>\(line)\(text)</article></body></html>",
                            url: "https://news.example/story.html")
        #expect(r.body.text.contains("2024") == kept)
        #expect(r.body.text.contains(lorem.prefix(40)))
    }
}

/// A byline element whose class names the author in another language (`autor`, `autore`, `auteur`, `verfasser`) is
/// the byline, as an English `author` class is.
@Test(arguments: ["autor", "articulo-autor", "autore", "auteur", "verfasser"])
func bylineClassInOtherLanguages(_ cls: String) throws {
    let text = "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"
    let r = try extract("<html><body><article><h1>The harbour reopens</h1><div class=\"meta\"><span class=\"\(cls)\">Lena Vogt</span></div>"
                        + "<div class=\"text\">\(text)</div></article></body></html>", url: "https://news.example/story.html")
    #expect(r.authors == ["Lena Vogt"])
    #expect(!r.body.text.contains("Lena Vogt"))
}

@Suite struct BylinesOutsideTheContentWalk {
    private static let story = "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"

    /// A byline container whose class word also holds a menu hint (boingboing's `navbyline`) is still the byline:
    /// its author link names the author.
    @Test func navbylineIsNoMenu() throws {
        let r = try extract("<html><body><div class=\"navbyline\"><span class=\"logo\"><a href=\"/\">Site</a></span> / "
            + "<span class=\"author\"><a href=\"https://news.example/author/jane_doe_1\">Jane Doe</a></span> / "
            + "<span class=\"date\">10:08 am</span></div><article><h1>Story</h1>\(Self.story)</article></body></html>")
        #expect(r.authors == ["Jane Doe"])
    }

    /// A link in a real menu is still no byline.
    @Test func menuLinkIsNoByline() throws {
        let r = try extract("<html><body><ul class=\"nav-menu\"><li><a href=\"https://news.example/author/jane_doe_1\">Jane Doe</a></li></ul>"
            + "<article><h1>Story</h1>\(Self.story)</article></body></html>")
        #expect(r.authors.isEmpty)
    }

    /// "By Jane Doe" marked as the author inside the share bar (which the content walk skips) names the person
    /// that JSON-LD's Organization author stands in for.
    @Test func bylineInsideTheShareBarBeatsAnOrganization() throws {
        let ld = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Story\",\"author\":{\"@type\":\"Organization\",\"name\":\"News Example\"}}"
        let r = try extract("<html><head><script type=\"application/ld+json\">\(ld)</script></head><body><article><h1>Story</h1>"
            + "<div class=\"sharekit\"><div class=\"sharekit__contributors--author\">By <span>Jane Doe</span></div>"
            + "<a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a></div>\(Self.story)</article></body></html>")
        #expect(r.authors == ["Jane Doe"])
    }

    /// The site footer's "By Ana Lima" credits the site on every page, listings too: no author.
    @Test(arguments: ["<footer><p class=\"component-author\">By Ana Lima</p></footer>",
                      "<div class=\"footer-item\"><p class=\"component-author\">By Ana Lima</p></div>",
                      "<div class=\"share-bar\"><div class=\"byline\">By the editors of the magazine</div></div>"])
    func siteCreditsAndPhrasesAreNoAuthors(_ extra: String) throws {
        let r = try extract("<html><body><article><h1>Story</h1>\(Self.story)</article>\(extra)</body></html>")
        #expect(r.authors.isEmpty)
    }
}

@Suite struct DatedBylines {
    private static let story = "<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"

    @Test(arguments: [("Posted on March 3, 2024 by Jane Doe", ["Jane Doe"]), ("Published 2024-03-03 by Ann Lee and Bob Roe", ["Ann Lee", "Bob Roe"]),
                      ("Updated in 2024 by the team", []), ("Posted by Jane Doe", []), ("In March 2024 the city council voted by a wide margin", [])])
    func datedBylineNames(_ line: String, _ names: [String]) {
        #expect((AuthorFinder.datedByline(line) ?? []) == names)
    }

    /// "Written by" in other languages with the date after the name: the joining word before the date is no part of
    /// the name; after a one-word label ("Von") only when two name words stay, so prose opening "Von Montag am 5. ..."
    /// names no one; nor is a short weekday between that word and the date's comma (Drupal 7: "… am Di, 12.03.2024").
    @Test(arguments: [("Scritto da Mario Rossi il 5 marzo 2024", ["Mario Rossi"]), ("Publié par Jean Dupont le 5 mars 2024", ["Jean Dupont"]),
                      ("Geschrieben von Anna Schmidt am 5. März 2024", ["Anna Schmidt"]), ("Geschreven door Jan de Vries op 5 maart 2024", ["Jan de Vries"]),
                      ("Von Anna Schmidt am 5. März 2024", ["Anna Schmidt"]), ("Von Montag am 5. März gilt die Regel", []),
                      ("Escrito por Ana García", ["Ana García"]), ("By Jane Doe — March 5, 2024", ["Jane Doe"]),
                      ("Von Anna Schmidt | 05.03.2024", ["Anna Schmidt"]),
                      ("Verfasst von Hannelore Kurz am Di, 12.03.2024 - 18:40", ["Hannelore Kurz"]),
                      ("Submitted by Ann Lee on Tue, 03/12/2024 - 18:40", ["Ann Lee"])])
    func writtenByThenDate(_ line: String, _ names: [String]) {
        #expect((AuthorFinder.foreignByline(line, prefixes: AuthorFinder.allLeadingLabels) ?? []) == names)
    }

    /// Such a line between the headline and the text is the byline.
    @Test func writtenByLineBeforeTheContent() throws {
        let r = try extract("<html lang=\"it\"><body><div class=\"post\"><h1>Storia</h1><p>Scritto da Mario Rossi il 5 marzo 2024</p>"
            + "<div class=\"entry-content\">\(Self.story)</div></div></body></html>")
        #expect(r.authors == ["Mario Rossi"])
    }

    /// The content's first line giving the date and then the author is the byline, and leaves the body.
    @Test func firstLine() throws {
        let r = try extract("<html><body><article><h1>Story</h1><p>Posted on March 3, 2024 by Jane Doe</p>\(Self.story)</article></body></html>")
        #expect(r.authors == ["Jane Doe"])
        #expect(!r.body.text.contains("Posted on"))
    }

    /// The same line between the headline and the content root.
    @Test func lineBeforeTheContent() throws {
        let r = try extract("<html><body><div class=\"post\"><h1>Story</h1><div class=\"meta\">Posted on March 3, 2024 by Jane Doe</div>"
            + "<div class=\"entry-content\">\(Self.story)</div></div></body></html>")
        #expect(r.authors == ["Jane Doe"])
    }
}

/// Teaser cards under an empty overlay link (`<a class="overlay-link" href="/story/">&nbsp;</a>` beside the headline,
/// Bootstrap's `stretched-link`): their text is link text, so a column of them neither takes the content's place nor
/// stays in it. An empty link before a bare sentence is no overlay.
@Suite struct OverlayLinkCards {
    private func cards(_ link: String, first: Bool) -> String {
        let titles = ["Katzenschreck: So reagieren Katzen auf Filter", "Neue Brücke über den Fluss wird im Herbst eröffnet",
                      "Stadtbibliothek verlängert die Öffnungszeiten", "Freibad öffnet früher als geplant in diesem Jahr",
                      "Der Bürgermeister legt den neuen Haushalt vor"]
        return "<div class=\"top-ten loop\">" + titles.enumerated().map { k, t in
            let a = "<a class=\"overlay-link\" href=\"https://news.example/story-\(k)/\">\(link)</a>"
            let inner = "<div class=\"number\">\(k + 1)</div><div class=\"article-title\">\(t)</div>"
            return "<div class=\"panel\">" + (first ? a + inner : inner + a) + "</div>"
        }.joined() + "</div>"
    }

    @Test(arguments: [("&nbsp;", true), ("", false), (" ", true)])
    func cardsBesideTheStory(_ link: String, _ first: Bool) throws {
        let story = "<div class=\"row\"><div class=\"col-md-8\"><div class=\"post-content\">"
            + (1...6).map { "<p>\(lorem)(\($0))</p>" }.joined() + "</div></div></div>"
        let r = try extract("<html><body><div class=\"page\"><ul class=\"menu\"><li><a href=\"/a\">News</a></li></ul><h1>Story</h1>"
            + "<div class=\"wrapper\">\(story)<div class=\"row\">\(cards(link, first: first))</div></div></div></body></html>")
        #expect(r.body.text.contains("(6)"))
        #expect(!r.body.text.contains("Katzenschreck"))
        #expect(!r.body.text.contains("Haushalt"))
    }

    /// Teaser `<article>`s in a sibling of the content's own class (`row`): mostly links, so the class brings no bonus.
    @Test func sameClassRowOfTeasers() throws {
        let teasers = (1...4).map { "<article class=\"teaser\"><a class=\"teaser__link\" href=\"/fr/\($0)/\"></a><h3>Autre article numéro \($0) du site</h3>"
            + "<p>Résumé de l’article, avec quelques détails, écrit pour la une du site.</p></article>" }.joined()
        let story = "<div class=\"row\"><div class=\"col-md-8\"><div class=\"post-content\">"
            + (1...6).map { "<p>\(lorem)(\($0))</p>" }.joined() + "</div></div></div>"
        let r = try extract("<html><body><h1>Story</h1><div class=\"wrapper\">\(story)<div class=\"row\">\(teasers)</div></div></body></html>")
        #expect(r.body.text.contains("(6)"))
        #expect(!r.body.text.contains("Résumé de l’article"))
    }

    @Test func emptyLinksInsideTheStoryCostNoText() throws {
        let body = "<a id=\"more\"></a><h2><a class=\"anchor\" href=\"#part\"></a>Part one of the story here</h2>"
            + (1...5).map { "<p>\(lorem)(\($0))</p>" }.joined()
            + "<div class=\"note\"><a href=\"https://news.example/x/\"></a>A short note with an empty link before it, part of the text.</div>"
        let r = try extract("<html><body><article><h1>Story</h1><div class=\"entry-content\">\(body)</div></article></body></html>")
        #expect(r.body.text.contains("Part one of the story here"))
        #expect(r.body.text.contains("A short note with an empty link before it"))
    }
}

/// A credit line of link-free prose ("Additional reporting by ...; Editing by ...") in one wrapper with a box made
/// of links ("Our Standards: <a>Trust Principles</a>", a topics line): the wrapper is cleaned child by child, so the
/// line stays and the box goes, a list of links too.
@Suite struct ProseBesideLinkBoxes {
    private func page(_ tail: String) throws -> PageRecord {
        try extract("<html><body><main><article><h1>Story</h1><div class=\"article-body\">"
            + (1...6).map { "<p>\(lorem)(\($0))</p>" }.joined() + tail + "</div></article></main></body></html>")
    }

    @Test(arguments: [
        ("<div><div class=\"Attribution\"><p>Additional reporting by Steve Gorman; Editing by Marguerita Choy, Nick Zieminski and Simon Cameron-Moore</p></div>"
         + "<div class=\"TrustBadge\"><p>Our Standards: <a href=\"https://news.example/trust-principles.html\">The Example News Trust Principles.</a></p></div></div>",
         "Additional reporting by Steve Gorman", "Our Standards"),
        ("<div class=\"chiusura\"><div class=\"firma\"><p>Hanno collaborato Marco Bianchi e Giulia Verdi; a cura della redazione cronaca di Milano.</p></div>"
         + "<div class=\"copyright\"><p>© Riproduzione riservata. <a href=\"/termini\">Termini e condizioni d'uso del sito</a></p></div></div>",
         "Hanno collaborato Marco Bianchi", "Termini e condizioni"),
        ("<div class=\"fin\"><div class=\"signature\"><p>Avec l'AFP. Propos recueillis par Jean Dupont, édité par Marie Martin pour la rédaction régionale.</p></div>"
         + "<div class=\"liens\"><ul><li><a href=\"/x1\">Le tramway en chiffres depuis dix ans</a></li><li><a href=\"/x2\">Les travaux commencent en juin</a></li></ul></div></div>",
         "Propos recueillis par Jean Dupont", "Les travaux commencent en juin"),
    ])
    func creditLineStays(_ tail: String, _ kept: String, _ dropped: String) throws {
        let r = try page(tail)
        #expect(r.body.text.contains(kept))
        #expect(!r.body.text.contains(dropped))
    }

    @Test func promoBoxStillGoes() throws {
        let r = try page("<div class=\"promo\"><p>Sign up for our newsletter to get the best stories of the week delivered to you.</p>"
            + "<div class=\"buttons\"><a href=\"/subscribe\">Subscribe now</a> <a href=\"/login\">Log in to your account</a></div></div>")
        #expect(!r.body.text.contains("Subscribe now"))
    }
}

/// A standfirst set as a subheading between the headline and the text, in the headline's container
/// (`<h2 class="subtitle">`, Spanish sites' entradilla), is part of the story; a short section heading there, or a
/// long tagline in the site's header, is not.
@Suite struct StandfirstHeading {
    private func page(_ header: String, _ between: String) throws -> PageRecord {
        try extract("<html lang=\"es\"><body>\(header)<main><article><h1>Story</h1>\(between)<div class=\"article-body\">"
            + (1...6).map { "<p>\(lorem)(\($0))</p>" }.joined() + "</div></article></main></body></html>")
    }

    @Test func standfirstJoins() throws {
        let r = try page("", "<h2 class=\"subtitle\">Los vecinos esperan la línea desde hace diez años; abrirá en 2027.</h2>")
        #expect(r.body.text.hasPrefix("Los vecinos esperan la línea"))
    }

    @Test func sectionHeadingDoesNotJoin() throws {
        let r = try page("", "<h2>Latest news</h2>")
        #expect(!r.body.text.contains("Latest news"))
    }

    @Test func taglineInTheSiteHeaderDoesNotJoin() throws {
        let r = try page("<div class=\"masthead\"><h2>A blog about cooking, travel and the joys of small things.</h2></div>", "")
        #expect(!r.body.text.contains("A blog about cooking"))
    }
}

/// The site's copyright line closing a story (`<p class="copyright">© 2024 ...</p>`) is no text; a picture's credit
/// under it in a caption block ("© Bild: REUTERS") and a paragraph about copyright stay.
@Suite struct CopyrightLineInTheStory {
    private func page(_ inside: String) throws -> PageRecord {
        try extract("<html lang=\"es\"><body><main><article><h1>Story</h1><div class=\"article-body\">"
            + (1...6).map { "<p>\(lorem)(\($0))</p>" }.joined() + inside + "</div></article></main></body></html>")
    }

    @Test(arguments: ["<p class=\"copyright\">© 2024 Diario Ejemplo. Todos los derechos reservados.</p>",
                      "<div id=\"copyright\">Copyright 2024 Example News Ltd. All rights reserved.</div>"])
    func siteLineGoes(_ line: String) throws {
        let r = try page(line)
        #expect(r.body.text.contains("(6)"))
        #expect(!r.body.text.contains("2024"))
    }

    @Test(arguments: ["<div class=\"caption\"><div class=\"copyright\">© Bild: REUTERS / CAITLIN O'HARA</div></div>",
                      "<p>Copyright in 2024 works differently: the council's lawyers say the maps are public.</p>"])
    func creditAndProseStay(_ line: String) throws {
        let r = try page(line)
        #expect(r.body.text.contains(TextNormalizer.normalize(line.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))))
    }
}

/// A multilingual blog's untranslated copy (Nikola's SHOW_UNTRANSLATED_POSTS: the English post at `/de/posts/x/` under
/// `lang="de"`) names its original; a translation, and a page whose template says the wrong `lang` with the site's
/// front pages as its alternates, name themselves.
@Suite struct UntranslatedCopies {
    static let english = String(repeating: "The kettle was on the stove and they would not wait for the bread that was there. ", count: 4)
    static let german = String(repeating: "Der Kessel ist auf dem Herd und wir warten nicht auf das Brot, das noch im Ofen ist. ", count: 4)

    static func page(lang: String, alternates: [(String, String)], text: String) -> String {
        "<html lang=\"\(lang)\"><head><title>Kettle notes</title><meta property=\"og:type\" content=\"article\">"
            + alternates.map { "<link rel=\"alternate\" hreflang=\"\($0.0)\" href=\"\($0.1)\">" }.joined()
            + "</head><body><article><h1>Kettle notes</h1><p>\(text)</p><p>\(text)</p></article></body></html>"
    }

    @Test func aCopyInALanguageFolderNamesItsOriginal() throws {
        let r = try extract(Self.page(lang: "de", alternates: [("en", "/posts/kettle/")], text: Self.english),
                            url: "https://blog.example/de/posts/kettle/")
        #expect(r.canonicalURL == "https://blog.example/posts/kettle/")
    }

    @Test(arguments: ["ja", "ru", "sv"]) func aCopyUnderAnotherScriptOrLanguageNamesItsOriginal(_ lang: String) throws {
        let r = try extract(Self.page(lang: lang, alternates: [("en", "/posts/kettle/")], text: Self.english),
                            url: "https://blog.example/\(lang)/posts/kettle/")
        #expect(r.canonicalURL == "https://blog.example/posts/kettle/")
    }

    @Test func aTranslationNamesItself() throws {
        let r = try extract(Self.page(lang: "de", alternates: [("en", "/posts/kettle/")], text: Self.german),
                            url: "https://blog.example/de/posts/kettle/")
        #expect(r.canonicalURL == "https://blog.example/de/posts/kettle/")
    }

    @Test func frontPagesAsEveryPagesAlternatesNameNoOriginal() throws {
        let r = try extract(Self.page(lang: "en", alternates: [("de-DE", "https://blog.example/"), ("en", "https://blog.example.com/")],
                                      text: Self.german),
                            url: "https://blog.example/wiki/kettle/")
        #expect(r.canonicalURL == "https://blog.example/wiki/kettle/")
    }
}
