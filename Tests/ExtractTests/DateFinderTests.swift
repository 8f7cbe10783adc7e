import Foundation
import Testing
@testable import Extract

/// Where the page's date is found on a page: which `<time>` and which date line, not how a date string reads.
@Suite struct DateFinding {
    private static let fetched = Date(timeIntervalSince1970: 1_732_536_000) // 2024-11-25T12:00:00Z
    private static let lorem = "This paragraph is long enough to be content, with commas, clauses, and the kind of rhythm a real post has. "
    private static let text = "<p>\(lorem)\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"

    private func published(_ html: String, url: String = "https://x.example/blog/post") throws -> DateField? {
        try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: url, fetchedAt: Self.fetched)).record.published
    }

    /// A `<time>` of another post (a list of the blog's posts, a card linking another page, an aside) is not the page's
    /// date, even when it comes first or carries `pubdate`; the page's own line or `<time>` is.
    @Test(arguments: [
        ("blog list item before the post's line",
         "<ul class=\"posts\"><li><a href=\"/blog/older-post\">An older post about something else</a> <span><time datetime=\"2024-07-30\">30 juil. 2024</time></span></li></ul>",
         "<ul class=\"info\"><li>27 juin 2024</li></ul>", "", "2024-06-27"),
        ("pubdate inside a link to another page", "",
         "<p class=\"publication\">Le <time datetime=\"2024-06-28T13:49:45Z\">28 juin 2024</time></p>",
         "<div class=\"latest\"><a href=\"/blog/other?message=5#c5\"><span class=\"publication\"><time pubdate datetime=\"2024-09-22T07:30:29Z\">22 septembre</time></span></a></div>",
         "2024-06-28T13:49:45Z"),
        ("pubdate in an aside", "", "<p><time datetime=\"2024-06-28\">28 juin 2024</time></p>",
         "<aside><h3>More</h3><p><time pubdate datetime=\"2024-09-22\">22 sept. 2024</time></p></aside>", "2024-06-28"),
    ])
    func teaserTimeIsAnotherPosts(_ name: String, _ before: String, _ own: String, _ after: String, _ date: String) throws {
        let html = "<html lang=\"fr\"><body>\(before)<article><h1>Post</h1>\(own)\(Self.text)</article>\(after)</body></html>"
        #expect(try published(html)?.date == date)
    }

    /// A date `<meta itemprop>` of another story's microdata card (a "most read" box, before or beside the post) is
    /// that story's; the post's own item (`<article itemscope>`, its date in the article's `<aside>`) still dates it.
    @Test(arguments: [
        ("<aside class=\"widget\"><div itemscope itemtype=\"https://schema.org/NewsArticle\"><meta itemprop=\"datePublished\" content=\"2024-07-01T08:00:00Z\">"
            + "<a itemprop=\"url\" href=\"/other-story/\"><span itemprop=\"headline\">Storm batters coast as thousands lose power</span></a></div></aside>",
         "<article><h1>Post</h1><p class=\"date\">August 15, 2024</p>\(Self.text)</article>", "2024-08-15"),
        ("<div class=\"trending\"><div class=\"item\" itemscope itemtype=\"https://schema.org/NewsArticle\"><meta itemprop=\"datePublished\" content=\"2024-07-01T08:00:00Z\">"
            + "<a itemprop=\"url\" href=\"/other-story/\"><span itemprop=\"headline\">Storm batters coast as thousands lose power</span></a></div></div>",
         "<article><h1>Post</h1><p class=\"date\">August 15, 2024</p>\(Self.text)</article>", "2024-08-15"),
        ("", "<article itemscope itemtype=\"http://schema.org/BlogPosting\"><h2>Post</h2><section>\(Self.text)</section><aside><p>"
            + "<time datetime=\"2013-09-29\" itemprop=\"datePublished\">2013-09-29</time> — <a href=\"/code/\">Code</a></p></aside></article>", "2013-09-29"),
    ])
    func microdataCardIsAnotherStorys(_ before: String, _ page: String, _ date: String) throws {
        #expect(try published("<html lang=\"en\"><body>\(before)\(page)</body></html>")?.date == date)
    }

    /// Before the headline, the site's top bar (today's date) and the cards of a news ticker date no post.
    @Test(arguments: [
        "<header class=\"site-header\"><div class=\"date\">Friday, November 22, 2024</div></header>",
        "<div class=\"td-header-top-menu\"><div class=\"td_data_time\">Friday, November 22, 2024</div></div>",
        "<div class=\"ticker\"><div class=\"item\"><a href=\"/storm-warning\">Storm warning issued for the coast</a><span class=\"time\">Nov 22, 2024</span></div></div>",
    ])
    func topBarAndTickerBeforeTheHeadline(_ before: String) throws {
        let html = "<html lang=\"en\"><body>\(before)<div class=\"post\"><h1>Post</h1><div class=\"post-header\"><span class=\"date\">August 15, 2024</span></div>\(Self.text)</div></body></html>"
        #expect(try published(html)?.date == "2024-08-15")
    }

    /// A `<time>` whose own permalink wraps it (WordPress's "posted on") is the page's, also over http and without the slash.
    @Test func timeInsideThePermalinkIsThePages() throws {
        let html = "<html><body><article><h1>Post</h1><span class=\"posted-on\"><a href=\"http://x.example/blog/post/\" rel=\"bookmark\">"
            + "<time datetime=\"2024-03-05T10:00:00+01:00\">March 5, 2024</time></a></span>\(Self.text)</article></body></html>"
        #expect(try published(html, url: "https://x.example/blog/post")?.date == "2024-03-05T10:00:00+01:00")
    }

    /// The full date a `<time>` shows wins over a `datetime` naming another day (a later edit, or a UTC instant past the
    /// page's midnight); a numeric text that reads the attribute's day one way agrees with it.
    @Test(arguments: [
        ("<time datetime=\"2024-07-03T10:18:46Z\">Publié le 29 juin 2024</time>", "fr", "2024-06-29"),
        ("<time datetime=\"2024-06-28T23:30:00Z\">29 juin 2024</time>", "fr", "2024-06-29"),
        ("<time datetime=\"2024-05-06T10:00:00Z\">05/06/2024</time>", "en-GB", "2024-05-06T10:00:00Z"),
        ("<time datetime=\"2024-05-06T10:00:00Z\">3 days ago</time>", "en", "2024-05-06T10:00:00Z"),
        ("<time datetime=\"2024-05-06T10:00:00Z\">May 6</time>", "en", "2024-05-06T10:00:00Z"),
    ])
    func shownDayWinsOverTheAttribute(_ time: String, _ lang: String, _ date: String) throws {
        let html = "<html lang=\"\(lang)\"><body><article><h1>Post</h1><div class=\"time\">\(time)</div>\(Self.text)</article></body></html>"
        #expect(try published(html)?.date == date)
    }

    /// A post footer's sentence, too long for a date line, names the post's date after a phrase saying so (WordPress
    /// themes' "This entry was posted on ..."); prose that names another date in the same way does not count.
    @Test(arguments: [
        ("en", "<p class=\"postmetadata\"><small>This entry was posted on Monday, December 14th, 2015 at 2:48 pm and is filed under "
            + "<a href=\"/category/arduino\" rel=\"category tag\">Arduino</a>. You can follow any responses to this entry through the "
            + "<a href=\"/feed\">RSS 2.0</a> feed. You can leave a response, or trackback from your own site.</small></p>", "2015-12-14"),
        ("de", "<div class=\"post-footer\">Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von <a href=\"/author/admin/\">Heiner</a> "
            + "geschrieben und unter dem Stichwort <a href=\"/tag/arduino\" rel=\"tag\">Arduino</a>, in die Kategorie "
            + "<a href=\"/category/arduino\">Arduino</a> eingeordnet. Du kannst die Kommentare verfolgen.</div>", "2015-12-14"),
        ("de", "<div class=\"post-footer\">Die Firma wurde am 14. Dezember 2015 um 14:48 von einem Notar eingetragen, und seitdem "
            + "wächst sie. Sie hat Büros in drei Städten, beschäftigt viele Leute und verkauft Geräte in ganz Europa.</div>", nil),
    ] as [(String, String, String?)])
    func postedSentenceInTheFooter(_ lang: String, _ footer: String, _ date: String?) throws {
        let html = "<html lang=\"\(lang)\"><body><div class=\"post\"><h2>Roomba</h2><div class=\"entry\">\(Self.text)</div>\(footer)</div></body></html>"
        #expect(try published(html, url: "https://x.example/arduino/424-roomba")?.date == date)
    }

    /// A date split over elements without spaces ("Mai<span>06</span>2018") reads as its parts.
    @Test func dateSplitOverSpans() throws {
        let html = "<html><body><div class=\"post\"><h3>Come together</h3><p class=\"copyright\"><span class=\"date\">Mai<span>06</span>2018</span></p>"
            + "<div class=\"body\">\(Self.text)</div></div></body></html>"
        #expect(try published(html, url: "https://x.example/news/119/come")?.date == "2018-05-06")
    }

    /// A paragraph is a date line when it is a byline or holds little but the date; prose with a date is not.
    @Test(arguments: [
        ("<p>von <a href=\"/author/kp/\" rel=\"author\">Klaus-Peter Schmidt</a>, 8.5.12 </p>", "de", "2012-05-08"),
        ("<div class=\"abstract\"><p>06.05.2018</p></div>", "de", "2018-05-06"),
        ("<p>Dienstag, 4. Dezember 2018</p>", "de", "2018-12-04"),
        ("<p>Born 12 March 1980 in Leeds.</p>", "en", nil),
        ("<p>Ab 4. Dezember 2018 neu im Kino</p>", "de", nil),
        ("<p>martes, 4 de diciembre de 2018</p>", "es", "2018-12-04"),
        ("<p>December 4th, 2018 at 10:00 am</p>", "en", "2018-12-04"),
        ("<h2 class=\"date-header\"><span>Tuesday, December 4, 2018</span></h2>", "en", "2018-12-04"),
        ("<h3>4 décembre 2018</h3>", "fr", "2018-12-04"),
        ("<h3>Born on 4 December 2018 in Leeds</h3>", "en", nil),
        ("<p>Geschrieben am 4. Dezember 2018 von Klaus Schmidt</p>", "de", "2018-12-04"),
        ("<p>投稿日：2018年12月4日</p>", "ja", "2018-12-04"),
        ("<p>This article was originally published on December 4, 2018.</p>", "en", "2018-12-04"),
        ("<p>The band was originally formed on December 4, 2018.</p>", "en", nil),
    ])
    func paragraphAsDateLine(_ line: String, _ lang: String, _ date: String?) throws {
        let html = "<html lang=\"\(lang)\"><body><div class=\"box\"><h1>Post</h1>\(line)<div>\(Self.text)</div></div></body></html>"
        #expect(try published(html)?.date == date)
    }

    /// A heading of a date alone after prose heads a section (a changelog's entry), not the post's date line.
    @Test func dateHeadingAfterProseIsNoDateLine() throws {
        let html = "<html lang=\"en\"><body><div class=\"box\"><h1>Energy comparisons</h1>\(Self.text)<p>Here is a log of changes.</p>"
            + "<h3>03/03/2024</h3><ul><li>Fixed a bug in the cost calculation.</li></ul></div></body></html>"
        #expect(try published(html, url: "https://x.example/energy/") == nil)
    }

    /// A "comment" class on the header of an opinion piece (it holds the page's `<h1>`) does not hide its date line,
    /// nor does the same word in the date line's own class; a real comment's date is still skipped.
    @Test func opinionPieceHeaderNamedComment() throws {
        let html = "<html lang=\"de\"><body><div class=\"PageArticle\"><div class=\"PageArticle_commentHeader\"><div class=\"ArticleHeaderComment\">"
            + "<h1 class=\"ArticleHeaderComment_headline\">Meinung</h1><div class=\"PublishDate ArticleHeaderComment_publishDate\">"
            + "<span>Dienstag,</span> <span>29. Januar 2019</span></div></div></div><div class=\"PageArticle_body\">\(Self.text)</div>"
            + "<div class=\"comment\"><div class=\"comment-date\">30.01.2019</div><p>Gut.</p></div></div></body></html>"
        #expect(try published(html)?.date == "2019-01-29")
    }

    /// ASP.NET wraps the whole page in a `<form>`: a date line inside it is still the page's.
    @Test func formWrappingThePage() throws {
        let html = "<html><body><form id=\"aspnetForm\" method=\"post\"><div class=\"content\"><h1>News</h1><div class=\"abstract\"><p>06.05.2018</p></div>"
            + "\(Self.text)</div></form></body></html>"
        #expect(try published(html)?.date == "2018-05-06")
    }

    /// A visible date line that gives the last edit beside the publication, in either order and in several languages,
    /// gives both apart: the edit is `modified`, never the publication; a long labelled line is still a date line.
    @Test(arguments: [
        ("<p>Updated November 12, 2024, originally published November 8, 2024</p>", "en"),
        ("<div class=\"meta\"><span>Updated 12 November 2024</span> <span>Published 8 November 2024</span></div>", "en"),
        ("<p>Aktualisiert am 12.11.2024, 09:15 Uhr</p><p>Erstellt am 08.11.2024</p>", "de"),
        ("<p>Publié le 8 novembre 2024 à 07h30, mis à jour le 12 novembre 2024 à 18h02</p>", "fr"),
        ("<p>Mis à jour le 12 novembre 2024 à 18h02 - Publié le 8 novembre 2024 à 07h30</p>", "fr"),
        ("<p>Actualizado: 12/11/2024 18:02 - Publicado: 08/11/2024 07:30</p>", "es"),
        ("<p>Aggiornato il 12 novembre 2024 | Pubblicato il 8 novembre 2024</p>", "it"),
        ("<p>Bijgewerkt op 12 november 2024 · Gepubliceerd op 8 november 2024</p>", "nl"),
        ("<p>Обновлено 12 ноября 2024, 18:02 Опубликовано 8 ноября 2024, 07:30</p>", "ru"),
        ("<div class=\"date\">अपडेटेड: 12 नवंबर 2024, 10:00 AM IST</div><div class=\"pub-date\">प्रकाशित: 8 नवंबर 2024</div>", "hi"),
        ("<div class=\"date\">Diperbarui 12 November 2024 · Diterbitkan 8 November 2024</div>", "id"),
        ("<div class=\"date\">Cập nhật: 12/11/2024 - Ngày đăng: 8/11/2024</div>", "vi"),
        ("<div class=\"date\">Frissítve: 2024. november 12. Közzétéve: 2024. november 8.</div>", "hu"),
        ("<div class=\"date\">Оновлено 12 листопада 2024 Опубліковано 8 листопада 2024</div>", "uk"),
        // hAtom's parts, the edit first: each part is read alone.
        ("<div class=\"entry-meta\"><span class=\"updated\">November 12, 2024</span> <span class=\"published\">November 8, 2024</span></div>", "en"),
    ])
    func editLabelledLineIsTheModifiedDate(_ line: String, _ lang: String) throws {
        let html = "<html lang=\"\(lang)\"><body><article><h1>Post</h1>\(line)<div class=\"text\">\(Self.text)</div></article></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/blog/post",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.published?.date == "2024-11-08")
        #expect(record.modified?.date == "2024-11-12")
    }

    /// Meta names beyond the common ones (Dublin Core's, rNews', news CMSs') and a site's own OpenGraph namespace
    /// (`photosite:uploaded`) give the publication and the last edit.
    @Test(arguments: [
        ("<meta name=\"dc.created\" content=\"2024-03-05\">", "2024-03-05", nil),
        ("<meta property=\"rnews:datePublished\" content=\"2024-03-05T10:00:00Z\">", "2024-03-05T10:00:00Z", nil),
        ("<meta name=\"originalPublicationDate\" content=\"2024/03/05\">", "2024-03-05", nil),
        ("<meta property=\"photosite:uploaded\" content=\"2024-03-05T04:36:36-05:00\">", "2024-03-05T04:36:36-05:00", nil),
        ("<meta name=\"date\" content=\"2024-03-05\"><meta name=\"REVISION_DATE\" content=\"2024-03-09T09:49:32Z\">", "2024-03-05", "2024-03-09T09:49:32Z"),
        ("<meta name=\"date\" content=\"2024-03-05\"><meta property=\"og:article:modified_time\" content=\"2024-03-09\">", "2024-03-05", "2024-03-09"),
        ("<meta name=\"date\" content=\"2024-03-05\"><meta property=\"myapp:modified_time\" content=\"2024-03-09\">", "2024-03-05", "2024-03-09"),
        ("<meta property=\"og:image:width\" content=\"2024\">", nil, nil),
    ] as [(String, String?, String?)])
    func metaNames(_ head: String, _ published: String?, _ modified: String?) throws {
        let html = "<html><head>\(head)</head><body><article><h1>Post</h1>\(Self.text)</article></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/photo/26034451/spring",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.published?.date == published)
        #expect(record.modified?.date == modified)
    }

    /// A page that says only when it was last revised or reviewed (terms, reference and government pages) gives that
    /// date as the edit, and as the publication when nothing else dates it; also as one `<br>` line of a paragraph.
    @Test(arguments: [
        ("<p>Date of Last Revision: August 9, 2024</p>", "en", "2024-08-09"),
        ("<p>Page last reviewed: 9 August 2024</p>", "en", "2024-08-09"),
        ("<p>This page was last edited on 9 August 2024, at 10:17 (UTC).</p>", "en", "2024-08-09"),
        ("<p>Dernière mise à jour le 9 août 2024</p>", "fr", "2024-08-09"),
        ("<p>Letzte Änderung: 09.08.2024</p>", "de", "2024-08-09"),
        ("<p>Quelle: Landeshauptstadt Beispiel - Startseite<br/>Ihr Pfad: beispiel.de<br/>[Stand: 09.08.2024, 01:40 Uhr]</p>", "de", "2024-08-09"),
        ("<p>Sprechzeiten: Montag bis Freitag<br/>Telefon 0711 123456<br/>Neu ab 09.08.2024</p>", "de", nil),
    ] as [(String, String, String?)])
    func revisionStampOfAnUndatedPage(_ line: String, _ lang: String, _ date: String?) throws {
        let html = "<html lang=\"\(lang)\"><body><h1>Terms</h1><div class=\"text\">\(Self.text)</div><div>\(line)</div></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/service/terms/",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.modified?.date == date)
        #expect(record.published?.date == date)
    }

    /// A paragraph of `<br>` lines that gives the creation and the last edit gives both apart.
    @Test func createdAndModifiedLinesOfOneParagraph() throws {
        let html = "<html lang=\"en\"><body><h1>Guide</h1><div class=\"text\">\(Self.text)</div><div><a href=\"/tags/x/\" rel=\"tag\">x</a>"
            + "<p>Created: 3rd August 2024<br />Last modified: 9th August 2024<br /><a href=\"/guides/patterns/changes/\">2 changes</a></p></div></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/guides/patterns/",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.published?.date == "2024-08-03")
        #expect(record.modified?.date == "2024-08-09")
    }

    /// A home page of teaser `<article>`s is dated by its footer's edit stamp; the footer's other dates (a copyright
    /// year, an event) are not the page's.
    @Test(arguments: [
        ("<p>Quelle: Landeshauptstadt Beispiel<br/>Ihr Pfad: beispiel.de<br/>[Stand: 09.08.2024, 01:40 Uhr]</p>", "2024-08-09"),
        ("<p>Page last updated: 9 August 2024</p><p>© 2024 Example City</p>", "2024-08-09"),
        ("<p>© 2024 Beispiel GmbH</p><p>Sommerfest am 09.08.2024</p>", nil),
    ] as [(String, String?)])
    func footerEditStampOfATeaserPage(_ footer: String, _ date: String?) throws {
        let card = "<p>A short summary of the story, one line long.</p>"
        let html = "<html lang=\"de\"><body><h1>Beispiel</h1><article><h2><a href=\"/news/1\">A first story with a long headline</a></h2>\(card)</article>"
            + "<article><h2><a href=\"/news/2\">A second story with a long headline</a></h2>\(card)</article><div id=\"footer\">\(footer)</div></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.modified?.date == date)
        #expect(record.published?.date == date)
    }

    /// An edit line after the publication's (a later paragraph, an element whose class says "updated", a post footer)
    /// gives the last edit, never the publication.
    @Test(arguments: [
        ("<p class=\"updated-on\">12 November 2024</p><p class=\"date\">8 November 2024</p>", "", "en"),
        ("<p class=\"byline\">November 8, 2024</p><p>Last updated on November 12, 2024</p>", "", "en"),
        ("<div class=\"date\">Published November 8, 2024</div><div class=\"date\">Updated November 12, 2024</div>", "", "en"),
        ("<p class=\"datum\">08.11.2024</p><p>Zuletzt aktualisiert: 12.11.2024</p>", "", "de"),
        ("<p class=\"fecha\">8 de noviembre de 2024</p><p>Actualizado el 12 de noviembre de 2024</p>", "", "es"),
        ("<span class=\"published\" title=\"2024-11-08T10:00:00Z\">November 8</span> <abbr class=\"updated\" title=\"2024-11-12T10:00:00Z\">November 12</abbr>", "", "en"),
        ("<p class=\"date\">November 8, 2024</p>", "<div class=\"post-footer\"><p>Last modified: November 12, 2024</p></div>", "en"),
        ("<p class=\"date\">November 8, 2024</p>", "<footer><p>Page last updated: 12 November 2024</p></footer>", "en"),
        // An editor's note opening a paragraph of the text, a colon after its date.
        ("<p class=\"date\">November 8, 2024</p>", "<p><strong>Update (November 12, 2024):</strong> the council set a date.</p>", "en"),
        ("<p class=\"date\">November 8, 2024</p>", "<p><em>Updated November 12, 2024:</em> the council has now set a date.</p>", "en"),
        ("<p>公開日：2024年11月8日 更新日：2024年11月12日</p>", "", "ja"),
        // Drupal's `changed` field, with and without its label.
        ("<p class=\"date\">November 8, 2024</p><div class=\"field field--name-changed\">November 12, 2024</div>", "", "en"),
        ("<p class=\"date\">November 8, 2024</p><p>Last changed: November 12, 2024</p>", "", "en"),
        ("<p>기사입력 2024-11-08 10:00 | 최종수정 2024-11-12 09:00</p>", "", "ko"),
        // German editors' notes.
        ("<p class=\"datum\">8. November 2024</p>", "<p><b>Update vom 12. November 2024:</b> Der Rat hat entschieden.</p>", "de"),
        ("<p class=\"datum\">8. November 2024</p>", "<p><i>Nachtrag (12.11.2024):</i> Der Rat hat entschieden.</p>", "de"),
        // The edit in an attribute beside the publication's.
        ("<div class=\"story-meta\" data-published=\"2024-11-08T10:00:00Z\" data-modified=\"2024-11-12T09:00:00Z\"><span>By Jane Doe</span></div>", "", "en"),
    ])
    func editLineAfterThePublication(_ header: String, _ after: String, _ lang: String) throws {
        let html = "<html lang=\"\(lang)\"><body><article><h1>Post</h1>\(header)\(Self.text)</article>\(after)</body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/blog/post",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.published?.date.prefix(10) == "2024-11-08")
        #expect(record.modified?.date.prefix(10) == "2024-11-12")
    }

    /// The publication from the page's metadata or a `<time>` (no text scan runs): the edit line of the post's header
    /// block still gives the last edit (Drupal's `field--name-changed`, a `changed` or `updated` class, "Updated ...").
    @Test(arguments: [
        ("<meta property=\"article:published_time\" content=\"2024-11-08T10:00:00Z\">", "<div class=\"node__meta\"><span class=\"field--name-changed\">November 12, 2024</span></div>", "en"),
        ("<meta property=\"article:published_time\" content=\"2024-11-08T10:00:00Z\">", "<div class=\"meta\"><span class=\"changed\">Geändert am 12. November 2024</span></div>", "de"),
        ("", "<div class=\"node__meta\"><time datetime=\"2024-11-08T10:00:00Z\">November 8, 2024</time><div class=\"field\">Last changed: November 12, 2024</div></div>", "en"),
        ("", "<p class=\"date\"><time datetime=\"2024-11-08\">November 8, 2024</time></p><p class=\"updated\">Updated November 12, 2024</p>", "en"),
    ])
    func editLineAfterAMetadataPublication(_ head: String, _ header: String, _ lang: String) throws {
        let html = "<html lang=\"\(lang)\"><head>\(head)</head><body><article><h1>Post</h1>\(header)\(Self.text)</article></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/blog/post",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.published?.date.prefix(10) == "2024-11-08")
        #expect(record.modified?.date.prefix(10) == "2024-11-12")
    }

    /// An edit line far below the headline (past `DateFinder.editLookahead` elements) is not read: the header block only.
    @Test func editLineFarFromTheHeadlineIsNotRead() throws {
        let many = (1...60).map { "<p>\(Self.lorem)(\($0))</p>" }.joined()
        let html = "<html lang=\"en\"><head><meta property=\"article:published_time\" content=\"2024-11-08T10:00:00Z\"></head><body>"
            + "<article><h1>Post</h1>\(many)<p class=\"updated\">Updated November 12, 2024</p></article></body></html>"
        let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/blog/post",
                                                                         fetchedAt: Self.fetched)).record
        #expect(record.modified == nil)
    }

    /// A date line whose date a script fills in from an attribute (`data-timestamp`, `data-date`...): the text is empty,
    /// a placeholder or a relative "2 hours ago" of the page's first render.
    @Test(arguments: [
        "<div class=\"article-date\" data-date=\"2024-11-08T10:00:00Z\"></div>",
        "<span class=\"timestamp\" data-timestamp=\"1731060000\"></span>",
        "<span class=\"post-date\" data-timestamp=\"1731060000000\">2 hours ago</span>",
        "<span class=\"date\" data-time=\"2024-11-08 10:00:00\">5 days ago</span>",
        "<div class=\"meta\"><span class=\"published\" data-datetime=\"2024-11-08T10:00:00+01:00\"></span></div>",
        "<div class=\"story-meta\"><span data-publish-date=\"2024-11-08T10:00:00Z\">Loading</span></div>",
        // On a `<time>` without `datetime`, the attribute wins over its relative text.
        "<div class=\"meta\"><time data-published=\"2024-11-08T10:00:00+01:00\">vor 3 Tagen</time></div>",
        "<div class=\"meta\"><time data-timestamp=\"1731060000\">5 days ago</time></div>",
    ])
    func dateLineFromAScriptsAttribute(_ line: String) throws {
        let html = "<html lang=\"en\"><body><article><h1>Post</h1>\(line)\(Self.text)</article></body></html>"
        #expect(try published(html)?.date.prefix(10) == "2024-11-08")
    }

    /// Labelled date lines of Chinese, Japanese and Korean news sites, and a byline that names the author before the date
    /// in another language ("Scritto da NAME il DATE").
    @Test(arguments: [
        ("<p>发布时间：2024-11-08 10:00</p>", "zh"),
        ("<p>기사입력 2024-11-08 10:00</p>", "ko"),
        ("<p>Scritto da Mario Rossi il 8 novembre 2024</p>", "it"),
        ("<p>Publié par Jean Dupont le 8 novembre 2024</p>", "fr"),
        ("<p>Escrito por Ana García el 8 de noviembre de 2024</p>", "es"),
        ("<p>Geschrieben von Anna Schmidt am 8. November 2024</p>", "de"),
        ("<p>Geschreven door Jan de Vries op 8 november 2024</p>", "nl"),
        ("<p>Publicado por João Silva em 8 de novembro de 2024</p>", "pt"),
    ])
    func labelledLineBeforeTheText(_ line: String, _ lang: String) throws {
        let html = "<html lang=\"\(lang)\"><body><article><h1>Post</h1>\(line)<div class=\"text\">\(Self.text)</div></article></body></html>"
        #expect(try published(html)?.date.prefix(10) == "2024-11-08")
    }

    /// A site rule's day-only date yields to the article's metadata when that gives the same day to the second
    /// (Ghost themes print `<time datetime="2024-06-02">`, its JSON-LD the instant); never to another day, which
    /// would change the day the record shows.
    @Test(arguments: [
        ("same day, JSON-LD to the second", "2024-06-02", "2024-06-02T05:40:00.000Z", "2024-06-02T05:40:00Z"),
        ("same day, meta with an offset", "2024-06-02", "2024-06-02T23:40:00-05:00", "2024-06-02T23:40:00-05:00"),
        ("UTC instant on the next day", "2024-06-02", "2024-06-03T04:40:00Z", "2024-06-02"),
        ("another day altogether", "2024-06-02", "2024-05-30T10:00:00Z", "2024-06-02"),
        ("the rule already gives a time", "2024-06-02T08:00:00Z", "2024-06-02T05:40:00Z", "2024-06-02T08:00:00Z"),
    ])
    func ruleDayToldMoreExactlyByMetadata(_ name: String, _ shown: String, _ meta: String, _ date: String) throws {
        let rules = try Rules.parse(Array(#"{"version":1,"sites":[{"name":"t","match":{"hosts":["x.example"]},"published":"time.shown"}]}"#.utf8),
                                    file: "rules.json")
        let html = "<html><head><meta property=\"article:published_time\" content=\"\(meta)\"></head><body><article><h1>Post</h1>"
            + "<time class=\"shown\" datetime=\"\(shown)\">June 2</time>\(Self.text)</article></body></html>"
        let page = try Extractor(rules: rules).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/blog/post",
                                                                       fetchedAt: Self.fetched))
        #expect(page.record.published?.date == date, "\(name)")
    }
}

