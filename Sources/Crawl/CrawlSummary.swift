/// How a crawl ended.
public struct CrawlSummary: Sendable, Equatable {
    /// The committed snapshot's id.
    public var snapshotID: String
    public var posts: Int
    public var reused: Int
    public var listings: Int
    public var errors: Int
    /// HTTP requests made in this run (each redirect hop counts).
    public var requests: Int
    /// Messages worth telling the user (malformed sitemap, unreadable robots.txt...).
    public var warnings: [String]
}
