/// What the crawler reads from a page it already knows to be a listing: the page's URL and the URLs it
/// leads to, without a record (`Extractor.listingLinks`, `Extractor.extractUnlessListing`).
public struct PageLinks: Sendable, Equatable {
    /// The page's URL, normalized (`ExtractedPage.record.url`).
    public var url: String
    /// As `ExtractedPage.links`.
    public var links: [String]
    /// As `ExtractedPage.feedLinks`.
    public var feedLinks: [String]
    /// As `ExtractedPage.nextPageLinks`.
    public var nextPageLinks: [String]
    /// As `ExtractedPage.sitemapLinks`.
    public var sitemapLinks: [String]
    /// As `ExtractedPage.translationLinks`.
    public var translationLinks: [String]
    /// As `ExtractedPage.refreshLinks`.
    public var refreshLinks: [String]

    public init(url: String, links: [String], feedLinks: [String], nextPageLinks: [String], sitemapLinks: [String] = [],
                translationLinks: [String] = [], refreshLinks: [String] = []) {
        self.url = url; self.links = links; self.feedLinks = feedLinks; self.nextPageLinks = nextPageLinks
        self.sitemapLinks = sitemapLinks; self.translationLinks = translationLinks; self.refreshLinks = refreshLinks
    }
}

/// A page extracted whole, or a listing read for its links alone (`Extractor.extractUnlessListing`).
public enum PageReading: Sendable {
    case page(ExtractedPage)
    /// A listing by its URL or the site rule's `static_page` markup, known before its content was looked for.
    case listing(PageLinks)
    /// A listing by what the classifier read of its content (`ExtractedPage.kind` would be `.listing`).
    case contentListing(PageLinks)
}
