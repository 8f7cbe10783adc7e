import Foundation
import Testing
@testable import Extract

private let fetched = Date(timeIntervalSince1970: 1_732_536_000) // 2024-11-25T12:00:00Z

private func extract(_ html: String, url: String = "https://blog.example/2024/11/20/post/", rules: Rules = .empty,
                     contentType: String? = nil, serverDate: Date? = nil) throws -> ExtractedPage {
    try Extractor(rules: rules).extract(ExtractionInput(bytes: Array(html.utf8), url: url, fetchedAt: fetched,
                                                        contentType: contentType, serverDate: serverDate))
}

private let lorem = "This paragraph is long enough to be content, with commas, clauses, and the kind of rhythm a real post has. "

@Suite struct BadInput {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let error: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: [], error: "empty document"),
        Case(name: "only whitespace", bytes: Array("  \n\t ".utf8), error: "empty document"),
        Case(name: "binary data", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], error: "not HTML (binary data)"),
        Case(name: "PDF", bytes: Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8), error: "not HTML (PDF document)"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) {
        #expect(throws: ExtractError(c.error)) {
            _ = try Extractor(rules: .empty).extract(ExtractionInput(bytes: c.bytes, url: "https://x.example/", fetchedAt: fetched))
        }
    }

    @Test func invalidUTF8StillGivesARecord() throws {
        var bytes = Array("<html><head><title>Caf".utf8)
        bytes += [0xE9, 0xFF, 0xFE]
        bytes += Array("</title></head><body><p>\(lorem)\(lorem)</p></body></html>".utf8)
        let page = try Extractor(rules: .empty).extract(ExtractionInput(bytes: bytes, url: "https://x.example/a", fetchedAt: fetched))
        #expect(page.record.body.text.contains("long enough"))
        #expect(page.record.title?.hasPrefix("Caf") == true)
    }

    /// A stray NUL byte (a broken CMS, a bad copy) leaves the page HTML: its text is still extracted.
    @Test func strayNULBytesStillGiveARecord() throws {
        var bytes = Array("<html><head><title>Stray</title>".utf8) + [0x00]
        bytes += Array("</head><body><article><h1>Stray</h1><p>\(lorem)".utf8) + [0x00] + Array("\(lorem)</p></article></body></html>".utf8)
        let page = try Extractor(rules: .empty).extract(ExtractionInput(bytes: bytes, url: "https://x.example/a", fetchedAt: fetched))
        #expect(page.record.title == "Stray")
        #expect(page.record.body.text.contains("long enough"))
    }

    @Test func hundredThousandNestedElements() throws {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>\(lorem)</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let page = try extract(html)
        #expect(page.record.url == "https://blog.example/2024/11/20/post/")
    }

    @Test func fiftyMegabytePage() throws {
        // Real pages this big carry inline data (base64 images, JSON state): 48 MB of it plus text.
        var html = "<html><head><title>Big</title><script>window.__STATE__=\""
        html += String(repeating: "QUJDREVGR0hJSktMTU5PUA", count: 25_500_000 / 22)
        html += "\";</script></head><body><article><h1>Big</h1><img src=\"data:image/png;base64,"
        html += String(repeating: "iVBORw0KGgoAAAANSUhEUg", count: 25_500_000 / 22)
        html += "\">"
        for _ in 0..<2_000 { html += "<p>\(lorem)\(lorem)</p>\n" }
        html += "</article></body></html>"
        #expect(html.utf8.count > 50_000_000)
        let page = try extract(html)
        #expect(page.record.body.wordCount > 40_000)
        #expect(!page.record.body.html.contains("base64"))
    }

    /// A server-side warning printed before the page (PHP does this) or a page that starts without `<html>`: with
    /// libxml2's HTML_PARSE_NOIMPLIED the stray markup became the root and the page its siblings, so nothing
    /// was extracted (body 0 words, no title).
    @Test(arguments: [
        "<br />\n<b>Warning</b>:  Use of undefined constant X in <b>/srv/wp-content/x.php</b> on line <b>9</b><br />\n<!DOCTYPE html>\n<html lang=\"de\">",
        "Notice: session already started\n<html>",
        "<div class=\"cookie\">We use cookies</div>\n<html>",
        "",
    ])
    func markupBeforeTheHTMLElementKeepsThePage(prefix: String) throws {
        let page = try extract(prefix + "<head><title>Kein Cyberterrorismus</title><meta name=\"author\" content=\"Ada Brunst\"></head>"
                               + "<body><div id=\"page\"><h2>Kein Cyberterrorismus</h2><p>\(lorem)\(lorem)</p><p>\(lorem)</p></div></body></html>")
        #expect(page.record.title == "Kein Cyberterrorismus")
        #expect(page.record.authors == ["Ada Brunst"])
        #expect(page.record.body.wordCount > 50)
    }

    @Test func truncatedMarkupKeepsTheText() throws {
        let page = try extract("<html><body><article><h1>T</h1><p>\(lorem)<p>\(lorem)<em>open <strong>and cut")
        #expect(page.record.body.text.contains("and cut"))
    }
}

@Suite struct Fields {
    @Test func relativeDateResolvesAgainstServerDate() throws {
        let server = Date(timeIntervalSince1970: 1_732_000_000) // 2024-11-19T07:06:40Z
        let html = "<html><body><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)\(lorem)</p><div class=\"post-footer\">2 days ago • Subscribe</div></article></body></html>"
        let withServer = try extract(html, url: "https://x.example/p/post", serverDate: server)
        #expect(withServer.record.published?.date == "2024-11-17")
        #expect(withServer.record.published?.source == "relative")
        let withoutServer = try extract(html, url: "https://x.example/p/post")
        #expect(withoutServer.record.published?.date == "2024-11-23")
    }

    @Test func dateFromURLWhenNothingElse() throws {
        let page = try extract("<html><body><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)\(lorem)</p></article></body></html>",
                               url: "https://x.example/2021/03/04/post/")
        #expect(page.record.published == DateField(date: "2021-03-04", raw: "https://x.example/2021/03/04/post/", source: "url", precision: "day"))
    }

