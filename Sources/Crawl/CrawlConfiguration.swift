import Fetch

/// What to crawl and how hard.
public struct CrawlConfiguration: Sendable {
    /// The seed: the blog's home page (or any page of it).
    public var seedURL: String
    /// Pages (posts and listings) fetched at most; nil for no limit.
    public var maxPages: Int?
    /// Requests in flight at once.
    public var concurrency: Int
    /// Pause between two requests to the same host, in seconds (robots.txt `Crawl-delay` raises it).
    public var delay: Double
    /// Sent as `User-Agent`; also the name robots.txt groups are matched against.
    public var userAgent: String
    /// Only pages whose path starts with this prefix (`--scope`).
    public var scopePrefix: String?
    /// Fetch what robots.txt disallows (`--ignore-robots`).
    public var ignoreRobots: Bool
    public var limits: Frontier.Limits
    /// Crawl state changes buffered before one database transaction.
    public var flushEvery: Int
    /// Body bytes kept per answer (counted after decoding); longer answers are cut there.
    public var maxBodyBytes = FetchRequest.defaultMaxBodyBytes

    /// The default politeness pause between two requests to one host.
    public static let defaultDelay = 0.25

    public init(seedURL: String, maxPages: Int? = nil, concurrency: Int = 8, delay: Double = CrawlConfiguration.defaultDelay,
                userAgent: String = FetchConfig.defaultUserAgent, scopePrefix: String? = nil, ignoreRobots: Bool = false,
                limits: Frontier.Limits = Frontier.Limits(), flushEvery: Int = 64) {
        self.seedURL = seedURL; self.maxPages = maxPages; self.concurrency = max(1, concurrency); self.delay = max(0, delay)
        self.userAgent = userAgent; self.scopePrefix = scopePrefix; self.ignoreRobots = ignoreRobots
        self.limits = limits; self.flushEvery = max(1, flushEvery)
    }
}
