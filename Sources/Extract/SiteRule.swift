import HTML

/// How a site rule is recognised. A site matches when any one criterion matches.
public struct SiteMatch: Sendable {
    /// Host names; `example.com` also matches `www.example.com` and other subdomains.
    public var hosts: [String]
    /// Regex searched in `<meta name="generator">`.
    public var generator: PatternList?
    /// Selectors of which at least one must find an element.
    public var markup: [RuleSelector]
}

/// Selectors for the related-post cards of a site.
public struct RelatedRule: Sendable {
    public var container: RuleSelector?
    public var item: RuleSelector?
    public var title: RuleSelector?
    public var url: RuleSelector?
    public var summary: RuleSelector?
    public var image: RuleSelector?
}

/// Crawl hints the crawler reads: regexes searched in the URL path (plus query), and the markup of the
/// site's static pages.
public struct CrawlRule: Sendable {
    public var include: PatternList
    public var exclude: PatternList
    public var postURL: PatternList
    public var listingURL: PatternList
    /// Selectors that mark a static page ("About", "Contact": WordPress's `body.page`, Ghost's
    /// `body.page-template`): a page one of them finds an element in is not a post but a listing, read for
    /// its links alone, unless a `postURL` pattern matches its URL.
    public var staticPage: [RuleSelector] = []

    public init(include: PatternList, exclude: PatternList, postURL: PatternList, listingURL: PatternList,
                staticPage: [RuleSelector] = []) {
        self.include = include
        self.exclude = exclude
        self.postURL = postURL
        self.listingURL = listingURL
        self.staticPage = staticPage
    }

    /// Whether one of the `staticPage` selectors finds an element in `document`.
    public func marksStaticPage(_ document: HTMLDocument) -> Bool {
        staticPage.contains { (try? document.first($0.selector)) != nil }
    }

    /// What the rule makes the page at `path` (path plus query) by its URL alone: a post when a post pattern
    /// matches (these win), a listing when a listing pattern does; nil when none does.
    public func kind(ofPath path: String) -> PageKind? {
        if postURL.matches(path) { return .post }
        if listingURL.matches(path) { return .listing }
        return nil
    }
}

/// One entry of `sites`.
public struct SiteRule: Sendable {
    public var name: String
    public var match: SiteMatch
    public var title: RuleSelector?
    public var body: RuleSelector?
    public var remove: [RuleSelector]
    public var published: RuleSelector?
    public var modified: RuleSelector?
    public var authors: RuleSelector?
    public var tags: RuleSelector?
    public var related: RelatedRule?
    public var crawl: CrawlRule?
}