/// A recipe, how-to or video page whose JSON-LD has no article gives its dates through the work it is about; a post's own
/// date line comes first (an embedded video of another day).
@Test(arguments: [
    ("Recipe", "", "2024-03-05", "2024-03-09"),
    ("VideoObject", "", "2024-03-05", "2024-03-09"),
    ("VideoObject", "<p class=\"date\">March 7, 2024</p>", "2024-03-07", nil),
    ("Person", "", nil, nil),
] as [(String, String, String?, String?)])
func datesFromTheWorkAPageIsAbout(_ type: String, _ line: String, _ published: String?, _ modified: String?) throws {
    let ld = #"{"@context":"https://schema.org","@type":"\#(type)","name":"Apple pie","datePublished":"2024-03-05","dateModified":"2024-03-09"}"#
    let html = "<html lang=\"en\"><head><script type=\"application/ld+json\">\(ld)</script></head><body><div class=\"box\"><h1>Apple pie</h1>\(line)<p>"
        + String(repeating: "Peel the apples, slice them thin, and lay them in the dish with butter and sugar. ", count: 6) + "</p></div></body></html>"
    let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/recipes/apple-pie/",
                                                                     fetchedAt: Date(timeIntervalSince1970: 1_732_536_000))).record
    #expect(record.published?.date == published)
    #expect(record.modified?.date == modified)
}