    /// The site name is cut from `<title>`, also after "--" and when it spells the host; an unspaced title matches
    /// its heading part.
    @Test(arguments: [
        ("<title>Court files expose a spy operation -- Sott.net</title><meta property=\"og:site_name\" content=\"Sott.net\">",
         "<h1>Court files expose a spy operation</h1>", "Court files expose a spy operation"),
        ("<title>Ten things about bread | The Baker</title><meta property=\"og:site_name\" content=\"The Baker\">", "<h1>Ten things about bread</h1>",
         "Ten things about bread"),
        ("<title>\n短缺药品保供稳价 全力保障临床用药需求-新华网\n</title>", "<h1>短缺药品保供稳价 全力保障临床用药需求</h1>", "短缺药品保供稳价 全力保障临床用药需求"),
        ("<title>Über uns-Teil 2</title>", "<h1>Something else entirely</h1>", "Über uns-Teil 2"),
        ("<title>FairCoin hackathon beim Sommercamp | X.Example</title>", "<h2>Elsewhere</h2>", "FairCoin hackathon beim Sommercamp"),
        // As Readability does, a title whose cut part is <= 4 words is kept whole, even when a heading spells that part
        // when the part is under 3 words (Readability then cuts on the other side)...
        ("<title>Mozilla - Wikipedia</title>", "<h1>Mozilla</h1>", "Mozilla - Wikipedia"),
        ("<title>Quiet morning and maps - Wikipedia</title>", "<h1>Something else</h1>", "Quiet morning and maps - Wikipedia"),
        // ...but a cut part of 3-4 words that the page prints as a title is the title (chronicle's themes, Lektor's
        // quickstart blog), and so is an unspaced part, which word counts cannot judge.
        ("<title>Field Notes: Quiet morning and maps</title>", "<div class=\"title\">Quiet morning and maps</div>", "Quiet morning and maps"),
        ("<title>Blog: Quiet morning and maps</title>", "<legend>Quiet morning and maps</legend>", "Quiet morning and maps"),
        ("<title>River notes and field — Field Notes</title>", "<h2>River notes and field</h2>", "River notes and field"),
        ("<title>Field Notes: 東京の冬 17</title>", "<span class=\"blosxomTitle\">東京の冬 17</span>", "東京の冬 17"),
    ])
    func titleWithoutTheSiteName(_ head: String, _ heading: String, _ title: String) throws {
        let page = try extract("<html><head>\(head)</head><body><article>\(heading)<p>\(lorem)\(lorem)\(lorem)</p></article></body></html>",
                               url: "https://x.example/post")
        #expect(page.record.title == title)
    }

    /// A first line "written by NAME on DATE" that no class marks is the byline (Lektor's quickstart blog), also under
    /// a heading the content kept; a first sentence that only starts with "By" is not.
    @Test func unmarkedLeadingBylineLine() throws {
        let byline = try extract("<html><body><div class=\"blog-post\"><h2>River maps</h2><p class=\"meta\">written by\n  Jörg Müller\n  on 2021-03-09"
                                 + "<p>\(lorem)\(lorem)\(lorem)</p></div></body></html>")
        #expect(byline.record.authors == ["Jörg Müller"])
        #expect(!byline.record.body.text.contains("written by"))
        let sentence = try extract("<html><body><article><h1>River maps</h1><p>By the time the survey sheets came back from the"
                                   + " library, the river had moved again.</p><p>\(lorem)\(lorem)\(lorem)</p></article></body></html>")
        #expect(sentence.record.authors.isEmpty)
        #expect(sentence.record.body.text.hasPrefix("By the time"))
    }

    /// A theme's wrapper named "sidebar" that holds the post is not an aside, and a hidden slider's slide is not the
    /// post's date line.
    @Test func dateLineInsideALayoutWrapperNamedSidebar() throws {
        let html = "<html lang=\"de-DE\"><body><div class=\"mainwrap single-default sidebar\">"
            + "<div class=\"slider\" style=\"display:none\"><div class=\"caption-date\">14/06/2019</div></div>"
            + "<div class=\"postcontent\"><div class=\"post-meta\"><a href=\"/2017/08/08/\">08/08/2017</a> <a href=\"/a/\">durch Stephan</a></div>"
            + "<h2>Fall in love</h2><div class=\"entry\"><p>\(lorem)\(lorem)</p><p>\(lorem)</p></div></div>"
            + "<aside class=\"widget\"><div class=\"widget-date\">14/06/2019</div></aside></div></body></html>"
        let page = try extract(html, url: "https://x.example/fall-in-love/")
        #expect(page.record.published?.date == "2017-08-08")
    }

    /// The outlet at the end of a credit line is not an author; a site credited alone stays.
    @Test(arguments: [
        ("Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN", ["Dana A. Ford", "James S.A. Corey", "Tom Watkins"]),
        ("CNN", ["CNN"]),
    ])
    func creditLineWithoutTheOutlet(_ credit: String, _ authors: [String]) throws {
        let page = try extract("<html><head><meta name=\"author\" content=\"\(credit)\"><meta property=\"og:site_name\" content=\"CNN\"></head>"
                               + "<body><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)</p></article></body></html>", url: "https://x.example/post")
        #expect(page.record.authors == authors)
    }

