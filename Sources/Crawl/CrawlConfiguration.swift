import Fetch

/// What to crawl and how hard.
public struct CrawlConfiguration: Sendable {
    /// The seed: the blog's home page (or any page of it).
    public var seedURL: String
    /// Pages (posts and listings) fetched at most; nil for no limit.
    public var maxPages: Int?
    /// Requests in flight at once.
    public var concurrency: Int
    /// Pages started and not yet handled: fetching, waiting in the fetcher's queue for one of its `concurrency`
    /// connections, or being extracted. At least `concurrency`; more keeps both cores busy (see `pipelineDepth(for:)`).
    public var pipelineDepth: Int
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

    /// Pages kept in the pipeline per request slot when the fetcher queues requests beyond its connections
    /// (`HTTPClient`): with only `concurrency` pages, each slot was held through its page's extraction and its
    /// turn in the crawl's loop, and the cores waited for answers whenever the slots were refilled in a burst
    /// (FINDINGS 95: with 4 a slot, the same CPU and the same 8 connections, the 2k crawl's wall time fell ~20%).
    public static let pagesPerRequestSlot = 4

    /// The pipeline depth for a fetcher that keeps at most `concurrency` requests in flight and queues the rest.
    public static func pipelineDepth(for concurrency: Int) -> Int { max(1, concurrency) * pagesPerRequestSlot }

    public init(seedURL: String, maxPages: Int? = nil, concurrency: Int = 8, delay: Double = CrawlConfiguration.defaultDelay,
                userAgent: String = FetchConfig.defaultUserAgent, scopePrefix: String? = nil, ignoreRobots: Bool = false,
                limits: Frontier.Limits = Frontier.Limits(), flushEvery: Int = 64, pipelineDepth: Int? = nil) {
        self.seedURL = seedURL; self.maxPages = maxPages; self.concurrency = max(1, concurrency); self.delay = max(0, delay)
        self.pipelineDepth = max(self.concurrency, pipelineDepth ?? self.concurrency)
        self.userAgent = userAgent; self.scopePrefix = scopePrefix; self.ignoreRobots = ignoreRobots
        self.limits = limits; self.flushEvery = max(1, flushEvery)
    }
}