/// Baidu's page object (Chinese news sites) gives the dates as `pubDate` and `upDate`, without an `@type`.
@Test func datesFromBaidusPageObject() throws {
    let ld = #"{"@context":"https://zhanzhang.baidu.com/contexts/cambrian.jsonld","@id":"https://x.example/news/1.html","title":"标题","pubDate":"2019-09-05T11:10:52","upDate":"2019-09-06T08:00:00"}"#
    let html = "<html lang=\"zh\"><head><script type=\"application/ld+json\">\(ld)</script></head><body><div class=\"list\"><p><time>2019-09-06</time></p></div>"
        + "<article><h1>标题</h1><p>" + String(repeating: "这是一段足够长的正文内容，用来当作文章的主体部分。", count: 20) + "</p></article></body></html>"
    let record = try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: "https://x.example/news/1.html",
                                                                     fetchedAt: Date(timeIntervalSince1970: 1_732_536_000))).record
    #expect(record.published?.date == "2019-09-05")
    #expect(record.modified?.date == "2019-09-06")
}

/// Date lines of news sites in many languages as bare paragraphs (no date class) and edit lines after the publication
/// (FINDINGS 82). Fetched 2026-11-27T15:00:00Z.
@Suite struct VisibleDateForms {
    private static let fetched = Date(timeIntervalSince1970: 1_795_791_600)
    private static let lorem = "This paragraph is long enough to be content, with commas, clauses, and the kind of rhythm a real post has. "
    private static let text = "<p>\(lorem)\(lorem)\(lorem)</p><p>\(lorem)\(lorem)</p>"

