import Archive
import Extract
import Fetch
import Foundation
import HTML

/// The crawl pipeline: robots.txt, then discovery (sitemaps, feeds, pages), fetching with per-host
/// politeness and `concurrency` requests in flight (`pipelineDepth` pages started), extraction on the cooperative
/// thread pool (as wide as the machine's cores), WARC capture of every request and response, and the snapshot.
///
/// One task owns the loop and every mutable piece (frontier, state, politeness); child tasks only
/// fetch and extract. Cancelling the task stops the crawl without committing: the state database
/// then lets the same crawl resume.
public final class Crawler {
    private let config: CrawlConfiguration
    private let fetcher: any PageFetcher
    private let extractor: Extractor
    private let rules: Rules
    private let writer: SnapshotWriter
    private let clock: any CrawlClock
    private let progress: ProgressReporter?
    private let largePages = LargePageGate()

    private let seed: CrawlURL
    private let frontier: Frontier
    private var state: CrawlState!
    private var robots: RobotsTxt?
    private var crawlDelay: Double?
    private var hosts: [String: HostPoliteness] = [:]
    private var retryQueue: [(at: Date, item: Frontier.Item)] = []
    private var attempts: [String: Int] = [:]
    /// Retry times of URLs restored from an interrupted run (a `Retry-After` outlives a kill).
    private var notBefore: [String: Date] = [:]
    /// Keys of URLs archived or used as listings (their own, their final and their canonical URL's).
    private let doneKeys = KeySet()
    private let inFlight = InFlightPages()
    /// Identity keys of archived posts.
    private var postKeys = Set<String>()
    private var counters: [String: Int] = [:]
    private var warnings: [String] = []
    private var pagesDispatched = 0
    private var posts = 0, reused = 0, listings = 0, errors = 0, requests = 0
    private var seedError: String?
    /// Whether the seed's answer was handled (or it will not be fetched): the site rule its markup matches decides
    /// how every other page is read (excluded URLs, post or listing, canonical names), so no other page is fetched
    /// before. Pages met meanwhile (sitemap and feed entries) wait in `heldPages`.
    private var seedSettled = false
    private var heldPages: [Frontier.Item] = []
    /// The page whose markup picks the site rule: the seed, or the target of its meta refresh when the seed is a
    /// stub that matches no rule (a blog moved to `/blog/`, a multilingual site's root alias page).
    private var ruleSeedKey: String
    /// Meta refreshes followed from the seed to find the rule's page (`maxRuleSeedRefreshes`).
    private var ruleSeedRefreshes = 0
    /// A chain of stub pages longer than this is no blog's front door.
    static let maxRuleSeedRefreshes = 3
    private var seedSawFeed = false
    private var probedFeeds = false
    /// Transport failures (no answer at all) in a row, and when the first of them started.
    private var silentFailures = 0
    private var silentSince: Date?
    /// Set when the host stopped answering: nothing more is started, and the crawl ends with what it has.
    private var hostDown: String?

    /// A host that gave no answer at all (refused connections, timeouts) to this many requests in a row,
    /// over at least `deadHostWindow` seconds, is taken as down: a restart or a blip is shorter, and
    /// retrying every queued URL with back-off would keep the crawl going for hours.
    public static let deadHostFailures = 6
    public static let deadHostWindow: Double = 30
    /// How soon a page whose URL another item holds (see `InFlightPages`) is looked at again: about the time
    /// one page takes to fetch, so the wait costs little and the loop does not spin.
    static let claimRecheck: Double = 0.1

    /// - Parameters:
    ///   - writer: the open snapshot (new or resumed); the crawl state lives in its `workDirectory`.
    ///   - clock: the crawl's only source of time (fetched_at, politeness, manifest times).
    public init(configuration: CrawlConfiguration, fetcher: any PageFetcher, rules: Rules, writer: SnapshotWriter,
                clock: any CrawlClock, progress: ProgressReporter? = nil) throws {
        guard let normalized = URLNormalizer.normalize(configuration.seedURL), let seed = CrawlURL(normalized) else {
            throw CrawlFailure(message: "\(configuration.seedURL): expected an absolute http or https URL")
        }
        self.config = configuration
        self.fetcher = fetcher
        self.rules = rules
        self.extractor = Extractor(rules: rules)
        self.writer = writer
        self.clock = clock
        self.progress = progress
        self.seed = seed
        self.ruleSeedKey = seed.key
        self.frontier = Frontier(seed: seed, scopePrefix: configuration.scopePrefix, limits: configuration.limits,
                                 now: clock.now())
        frontier.crawlRule = rules.site(for: seed.string, document: nil)?.crawl
    }

    /// The state database's file name inside the snapshot's work folder.
    public static let stateFileName = "crawl-state.sqlite"

