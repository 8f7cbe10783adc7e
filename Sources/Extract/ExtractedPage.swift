/// What one page gave: the record plus what the crawler needs for discovery and move detection.
public struct ExtractedPage: Sendable {
    /// The page record, with `content_hash` computed (empty when the caller asked for none: `Extractor.extract`).
    public var record: PageRecord
    /// Whether the page is a post or a listing (home, archive, tag or pagination page).
    public var kind: PageKind
    /// Normalized absolute `href`s of every `<a href>` (http/https only), document order, deduplicated.
    public var links: [String]
    /// Feeds announced by `<link rel=alternate type=application/rss+xml|atom+xml>`.
    public var feedLinks: [String]
    /// Next-page links: `rel=next` on `<link>`/`<a>` and "Older posts"/"Next page"/"›"/"»" pagination anchors.
    public var nextPageLinks: [String]
    /// Sitemaps announced by `<link rel=sitemap>`.
    public var sitemapLinks: [String]
    /// The page in other languages (and its own): `<link rel=alternate hreflang>` that are not feeds,
    /// normalized, deduplicated. Multilingual blogs (Hugo, jekyll-polyglot, Polylang, Nikola) may link their
    /// translations nowhere else.
    public var translationLinks: [String]
    /// The target of a `<meta http-equiv=refresh>` (a redirect the page makes), normalized.
    public var refreshLinks: [String]
    /// Other identities of this post, for move detection: canonical URL, `og:url`, JSON-LD `@id`/`url`
    /// of the article, `rel=shortlink` (normalized, deduplicated, may include `record.url`).
    public var identifiers: [String]

    public init(record: PageRecord, kind: PageKind, links: [String], feedLinks: [String],
                nextPageLinks: [String], identifiers: [String], sitemapLinks: [String] = [], translationLinks: [String] = [],
                refreshLinks: [String] = []) {
        self.record = record; self.kind = kind; self.links = links; self.feedLinks = feedLinks
        self.nextPageLinks = nextPageLinks; self.identifiers = identifiers; self.sitemapLinks = sitemapLinks
        self.translationLinks = translationLinks; self.refreshLinks = refreshLinks
    }
}

/// The kind of a page: a single post, or a listing of posts (only used for discovery).
public enum PageKind: String, Sendable, Codable {
    case post, listing
}