    /// An Organization given as the JSON-LD author yields to a person the page names; a social handle is no name.
    @Test(arguments: [
        (#"<meta property="article:author" content="@NatGeoUK">"#, #"<a rel="author" href="/people/mh/">Michael Hingston</a>"#, ["Michael Hingston"]),
        ("", "", ["National Geographic"]),
        (#"<meta property="article:author" content="@NatGeoUK">"#, "", ["National Geographic"]),
    ])
    func organizationAuthorYieldsToAPerson(_ meta: String, _ byline: String, _ authors: [String]) throws {
        let ld = #"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Goats","author":{"@type":"Organization","name":"National Geographic"}}"#
        let page = try extract("<html><head><script type=\"application/ld+json\">\(ld)</script>\(meta)</head><body><article><h1>Goats</h1>"
                               + "<div class=\"contributors\">\(byline)</div><p>\(lorem)\(lorem)\(lorem)</p></article></body></html>", url: "https://x.example/goats")
        #expect(page.record.authors == authors)
    }

    /// A paragraph or subheading is a date line only when labelled as one.
    @Test(arguments: [
        ("<h3>Datum: 22.12.2012, Rubrik: USA</h3>", "de", "2012-12-22"),
        ("<p>Published: March 3, 2019</p>", "en", "2019-03-03"),
        ("<p>Veröffentlicht am 5. Mai 2018</p>", "de", "2018-05-05"),
        ("<p>Born 12 March 1980 in Leeds.</p>", "en", nil),
    ])
    func labelledDateLine(_ line: String, _ lang: String, _ date: String?) throws {
        let page = try extract("<html lang=\"\(lang)\"><body><div class=\"box\"><h1>Post</h1>\(line)<div><p>\(lorem)\(lorem)\(lorem)</p></div></div></body></html>",
                               url: "https://x.example/post")
        #expect(page.record.published?.date == date)
    }

    /// An embedded post (Instagram, Twitter) is a blockquote with its own `<time>`: the page's date line wins.
    @Test func embeddedPostTimeIsNotThePagesDate() throws {
        let embed = "<blockquote class=\"instagram-media\"><p><a href=\"https://www.instagram.com/p/x/\">A post</a> shared by "
            + "<a href=\"https://www.instagram.com/someone/\">Someone</a> on <time datetime=\"2018-03-12T19:30:12+00:00\">Mar 12, 2018</time></p></blockquote>"
        let page = try extract("<html lang=\"de\"><body><article><h1>Post</h1><div class=\"PublishDate\"><span>Dienstag,</span> <span>29. Januar 2019</span></div>"
                               + "<p>\(lorem)\(lorem)</p>\(embed)<p>\(lorem)</p></article></body></html>", url: "https://x.example/post")
        #expect(page.record.published?.date == "2019-01-29")
    }

    /// Yoast's graph puts the dates on the WebPage node when the page has no Article node.
    @Test func datesFromTheWebPageNodeOfAGraph() throws {
        let graph = ##"{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Clinic"},"##
            + ##"{"@type":"WebPage","@id":"https://x.example/page/#webpage","url":"https://x.example/page/","name":"Page","##
            + ##""datePublished":"2018-02-28T15:07:03+00:00","dateModified":"2020-01-08T10:30:47+00:00"}]}"##
        let page = try extract("<html><head><script type=\"application/ld+json\">\(graph)</script></head><body><main><h1>Page</h1>"
                               + "<p>\(lorem)\(lorem)\(lorem)</p></main></body></html>", url: "https://x.example/page/")
        #expect(page.record.published?.date == "2018-02-28T15:07:03+00:00")
        #expect(page.record.published?.source == "json-ld")
        #expect(page.record.modified?.date == "2020-01-08T10:30:47+00:00")
    }

    /// Date lines found by their class in other languages' words and in Drupal's "submitted" line.
    @Test(arguments: [
        ("<p class=\"fecha-articulo\"><span>jueves 13 junio 2019</span></p>", "es", "2019-06-13"),
        ("<div class=\"artikel-datum\">Samstag 22.12.2012</div>", "de", "2012-12-22"),
        ("<div class=\"submitted\">Submitted by jane on 24 July 2017 - 18:55</div>", "en", "2017-07-24"),
    ])
    func dateLineByLocalHint(_ line: String, _ lang: String, _ date: String) throws {
        // The body's classes describe the page (Drupal, WordPress): its "sidebar" must not hide the date line.
        let page = try extract("<html lang=\"\(lang)\"><body class=\"page-node one-sidebar sidebar-second\"><main><h1>Post</h1>\(line)<p>\(lorem)\(lorem)\(lorem)</p></main></body></html>",
                               url: "https://x.example/post")
        #expect(page.record.published?.date == date)
        #expect(page.record.published?.source == "text")
    }

    @Test func futureDatesAreRejected() throws {
        let page = try extract("<html><head><meta property=\"article:published_time\" content=\"2031-01-01T00:00:00Z\"></head><body><p>\(lorem)</p></body></html>",
                               url: "https://x.example/p")
        #expect(page.record.published == nil)
    }

    @Test func relatedCardsDedupedNeverSelfPlaceholdersNull() throws {
        let rules = try Rules.parse(Array(#"{"version":1,"placeholder_summaries":["No post summary was provided."],"sites":[]}"#.utf8), file: "rules.json")
        let html = """
        <html><body><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)\(lorem)</p></article>
        <section><h2>You might also like</h2>
        <div class="card"><a href="/b?utm_source=x"><h3>B</h3></a><p>About b.</p></div>
        <div class="card"><a href="/c"><h3>C</h3></a><p>No post summary was provided.</p></div>
        <div class="card"><a href="/b"><h3>B again</h3></a><p>Dup.</p></div>
        <div class="card"><a href="/p"><h3>Self</h3></a><p>Me.</p></div>
        </section></body></html>
        """
        let page = try extract(html, url: "https://x.example/p", rules: rules)
        #expect(page.record.related == [
            RelatedLink(title: "B", url: "https://x.example/b", summary: "About b.", image: nil),
            RelatedLink(title: "C", url: "https://x.example/c", summary: nil, image: nil),
        ])
        #expect(!page.record.body.text.contains("About b."))
    }

    /// Headings that announce related posts in popular themes ("You may also enjoy": Jekyll's Minimal Mistakes).
    @Test(arguments: ["You may also enjoy", "You might be interested in", "Related posts", "Read next"])
    func relatedHeadingPhrases(_ heading: String) throws {
        let html = "<html><body><main><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)</p></article></main>"
            + "<div class=\"more\"><h2>\(heading)</h2><div class=\"grid\"><div><h3><a href=\"/b/\">B</a></h3><p>About b.</p></div>"
            + "<div><h3><a href=\"/c/\">C</a></h3></div></div></div></body></html>"
        #expect(try extract(html, url: "https://x.example/p/").record.related.map(\.url) == ["https://x.example/b/", "https://x.example/c/"])
    }

    /// "Read more" heads related cards only as a real heading whose own parent holds them (Ghost's default theme,
    /// Source); the same words as an excerpt's link text, or over a list of the post's categories, head nothing.
    @Test(arguments: [
        ("Ghost Source's section", "<section class=\"gh-container\"><div class=\"gh-container-inner\"><h2 class=\"gh-container-title\">Read more</h2>"
            + "<div class=\"gh-feed\"><article class=\"gh-card\"><a class=\"gh-card-link\" href=\"/b/\"><h3 class=\"gh-card-title\">B</h3>"
            + "<p class=\"gh-card-excerpt\">About b.</p></a></article><article class=\"gh-card\"><a class=\"gh-card-link\" href=\"/c/\">"
            + "<h3 class=\"gh-card-title\">C</h3></a></article></div></div></section>", ["https://x.example/b/", "https://x.example/c/"]),
        ("link text, not a heading", "<div class=\"recent\"><p><a href=\"/b/\">B, an older post</a></p><span><a href=\"/b/\">Read more</a></span>"
            + "<span>Read more</span><a href=\"/c/\">C</a></div>", []),
        ("over the post's categories, beside share links", "<div class=\"article-footer\"><div class=\"tax\"><h5>Read More</h5><ul>"
            + "<li><a href=\"/category/news/\">News</a></li><li><a href=\"/tag/turkey/\">Turkey</a></li></ul></div>"
            + "<div class=\"share\"><a href=\"https://twitter.com/intent/tweet?text=x\">Share</a></div></div>", []),
    ])
    func readMoreHeadsCardsOnlyAsAHeading(_ name: String, _ after: String, _ urls: [String]) throws {
        let html = "<html><body><main><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)\(lorem)</p></article></main>\(after)</body></html>"
        #expect(try extract(html, url: "https://x.example/p/").record.related.map(\.url) == urls, "\(name)")
    }

    /// A related section that holds more than half of a page's text (over 2,000 bytes) is the content, not cards; one
    /// under half of a long page is cards, however far into the page's text the count has to go to tell.
    @Test(arguments: [(1, 12, true), (40, 12, true), (40, 60, true), (4, 40, false)])
    func relatedSectionHoldingMostOfThePage(_ storyParagraphs: Int, _ summaryWords: Int, _ cards: Bool) throws {
        let summary = Array(repeating: "summary", count: summaryWords).joined(separator: " ")
        let story = Array(repeating: "<p>\(lorem)</p>", count: storyParagraphs).joined()
        let html = "<html><body><main><article><h1>Post</h1>\(story)</article></main><section><h2>Related posts</h2>"
            + (1...6).map { "<div class=\"card\"><a href=\"/r\($0)/\"><h3>R\($0)</h3></a><p>\(summary)</p></div>" }.joined()
            + "</section></body></html>"
        let related = try extract(html, url: "https://x.example/p/").record.related
        #expect(related.count == (cards ? 6 : 0), "story \(storyParagraphs), summary \(summaryWords): \(related.count) cards")
    }

    @Test func relatedCardURLsDropSessionIDs() throws {
        // A server that appends a session id to links must not make a card look like another post.
        let html = """
        <html><body><article><h1>Post</h1><p>\(lorem)\(lorem)\(lorem)\(lorem)\(lorem)</p></article>
        <section><h2>Related posts</h2>
        <div class="card"><a href="/b?sessionid=77ff"><h3>B</h3></a><p>About b.</p></div>
        <div class="card"><a href="/c;jsessionid=A1B2"><h3>C</h3></a><p>About c.</p></div>
        <div class="card"><a href="/p?PHPSESSID=9"><h3>Self</h3></a><p>Me.</p></div>
        </section></body></html>
        """
        let page = try extract(html, url: "https://x.example/p")
        #expect(page.record.related.map(\.url) == ["https://x.example/b", "https://x.example/c"])
    }

    @Test func updatedLineIsNeverThePublishedDate() throws {
        // The published date is implausible (before 1990) and dropped; the "modified" line must not take its place.
        let html = """
        <html><head><meta property="article:modified_time" content="2024-11-20T09:00:00+00:00"></head><body>
        <article><h1>Post</h1>
        <div class="post-date"><time datetime="1985-03-18T06:52:19+00:00">March 18, 1985</time></div>
        <div class="post-date__modified-date post-date"><time datetime="2024-11-20T09:00:00+00:00">November 20, 2024</time></div>
        <p>\(lorem)\(lorem)\(lorem)\(lorem)</p></article></body></html>
        """
        let page = try extract(html, url: "https://x.example/post/")
        #expect(page.record.published == nil)
        #expect(page.record.modified?.date == "2024-11-20T09:00:00+00:00")
    }

    @Test func aRuleWhoseFirstDateIsImplausibleGivesNoPublishedDate() throws {
        // The rule's selector also matches the "Updated" block (as `.wp-block-post-date time` does in
        // WordPress block themes): its second node is another date, not a better reading of the first.
        let rules = try Rules.parse(Array(#"{"version":1,"sites":[{"name":"t","match":{"hosts":["x.example"]},"published":".post-date time"}]}"#.utf8),
                                    file: "rules.json")
        let html = """
        <html><body><article><h1>Post</h1>
        <div class="post-date"><time datetime="1985-03-18T06:52:19+00:00">March 18, 1985</time></div>
        <div class="post-date__modified-date post-date"><time datetime="2024-11-20T09:00:00+00:00">November 20, 2024</time></div>
        <p>\(lorem)\(lorem)\(lorem)\(lorem)</p></article></body></html>
        """
        #expect(try extract(html, url: "https://x.example/post/", rules: rules).record.published == nil)
        let plausible = html.replacingOccurrences(of: "1985-03-18", with: "2019-03-18")
        #expect(try extract(plausible, url: "https://x.example/post/", rules: rules).record.published?.date == "2019-03-18T06:52:19+00:00")
    }

    @Test func bodyHTMLIsCleanAndAbsolute() throws {
        let html = """
        <html><body><article><h1>Post</h1>
        <p onclick="evil()">\(lorem)<a href="/x" style="color:red">link</a> <img src="i.png" onerror="x()"></p>
        <script>alert(1)</script><style>p{}</style>
        <p>\(lorem)\(lorem)\(lorem)\(lorem)</p>
        <div class="share-buttons"><a href="https://twitter.example/share">Tweet</a></div>
        </article></body></html>
        """
        let page = try extract(html, url: "https://x.example/dir/p")
        let h = page.record.body.html
        #expect(h.contains("<a href=\"https://x.example/x\">link</a>"))
        #expect(h.contains("<img src=\"https://x.example/dir/i.png\" alt=\"\">"))
        #expect(!h.contains("onclick") && !h.contains("script") && !h.contains("style") && !h.contains("Tweet"))
        #expect(page.record.body.text.components(separatedBy: "\n\n").count == 2)
    }

    @Test func contentHashIgnoresFetchTimeAndStatus() throws {
        let html = "<html><body><p>\(lorem)</p></body></html>"
        let a = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/p", fetchedAt: fetched, status: 200))
        let b = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/p", fetchedAt: fetched.addingTimeInterval(86400), status: nil))
        #expect(a.record.contentHash == b.record.contentHash)
        #expect(a.record.contentHash.hasPrefix("sha256:"))
        var c = a.record
        c.title = "changed"
        #expect(c.computeContentHash() != a.record.contentHash)
    }

    @Test func linksFeedsNextAndIdentifiers() throws {
        let html = """
        <html><head><link rel="canonical" href="https://x.example/post/"><link rel="shortlink" href="https://x.example/?p=7">
        <link rel="alternate" type="application/rss+xml" href="/feed/"><link rel="next" href="/page/2/"></head>
        <body><a href="/a#frag">A</a><a href="mailto:x@y">m</a><a href="/a">A2</a><a href="/older">Older posts</a></body></html>
        """
        let page = try extract(html, url: "https://x.example/post/")
        #expect(page.links == ["https://x.example/a", "https://x.example/older"])
        #expect(page.feedLinks == ["https://x.example/feed/"])
        #expect(page.nextPageLinks == ["https://x.example/page/2/", "https://x.example/older"])
        #expect(page.identifiers == ["https://x.example/post/", "https://x.example/?p=7"])
    }

    @Test func listingVersusPost() throws {
        let card = "<article><h2><a href=\"/p\">P</a></h2><p>\(lorem)</p></article>"
        let listing = try extract("<html><body>\(card)\(card)\(card)</body></html>", url: "https://x.example/")
        #expect(listing.kind == .listing)
        let post = try extract("<html><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"H\"}</script></head><body><p>\(lorem)</p></body></html>",
                               url: "https://x.example/h")
        #expect(post.kind == .post)
        #expect(post.record.title == "H")
    }

    /// A `Blog` object whose `blogPost` is the page itself describes a post (its author and dates are read from
    /// it); the same `Blog` on another page (its home, listing that post) still says listing.
    @Test func aBlogObjectHoldingThisPageIsAPost() throws {
        let ld = """
            {"@type":"Blog","name":"Field Notes","blogPost":[{"@type":"BlogPosting","url":"https://x.example/on-moss",
            "headline":"On moss","datePublished":"2024-04-09T07:30:12Z","author":{"@type":"Person","name":"Ada Moss"}}]}
            """
        let html = "<html><head><script type=\"application/ld+json\">\(ld)</script></head><body><p>\(lorem)</p></body></html>"
        let post = try extract(html, url: "https://x.example/on-moss")
        #expect(post.kind == .post)
        #expect(post.record.authors == ["Ada Moss"])
        #expect(post.record.siteName == "Field Notes")
        let home = try extract(html, url: "https://x.example/")
        #expect(home.kind == .listing)
        #expect(home.record.authors.isEmpty)
    }

    /// A blog in a folder names itself by its header's link to the folder when no early link goes to the host's
    /// root (`/blog/`, a GitHub project page); a link that only names the folder ("Posts") is no site name.
    @Test func aBlogInAFolderIsNamedByItsFolderLink() throws {
        func page(_ header: String) -> String {
            "<html><head><title>About - Bridges &amp; Caches</title></head><body><header>\(header)</header>"
                + "<main><h1>About</h1><p>\(lorem)\(lorem)</p></main></body></html>"
        }
        let folder = try extract(page("<a href=\"/blog/\">Bridges &amp; Caches</a>"), url: "https://x.example/blog/about/")
        #expect(folder.record.siteName == "Bridges & Caches")
        #expect(folder.record.title == "About")
        let rooted = try extract(page("<a href=\"/\">Home</a> <a href=\"/blog/\">Bridges &amp; Caches</a>"), url: "https://x.example/blog/about/")
        #expect(rooted.record.siteName == nil)
        let label = try extract(page("<a href=\"/posts/\">Posts</a>").replacingOccurrences(of: "Bridges &amp; Caches", with: "Posts"),
                                url: "https://x.example/posts/about/")
        #expect(label.record.siteName == nil)
    }

    /// A story followed by "more stories" teasers marked up as `<article>`s (news themes) is a post; a page
    /// of several full posts is a listing.
    @Test func aStoryWithTeaserArticlesIsAPost() throws {
        let og = "<head><meta property=\"og:type\" content=\"article\"><title>Story</title></head>"
        let story = "<article><h1>The story</h1>" + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 8) + "</article>"
        let teasers = (1...6).map { "<article><h3><a href=\"/s\($0)\">Other story \($0)</a></h3><p>A short teaser for it.</p></article>" }
        let page = try extract("<html>\(og)<body>\(story)<section>\(teasers.joined())</section></body></html>", url: "https://x.example/news/the-story")
        #expect(page.kind == .post)
        let full = (1...4).map { "<article><h2><a href=\"/p\($0)\">Post \($0)</a></h2>" + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 8) + "</article>" }
        let listing = try extract("<html><body>\(full.joined())</body></html>", url: "https://x.example/blog/")
        #expect(listing.kind == .listing)
    }

    /// The story among teaser `<article>`s need not be a long one in its own card: a dated story of a few
    /// paragraphs, a story outside every card (the teasers in a sidebar), and a story card inside the content
    /// the finder chose are posts; cards of like sizes stay a listing, dated or not.
    private static let storyCases: [String: (story: String, cardText: String, kind: PageKind)] = [
        "short dated story in its card": ("<article><h1>The story</h1><time datetime=\"2024-03-05\">March 5, 2024</time>"
            + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 5) + "</article>", "", .post),
        "story beside the cards": ("<div class=\"story\"><h1>The story</h1><p class=\"date\">March 5, 2024</p>"
            + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 10) + "</div>", "", .post),
        "story card inside a wrapper": ("<div class=\"main\"><p>\(lorem)\(lorem)</p><div class=\"body\"><article class=\"story\"><h1>The story</h1>"
            + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 16) + "</article></div><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>{teasers}</div>", "", .post),
        "cards of like sizes": ("", String(repeating: "<p>\(lorem)\(lorem)</p>", count: 3), .listing),
    ]

    @Test(arguments: ["short dated story in its card", "story beside the cards", "story card inside a wrapper", "cards of like sizes"])
    func storyAmongTeaserArticles(_ name: String) throws {
        let (story, cardText, kind) = try #require(Self.storyCases[name])
        let teasers = (1...6).map { "<article><h3><a href=\"/s\($0)\">Other story \($0)</a></h3><time datetime=\"2024-03-0\($0)\">March \($0)</time><p>A short teaser for it.</p>\(cardText)</article>" }
        let head = "<head><title>The story</title></head>"
        // "{teasers}" puts the teasers in the story's wrapper, else they are in a sidebar.
        let body = story.contains("{teasers}") ? "<main>\(story.replacingOccurrences(of: "{teasers}", with: teasers.joined()))</main>"
            : "<main>\(story)</main><aside>\(teasers.joined())</aside>"
        let page = try extract("<html>\(head)<body>\(body)</body></html>",
                               url: "https://x.example/news/the-story")
        #expect(page.kind == kind, "\(name)")
    }

    /// A long page that calls itself `og:type=website` and has no date anywhere is a static page (jekyll-seo-tag's
    /// "About"); with a date of its own it is a post (themes that give every page `website`).
    @Test(arguments: [("undated", "", PageKind.listing), ("dated", "<p class=\"date\">March 5, 2024</p>", .post)])
    func websitePagesAreStaticUnlessDated(_ name: String, _ date: String, _ kind: PageKind) throws {
        let head = "<head><meta property=\"og:type\" content=\"website\"><title>About</title></head>"
        let body = "<main><h1>About</h1>\(date)" + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 5) + "</main>"
        let page = try extract("<html>\(head)<body>\(body)</body></html>", url: "https://x.example/about/")
        #expect(page.kind == kind, "\(name)")
    }

    /// An undated page with no article metadata right under the root is a static page ("/about/", "/now.html");
    /// deeper, or dated, or with `og:type=article`, it stays a post.
    @Test(arguments: [
        ("about", "https://x.example/about/", "", "", PageKind.listing),
        ("now.html", "https://x.example/now.html", "", "", .listing),
        ("deeper", "https://x.example/blog/about-our-kettles/", "", "", .post),
        ("dated", "https://x.example/about-our-kettles/", "<p class=\"date\">March 5, 2024</p>", "", .post),
        ("og article", "https://x.example/about-our-kettles/", "", "<meta property=\"og:type\" content=\"article\">", .post),
    ])
    func topLevelUndatedPagesAreStatic(_ name: String, _ url: String, _ date: String, _ meta: String, _ kind: PageKind) throws {
        let body = "<main><h1>About our kettles</h1>\(date)" + String(repeating: "<p>\(lorem)\(lorem)</p>", count: 5) + "</main>"
        let page = try extract("<html><head>\(meta)<title>About our kettles</title></head><body>\(body)</body></html>", url: url)
        #expect(page.kind == kind, "\(name)")
    }

    /// Archive pages made of "date + title" lines are listings even with `og:type=article` (jekyll-seo-tag);
    /// a link round-up post, with sentences around its links, stays a post; a year path is a calendar archive.
    @Test func linkListPagesAreListings() throws {
        let og = "<head><meta property=\"og:type\" content=\"article\"><title>Archive</title></head>"
        let lines = (1...8).map { "<li><span class=\"post-meta\">Dec \($0), 2021</span><h3><a href=\"/p\($0).html\">Post number \($0) title</a></h3></li>" }
        let archive = try extract("<html>\(og)<body><main><ul class=\"post-list\">\(lines.joined())</ul></main></body></html>",
                                  url: "https://x.example/page2/")
        #expect(archive.kind == .listing)
        let notes = (1...8).map { "<p>Read <a href=\"https://other.example/\($0)\">this piece \($0)</a>: \(lorem)</p>" }
        let roundup = try extract("<html>\(og)<body><article><h1>Links of the week</h1>\(notes.joined())</article></body></html>",
                                  url: "https://x.example/links-of-the-week.html")
        #expect(roundup.kind == .post)
        // Terse, with a BlogPosting object: what makes it a post is that its links lead to other sites.
        let ld = "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"Weekly links\"}</script>"
        let items = (1...12).map { "<li><a href=\"https://other\($0).example/a\">An interesting article about topic \($0)</a> — worth it</li>" }
        let terse = try extract("<html><head>\(ld)</head><body><article><h1>Weekly links</h1><ul>\(items.joined())</ul></article></body></html>",
                                url: "https://x.example/weekly-links/")
        #expect(terse.kind == .post)
        let year = try extract("<html>\(og)<body><article><h1>2021</h1><p>\(lorem)\(lorem)</p></article></body></html>",
                               url: "https://x.example/2021/")
        #expect(year.kind == .listing)
        #expect(PageClassifier.isCalendarPath("/2021/11/"))
        for listing in ["/tag/swift/", "/blog/archive/all/", "/archives/", "/search.html", "/category/notes/page/2/"] {
            #expect(PageClassifier.isListingPath(listing), "\(listing)")
        }
        for post in ["/archive-of-my-thoughts/", "/blog/searching-for-meaning/", "/2024/05/tagged-luggage/", "/pages-i-like.html"] {
            #expect(!PageClassifier.isListingPath(post), "\(post)")
        }
        let slug = try extract("<html><head><title>Searching for meaning</title></head><body><h1>Searching for meaning</h1>"
                               + "<p class=\"date\">May 3, 2024</p><p>\(lorem)\(lorem)</p></body></html>",
                               url: "https://x.example/blog/searching-for-meaning/")
        #expect(slug.kind == .post)
        #expect(!PageClassifier.isCalendarPath("/4521/"))
        #expect(!PageClassifier.isCalendarPath("/2021/11/my-post/"))
        // a day archive named by its index file (blogmore's canonical links); a post's own file is no archive
        #expect(PageClassifier.isCalendarPath("/2021/01/09/index.html"))
        #expect(PageClassifier.isCalendarPath("/2021/index.php"))
        #expect(!PageClassifier.isCalendarPath("/2021/01/09/post-000-river-notes-field.html"))
        #expect(!PageClassifier.isCalendarPath("/index.html"))
        let day = try extract("<html>\(og)<body><article><h1>River notes</h1><p>\(lorem)\(lorem)</p></article></body></html>",
                              url: "https://x.example/2021/01/09/index.html")
        #expect(day.kind == .listing)
    }

    /// A page of excerpts whose entry titles are headings linking to the posts (ABlog's "All posts" and year
    /// pages) is a listing; a post whose headings link nowhere or to its own sections stays a post; the root's
    /// index file is the front page.
    @Test func headingLinkEntriesMakeAListing() throws {
        let entries = (1...4).map {
            "<div class=\"entry\"><h2><a href=\"../posts/p\($0).html\">Post number \($0)</a></h2><ul><li><span>2\($0) December 2021</span></li>"
                + "<li>Author: <a href=\"author/ana.html\">Ana</a></li></ul><p>\(lorem)\(lorem)</p>"
                + "<p><a href=\"../posts/p\($0).html\"><em>Read more ...</em></a></p></div>"
        }
        let year = try extract("<html><head><title>Posted in 2021</title></head><body><div class=\"body\"><h1>Posted in 2021</h1>"
                               + entries.joined() + "</div></body></html>", url: "https://x.example/blog/2021.html")
        #expect(year.kind == .listing)
        // The same shape in a post that says it is one (a "best of the year" round-up with JSON-LD) stays a post.
        let roundup = try extract("<html><head><title>Best of 2021</title><script type=\"application/ld+json\">"
                                  + "{\"@type\":\"BlogPosting\",\"headline\":\"Best of 2021\",\"datePublished\":\"2021-12-30\"}</script>"
                                  + "</head><body><div class=\"body\"><h1>Best of 2021</h1>" + entries.joined() + "</div></body></html>",
                                  url: "https://x.example/blog/best-of-2021.html")
        #expect(roundup.kind == .post)
        let sections = (1...4).map { "<h2 id=\"s\($0)\">Section \($0)<a class=\"headerlink\" href=\"#s\($0)\">¶</a></h2><p>\(lorem)</p>" }
        let post = try extract("<html><head><title>Long post</title></head><body><div class=\"body\"><h1>Long post</h1>"
                               + "<p class=\"date\">3 May 2024</p><ul><li><a href=\"#s1\">Section 1</a></li><li><a href=\"#s2\">Section 2</a></li></ul>"
                               + sections.joined() + "<p>See also <a href=\"/other.html\">the other post</a>.</p></div></body></html>",
                               url: "https://x.example/posts/long-post.html")
        #expect(post.kind == .post)
        let front = try extract("<html><head><title>Kitchen Notes</title></head><body><h1>Kitchen Notes</h1><p>"
                                + String(repeating: lorem, count: 8) + "</p>"
                                + "</body></html>", url: "https://x.example/index.html")
        #expect(front.kind == .listing)
    }

    /// Tag links into one page of all tags, an anchor per tag (mkdocs-blogging-plugin's `/tags#travel`), are tags;
    /// a link to a page's section is not.
    @Test func tagLinksIntoATagIndexPage() throws {
        let tags = "<div class=\"blogging-tags-grid\"><a class=\"blogging-tag\" href=\"https://x.example/tags#travel\"><code>#travel</code></a>"
            + "<a class=\"blogging-tag\" href=\"../tags.html#café\"><code>#café</code></a></div>"
        let page = try extract("<html><head><title>Letters</title></head><body><main>\(tags)<h1>Letters</h1><p>\(lorem)\(lorem)</p>"
                               + "<p>See <a href=\"#part-two\">part two</a>.</p></main></body></html>", url: "https://x.example/blog/letters/")
        #expect(page.record.tags == ["travel", "café"])
        // readthedocs' content wrapper is named "nav" (`div.wy-nav-content`): it holds the post's <h1>, so it is no navigation.
        let rtd = try extract("<html><head><title>Letters</title></head><body><nav class=\"wy-nav-side\"><ul class=\"tags\">"
                              + "<li><a href=\"/tags#all\">all</a></li></ul></nav><section class=\"wy-nav-content-wrap\"><div class=\"wy-nav-content\">"
                              + "<div class=\"rst-content\"><div role=\"main\" class=\"document\"><div class=\"section\">\(tags)<h1>Letters</h1>"
                              + "<p>\(lorem)\(lorem)</p></div></div></div></div></section></body></html>", url: "https://x.example/blog/letters/")
        #expect(rtd.record.tags == ["travel", "café"])
    }

    /// ikiwiki's post footer: tags in a `<nav class="tags">` with rel=tag links are the post's; a `<time>` labelled
    /// "Last edited" is the last edit, not the publication; a site menu's rel=tag links in a plain nav are not tags.
    @Test func tagNavAndLastEditedTime() throws {
        let footer = "<footer class=\"pagefooter\"><nav id=\"pageinfo\"><nav class=\"tags\">Tags: <a href=\"../../tags/travel/\" rel=\"tag\">travel</a>"
            + " <a href=\"../../tags/caf%C3%A9/\" rel=\"tag\">café</a></nav><div class=\"pagedate\">Last edited <time datetime=\"2021-06-01T10:47:33Z\">"
            + "Tue Jun  1 10:47:33 2021</time></div></nav></footer>"
        let page = try extract("<html><head><title>Letters</title></head><body><nav class=\"menu\"><a href=\"/tags/all/\" rel=\"tag\">all</a></nav>"
                               + "<article class=\"page\"><h1>Letters</h1><section id=\"content\"><p>\(lorem)\(lorem)</p></section>\(footer)</article></body></html>",
                               url: "https://x.example/posts/letters/")
        #expect(page.record.tags == ["travel", "café"])
        #expect(page.record.published == nil)
        #expect(page.record.modified?.date.hasPrefix("2021-06-01") == true)
    }

    @Test func commentArticlesDoNotMakeAListing() throws {
        let comment = "<li class=\"comment\"><article class=\"comment-body\"><p>Nice post, thanks.</p></article></li>"
        let html = "<html><body><article><h1>Post</h1><time datetime=\"2024-11-01\">Nov 1</time><p>\(lorem)\(lorem)</p></article>"
            + "<section id=\"comments\"><ol>\(comment)\(comment)\(comment)</ol></section></body></html>"
        #expect(try extract(html, url: "https://x.example/p/post").kind == .post)
    }

    @Test func charsetFromContentTypeWins() throws {
        let bytes: [UInt8] = Array("<html><head><meta charset=\"utf-8\"><title>Caf".utf8) + [0xE9] + Array("</title></head><body><p>x</p></body></html>".utf8)
        let page = try Extractor(rules: .empty).extract(ExtractionInput(bytes: bytes, url: "https://x.example/", fetchedAt: fetched,
                                                                        contentType: "text/html; charset=ISO-8859-1"))
        #expect(page.record.title == "Café")
    }
}

