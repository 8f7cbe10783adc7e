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

/// Crawl hints the crawler reads: regexes searched in the URL path (plus query).
public struct CrawlRule: Sendable {
    public var include: PatternList
    public var exclude: PatternList
    public var postURL: PatternList
    public var listingURL: PatternList

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