    private func record(_ lang: String, _ header: String, after: String = "", url: String = "https://news.example/section/story") throws -> PageRecord {
        let html = "<html lang=\"\(lang)\"><body><article><h1>Story headline</h1>\(header)\(Self.text)\(after)</article></body></html>"
        return try Extractor(rules: .empty).extract(ExtractionInput(bytes: Array(html.utf8), url: url,
                                                                    fetchedAt: Self.fetched)).record
    }

    /// A bare `<p>` of a date alone: CJK date marks, weekdays of two CJK characters, zone names, "at" words and a
    /// language's publication label do not make it prose.
    @Test(arguments: [
        ("zh", "<p>2026年11月27日 星期四</p>"),
        ("zh", "<p>2026-11-27 14:05 来源：新华网</p>"),
        ("ja", "<p>2026年11月27日 14時05分</p>"),
        ("ja", "<p>2026年11月27日(木) 14:05</p>"),
        ("ja", "<p>令和8年11月27日</p>"),
        ("ko", "<p>2026년 11월 27일 (목) 14:05</p>"),
        ("vi", "<p>Thứ Năm, ngày 27/11/2026 14:05 PM (GMT+7)</p>"),
        ("es", "<p>jueves, 27 de noviembre de 2026 a las 14:05</p>"),
        ("pt-BR", "<p>quinta-feira, 27 de novembro de 2026 às 14:05</p>"),
        ("ar", "<p>نشر في: الخميس، 27 نوفمبر 2026</p>"),
    ])
    func bareDateParagraph(_ lang: String, _ line: String) throws {
        #expect(try record(lang, line).published?.date.prefix(10) == "2026-11-27")
    }