    /// Runs the crawl to the end and commits the snapshot.
    /// - Throws: `CancellationError` when the task is cancelled (nothing committed; resumable),
    ///   `CrawlFailure` when nothing could be archived or the archive cannot be written.
    public func run() async throws -> CrawlSummary {
        let statePath = writer.workDirectory.appendingPathComponent(Self.stateFileName).path
        state = try CrawlState(path: statePath)
        progress?.begin()
        let resumed = try restoreIfResumed()
        try await loadRobots()
        if !resumed {
            state.setMeta("seed", seed.string)
            state.setMeta(Self.ruleSeedMeta, seed.key)
            if case .queued = admit(seed.string, kind: .page, route: .seed, depth: 0) {} else { seedSettled = true }
            let listed = robots.map { Discovery.robotsSitemaps($0, robotsURL: originURL("/robots.txt")) } ?? []
            for s in listed { admit(s, kind: .sitemap, route: .sitemap, depth: 0) }
            if listed.isEmpty { admit(originURL(Discovery.defaultSitemapPath), kind: .sitemap, route: .sitemap, depth: 0) }
            // A post answered 304 is not downloaded, so the links outside its body (tag and category
            // pages in its header or footer) are not seen again: the listings of the previous snapshot
            // are visited anyway (conditionally), as the pages that found its posts.
            for listing in writer.previous?.manifest.listings ?? [] { admit(listing, kind: .page, route: .pagination, depth: 1) }
            // Nor are the `hreflang` alternates in its head: the translations the previous snapshot found by
            // them alone are visited anyway (conditionally), or they would be reported removed.
            for url in previousTranslations() { admit(url, kind: .page, route: .translation, depth: 1) }
        }
        try await loop()
        releaseHeldPages()   // held only if the loop stopped before the seed settled: counted as unfetched below
        if let hostDown {
            // What was waiting for a retry is reported; what was never tried is counted.
            for (_, item) in retryQueue { fail(item, status: nil, reason: hostDown) }
            retryQueue.removeAll()
            counters["unfetched_host_down"] = frontier.count
            warnings.append("\(hostDown); the crawl ended early, \(frontier.count) queued URLs were not fetched")
        }
        try state.flush()
        progress?.finish(queued: frontier.count)

        guard posts + reused > 0 else {
            let why = hostDown.map { "\(seed.string): \($0)" } ?? seedError.map { "\(seed.string): \($0)" }
                ?? "\(seed.string): no post found (fetched \(listings) listing pages)"
            throw CrawlFailure(message: "nothing archived: \(why)")
        }
        let limits = frontier.limits
        if let n = frontier.rejections[.tooManySitemaps] {
            warnings.append("\(seed.string): the sitemaps named over \(limits.maxSitemaps) sitemaps; \(n) more were not fetched")
        }
        if let n = frontier.rejections[.tooManySitemapEntries] {
            warnings.append("\(seed.string): the sitemaps named over \(limits.maxSitemapEntries) pages; \(n) more were not queued")
        }
        var counters = self.counters
        for (reason, n) in frontier.rejections { counters["rejected_" + reason.rawValue] = n }
        counters["requests"] = requests
        let coverage = try CoverageReport.build(from: state, counters: counters)
        try state.closeForCommit()   // before commit removes the work folder
        state = nil
        let id = try writer.commit(endedAt: clock.now(), coverage: coverage)
        return CrawlSummary(snapshotID: id, posts: posts, reused: reused, listings: listings, errors: errors,
                            requests: requests, warnings: warnings)
    }

    // MARK: - Start

    private func originURL(_ path: String) -> String { seed.scheme + "://" + seed.authority + path }

    /// On a resumed snapshot: reloads the frontier and the sets of finished URLs.
    private func restoreIfResumed() throws -> Bool {
        guard writer.isResumed, try state.meta("seed") != nil else { return false }
        let (counts, hostStarts, waits) = try state.restore(into: frontier)
        notBefore = waits
        posts = counts.posts
        listings = counts.listings
        errors = counts.errors
        for row in try state.finishedKeys() {
            doneKeys.insert(row.key)
            if let p = row.postKey { doneKeys.insert(p) }
            if row.outcome != .listing { postKeys.insert(row.postKey ?? row.key) }
        }
        // Requests of the interrupted run are over: their starts count, as starts and as ends.
        for (authority, at) in hostStarts { withHost(authority) { $0.recordStart(at: at); $0.recordEnd(at: at) } }
        seedSawFeed = true   // feeds were already probed (or found) in the first session
        if let name = try state.meta(Self.siteRuleMeta), let site = rules.sites.first(where: { $0.name == name }),
           let rule = site.crawl {
            frontier.crawlRule = rule
        }
        // The seed's rule came back above (the seed is not fetched again), unless the page that was to pick it
        // was still to be read when the first run stopped.
        if let key = try state.meta(Self.ruleSeedMeta), !key.isEmpty, !doneKeys.contains(key), frontier.routes(of: key) != nil {
            ruleSeedKey = key
        } else {
            seedSettled = true
        }
        probedFeeds = true
        return true
    }

