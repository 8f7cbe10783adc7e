import Extract
import Foundation

/// The queue of URLs still to fetch, and the memory of every URL already seen.
///
/// Decides what enters the crawl: in scope (the seed's host and its `www.` twin, an optional path
/// prefix, the site's `crawl.include`/`crawl.exclude` rules, robots.txt), not an asset, not a trap
/// (depth, URL length, repeated path segments, query variety per path, calendar pages with far dates),
/// and not seen before (by `CrawlURL.key`). Hands URLs out by priority: infrastructure (robots,
/// sitemaps, feeds), then the numbered pages of listings, then posts named by sitemaps and feeds, then
/// listing pages and their links, then links found in posts; first in, first out within a priority.
///
/// Holds only small values (URL, key, a few integers) per URL: bodies and records never enter it.
public final class Frontier {
    /// What a queued URL is fetched for.
    public enum Kind: Int, Sendable, Codable {
        case robots = 0, sitemap, feed, page
    }

    /// Fetch order: infrastructure, numberedPage, listed, listing, link (the raw values are what the
    /// crawl state stores, so a new case takes the next one).
    public enum Priority: Int, Sendable, Comparable, Codable {
        case infrastructure = 0, listed, listing, link
        /// A numbered page of a listing (`rel=next`, `/page/N/`). Each one names the next, so a long archive
        /// is a chain of requests made one after the other: ranked with the other listing links, behind every
        /// post a sitemap named, the chain was the crawl's tail with one request in flight (the last ~8% of
        /// a 2,000-post crawl's requests). Ranked first, it is walked while the posts are fetched.
        case numberedPage = 4

        fileprivate var rank: Int {
            switch self {
            case .infrastructure: 0
            case .numberedPage: 1
            case .listed: 2
            case .listing: 3
            case .link: 4
            }
        }

        public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
    }

    /// One URL waiting to be fetched.
    public struct Item: Sendable, Equatable {
        public var url: String
        public var key: String
        public var kind: Kind
        public var priority: Priority
        /// Link hops from the seed (sitemap and feed entries count as 1, `rel=next` hops add nothing).
        public var depth: Int
        /// Admission order: first in, first out within a priority (and across resumes).
        public var seq: Int
    }

    /// Why a URL was turned away (counted in the coverage report's counters).
    public enum Rejection: String, Sendable, CaseIterable {
        case notHTTP = "not_http", offSite = "off_site", outOfScope = "out_of_scope", excluded, notIncluded = "not_included"
        case asset, tooLong = "too_long", tooDeep = "too_deep", repeatedSegments = "repeated_segments"
        case queryVariety = "query_variety", calendar, robots
        case tooManySitemaps = "too_many_sitemaps"
        case tooManySitemapEntries = "too_many_sitemap_entries"
    }

    public enum Admission: Equatable, Sendable {
        /// New: queued (persist it).
        case queued(Item)
        /// Known already; this route is new for it (persist the new route mask).
        case newRoute(key: String, routes: Int)
        /// Known already, nothing new.
        case known
        case rejected(Rejection)
    }

    /// The trap and scope limits. Defaults are what a blog never needs to exceed.
    public struct Limits: Sendable {
        /// Link hops from the seed; a blog's posts are a few hops from its home, listings, sitemap or feed.
        public var maxDepth = 50
        /// Longer URLs are generated, not written by people.
        public var maxURLLength = 1_024
        /// A path segment appearing more often than this (`/a/b/a/b/a/`) is a relative-link loop.
        public var maxSegmentRepeats = 2
        /// Distinct query strings per path: beyond this, the parameters are generated (filters, calendars, sessions).
        public var maxQueryVariants = 20
        /// Calendar pages earlier than this year are trap territory (no blog predates it).
        public var earliestYear = 1990
        /// Calendar pages later than the crawl's year plus this are trap territory.
        public var yearsAhead = 1
        /// Sitemaps below the first (robots.txt's, `/sitemap.xml`): the protocol has one level, an index of
        /// sitemaps; a few more tolerate sites that nest anyway, a longer chain is generated.
        public var maxSitemapNesting = 3
        /// Sitemap documents in one crawl: a thousand sitemaps of up to 50,000 URLs each is beyond any blog.
        public var maxSitemaps = 1_000
        /// Pages first named by a sitemap in one crawl: half a million posts is beyond any blog, and the bound
        /// keeps a hostile index (1,000 sitemaps of 50,000 URLs) from queueing 50 million URLs (~12 GB).
        public var maxSitemapEntries = 500_000
        public init() {}
    }

