import HTML

/// Decides whether a page is a post or a listing: rule URL patterns, then a calendar-archive path, then the
/// rule's static-page markup (an "About" page is no post: it is read for its links, as a listing is), then
/// markup (many article cards, or content that is a list of links, means a listing), then JSON-LD type,
/// then `og:type` (`article` a post, `website` with no date a static page), then an article with a title and
/// a date (a post), then URL shape (an undated page right under the root is a static page).
enum PageClassifier {
    /// At least this many `<article>` elements outside the related cards make a page a listing.
    static let listingArticleCount = 3
    /// ... unless one story outweighs them (`PageExtraction.holdsTheStory`): the card holding the extracted
    /// content, a card inside that content, or the content itself beside the cards, of at least this many
    /// words (a full post, not an excerpt) ...
    static let storyMinWords = 300
    /// ... or this many when the page has a title and a publication date of its own: news and blog posts of a
    /// few paragraphs among "more stories" teasers.
    static let datedStoryMinWords = 150
    /// ... and this many times the words of any other: teaser cards under a story. Listings that show full
    /// posts have articles of like sizes.
    static let storyOverCardsRatio = 4
    /// Path segments of listing pages (`/tag/swift/`, `/archives/`, `/search.html`). Whole segments only:
    /// a post's slug may well start with "archive" or "search".
    static let listingSegments: Set<String> = ["page", "tag", "tags", "category", "categories", "author", "authors",
                                               "archive", "archives", "search", "label", "topics", "series"]
    /// Content with at least this many links to other pages of the site can be a list of posts (a paginated
    /// index holds 5-20). Links to other sites do not count: a link round-up post ("Weekly links") is a post.
    static let linkListMinLinks = 5
    /// ... when link text is at least this share of its words: archive, author and year pages made of
    /// "date + title" lines (Nikola, Jekyll, Pelican archives), which carry `og:type=article` or a
    /// BlogPosting object on some generators (jekyll-seo-tag), so this is checked before them.
    static let linkListTextShare = 0.5
    /// ... and the words outside links average at most this many per link (a date, a category): an
    /// annotated link round-up post has sentences around its links.
    static let linkListOtherWordsPerLink = 8

    /// Content whose headings include at least this many that link to other pages of the site, and at
    /// least half of its headings, is a list of posts with excerpts (ABlog's "All posts" and year pages,
    /// most blog indexes): each entry's title is a heading linking to the post. A post's own headings
    /// name its sections and link nowhere, or to the same page (`#` permalinks).
    static let headingLinkMinCount = 3

    /// Link statistics of the chosen content: links to other pages, and the words inside them; headings,
    /// and the headings that hold such a link.
    struct LinkShape {
        var links = 0
        var linkWords = 0
        var headings = 0
        var headingLinks = 0
    }

    /// `og:type` of a page that says it is no article: with no date found anywhere it is a site's static page
    /// (jekyll-seo-tag and most themes mark "About" pages so), where a post would carry its date.
    static let staticPageOGType = "website"

    static let headingNames: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Links of the content to pages of `siteHost` (relative, or absolute to that host or its `www.` twin).
    static func linkShape(roots: [Node], excluded: Set<Node>, siteHost: String?) -> LinkShape {
        var shape = LinkShape()
        var heading: Node?
        var headingCounted = false
        for r in roots {
            r.walk { n in
                guard n.isElement else { return false }
                if excluded.contains(n) { return false }
                if let h = heading, !Exclusion.isAncestor(h, of: n) { heading = nil }
                if heading == nil, headingNames.contains(n.name) {
                    heading = n
                    headingCounted = false
                    shape.headings += 1
                }
                if n.hasName("a") {
                    if let h = n.attribute("href"), !h.hasPrefix("#"), !h.isEmpty, isSameSite(h, siteHost: siteHost) {
                        shape.links += 1
                        shape.linkWords += TextNormalizer.wordCount(n.textContent)
                        if heading != nil, !headingCounted {
                            headingCounted = true
                            shape.headingLinks += 1
                        }
                    }
                    return false
                }
                return true
            }
        }
        return shape
    }

    static func isSameSite(_ href: String, siteHost: String?) -> Bool {
        let h = href.trimmedWhitespaceAndNewlines
        if h.hasPrefix("//") || ByteSearch.contains(h, "://") {
            guard let siteHost, let host = RulesHost.host(of: h.hasPrefix("//") ? "http:" + h : h) else { return false }
            func bare(_ s: String) -> Substring { s.hasPrefix("www.") ? s.dropFirst(4) : Substring(s) }
            return bare(host) == bare(siteHost)
        }
        // mailto:, javascript:, tel: lead nowhere on the site.
        // By bytes: a search by Characters cost ~18,000 instructions a link, 1.4% of a folder crawl (FINDINGS 106).
        let u = h.utf8
        if let colon = u.firstIndex(of: UInt8(ascii: ":")), !u[..<colon].contains(UInt8(ascii: "/")) { return false }
        return true
    }

    /// Whether a JSON-LD object's `url` names another page than this one (or its canonical URL): then it
    /// describes that page, not this one. Pelican's Flex theme prints the site's `Blog` object (its url the
    /// front page) on every page, posts too; an object with no url is about this page.
    static func describesAnotherPage(_ o: JSONValue.Object, pageURL: String, canonical: String?) -> Bool {
        guard let raw = JSONLD.string(o["url"]), let key = URLNormalizer.crawlKey(raw, base: pageURL) else { return false }
        let own = [pageURL, canonical].compactMap { $0.flatMap { URLNormalizer.crawlKey($0, base: pageURL) } }
        return !own.contains { DateFinder.comparable($0) == DateFinder.comparable(key) }
    }