    /// Fetches robots.txt (RFC 9309: 4xx allows everything, 5xx or no answer disallows everything).
    private func loadRobots() async throws {
        guard !config.ignoreRobots else { return }
        let url = originURL("/robots.txt")
        if let cached = try state.meta("robots") {
            robots = RobotsTxt(parsing: cached)
        } else {
            let start = withHost(seed.authority) { $0.earliestStart(after: clock.now()) }
            try await clock.sleep(until: start)
            let now = clock.now()
            withHost(seed.authority) { $0.recordStart(at: now) }
            let result = await fetcher.fetch(FetchRequest(url: url, headers: [:], maxBodyBytes: 512 * 1024,
                                                          acceptAnyContent: true))
            withHost(seed.authority) { $0.recordEnd(at: clock.now()) }
            requests += 1
            switch result {
            case .success(let r):
                requests += r.redirects.count
                archiveExchange(r, at: now)
                let parsed = RobotsTxt(status: r.status, body: r.body)
                robots = parsed
                if r.status >= 200 && r.status < 300 {
                    let text = String(decoding: r.body.prefix(RobotsTxt.maxParsedBytes), as: UTF8.self)
                    state.setMeta("robots", text)
                    if parsed.groupCount == 0, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        warnings.append("\(url): no rules could be read from robots.txt (garbage?); crawling as if it allowed everything")
                    }
                } else if r.status >= 400 && r.status < 500 && r.status != 429 {
                    state.setMeta("robots", "")
                } else {
                    warnings.append("\(url): answered HTTP \(r.status); robots.txt unavailable, so nothing is crawled (RFC 9309)")
                    seedError = "robots.txt answered HTTP \(r.status), which forbids crawling (RFC 9309)"
                }
                event(url: url, response: r, kind: .robots, outcome: "infrastructure", attempt: 1, detail: nil,
                      startedAt: now)
            case .failure(let e):
                robots = RobotsTxt(status: nil, body: [])
                seedError = "\(e)"
                event(url: url, error: e, kind: .robots, attempt: 1, startedAt: now)
            }
        }
        if let robots {
            let agent = config.userAgent
            let token = RobotsTxt.productToken(agent)
            frontier.robotsAllows = { robots.isAllowed($0, productToken: token) }
            if let d = robots.crawlDelay(userAgent: agent) {
                if d > HostPoliteness.maxCrawlDelay {
                    warnings.append("\(originURL("/robots.txt")): Crawl-delay \(HostPoliteness.seconds(d)) s is held at \(Int(HostPoliteness.maxCrawlDelay)) s")
                }
                crawlDelay = d
                withHost(seed.authority) { $0.crawlDelay = d }
            }
        }
    }

    /// Runs `body` on the politeness state of `authority`'s host (a host and its `www.` twin share one).
    private func withHost<T>(_ authority: String, _ body: (inout HostPoliteness) -> T) -> T {
        let key = authority.hasPrefix("www.") ? String(authority.dropFirst(4)) : authority
        if hosts[key] == nil { hosts[key] = HostPoliteness(defaultDelay: config.delay, crawlDelay: crawlDelay) }
        return body(&hosts[key]!)
    }

    // MARK: - The loop

    /// What a child task hands back to the loop.
    private enum Completion: Sendable {
        case timer
        case fetched(Fetched)
    }

    private struct Fetched: Sendable {
        var item: Frontier.Item
        var startedAt: Date
        var attempt: Int
        var result: Result<FetchResponse, FetchError>
        var parsed: Parsed
        /// The previous snapshot's capture whose validators the request carried (pages that are not
        /// archived posts, sitemaps, feeds); nil for an unconditional request or a post's.
        var capture: WARCCapture?
        /// For a 304 to a request made with `capture`'s validators: the archived answer it confirmed,
        /// read back from the WARC and parsed in place of a download.
        var archived: HTTPResponseMessage?
        /// A 304 whose archived answer could not be read: the request was made again without validators
        /// (`result`); this first exchange is archived too.
        var earlier: FetchResponse?

        /// A page whose body is large enough for `LargePageGate` (its memory is handed back once handled).
        var isLarge: Bool {
            guard item.kind == .page else { return false }
            let body = archived?.body.count ?? ((try? result.get())?.body.count ?? 0)
            return body >= LargePageGate.largeBodyBytes
        }
    }

    private enum Parsed: Sendable {
        case none
        case page(ExtractedPage)
        /// A page the site's crawl rule makes a listing by its URL: read for its links alone.
        case listing(PageLinks)
        /// A page the extractor classified a listing by its content, read for its links alone; the input, for
        /// when the crawl rule in force once it is handled says post by its URL (a rule the seed set while the
        /// page was in flight), which outranks the content (`classify`).
        case contentListing(PageLinks, ExtractionInput)
        case pageError(String)
        case sitemap(Discovery.Sitemap)
        case feed([String])
        case malformed(String)
    }

    /// The loop runs on a thread of its own (`CrawlLoopExecutor`): on the pool, each of its turns waited for the
    /// extraction of every page queued before it, while the pages in flight waited for it.
    private func loop() async throws {
        try await withTaskExecutorPreference(CrawlLoopExecutor.shared) { try await runLoop() }
    }

    private func runLoop() async throws {
        try await withThrowingTaskGroup(of: Completion.self) { group in
            var inflight = 0
            var timerAt: Date?
            var sinceFlush = 0
            while true {
                try Task.checkCancellation()
                let now = clock.now()
                var wake: Date?
                while inflight < config.pipelineDepth, let item = nextItem(now: now, wake: &wake) {
                    if !seedSettled && item.kind == .page && item.key != ruleSeedKey {
                        heldPages.append(item)
                        continue
                    }
                    let authority = CrawlURL(item.url)?.authority ?? seed.authority
                    let (waiting, start) = withHost(authority) { ($0.awaitsAnswer, $0.earliestStart(after: now)) }
                    if waiting {
                        // The answer in flight wakes the loop; the pause then runs from it.
                        if item.kind == .page && attempts[item.key] != nil { retryQueue.append((now, item)) } else { frontier.putBack(item) }
                        break
                    }
                    if start > now {
                        if item.kind == .page && attempts[item.key] != nil { retryQueue.append((start, item)) } else { frontier.putBack(item) }
                        wake = min(wake ?? start, start)
                        break
                    }
                    withHost(authority) { $0.recordStart(at: now) }
                    state.setHostStart(seed.authority, at: now)
                    if item.kind == .page { pagesDispatched += 1 }
                    let attempt = attempts[item.key, default: 0] + 1
                    attempts[item.key] = attempt
                    var (request, capture) = makeRequest(for: item, authority: authority)
                    let fetcher = self.fetcher, extractor = self.extractor, writer = self.writer, gate = self.largePages
                    let rule = frontier.crawlRule
                    inflight += 1
                    // What the crawl waits on goes ahead of the pages in the pipeline, in the fetcher's queue and
                    // on the loop's thread rather than the pool: each numbered page of a listing names the next (a
                    // chain of one request at a time), and sitemaps and feeds name the posts. Behind `pipelineDepth`
                    // pages, each link of the chain waited for the whole pipeline (FINDINGS 95).
                    let urgent = item.priority == .numberedPage || item.priority == .infrastructure
                    request.urgent = urgent
                    group.addTask(executorPreference: urgent ? CrawlLoopExecutor.urgent : globalConcurrentExecutor) {
                        .fetched(await Self.work(item: item, request: request, capture: capture, attempt: attempt,
                                                 startedAt: now, fetcher: fetcher, extractor: extractor, rule: rule,
                                                 writer: writer, gate: gate))
                    }
                }
                if inflight == 0 && hostDown == nil && wake == nil && timerAt == nil && !seedSettled && !heldPages.isEmpty {
                    // The page that was to pick the site rule is not coming: the held pages go on without it.
                    releaseHeldPages()
                    continue
                }
                if inflight == 0 && (hostDown != nil || (wake == nil && timerAt == nil)) { break }
                if let wake, timerAt.map({ wake < $0 }) ?? true {
                    timerAt = wake
                    let clock = self.clock
                    group.addTask { try await clock.sleep(until: wake); return .timer }
                }
                guard let completion = try await group.next() else { break }
                switch completion {
                case .timer:
                    if let t = timerAt, clock.now() >= t { timerAt = nil }
                case .fetched(let f):
                    inflight -= 1
                    let large = f.isLarge
                    try handle(consume f)
                    sinceFlush += 1
                    if sinceFlush >= config.flushEvery || state.unflushed > 4 * config.flushEvery {
                        try state.flush()
                        sinceFlush = 0
                    }
                    if large { AllocatorPurge.purge() }
                }
            }
            group.cancelAll()
        }
    }

    /// The next item to start: a due retry first, then the frontier. Skips URLs finished meanwhile.
    private func nextItem(now: Date, wake: inout Date?) -> Frontier.Item? {
        if hostDown != nil { return nil }
        while let i = retryQueue.firstIndex(where: { $0.at <= now }) {
            let item = retryQueue.remove(at: i).item
            // Archived meanwhile through another of its URLs (a redirect from a shortlink or an old slug).
            if item.kind == .page, doneKeys.contains(item.key) {
                state.finish(key: item.key, outcome: .duplicate)
                inFlight.release(owner: item.key)
                continue
            }
            if item.kind == .page, !inFlight.claim(item.key, by: item.key) {
                retryQueue.append((now.addingTimeInterval(Self.claimRecheck), item))
                continue
            }
            return item
        }
        if let soonest = retryQueue.map(\.at).min() { wake = min(wake ?? soonest, soonest) }
        if let max = config.maxPages, pagesDispatched >= max { return nil }
        while let item = frontier.next() {
            if let at = notBefore.removeValue(forKey: item.key), at > now {
                retryQueue.append((at, item))
                wake = min(wake ?? at, at)
                continue
            }
            if item.kind == .page, doneKeys.contains(item.key) {
                state.finish(key: item.key, outcome: .duplicate)
                continue
            }
            if item.kind == .page, !inFlight.claim(item.key, by: item.key) {
                // Another item is fetching this page through a redirect (or waits to retry it): look again
                // later; by then it is archived (this one is a duplicate) or given up (this one fetches it).
                let at = now.addingTimeInterval(Self.claimRecheck)
                retryQueue.append((at, item))
                wake = min(wake ?? at, at)
                continue
            }
            if item.kind == .page, let max = config.maxPages, pagesDispatched >= max {
                frontier.putBack(item)
                return nil
            }
            return item
        }
        return nil
    }

    /// The request for `item`; on a re-crawl a conditional one. A post archived by the previous snapshot
    /// carries its record's validators (a 304 reuses the record); any other page, sitemap or feed those of
    /// the previous snapshot's capture, returned too (a 304 is then processed from the archived answer).
    /// `If-Modified-Since` is sent only without an ETag: next to `If-None-Match` a server must ignore it
    /// (RFC 9110 §13.1.3), so it would only lengthen every request record.
    private func makeRequest(for item: Frontier.Item, authority: String) -> (FetchRequest, WARCCapture?) {
        var headers: [String: String] = ["User-Agent": config.userAgent]
        var etag: String?, lastModified: String?
        var capture: WARCCapture?
        if item.kind == .page, let previous = writer.previous, let info = previous.fetchInfo(url: item.url) {
            (etag, lastModified) = (info.etag, info.lastModified)
        } else if item.kind != .robots, let c = writer.previousCapture(uri: item.url), c.location != nil,
                  c.etag != nil || c.lastModified != nil {
            (etag, lastModified) = (c.etag, c.lastModified)
            capture = c
        }
        if let etag { headers["If-None-Match"] = etag } else if let lastModified { headers["If-Modified-Since"] = lastModified }
        var request = FetchRequest(url: item.url, headers: headers, maxBodyBytes: config.maxBodyBytes,
                                   acceptAnyContent: item.kind != .page)
        request.redirectPause = withHost(authority) { $0.pause }
        if item.kind == .page {
            // A redirect to a page already archived (an old `/?p=ID` link, a short link), or being fetched
            // by another item, is not followed.
            let done = doneKeys, inFlight = self.inFlight, owner = item.key
            request.followRedirect = { target in
                guard let key = CrawlURL(target)?.key else { return true }
                return !done.contains(key) && inFlight.claim(key, by: owner)
            }
        }
        return (request, capture)
    }

    /// Runs in a child task: fetch, then parse (extraction is the CPU-heavy step). A 304 to a request
    /// made with `capture`'s validators is parsed from the archived answer; when that cannot be read, the
    /// request is made again without validators. `rule` is the site's crawl rule when the fetch started: a
    /// page it (or, failing it, the extractor) makes a listing by its final URL is read for its links alone.
    private static func work(item: Frontier.Item, request: FetchRequest, capture: WARCCapture?, attempt: Int,
                             startedAt: Date, fetcher: any PageFetcher, extractor: Extractor, rule: CrawlRule?,
                             writer: SnapshotWriter, gate: LargePageGate) async -> Fetched {
        var result = await fetcher.fetch(request)
        var fetched = Fetched(item: item, startedAt: startedAt, attempt: attempt, result: result, parsed: .none,
                              capture: capture)
        if capture != nil, case .success(let r) = result, r.status == 304 {
            if let archived = writer.previousPayload(uri: item.url) {
                fetched.archived = archived
                fetched.parsed = parse(item: item, body: archived.body, url: r.finalURL,
                                       contentType: archived.header("Content-Type"), startedAt: startedAt,
                                       serverDate: r.serverDate ?? archived.header("Date").flatMap(HTTPDate.parse),
                                       extractor: extractor, rule: rule)
                return fetched
            }
            var plain = request
            plain.headers["If-None-Match"] = nil
            plain.headers["If-Modified-Since"] = nil
            fetched.earlier = r
            fetched.capture = nil
            result = await fetcher.fetch(plain)
            fetched.result = result
        }
        if case .success(let r) = result, r.status == 200, !r.bodySkipped, !r.body.isEmpty {
            let work = {
                parse(item: item, body: r.body, url: r.finalURL, contentType: r.contentType, startedAt: startedAt,
                      serverDate: r.serverDate, extractor: extractor, rule: rule)
            }
            fetched.parsed = item.kind == .page && r.body.count >= LargePageGate.largeBodyBytes ? await gate.run { AllocatorPurge.returningFreedPages(work) } : work()
        }
        return fetched
    }

    private static func parse(item: Frontier.Item, body: [UInt8], url: String, contentType: String?, startedAt: Date,
                              serverDate: Date?, extractor: Extractor, rule: CrawlRule?) -> Parsed {
        switch item.kind {
        case .page:
            let input = ExtractionInput(bytes: body, url: url, fetchedAt: startedAt, contentType: contentType,
                                        status: 200, serverDate: serverDate)
            // A page `classify` takes as a listing whatever it holds is read for its links alone: its record
            // would be thrown away.
            // A post's content hash is left to `SnapshotWriter.addPost`, which writes the record's JSON anyway.
            do {
                switch kindByRule(url, rule: rule) {
                case .post: return .page(try extractor.extract(input, contentHash: false))
                case .listing: return .listing(try extractor.listingLinks(input))
                case nil:
                    switch try extractor.extractUnlessListing(input, contentHash: false) {
                    case .page(let page): return .page(page)
                    case .listing(let links): return .listing(links)
                    case .contentListing(let links): return .contentListing(links, input)
                    }
                }
            } catch {
                return .pageError("\(error)")
            }
        case .sitemap:
            do { return .sitemap(try Discovery.sitemap(body, url: url)) } catch { return .malformed("\(error)") }
        case .feed:
            do { return .feed(try Discovery.feed(body, url: url)) } catch { return .malformed("\(error)") }
        case .robots:
            return .none
        }
    }

    // MARK: - Results

    /// Counts a request that got no answer; declares the host down after `deadHostFailures` of them in a
    /// row spanning `deadHostWindow` seconds.
    private func noteSilence(at now: Date, error: FetchError) {
        silentFailures += 1
        let since = silentSince ?? now
        silentSince = since
        if hostDown == nil, silentFailures >= Self.deadHostFailures, now.timeIntervalSince(since) >= Self.deadHostWindow {
            hostDown = "\(seed.authority) stopped answering (\(silentFailures) requests in a row over "
                + "\(Int(now.timeIntervalSince(since))) s got no answer; last: \(error))"
        }
    }

    /// Timeouts and dropped connections may pass; DNS, TLS, redirect and scheme failures will not.
    static func isTransient(_ error: FetchError) -> Bool {
        switch error {
        case .timeout, .connect, .network: return true
        default: return false
        }
    }

    private func handle(_ f: Fetched) throws {
        let item = f.item
        attempts[item.key] = nil   // set again below when the request is retried
        var retrying = false       // a retried item keeps its claims (see InFlightPages)
        defer { if !retrying { inFlight.release(owner: item.key) } }
        defer { if item.key == ruleSeedKey && !retrying { releaseHeldPages() } }
        let authority = CrawlURL(item.url)?.authority ?? seed.authority
        let now = clock.now()
        withHost(authority) { $0.recordEnd(at: now) }
        switch f.result {
        case .failure(.cancelled):
            // The crawl is stopping: the URL stays pending in the state, to be fetched on resume.
            throw CancellationError()
        case .failure(let error):
            requests += 1
            if Self.isTransient(error) { noteSilence(at: now, error: error) }
            let decision: RetryDecision = Self.isTransient(error)
                ? withHost(authority) { $0.recordOutcome(status: nil, retryAfter: nil, attempt: f.attempt, at: now) }
                : .giveUp(reason: "\(error)")
            switch decision {
            case .retry(let at):
                retrying = true
                scheduleRetry(item, at: at, attempt: f.attempt)
                event(url: item.url, error: error, kind: item.kind, attempt: f.attempt, outcome: "retry",
                      startedAt: f.startedAt)
            case .done, .giveUp:
                if item.key == seed.key { seedError = "\(error)" }
                fail(item, status: nil, reason: "\(error)")
                event(url: item.url, error: error, kind: item.kind, attempt: f.attempt, startedAt: f.startedAt)
            }
        case .success(let r):
            silentFailures = 0
            silentSince = nil
            if let e = f.earlier {
                requests += 1 + e.redirects.count
                archiveExchange(e, at: f.startedAt)
            }
            requests += 1 + r.redirects.count
            let warcID = archiveExchange(r, at: f.startedAt)
            switch withHost(authority, { $0.recordOutcome(status: r.status, retryAfter: r.retryAfter, attempt: f.attempt, at: now) }) {
            case .retry(let at):
                retrying = true
                scheduleRetry(item, at: at, attempt: f.attempt)
                // A server's Retry-After must outlive a kill that comes before the next batched flush.
                if r.retryAfter != nil { try state.flush() }
                event(url: item.url, response: r, kind: item.kind, outcome: "retry", attempt: f.attempt,
                      detail: "retry at \(isoMillis(at))", startedAt: f.startedAt)
                return
            case .giveUp(let reason):
                if item.key == seed.key { seedError = reason }
                fail(item, status: r.status, reason: reason)
                event(url: item.url, response: r, kind: item.kind, outcome: "error", attempt: f.attempt, detail: nil,
                      startedAt: f.startedAt)
                return
            case .done:
                break
            }
            let outcome = try accept(f, response: r, warcID: warcID)
            event(url: item.url, response: r, kind: item.kind, outcome: outcome.0, attempt: f.attempt, detail: outcome.1,
                  startedAt: f.startedAt)
        }
    }

    /// The previous snapshot's posts that a translation route found, in URL order (so the frontier's order, and
    /// with it the new snapshot's WARC, stays deterministic).
    private func previousTranslations() -> [String] {
        guard let routes = writer.previous?.manifest.coverage.routes else { return [] }
        return routes.compactMap { $0.value.contains(DiscoveryRoute.translation.rawValue) ? $0.key : nil }.sorted()
    }

    /// Queues `item` to be fetched again at `at` (its `attempt` so far kept for the back-off), in memory and in
    /// the state, so that a resumed crawl waits as long.
    private func scheduleRetry(_ item: Frontier.Item, at: Date, attempt: Int) {
        counters["retries", default: 0] += 1
        retryQueue.append((at, item))
        attempts[item.key] = attempt
        state.setRetry(key: item.key, at: at)
    }

    /// Takes a final (non-retried) answer. Returns the outcome name and a detail for the event log.
    private func accept(_ f: Fetched, response r: FetchResponse, warcID: ResponseIDs?) throws -> (String, String?) {
        let item = f.item
        switch item.kind {
        case .robots:
            state.finish(key: item.key, outcome: .infrastructure, status: r.status)
            return ("infrastructure", nil)
        case .sitemap, .feed:
            state.finish(key: item.key, outcome: .infrastructure, status: r.status)
            if item.kind == .feed { seedSawFeed = true }
            switch f.parsed {
            case .sitemap(let s):
                for child in s.sitemaps { admit(child, kind: .sitemap, route: .sitemap, depth: item.depth + 1) }
                for page in s.pages { admit(page, kind: .page, route: .sitemap, depth: item.depth + 1) }
                counters["sitemap_urls", default: 0] += s.pages.count
            case .feed(let links):
                for link in links { admit(link, kind: .page, route: .feed, depth: item.depth + 1) }
                counters["feed_urls", default: 0] += links.count
            case .malformed(let why) where r.status == 200 || f.archived != nil:
                warnings.append(why)
                counters["malformed_\(item.kind == .feed ? "feeds" : "sitemaps")", default: 0] += 1
            default:
                break
            }
            if f.archived != nil { counters["not_modified_reread", default: 0] += 1 }
            return ("infrastructure", r.status == 200 ? nil : f.archived != nil ? "not modified" : "HTTP \(r.status)")
        case .page:
            return try acceptPage(f, response: r, warcID: warcID)
        }
    }

    private func acceptPage(_ f: Fetched, response r: FetchResponse, warcID: ResponseIDs?) throws -> (String, String?) {
        let item = f.item
        let isSeed = item.key == seed.key
        let finalKey = CrawlURL(r.finalURL)?.key ?? item.key
        for hop in r.redirects.dropFirst() {
            if let k = CrawlURL(hop.url)?.key { frontier.markSeen(k, route: .redirect) }
        }
        if finalKey != item.key {
            frontier.markSeen(finalKey, route: .redirect)
            if doneKeys.contains(finalKey) {
                state.finish(key: item.key, outcome: .duplicate, status: r.status, aliasOf: finalKey)
                return ("duplicate", "redirects to \(r.finalURL), already fetched")
            }
        }
        // A redirect the fetcher did not follow: its target is archived, or another item is fetching it.
        if (300..<400).contains(r.status), r.status != 304, let location = r.header("Location"),
           let target = URLNormalizer.normalize(location, base: r.finalURL), let targetKey = CrawlURL(target)?.key {
            let done = doneKeys.contains(targetKey)
            if done || inFlight.isHeld(targetKey, byOtherThan: item.key) {
                frontier.markSeen(targetKey, route: .redirect)
                state.finish(key: item.key, outcome: .duplicate, status: r.status, aliasOf: targetKey)
                return ("duplicate", "redirects to \(target), " + (done ? "already fetched" : "fetched by another request")
                        + " (not followed)")
            }
        }
        if r.status == 304 && f.archived == nil {
            return try reuse(item, response: r)
        }
        // From here on the page's answer is `body`: downloaded, or read back from the archive after a 304.
        let body = f.archived?.body ?? r.body
        guard r.status == 200 || f.archived != nil else {
            if isSeed { seedError = "HTTP \(r.status)" }
            fail(item, status: r.status, reason: "HTTP \(r.status)")
            return ("error", "HTTP \(r.status)")
        }
        if r.bodySkipped {
            let type = r.contentType ?? "no Content-Type"
            if isSeed { seedError = "not an HTML page (\(type))"; fail(item, status: r.status, reason: seedError!) }
            state.finish(key: item.key, outcome: .skipped, status: r.status, reason: type)
            counters["skipped_not_html", default: 0] += 1
            return ("skipped", type)
        }
        // The extracted page, or (nil) a page the crawl rule made a listing, read for its links alone.
        let extracted: ExtractedPage?
        let found: [Discovery.Found], feedLinks: [String], pageURL: String
        switch f.parsed {
        case .page(let p):
            (extracted, found, feedLinks, pageURL) = (p, Discovery.links(of: p), p.feedLinks, p.record.url)
        case .listing(let l):
            (extracted, found, feedLinks, pageURL) = (nil, Discovery.links(ofListing: l), l.feedLinks, l.url)
        case .contentListing(let l, let input):
            if Self.kindByRule(r.finalURL, rule: frontier.crawlRule) == .post, let p = try? extractor.extract(input, contentHash: false) {
                (extracted, found, feedLinks, pageURL) = (p, Discovery.links(of: p), p.feedLinks, p.record.url)
            } else {
                (extracted, found, feedLinks, pageURL) = (nil, Discovery.links(ofListing: l), l.feedLinks, l.url)
            }
        default:
            let why: String
            if case .pageError(let e) = f.parsed { why = e } else { why = "empty answer" }
            if isSeed { seedError = why }
            fail(item, status: r.status, reason: "cannot extract: \(why)")
            return ("error", why)
        }
        var stubSeed = false
        if item.key == ruleSeedKey && !seedSettled {
            if let site = siteRule(body: body, url: r.finalURL, contentType: f.archived?.header("Content-Type") ?? r.contentType) {
                if let rule = site.crawl {
                    frontier.crawlRule = rule
                    // The seed is not fetched again on resume: the rule its markup matched is kept by name.
                    state.setMeta(Self.siteRuleMeta, site.name)
                }
            } else {
                stubSeed = true
            }
        }
        doneKeys.insert(item.key)
        doneKeys.insert(finalKey)
        if isSeed, feedLinks.isEmpty, !probedFeeds {
            probedFeeds = true
            for p in Discovery.commonFeedPaths { admit(originURL(p), kind: .feed, route: .link, depth: 1) }
        }
        for link in found {
            admit(link.url, kind: link.kind, route: link.route, depth: item.depth + link.hops,
                  numberedPage: link.isNumberedPage)
        }
        if stubSeed { passRuleSeed(from: item.key, found: found) }

        if f.archived != nil { counters["not_modified_reread", default: 0] += 1 }
        // A page read for its links alone was a listing by the rule in force when its fetch started.
        guard var page = extracted, classify(page, url: r.finalURL) == .post else {
            listings += 1
            try archive { try writer.addListing(url: pageURL) }
            state.finish(key: item.key, outcome: .listing, status: r.status)
            return ("listing", f.archived != nil ? "not modified" : nil)
        }
        // One post, one record: the canonical URL (when it is a page of this site) names the post. Not one
        // the site's rules exclude: WordPress with paged comments names a post's last comment page
        // (`/post/comment-page-2/#comments`) canonical.
        var identity = finalKey
        if let c = CrawlURL(page.record.canonicalURL), c.siteAuthority == seed.siteAuthority,
           c.key != finalKey, c.path != "/" || CrawlURL(r.finalURL)?.path == "/", !frontier.ruleExcludes(c) {
            identity = c.key
            doneKeys.insert(c.key)
            frontier.markSeen(c.key, route: .redirect)
            page.record.url = page.record.canonicalURL
        }
        if postKeys.contains(identity) {
            state.finish(key: item.key, outcome: .duplicate, status: r.status, aliasOf: identity)
            counters["duplicates", default: 0] += 1
            return ("duplicate", "same post as \(page.record.canonicalURL)")
        }
        postKeys.insert(identity)
        // After a 304, the payload is the archived one: the record names the response record holding it.
        let payloadRecord = f.archived != nil ? f.capture.map { ($0.recordID, $0.date) } : nil
        let info = FetchInfo(finalURL: r.finalURL, redirects: r.redirects.map(\.url),
                             etag: r.header("ETag") ?? f.archived?.header("ETag"),
                             lastModified: r.header("Last-Modified") ?? f.archived?.header("Last-Modified"),
                             contentType: f.archived?.header("Content-Type") ?? r.contentType,
                             payloadDigest: f.archived != nil ? f.capture?.digest
                                 : warcID?.payloadDigest ?? WARCWriter.payloadDigest(r.encodedBody ?? r.body),
                             identifiers: page.identifiers,
                             warcRecordID: payloadRecord?.0 ?? warcID?.response,
                             warcDate: payloadRecord?.1 ?? WARCWriter.warcDate(f.startedAt))
        try archive { try writer.addPost(page.record, fetch: info) }
        posts += 1
        state.finish(key: item.key, outcome: .post, status: r.status, recordURL: page.record.url,
                     postKey: identity == item.key ? nil : identity)
        return ("post", nil)
    }

    /// A 304 to a conditional request: the previous snapshot's record is taken over unchanged, with its
    /// index line (fetch time and the response record holding the payload), so that an unchanged
    /// re-crawl writes the same index.
    private func reuse(_ item: Frontier.Item, response r: FetchResponse) throws -> (String, String?) {
        guard let previous = writer.previous, let info = previous.fetchInfo(url: item.url) else {
            fail(item, status: 304, reason: "HTTP 304 without an earlier capture")
            return ("error", "unexpected 304")
        }
        let identity = CrawlURL(item.url)?.key ?? item.key
        doneKeys.insert(item.key)
        if postKeys.contains(identity) {
            state.finish(key: item.key, outcome: .duplicate, status: 304, aliasOf: identity)
            return ("duplicate", nil)
        }
        postKeys.insert(identity)
        // Its other names (shortlink, old URLs) need no request; a name that is another post of the previous
        // snapshot is not one of them (a translation's og:url naming its original, as jekyll-seo-tag writes it).
        for id in info.identifiers where id == item.url || previous.fetchInfo(url: id) == nil {
            if let k = CrawlURL(id)?.key, k != "" { doneKeys.insert(k); frontier.markSeen(k, route: .redirect) }
        }
        try archive { try writer.reusePost(url: item.url, from: previous) }
        // The page was not downloaded: its links come from the archived record, so that posts only
        // linked from inside this one are still found.
        if let record = try? previous.record(url: item.url) {
            for link in Discovery.links(of: record) { admit(link, kind: .page, route: .link, depth: item.depth + 1) }
        }
        reused += 1
        state.finish(key: item.key, outcome: .reused, status: 304, recordURL: item.url)
        return ("reused", nil)
    }

    /// Post or listing: the extractor's verdict, unless the site's rules say otherwise by URL.
    private func classify(_ page: ExtractedPage, url: String) -> PageKind {
        Self.kindByRule(url, rule: frontier.crawlRule) ?? page.kind
    }

    /// What the site's crawl rule makes the page at `url` by its path (its post patterns first), whatever the
    /// page holds; nil when no pattern matches.
    static func kindByRule(_ url: String, rule: CrawlRule?) -> PageKind? {
        guard let rule, let u = CrawlURL(url) else { return nil }
        return rule.kind(ofPath: u.pathAndQuery)
    }

    private func siteRule(body: [UInt8], url: String, contentType: String?) -> SiteRule? {
        guard let doc = try? HTMLDocument(bytes: body, url: url, contentType: contentType) else { return nil }
        return rules.site(for: url, document: doc)
    }

    /// Crawl-state key of the site rule the seed page matched.
    static let siteRuleMeta = "site_rule"
    /// Crawl-state key of the page that is to pick the site rule (`ruleSeedKey`), empty once the seed settled: a
    /// crawl killed before then resumes holding pages until that page is read, as the first run would have.
    static let ruleSeedMeta = "rule_seed"

    @discardableResult
    private func admit(_ url: String, kind: Frontier.Kind, route: DiscoveryRoute, depth: Int,
                       numberedPage: Bool = false) -> Frontier.Admission {
        let admission = frontier.admit(url, kind: kind, route: route, depth: depth, numberedPage: numberedPage)
        switch admission {
        case .queued(let item): state.insert(item, routes: route.bit)
        case .newRoute(let key, let routes): state.setRoutes(key: key, routes: routes)
        case .known, .rejected: break
        }
        return admission
    }

    /// The seed's page matched no site rule: when it is a stub whose meta refresh names another page of the site
    /// (queued, not fetched yet), that page picks the rule instead, and the held pages wait for it.
    private func passRuleSeed(from key: String, found: [Discovery.Found]) {
        guard ruleSeedRefreshes < Self.maxRuleSeedRefreshes,
              let target = found.first(where: { $0.route == .redirect }), let next = CrawlURL(target.url)?.key,
              next != key, !doneKeys.contains(next), frontier.routes(of: next) != nil else { return }
        ruleSeedRefreshes += 1
        ruleSeedKey = next
        state.setMeta(Self.ruleSeedMeta, next)
        if let i = heldPages.firstIndex(where: { $0.key == next }) { frontier.putBack(heldPages.remove(at: i)) }
    }

    /// The seed is settled: the pages held back until then go back to the frontier, in the order they came.
    private func releaseHeldPages() {
        if !seedSettled { state.setMeta(Self.ruleSeedMeta, "") }
        seedSettled = true
        for item in heldPages where !frontier.putBackUnderRule(item) {
            state.finish(key: item.key, outcome: .skipped, status: nil, reason: "excluded by the site rule")
            inFlight.release(owner: item.key)
        }
        heldPages.removeAll()
    }

    private func fail(_ item: Frontier.Item, status: Int?, reason: String) {
        state.finish(key: item.key, outcome: .error, status: status, reason: reason)
        guard item.kind == .page else { return }
        errors += 1
        try? writer.addError(url: item.url, status: status, reason: reason)
    }

    /// Runs an archive write; a failure (full disk...) stops the crawl with the archive's message.
    private func archive(_ body: () throws -> Void) throws {
        do { try body() } catch {
            try? state.flush()
            throw CrawlFailure(message: "cannot write the archive: \(error)")
        }
    }

    // MARK: - WARC and events

    struct ResponseIDs {
        var response: String?
        /// `WARCWriter.payloadDigest` of the downloaded body, when a response record was written for it.
        var payloadDigest: String?
    }

    /// Writes the redirect hops and the final request/response (a `revisit` for a 304) to the WARC.
    @discardableResult
    private func archiveExchange(_ r: FetchResponse, at date: Date) -> ResponseIDs? {
        let warc = writer.warc
        do {
            let requestHeaders = r.requestHeaders.map { ($0.name, $0.value) }
            for hop in r.redirects {
                let req = try warc.writeRequest(targetURI: hop.url, date: date, httpVersion: r.httpVersion,
                                                headers: requestHeaders)
                try warc.writeResponse(targetURI: hop.url, date: date, status: hop.status, httpVersion: r.httpVersion,
                                       headers: hop.headers.map { ($0.name, $0.value) }, body: [], concurrentTo: req)
            }
            let req = try warc.writeRequest(targetURI: r.finalURL, date: date, httpVersion: r.httpVersion, headers: requestHeaders)
            let headers = r.headers.map { ($0.name, $0.value) }
            if r.status == 304, let id = try warc.writeNotModified(targetURI: r.finalURL, date: date, concurrentTo: req) {
                return ResponseIDs(response: id)
            }
            if r.status == 304, let prev = writer.previous?.fetchInfo(url: r.requestURL), let refers = prev.warcRecordID {
                let id = try warc.writeNotModified(targetURI: r.finalURL, date: date, refersTo: refers,
                                                   refersToTargetURI: prev.finalURL, refersToDate: prev.warcDate ?? "",
                                                   payloadDigest: prev.payloadDigest, concurrentTo: req)
                return ResponseIDs(response: id)
            }
            // The body as the server sent it when it came compressed (see `WARCWriter.writeResponse`).
            let stored = r.encodedBody ?? r.body
            let digest = WARCWriter.payloadDigest(stored)
            let id = try warc.writeResponse(targetURI: r.finalURL, date: date, status: r.status, httpVersion: r.httpVersion,
                                            headers: headers, body: stored, contentEncoded: r.encodedBody != nil,
                                            concurrentTo: req, payloadDigest: digest)
            return ResponseIDs(response: id, payloadDigest: digest)
        } catch {
            warnings.append("WARC: \(error)")
            return nil
        }
    }

    private func event(url: String, response r: FetchResponse, kind: Frontier.Kind, outcome: String, attempt: Int,
                       detail: String?, startedAt: Date) {
        guard let progress else { return }
        guard progress.wantsEvents else { return progress.count(outcome: outcome, queued: frontier.count) }
        progress.record(FetchEvent(time: isoMillis(startedAt), url: url, finalURL: r.finalURL == url ? nil : r.finalURL,
                                   status: r.status, kind: "\(kind)", outcome: outcome, attempt: attempt,
                                   bytes: r.body.count, detail: detail), queued: frontier.count)
    }

    private func event(url: String, error: FetchError, kind: Frontier.Kind, attempt: Int, outcome: String = "error",
                       startedAt: Date) {
        guard let progress else { return }
        guard progress.wantsEvents else { return progress.count(outcome: outcome, queued: frontier.count) }
        progress.record(FetchEvent(time: isoMillis(startedAt), url: url, finalURL: nil, status: nil, kind: "\(kind)",
                                   outcome: outcome, attempt: attempt, bytes: 0, detail: "\(error)"), queued: frontier.count)
    }
}

/// ISO 8601 UTC with milliseconds.
func isoMillis(_ d: Date) -> String {
    var s = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
    s = s.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)
    return d.formatted(s)
}