    /// A labelled date line longer than a bare line's limit (`maxPlainDateLine`) in a bare `<span>` is read as long as a
    /// hinted one; an unlabelled text of that length is not a date line.
    @Test(arguments: [
        ("fr", "<span>Publié le 27 novembre 2026 à 14:05 (heure de Paris)</span>", "2026-11-27"),
        ("fr", "<span>Publié le 27/11/2026 à 14h05, mis à jour le 27/11/2026 à 16h10</span>", "2026-11-27"),
        ("fr", "<span>Les manifestations du 27 novembre 2026 à Paris ont réuni des milliers</span>", nil),
    ] as [(String, String, String?)])
    func labelledLineInABareSpan(_ lang: String, _ span: String, _ date: String?) throws {
        #expect(try record(lang, "<div><span>Jane Doe</span> · \(span)</div>").published?.date.prefix(10) == date.map { Substring($0) })
    }

    /// A Chinese sentence that opens with a date is prose, not a date line.
    @Test func chineseSentenceIsNoDateLine() throws {
        #expect(try record("zh", "<p>2026年11月27日，国务院召开常务会议研究部署</p>").published == nil)
    }

    /// An edit line after the publication's gives the edit: labels of more languages, and an editor's note that opens
    /// with "UPDATE" and a date (short, and as a long paragraph).
    @Test(arguments: [
        ("nl", "<p class=\"date\">26 nov 2026, 10:00</p><p>Aangepast: 27 nov 2026, 16:10</p>", ""),
        ("tr", "<p class=\"date\">26.11.2026</p><p>Güncellenme: 27.11.2026</p>", ""),
        ("ko", "<p class=\"date\">기사입력 2026-11-26 10:00</p><p>최종수정 2026-11-27 16:10</p>", ""),
        ("zh", "<p class=\"date\">2026-11-26</p><p>最后更新：2026-11-27</p>", ""),
        ("el", "<p class=\"date\">26/11/2026</p><p>Τελευταία ενημέρωση: 27/11/2026</p>", ""),
        ("cs", "<p class=\"date\">26. 11. 2026</p><p>Aktualizace: 27. 11. 2026</p>", ""),
        ("bg", "<p class=\"date\">26.11.2026</p><p>Обновена: 27.11.2026</p>", ""),
        ("fa", "<p class=\"date\">۱۴۰۵/۰۹/۰۵</p><p>به‌روزرسانی: ۱۴۰۵/۰۹/۰۶</p>", ""),
        ("hr", "<p class=\"date\">26.11.2026.</p><p>Ažurirano: 27.11.2026.</p>", ""),
        ("en", "<p class=\"date\">November 26, 2026</p>", "<p>UPDATE 2026-11-27: a correction was added.</p>"),
        ("en", "<p class=\"date\">November 26, 2026</p>", "<p>UPDATE 2026-11-27: a correction was added to the third paragraph after readers "
            + "pointed out that the figure given for the budget was last year's, not this year's; we regret the error.</p>"),
    ])
    func editLine(_ lang: String, _ header: String, _ after: String) throws {
        let r = try record(lang, header, after: after)
        #expect(r.published?.date.prefix(10) == "2026-11-26")
        #expect(r.modified?.date.prefix(10) == "2026-11-27")
    }

    /// "UPDATE DATE:" opening the only dated paragraph is the edit, not the publication: the URL's day is.
    @Test func datedUpdateNoteIsNoPublication() throws {
        let r = try record("en", "<p>UPDATE 2026-11-27: a correction was added.</p>", url: "https://news.example/2026/11/20/story")
        #expect(r.published?.date == "2026-11-20")
        #expect(r.modified?.date.prefix(10) == "2026-11-27")
    }
}