    /// Whether a segment of the path (without `.html`, `.htm`, `.php`) is one of `listingSegments`.
    static func isListingPath(_ path: String) -> Bool {
        var p = Substring(path)
        if let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = p[..<q] }
        let segments = p.split(separator: "/")
        if isNumberedArchivePost(segments) { return false }
        return segments.contains { segment in
            var s = segment.lowercased()
            for ext in [".html", ".htm", ".php"] where s.hasSuffix(ext) { s.removeLast(ext.count) }
            return listingSegments.contains(s)
        }
    }

    /// Whether a path ends in an archive word and one number that is no year: a post's id (Typecho's default
    /// `/index.php/archives/128/`, WordPress's numeric permalinks `/archives/123`), not a year's archive.
    static func isNumberedArchivePost(_ segments: [Substring]) -> Bool {
        guard segments.count >= 2, let id = segments.last, !id.isEmpty, id.allSatisfy({ $0 >= "0" && $0 <= "9" }),
              archiveWords.contains(segments[segments.count - 2].lowercased()) else { return false }
        return !(id.count == 4 && Int(id).map { (1990...2099).contains($0) } == true)
    }
    static let archiveWords: Set<String> = ["archive", "archives"]

    /// Whether the path is one segment under the root (`/about/`, `/contact.html`), with no query: where blogs keep
    /// their static pages ("About", "Now", "Uses", "Contact"). Asked only of undated pages with no article
    /// metadata: a post there (WordPress's and Ghost's `/slug/` permalinks) carries its date.
    static func isTopLevelPage(_ path: String) -> Bool {
        guard !path.contains("?") else { return false }
        return path.split(separator: "/").count == 1
    }

    /// The site root's index file under its own name (a static build crawled from its folder, a server
    /// that links `/index.html`): the front page, as `/` is.
    static let rootIndexFiles: Set<String> = ["/index.html", "/index.htm", "/index.php"]

    /// A path that is only a year (1990-2099, so a four-digit post id is not one), a year and month, or a
    /// year, month and day, or the index file of one: a calendar archive.
    static func isCalendarPath(_ path: String) -> Bool {
        var p = Substring(path)
        if let q = p.firstIndex(of: "?") { p = p[..<q] }
        var parts = p.split(separator: "/")
        // The folder's index file is the folder: blogmore's day archives name /2021/01/09/index.html canonical.
        if let last = parts.last, last.hasPrefix("index."), rootIndexFiles.contains("/" + last.lowercased()) { parts.removeLast() }
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1990...2099).contains(year) else {
            return false
        }
        for (i, part) in parts.enumerated() {
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }), i == 0 || part.count <= 2 else { return false }
        }
        return true
    }

    /// The kind the path alone gives, before any markup is read: the site rule's post patterns, then its
    /// listing patterns, then a calendar archive path; nil when none says.
    static func kindByURL(path: String, crawl: CrawlRule?) -> PageKind? {
        if let kind = crawl?.kind(ofPath: path) { return kind }
        return isCalendarPath(path) ? .listing : nil
    }

    /// `staticPage`: whether the site rule's `static_page` markup is on the page (asked only when the URL
    /// patterns say nothing). `published`, `wordCount` and `links` are asked only when a test needs them (the
    /// word count renders the content): `articleCount` decides most listings first.
    static func classify(url: String, path: String, crawl: CrawlRule?, staticPage: @autoclosure () -> Bool = false,
                         metadata m: PageMetadata,
                         jsonObjects: [JSONValue.Object], hasArticleObject: Bool, articleCount: Int,
                         hasTitle: Bool, published: @autoclosure () -> DateField?, wordCount: @autoclosure () -> Int,
                         links linkShape: @autoclosure () -> LinkShape) -> PageKind {
        if let kind = kindByURL(path: path, crawl: crawl) { return kind }
        // Before the page's own metadata: WordPress SEO plugins give pages `og:type=article`, some an
        // Article object, and a page has a title and often more than 150 words.
        if staticPage() { return .listing }
        if articleCount >= listingArticleCount { return .listing }
        let links = linkShape()
        if links.links >= linkListMinLinks, Double(links.linkWords) >= linkListTextShare * Double(wordCount()),
           wordCount() - links.linkWords <= linkListOtherWordsPerLink * links.links {
            return .listing
        }
        if hasArticleObject { return .post }
        let types = jsonObjects.filter { !describesAnotherPage($0, pageURL: url, canonical: m.canonical) }
            .flatMap { JSONLD.types($0).map(JSONLD.stripSchema) }
        if types.contains(where: { JSONLD.listingTypes.contains($0) }) { return .listing }
        if let og = m.first("og:type")?.lowercased() {
            if og == "article" || og.hasPrefix("article") { return .post }
            if og == staticPageOGType, published() == nil { return .listing }
        }
        // After the page's own word: a "best of the year" post whose sections are headings linking to the
        // posts it recommends has this shape too.
        if links.headingLinks >= headingLinkMinCount, 2 * links.headingLinks >= links.headings { return .listing }
        let lowerPath = path.lowercased()
        if lowerPath == "/" || lowerPath.isEmpty || rootIndexFiles.contains(lowerPath) || isListingPath(lowerPath) { return .listing }
        if let p = published(), p.source != "url", hasTitle { return .post }
        if DateParser.fromURL(url) != nil { return .post }
        // Undated from here on: a page right under the root ("/about/", "/now.html") is a static page.
        if isTopLevelPage(lowerPath) { return .listing }
        return wordCount() >= 150 && hasTitle ? .post : .listing
    }
}