    /// Links to these are not pages: skipped before any request.
    static let assetExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "heic",
        "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "bin", "exe", "dmg", "iso", "apk", "deb", "rpm",
        "mp3", "mp4", "m4a", "m4v", "ogg", "oga", "ogv", "wav", "flac", "webm", "mov", "avi", "mkv",
        "css", "js", "mjs", "json", "woff", "woff2", "ttf", "otf", "eot", "map",
        "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "epub", "mobi", "csv", "txt",
    ]
    /// Links to these are feeds or sitemaps: fetched as such, never as pages.
    static let feedExtensions: Set<String> = ["xml", "rss", "atom", "rdf"]
    /// Query parameter names that page through a calendar.
    static let calendarParameters: Set<String> = ["day", "month", "year", "date", "m", "ym", "w", "week", "cal", "calendar"]

    public let seed: CrawlURL
    public let scopePrefix: String?
    public let limits: Limits
    /// The site's crawl rules (set once the seed page told which site rule applies).
    public var crawlRule: CrawlRule?
    /// robots.txt's verdict on a path (with query); nil allows everything (`--ignore-robots`, or not fetched yet).
    public var robotsAllows: ((String) -> Bool)?

    private let latestYear: Int
    /// `seed.siteAuthority`'s UTF-8 bytes, worked out once: every link of every page is checked against them.
    private let seedAuthority: [UInt8]
    private var heap: [Item] = []
    /// `order(heap[i])` at `i`, kept beside the heap.
    private var heapOrder: [UInt64] = []
    private var nextSeq = 0
    /// The route mask of a key seen: one object, which `seen` and `knownLinks` share.
    private final class Seen {
        var routes: Int
        init(routes: Int) { self.routes = routes }
    }
    /// Every key seen, with its route mask.
    private var seen: [String: Seen] = [:]
    /// Links as written whose key is seen, with that key: most links of a page were on the pages before it, and one
    /// lookup of the link is cheaper than making its key (parsing it, unless in the common form) to look that up.
    private var knownLinks: [String: (key: String, seen: Seen)] = [:]
    /// `knownLinks` is emptied when it reaches this many: the links met again are mostly a blog's navigation, the
    /// same few hundred on every page, which come back at once; unbounded, it held every link of a crawl and grew with
    /// the site.
    static let knownLinksLimit = 4_096
    /// Distinct query strings admitted per scheme-less path.
    private var queryVariants: [String: Int] = [:]
    /// Sitemaps admitted (`Limits.maxSitemaps`).
    private var sitemaps = 0
    /// Pages admitted as sitemap entries (`Limits.maxSitemapEntries`).
    private var sitemapEntries = 0
    /// Rejections so far, by reason.
    public private(set) var rejections: [Rejection: Int] = [:]

    /// - Parameter now: the crawl's start (from the injected clock), to tell far calendar dates.
    public init(seed: CrawlURL, scopePrefix: String? = nil, limits: Limits = Limits(), now: Date) {
        self.seed = seed
        self.seedAuthority = Array(seed.siteAuthority.utf8)
        self.scopePrefix = scopePrefix.map { $0.hasPrefix("/") ? $0 : "/" + $0 }
        self.limits = limits
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        self.latestYear = cal.component(.year, from: now) + limits.yearsAhead
    }

    /// URLs waiting.
    public var count: Int { heap.count }
    /// URLs ever seen (queued, fetched or skipped as duplicates).
    public var seenCount: Int { seen.count }

    /// Considers `url` found by `route`. Pages go through every scope and trap check; robots.txt,
    /// sitemaps and feeds only through the host check (sitemaps may list any path) and their own bounds:
    /// `depth` is a sitemap's nesting (0 for robots.txt's), a feed's link hops, and a page listed by either
    /// is one hop below it, so that a generated chain of sitemaps, or of feeds and pages, ends.
    /// `numberedPage`: the link is a listing's next or numbered page (`Discovery.Found.isNumberedPage`),
    /// queued as such.
    public func admit(_ url: String, kind: Kind, route: DiscoveryRoute, depth: Int, numberedPage: Bool = false) -> Admission {
        // Most links of a page are known already: met as written before, or in the common form, whose key is read
        // without a parse. ASCII only: a String key also matches its canonical equivalents (`;` and U+037E).
        if let link = knownLinks[url], url.isAllASCII { return known(link.seen, key: link.key, route: route) }
        if let (key, n) = CrawlURL.plainKey(url) {
            // Bytes made once, not `seed.siteAuthority.utf8` again per link: the inlined admission of 98,515 links
            // went 437M -> 327M instructions.
            let authority = seedAuthority
            guard n == authority.count,
                  key.utf8.withContiguousStorageIfAvailable({ $0.prefix(n).elementsEqual(authority) })
                      ?? key.utf8.prefix(n).elementsEqual(authority) else { return reject(.offSite) }
            if let seen = seen[key] {
                remember(url, key: key, seen: seen)
                return known(seen, key: key, route: route)
            }
        }
        guard let u = CrawlURL(url) else { return reject(.notHTTP) }
        return admit(u, kind: kind, route: route, depth: depth, numberedPage: numberedPage, writtenAs: url)
    }

    public func admit(_ u: CrawlURL, kind: Kind, route: DiscoveryRoute, depth: Int, numberedPage: Bool = false) -> Admission {
        admit(u, kind: kind, route: route, depth: depth, numberedPage: numberedPage, writtenAs: nil)
    }

    /// `url`: the link as written, remembered in `knownLinks` when its key is seen.
    private func admit(_ u: CrawlURL, kind requested: Kind, route: DiscoveryRoute, depth: Int, numberedPage: Bool,
                       writtenAs url: String?) -> Admission {
        guard u.siteAuthority == seed.siteAuthority else { return reject(.offSite) }
        var kind = requested
        let ext = u.pathExtension
        if kind == .page, let ext {
            if Self.assetExtensions.contains(ext) { return reject(.asset) }
            if Self.feedExtensions.contains(ext) { kind = .feed }
        }
        let key = u.key
        if let seen = seen[key] {
            // Not an asset's: `knownLinks` answers whatever kind is asked for, and an asset's link is turned away as a page.
            if let url, !(ext.map(Self.assetExtensions.contains) ?? false), url.isAllASCII {
                remember(url, key: key, seen: seen)
            }
            return known(seen, key: key, route: route)
        }
        switch kind {
        case .page:
            if route == .sitemap && sitemapEntries >= limits.maxSitemapEntries { return reject(.tooManySitemapEntries) }
            if let reason = pageRejection(u, route: route, depth: depth) { return reject(reason) }
            if route == .sitemap { sitemapEntries += 1 }
        case .sitemap:
            if depth > limits.maxSitemapNesting { return reject(.tooDeep) }
            if sitemaps >= limits.maxSitemaps { return reject(.tooManySitemaps) }
            sitemaps += 1
        case .feed:
            if depth > limits.maxDepth { return reject(.tooDeep) }
        case .robots:
            break
        }
        seen[key] = Seen(routes: route.bit)
        let priority = numberedPage && kind == .page ? .numberedPage : Self.priority(kind: kind, route: route)
        let item = Item(url: u.string, key: key, kind: kind, priority: priority, depth: depth, seq: nextSeq)
        nextSeq += 1
        push(item)
        return .queued(item)
    }

    /// A key seen before (`seen`, looked up by `key`), found again by `route`.
    private func known(_ seen: Seen, key: String, route: DiscoveryRoute) -> Admission {
        let updated = seen.routes | route.bit
        if updated == seen.routes { return .known }
        seen.routes = updated
        return .newRoute(key: key, routes: updated)
    }

    private func remember(_ url: String, key: String, seen: Seen) {
        if knownLinks.count >= Self.knownLinksLimit { knownLinks.removeAll(keepingCapacity: true) }
        knownLinks[url] = (key, seen)
    }

    /// The next URL to fetch, or nil when the queue is empty.
    public func next() -> Item? { pop() }

    /// Puts back an item taken with `next()` that could not be started yet (keeps its place).
    public func putBack(_ item: Item) { push(item) }

    /// Puts back an item admitted before the site rule was known (held while the seed's answer was awaited):
    /// false, counted as `excluded`, when the rule's `crawl.exclude` turns it away now.
    public func putBackUnderRule(_ item: Item) -> Bool {
        // The URL is parsed only for a rule that excludes anything (every held page of a crawl comes back here).
        if let rule = crawlRule, !rule.exclude.isEmpty, let u = CrawlURL(item.url), ruleExcludes(u) {
            rejections[.excluded, default: 0] += 1
            return false
        }
        push(item)
        return true
    }

    /// Restores a URL known from an earlier run of the same crawl: marks its key seen and, when
    /// `pending`, queues it again in its original order.
    public func restore(_ item: Item, routes: Int, pending: Bool) {
        // In place when seen already: `knownLinks` may hold the same object.
        if let seen = seen[item.key] { seen.routes = routes } else { seen[item.key] = Seen(routes: routes) }
        if item.kind == .sitemap { sitemaps += 1 }
        if item.kind == .page && routes & DiscoveryRoute.sitemap.bit != 0 { sitemapEntries += 1 }
        nextSeq = max(nextSeq, item.seq + 1)
        if pending { push(item) }
    }

    /// Marks a key seen without queueing it (e.g. a canonical URL already archived through another URL).
    /// Returns false when it was already known.
    @discardableResult
    public func markSeen(_ key: String, route: DiscoveryRoute) -> Bool {
        if seen[key] != nil { return false }
        seen[key] = Seen(routes: route.bit)
        return true
    }

    /// Whether the site's `crawl.exclude` rules turn `u` away: a URL this crawl never fetches.
    public func ruleExcludes(_ u: CrawlURL) -> Bool {
        guard let rule = crawlRule, !rule.exclude.isEmpty else { return false }
        return rule.exclude.matches(u.pathAndQuery)
    }

    /// The route mask of a key, or nil if never seen.
    public func routes(of key: String) -> Int? { seen[key]?.routes }

    /// The page checks, in the cheapest-first order.
    private func pageRejection(_ u: CrawlURL, route: DiscoveryRoute, depth: Int) -> Rejection? {
        if u.path.utf8.count + u.authority.utf8.count + 8 > limits.maxURLLength { return .tooLong }
        if let prefix = scopePrefix, !u.path.hasPrefix(prefix), route != .seed { return .outOfScope }
        let target = u.pathAndQuery
        if let rule = crawlRule {
            if !rule.exclude.isEmpty, rule.exclude.matches(target) { return .excluded }
            if !rule.include.isEmpty, !rule.include.matches(target), route != .seed { return .notIncluded }
        }
        if let allows = robotsAllows, !allows(target) { return .robots }
        if route == .seed { return nil }
        if depth > limits.maxDepth { return .tooDeep }
        // Sitemaps and feeds are the site's own lists: trusted beyond the other trap heuristics.
        if route == .sitemap || route == .feed { return nil }
        if hasRepeatedSegments(u.path) { return .repeatedSegments }
        if isFarCalendar(u) { return .calendar }
        if !u.query.isEmpty, !isSiteScheme(target) {
            let path = String(u.siteAuthority) + u.path
            let n = queryVariants[path, default: 0]
            if n >= limits.maxQueryVariants { return .queryVariety }
            queryVariants[path] = n + 1
        }
        return nil
    }

    /// Whether the site's rule names `target` a post or listing URL (WordPress's plain permalinks `/?p=ID`,
    /// `/?paged=N`, `/?cat=N`): the site's own URL scheme, not generated parameters, so beyond the per-path
    /// query count (a plain-permalink blog has every page at `/`).
    private func isSiteScheme(_ target: String) -> Bool {
        crawlRule?.kind(ofPath: target) != nil
    }

    private func hasRepeatedSegments(_ path: String) -> Bool {
        // Each segment counted against the ones before it, not in a dictionary: a path has a handful of
        // segments (71M -> 52M instructions for 2,332 pages). An ASCII path is split and compared as bytes,
        // which is what Character splitting and String equality amount to there (52M -> 6M).
        let limit = limits.maxSegmentRepeats
        if path.isAllASCII, let repeated = path.utf8.withContiguousStorageIfAvailable({ Self.repeats($0, over: limit) }) {
            return repeated
        }
        let segments = path.split(separator: "/")
        for i in segments.indices {
            var n = 1
            for j in 0..<i where segments[j] == segments[i] { n += 1 }
            if n > limit { return true }
        }
        return false
    }

    /// Whether a segment of the ASCII path `u` (split at `/`, empty segments left out) is there more than `limit` times.
    private static func repeats(_ u: UnsafeBufferPointer<UInt8>, over limit: Int) -> Bool {
        var segments: [Range<Int>] = []
        var start = 0
        for i in 0...u.count where i == u.count || u[i] == UInt8(ascii: "/") {
            if i > start { segments.append(start..<i) }
            start = i + 1
        }
        for i in segments.indices {
            let segment = UnsafeBufferPointer(rebasing: u[segments[i]])
            var n = 1
            for j in 0..<i where UnsafeBufferPointer(rebasing: u[segments[j]]).elementsEqual(segment) { n += 1 }
            if n > limit { return true }
        }
        return false
    }

    /// A calendar-like URL (a `/calendar/` path, or a date-ish query parameter) whose year is far off.
    private func isFarCalendar(_ u: CrawlURL) -> Bool {
        var years: [Int] = []
        for (name, value) in u.query where Self.calendarParameters.contains(String(name).lowercased()) {
            if let y = Self.leadingYear(value) { years.append(y) }
        }
        if !years.isEmpty || ByteSearch.contains(u.path.lowercased(), "calendar") {
            for seg in u.path.split(separator: "/") { if let y = Self.leadingYear(seg) { years.append(y) } }
        }
        return years.contains { $0 < limits.earliestYear || $0 > latestYear }
    }

    /// The year a value starts with (`2024` of `2024-11`, `202411`), when it starts with 4 digits.
    static func leadingYear(_ s: Substring) -> Int? {
        let digits = s.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard digits.count >= 4 else { return nil }
        return Int(String(s.prefix(4)))
    }

    static func priority(kind: Kind, route: DiscoveryRoute) -> Priority {
        switch kind {
        case .robots, .sitemap, .feed: return .infrastructure
        case .page:
            switch route {
            case .seed, .sitemap, .feed, .redirect: return .listed
            case .pagination: return .listing
            case .link, .translation: return .link
            }
        }
    }

    private func reject(_ r: Rejection) -> Admission {
        rejections[r, default: 0] += 1
        return .rejected(r)
    }

    // MARK: binary heap ordered by (priority, seq)

    /// An item's place in the heap's order, as one integer: the heap compares these, not the items, since reading
    /// an item out of the array copies its strings (a retain and a release each; ~0.6% of a crawl's CPU, FINDINGS 106).
    private static func order(_ item: Item) -> UInt64 {
        (UInt64(item.priority.rank) << 56) | (UInt64(truncatingIfNeeded: item.seq) & ((1 << 56) - 1))
    }

    private func push(_ item: Item) {
        heap.append(item)
        heapOrder.append(Self.order(item))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heapOrder[i] < heapOrder[parent] else { break }
            swapHeap(i, parent)
            i = parent
        }
    }

    private func pop() -> Item? {
        guard !heap.isEmpty else { return nil }
        swapHeap(0, heap.count - 1)
        let top = heap.removeLast()
        heapOrder.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < heapOrder.count, heapOrder[l] < heapOrder[best] { best = l }
            if r < heapOrder.count, heapOrder[r] < heapOrder[best] { best = r }
            if best == i { break }
            swapHeap(i, best)
            i = best
        }
        return top
    }

    private func swapHeap(_ i: Int, _ j: Int) {
        // The items are moved, not copied: `Array.swapAt` reads each one out (a retain and a release of its strings).
        heap.withUnsafeMutableBufferPointer { $0.swapAt(i, j) }
        heapOrder.swapAt(i, j)
    }
}
