import Foundation
import Testing
@testable import Extract
import HTML

/// `Extractor.extractUnlessListing` and `listingLinks`: a page `extract` classifies as a listing gives the links
/// `extract` finds on it (by its URL or static-page markup, or by its content), and every post gives what `extract` gives.
@Suite struct ListingLinks {
    private static let fetched = Date(timeIntervalSince1970: 1_732_536_000)

    private static func input(_ bytes: [UInt8], url: String, contentType: String? = nil) -> ExtractionInput {
        ExtractionInput(bytes: bytes, url: url, fetchedAt: fetched, contentType: contentType)
    }

    /// Checks `extractUnlessListing` against `extract` on one input; returns whether it read a listing's links
    /// before looking at the content (by its URL or static-page markup).
    @discardableResult
    private static func agrees(_ input: ExtractionInput, rules: Rules, _ name: String) throws -> Bool {
        let extractor = Extractor(rules: rules)
        let whole = try extractor.extract(input)
        let links = try extractor.listingLinks(input)
        #expect(links == PageLinks(url: whole.record.url, links: whole.links, feedLinks: whole.feedLinks,
                                   nextPageLinks: whole.nextPageLinks, sitemapLinks: whole.sitemapLinks,
                                   translationLinks: whole.translationLinks, refreshLinks: whole.refreshLinks), "\(name): listingLinks")
        switch try extractor.extractUnlessListing(input) {
        case .listing(let l):
            #expect(whole.kind == .listing, "\(name): read for its links, but extract calls it a post")
            #expect(l == links, "\(name)")
            return true
        case .contentListing(let l):
            #expect(whole.kind == .listing, "\(name): read for its links, but extract calls it a post")
            #expect(l == links, "\(name)")
            return false
        case .page(let p):
            #expect(whole.kind == .post, "\(name): extract calls it a listing, but it was extracted whole")
            #expect(try p.record.jsonData(pretty: false) == whole.record.jsonData(pretty: false), "\(name)")
            #expect(p.kind == whole.kind && p.links == whole.links && p.identifiers == whole.identifiers, "\(name)")
            return false
        }
    }

    @Test(arguments: GoldenCase.all)
    func goldenPagesAgreeWithExtract(_ c: GoldenCase) throws {
        let dir = GoldenCase.root.appendingPathComponent(c.name)
        let rules = try Rules.load(path: GoldenCase.repoRules.path)
        let given = try JSONDecoder().decode(GoldenInput.self, from: Data(contentsOf: dir.appendingPathComponent("input.json")))
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("page.html")))
        try Self.agrees(Self.input(bytes, url: given.url, contentType: given.content_type), rules: rules, c.name)
    }

    static let listingHTML = """
        <html><head><title>November 2024 - Blog</title><link rel="alternate" type="application/rss+xml" href="/feed/">
        <link rel="next" href="/2024/11/page/2/"></head><body><h1>November 2024</h1>
        <article><h2><a href="/2024/11/20/one/">One</a></h2><p>A first excerpt of a post, long enough.</p></article>
        <article><h2><a href="/2024/11/18/two/">Two</a></h2><p>A second excerpt of a post, long enough.</p></article>
        <a href="/about/">About</a> <a href="/2024/11/page/2/">Older posts</a></body></html>
        """

    @Test func aCalendarArchiveIsReadForItsLinks() throws {
        let input = Self.input(Array(Self.listingHTML.utf8), url: "https://blog.example/2024/11/")
        #expect(try Self.agrees(input, rules: .empty, "calendar archive"))
        guard case .listing(let l) = try Extractor(rules: .empty).extractUnlessListing(input) else { return }
        #expect(l.links.contains("https://blog.example/2024/11/20/one/"))
        #expect(l.feedLinks == ["https://blog.example/feed/"])
        #expect(l.nextPageLinks.contains("https://blog.example/2024/11/page/2/"))
    }

    @Test func aSiteRulesListingPatternIsReadForItsLinksUnlessItsPostPatternMatches() throws {
        let json = #"{"version": 1, "sites": [{"name": "t", "match": {"hosts": ["blog.example"]}, "#
            + #""crawl": {"post_url": ["^/\\d{4}/\\d{2}/\\d{2}/$"], "listing_url": ["^/topics/", "^/\\d{4}/"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let bytes = Array(Self.listingHTML.utf8)
        #expect(try Self.agrees(Self.input(bytes, url: "https://blog.example/topics/rivers/"), rules: rules, "rule listing"))
        // A day page the rule names a post (blosxom's permalinks) is a calendar path, but extracted whole.
        #expect(try !Self.agrees(Self.input(bytes, url: "https://blog.example/2024/11/20/"), rules: rules, "rule post"))
        // Neither the rule nor the path says: the content decides (a listing: read for its links, no record made).
        let other = Self.input(bytes, url: "https://other.example/archive-of-things/")
        #expect(try !Self.agrees(other, rules: rules, "no rule"))
        guard case .contentListing = try Extractor(rules: rules).extractUnlessListing(other) else {
            Issue.record("a listing by its content gave its record"); return
        }
    }

    /// A long, titled page whose metadata says "article" (WordPress SEO plugins on an "About" page) but whose
    /// markup the rule's `static_page` names is read for its links, unless the rule's post pattern matches.
    @Test func aStaticPageIsReadForItsLinksUnlessItsPostPatternMatches() throws {
        let json = #"{"version": 1, "sites": [{"name": "t", "match": {"hosts": ["blog.example"]}, "#
            + #""crawl": {"post_url": ["^/notes/"], "static_page": ["body.page[class*='page-id-']"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let words = String(repeating: "We write about kettles, bread and bicycles here, slowly and with care. ", count: 20)
        func html(_ bodyClass: String) -> [UInt8] {
            Array(("<html><head><title>About</title><meta property=\"og:type\" content=\"article\"></head>"
                   + "<body class=\"\(bodyClass)\"><article><h1>About</h1><p>\(words)</p><a href=\"/notes/one/\">One</a></article></body></html>").utf8)
        }
        let page = html("page-template-default page page-id-2")
        #expect(try Self.agrees(Self.input(page, url: "https://blog.example/about/"), rules: rules, "static page"))
        guard case .listing(let l) = try Extractor(rules: rules).extractUnlessListing(Self.input(page, url: "https://blog.example/about/")) else { return }
        #expect(l.links == ["https://blog.example/notes/one/"])
        #expect(try !Self.agrees(Self.input(page, url: "https://blog.example/notes/about/"), rules: rules, "post pattern"))
        // A post (`single postid-N`) of the same shape is a post; so is a page of a site whose rule has no `static_page`.
        #expect(try !Self.agrees(Self.input(html("single single-post postid-7"), url: "https://blog.example/about/"), rules: rules, "post"))
        #expect(try !Self.agrees(Self.input(page, url: "https://blog.example/about/"), rules: .empty, "no rule"))
        #expect(try Extractor(rules: rules).extract(Self.input(html("single single-post postid-7"), url: "https://blog.example/about/")).kind == .post)
        #expect(try Extractor(rules: .empty).extract(Self.input(page, url: "https://blog.example/about/")).kind == .post)
    }

    /// Three `<article>` cards of like sizes make a listing (`PageClassifier.listingArticleCount`) before the word
    /// count or the date is asked: the content is not rendered nor the text scanned for a date (FINDINGS 100).
    @Test func aListingByItsCardsIsCalledSoBeforeItsBodyIsRenderedOrDated() throws {
        let card = "<p>An excerpt of a post about the allotment, the weather and the beans, cut short for the index.</p>"
        let html = "<html><head><title>Tag: beans - Plot 14</title></head><body><main><h1>Tag: beans</h1>"
            + (1...4).map { "<article><h2><a href=\"/2024/0\($0)/03/post-\($0)/\">Post \($0)</a></h2>\(card)</article>" }.joined()
            + "</main></body></html>"
        let input = Self.input(Array(html.utf8), url: "https://plot14.example/topics/beans/")
        #expect(try !Self.agrees(input, rules: .empty, "cards"))
        let doc = try HTMLDocument(bytes: input.bytes, url: input.url)
        let run = PageExtraction(doc: doc, input: input, rules: .empty)
        let reading = run.read(site: nil)
        #expect(run.kind(reading, staticPage: false) == .listing)
        #expect(!reading.text.isMade && !reading.publishedDate.isMade)
    }

    /// A post the classifier calls so by its article object, before it asks for the date: the edit date its date
    /// line gives is still found (`modified` reads what the published date's scan of the text kept).
    @Test func aPostCalledSoBeforeItsDateKeepsTheEditItsDateLineGives() throws {
        let html = """
            <html><head><title>Broad beans in the rain - Plot 14</title>
            <script type="application/ld+json">{"@type":"BlogPosting","headline":"Broad beans in the rain"}</script>
            </head><body><div class="post"><p class="post-date">Posted March 3, 2024. Updated April 5, 2024</p>
            <p>The broad beans went in late this year, after a wet March that kept the beds soggy for weeks.</p>
            <p>We staked them with hazel from the hedge, which is cheaper than canes and looks better.</p></div></body></html>
            """
        let input = Self.input(Array(html.utf8), url: "https://plot14.example/broad-beans/")
        #expect(try !Self.agrees(input, rules: .empty, "dated post"))
        guard case .page(let p) = try Extractor(rules: .empty).extractUnlessListing(input) else {
            Issue.record("the post was read as a listing"); return
        }
        #expect(p.record.published?.date == "2024-03-03")
        #expect(p.record.modified?.date == "2024-04-05")
    }
}