/// What a theme puts inside the content column that is not the post's text, and the post's text that scoring
/// alone would drop.
@Suite struct BodyBoilerplate {
    private static let plain = "The bed came next and the level went across the ways at both ends before the test cut. "

    @Test func aShortListOfPlainItemsStays() throws {
        // Comma-free prose scores low, and an `<ul>` starts at -3: Readability's weight rule dropped the list.
        let html = """
        <html><body><div class="wrap"><article><h1>Shims</h1>
        <p>\(Self.plain)\(Self.plain)</p><p>\(Self.plain)\(Self.plain)</p>
        <ul><li><p>Brass shim stock and never paper.</p></li><li><p>One foot at a time.</p></li></ul>
        <p>\(Self.plain)\(Self.plain)</p></article></div></body></html>
        """
        let text = try extract(html, url: "https://x.example/shims/").record.body.text
        #expect(text.contains("Brass shim stock and never paper."))
        #expect(text.contains("One foot at a time."))
    }

    /// `<body class="post">` (Bear Blog) names the page's template: its class weight made `<body>` outscore the `<main>`
    /// that holds the story, and the site's name in the header became the body's first line.
    @Test func bodyClassIsNoContentHint() throws {
        let html = """
        <html><body class="post"><header><a class="title" href="/"><h2>Ana's notes</h2></a>
        <nav><p><a href="/">Home</a> <a href="/blog/">Blog</a></p></nav></header>
        <main><h1>Hot sauce</h1><p>\(Self.plain)\(Self.plain)</p><p>\(Self.plain)\(Self.plain)</p>
        <p class="tags"><a href="/blog/?q=cooking">#cooking</a> <a href="/blog/?q=fermentation">#fermentation</a></p></main>
        <footer><span>Powered by <a href="https://blog.example/">Blogware</a></span></footer></body></html>
        """
        let record = try extract(html, url: "https://x.example/hot-sauce/").record
        #expect(record.body.text.hasPrefix("The bed came next"))
        #expect(record.tags == ["cooking", "fermentation"])
    }

