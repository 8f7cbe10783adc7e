/// The crawl's coverage report, stored in the snapshot manifest; since format 3 its `routes` are stored in
/// a file of their own that the manifest names (`Manifest.routesSHA256`), and a snapshot read back has them.
public struct Coverage: Codable, Equatable, Sendable {
    /// For each post URL, the discovery routes that found it (`sitemap`, `feed`, `pagination`, `link`, ...).
    public var routes: [String: [String]]
    /// Post URLs listed in a sitemap that could not be fetched.
    public var sitemapUnfetched: [String]
    /// Free-form counters of the crawl (requests, retries, robots-blocked, ...).
    public var counters: [String: Int]

    public init(routes: [String: [String]] = [:], sitemapUnfetched: [String] = [], counters: [String: Int] = [:]) {
        self.routes = routes; self.sitemapUnfetched = sitemapUnfetched; self.counters = counters
    }

    enum CodingKeys: String, CodingKey { case routes, sitemapUnfetched = "sitemap_unfetched", counters }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Absent from format-3 manifests, which name a routes file instead.
        routes = try c.decodeIfPresent([String: [String]].self, forKey: .routes) ?? [:]
        sitemapUnfetched = try c.decode([String].self, forKey: .sitemapUnfetched)
        counters = try c.decode([String: Int].self, forKey: .counters)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !routes.isEmpty { try c.encode(routes, forKey: .routes) }
        try c.encode(sitemapUnfetched, forKey: .sitemapUnfetched)
        try c.encode(counters, forKey: .counters)
    }
}

/// One URL that could not be archived.
public struct CrawlError: Codable, Equatable, Sendable {
    public var url: String
    /// HTTP status when there was an answer, else `nil` (DNS, timeout, ...).
    public var status: Int?
    public var reason: String

    public init(url: String, status: Int?, reason: String) { self.url = url; self.status = status; self.reason = reason }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url); try c.encode(status, forKey: .status); try c.encode(reason, forKey: .reason)
    }
    enum CodingKeys: String, CodingKey { case url, status, reason }
}

/// Post, listing, error and reuse counts of a snapshot.
public struct Counts: Codable, Equatable, Sendable {
    public var posts: Int
    /// Posts whose record was reused from an earlier snapshot (304 or unchanged payload).
    public var reused: Int
    public var listings: Int
    public var errors: Int

    public init(posts: Int = 0, reused: Int = 0, listings: Int = 0, errors: Int = 0) {
        self.posts = posts; self.reused = reused; self.listings = listings; self.errors = errors
    }
}

/// `manifest.json` of a complete snapshot. Written last: its presence in a snapshot folder means complete.
public struct Manifest: Codable, Equatable, Sendable {
    /// Bumped when the on-disk layout changes (2: the post index and the capture index live in the
    /// site's `indexes/` store, named by the manifest; 3: so do the coverage routes).
    public static let currentFormat = 3

    public var format: Int
    public var id: String
    public var site: String
    public var seedURL: String
    /// ISO 8601 UTC.
    public var startedAt: String
    /// ISO 8601 UTC.
    public var endedAt: String
    public var lookbackVersion: String
    /// SHA-256 hex of the rules file the records were extracted with.
    public var rulesSHA256: String
    public var counts: Counts
    public var coverage: Coverage
    /// Sorted by URL.
    public var errors: [CrawlError]
    /// Listing pages used for discovery, sorted.
    public var listings: [String]
    /// WARC file names (in the snapshot's `warc/` folder), in write order.
    public var warcFiles: [String]
    /// For a `reextract` snapshot: the id of the snapshot whose WARC it was rebuilt from.
    public var reextractedFrom: String?
    /// SHA-256 hex of the post index file, stored once per content in `<site>/indexes/<hash>.tsv.gz`
    /// (snapshots with the same posts share it); `nil` in format 1, whose index is the snapshot's `index.json.gz`.
    public var indexSHA256: String?
    /// SHA-256 hex of the capture index file in `<site>/indexes/` (`nil` in format 1: `captures.tsv.gz`).
    public var capturesSHA256: String?
    /// SHA-256 hex of the coverage routes file in `<site>/indexes/` (see `RoutesIndex`); `nil` before format
    /// 3, whose manifests hold `coverage.routes` themselves. As read from a snapshot, `coverage.routes` has
    /// the file's routes either way.
    public var routesSHA256: String?

    enum CodingKeys: String, CodingKey {
        case format, id, site, seedURL = "seed_url", startedAt = "started_at", endedAt = "ended_at"
        case lookbackVersion = "lookback_version", rulesSHA256 = "rules_sha256", counts, coverage, errors
        case listings, warcFiles = "warc_files", reextractedFrom = "reextracted_from"
        case indexSHA256 = "index_sha256", capturesSHA256 = "captures_sha256", routesSHA256 = "routes_sha256"
    }
}

/// One line of `lookback snapshots`.
public struct SnapshotInfo: Equatable, Sendable {
    public enum Status: String, Sendable { case complete, partial }
    public var id: String
    /// ISO 8601 UTC start time.
    public var startedAt: String
    /// Post count (for a partial snapshot: posts written so far).
    public var postCount: Int
    public var status: Status
}