    /// (name, markup inside the content, text kept, text dropped)
    static let leftOutCases = [
        ("heading permalink", ##"<h2>Method<a class="headerlink" href="#method">¶</a></h2>"##, "Method", "¶"),
        ("footnote back-link", ##"<p>The two-collar method. <a href="#ref-1">↩</a></p>"##, "The two-collar method.", "↩"),
        ("back-to-top control", ##"<a href="#" class="back-to-top"><span>Back to top</span></a>"##, "", "Back to top"),
        ("print-only copy", #"<div class="onlyprint"><h2>Printed contents</h2></div>"#, "", "Printed contents"),
        ("ad label", #"<p>— Advertisement —</p>"#, "", "Advertisement"),
        ("tag pills", #"<ul class="pa0"><li class="list di"><a href="/tags/river/">River</a></li> <li class="list di"><a href="/tags/birds/">Birds</a></li></ul>"#,
         "", "Birds"),
        ("labelled category line", #"<p>Posted in <a href="/category/news/">Newsroom</a>, <a href="/category/politics/">Politics</a></p>"#,
         "", "Newsroom"),
        ("category kicker header", #"<header class="article-category"><a href="/categories/homelab/">Homelab</a></header>"#, "", "Homelab"),
        ("hashtag line", #"<p class="tags"><a href="/blog/?q=cooking">#cooking</a> <a href="/blog/?q=fermentation">#fermentation</a></p>"#,
         "", "#cooking"),
        ("line numbers of a code table", "<table class=\"lntable\"><tr><td class=\"lntd\"><pre><code><span class=\"lnt\">41\n</span><span class=\"lnt\">42\n</span></code></pre></td>"
            + "<td class=\"lntd\"><pre><code>let width = 8\nlet depth = 3\n</code></pre></td></tr></table>", "let width = 8", "41"),
    ]

    /// Tag links inside prose, or beside a link to a post, are text: only a block of nothing but taxonomy links is the
    /// post's tag line.
    @Test(arguments: [
        ("a sentence naming a tag page", ##"<p>More on this under <a href="/tags/river/">the river tag</a>, with maps and tide tables from the harbour office.</p>"##,
         "the river tag"),
        ("a tag link beside a post link", ##"<p><a href="/2024/01/ferry/">Ferry timetables</a> <a href="/tags/river/">Riverside</a></p>"##, "Riverside"),
        ("a hashtag inside a sentence", ##"<p>We talked about <a href="/blog/?q=salt">#salt</a> all evening, and about the jars on the shelf.</p>"##, "#salt"),
    ])
    func tagLinksInTextStay(_ name: String, _ markup: String, _ kept: String) throws {
        let rules = try Rules.parse(Array(#"{"version":1,"sites":[{"name":"t","match":{"hosts":["x.example"]},"body":"article"}]}"#.utf8),
                                    file: "rules.json")
        #expect(try extract(Self.page(markup), url: "https://x.example/shims/").record.body.text.contains(kept), "\(name)")
        #expect(try extract(Self.page(markup), url: "https://x.example/shims/", rules: rules).record.body.text.contains(kept), "\(name)")
    }

    /// A table whose first column counts rows is data: only a numbers column beside a `<pre>` is a code block's gutter.
    @Test func aNumberedDataTableStays() throws {
        let table = "<table><tr><td>41</td><td>Brass shims, cut to width</td></tr><tr><td>42</td><td>Oak wedges</td></tr></table>"
        let text = try extract(Self.page(table), url: "https://x.example/shims/").record.body.text
        #expect(text.contains("41") && text.contains("Oak wedges"))
    }

    /// A notebook cell's short output (Quarto, Jupyter) is a `<pre>` in a `<div>` of its own: code, not a short block.
    /// The Quarto golden page read without its site rule, by the heuristics.
    @Test func aCodeCellsShortOutputStays() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden/quarto-blog/page.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        let text = try extract(html, url: "https://anasilva.example.org/posts/bootstrap-median/").record.body.text
        #expect(text.contains("length(unique(meds))") && text.contains("[1] 31"))
    }

    private static func page(_ markup: String) -> String {
        "<html><body><article><h1>Shims</h1>\(markup)<p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p></article></body></html>"
    }

    @Test(arguments: leftOutCases)
    func leftOut(_ name: String, _ markup: String, _ kept: String, _ dropped: String) throws {
        let text = try extract(Self.page(markup), url: "https://x.example/shims/").record.body.text
        #expect(kept.isEmpty || text.contains(kept), "\(name)")
        #expect(!text.contains(dropped), "\(name)")
    }

    /// Content chosen by a site rule's body selector leaves out the same boilerplate as content found by scoring.
    @Test(arguments: leftOutCases)
    func leftOutOfARulesContent(_ name: String, _ markup: String, _ kept: String, _ dropped: String) throws {
        let rules = try Rules.parse(Array(#"{"version":1,"sites":[{"name":"t","match":{"hosts":["x.example"]},"body":"article"}]}"#.utf8),
                                    file: "rules.json")
        let text = try extract(Self.page(markup), url: "https://x.example/shims/", rules: rules).record.body.text
        #expect(text.contains("kind of rhythm a real post has"), "\(name)")
        #expect(kept.isEmpty || text.contains(kept), "\(name)")
        #expect(!text.contains(dropped), "\(name)")
    }
}

extension BodyBoilerplate {
    /// The heading dropped as the title's copy is the one that shows the title, not a site-name `<h1>` above it
    /// whose words the title happens to hold.
    @Test func theHeadlineLeavesTheBodyNotTheSiteName() throws {
        let html = """
        <html><head><title>River notes and field — Field Notes</title></head><body><header><h1>Field Notes</h1></header>
        <div class="page"><div class="blog-post"><h2>River notes and field</h2>
        <p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p></div></div></body></html>
        """
        let record = try extract(html, url: "https://x.example/blog/river/").record
        #expect(record.title == "River notes and field")
        #expect(!record.body.text.contains("River notes and field"))
        #expect(record.body.text.hasPrefix("This paragraph is long enough"))
    }

    @Test func aPrintOnlyColumnHoldingTheStoryStays() throws {
        // Some themes mark the story's own column `print-only` and show it on screen by a stylesheet.
        let html = """
        <html><body><nav><a href="/">Home</a></nav><div class="content_left print-only"><h1>Shims</h1>
        <p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p></div></body></html>
        """
        let record = try extract(html, url: "https://x.example/shims/").record
        #expect(record.body.wordCount > 100)
    }
}

extension BodyBoilerplate {
    @Test func footnotesInAnAsideStay() throws {
        // docutils writes footnotes as `<aside class="footnote">`; other asides are sidebars and stay out.
        let html = """
        <html><body><article><h1>Shims</h1><p>\(lorem)\(lorem)<a href="#f1" role="doc-noteref">1</a></p>
        <p>\(lorem)\(lorem)</p><aside class="widget"><p>Subscribe to the newsletter for more posts like this one.</p></aside>
        <aside class="footnote-list brackets"><aside class="footnote brackets" id="f1" role="doc-footnote">
        <p>The two-collar method as the old manual calls it.</p></aside></aside></article></body></html>
        """
        let text = try extract(html, url: "https://x.example/shims/").record.body.text
        #expect(text.contains("The two-collar method as the old manual calls it."))
        #expect(!text.contains("Subscribe to the newsletter"))
    }
}

/// A one-cell table around the post is a layout wrapper, no data table: the share bar inside it is filtered as
/// anywhere else, the blocks are written as blocks, not a table; a paragraph of zero-width spaces is no paragraph.
@Test func oneCellLayoutTableIsNoTable() throws {
    let html = "<html><body><table class=\"post-wrap\"><tr><td><div class=\"share-buttons\"><a href=\"/s\">Share this post</a></div>"
        + "<p>\(lorem)\(lorem)</p><p><span>\u{200B}</span></p><p>\(lorem)\(lorem)</p></td></tr></table></body></html>"
    let body = try extract(html).record.body
    let p = "<p>" + lorem.trimmingCharacters(in: .whitespaces) + " " + lorem.trimmingCharacters(in: .whitespaces) + "</p>"
    #expect(body.html == p + p)
}

/// A subheading that is only a date, before any prose, is the post's date line and leaves the body; after prose the
/// same heading heads a diary's or changelog's entry and stays.
@Test func dateHeadingBeforeProseIsTheDateLine() throws {
    let html = "<html><body><article><h1>Garden diary</h1><h5>Mar 24, 2024 • 2 min read</h5><p>\(lorem)\(lorem)</p>"
        + "<h2>March 30, 2024</h2><p>\(lorem)\(lorem)</p></article></body></html>"
    let text = try extract(html).record.body.text
    #expect(!text.contains("2 min read"))
    #expect(text.contains("March 30, 2024"))
}
