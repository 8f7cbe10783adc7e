import Archive
import Crawl
import Extract
import Fetch
import Foundation
import Synchronization
import TestSupport
import Testing

/// End-to-end crawls of the fixture blog served on 127.0.0.1 (see `FixtureServer`), with the
/// request log of the server and the crawler's events (timed by a virtual clock) as evidence.
@Suite struct CrawlerTests {
    static let posts = (1...12).map { "/posts/post-\($0)/" }
    static let listings = ["/", "/page/2/", "/page/3/", "/tag/notes/"]

    @Test func findsEveryPostExactlyOnceThroughEveryRoute() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let paths = run.postPaths
        for p in Self.posts { #expect(paths.filter { $0 == p }.count == 1, "\(p) archived once") }
        for l in Self.listings { #expect(!paths.contains(l), "\(l) is a listing, not a post") }
        #expect(Set(paths).count == paths.count)
        let routes = run.snapshot.manifest.coverage.routes
        #expect(routes[server.origin + "/posts/post-1/"]?.contains("sitemap") == true)
        #expect(routes[server.origin + "/posts/post-7/"]?.contains("feed") == true)
        #expect(routes[server.origin + "/posts/post-11/"] == ["pagination"])  // only on the tag page
        #expect(routes[server.origin + "/posts/post-10/"] == ["link"])        // only linked from post 3
        #expect(Set(run.snapshot.manifest.listings.map { CrawlURL($0)!.path }).isSuperset(of: ["/", "/page/2/", "/page/3/"]))
    }

    @Test func neverRequestsWhatRobotsDisallowsNorAssets() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/private/secret/").isEmpty)
        #expect(server.requests(to: "/img/photo.jpg").isEmpty)
        #expect(server.requests(to: "/files/report.pdf").isEmpty)
        #expect(server.log.first?.path == "/robots.txt", "robots.txt is fetched first")
    }

    @Test func ignoreRobotsFetchesDisallowedPaths() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive()) {
            $0.ignoreRobots = true
        }
        #expect(server.requests(to: "/robots.txt").isEmpty)
        #expect(server.requests(to: "/private/secret/").count == 1)
    }

    @Test func crawlDelayIsHonouredBetweenRequestStarts() async throws {
        let robots = "User-agent: *\nCrawl-delay: 3\nDisallow: /private/\nSitemap: http://blog.test/sitemap.xml\n"
        let server = try await FixtureServer(faults: ["/robots.txt": .body(robots, contentType: "text/plain")])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive()) {
            $0.concurrency = 4
        }
        let starts = run.events.map(\.time).sorted()
        #expect(starts.count > 10)
        for (a, b) in zip(starts, starts.dropFirst()) {
            #expect(Self.seconds(b) - Self.seconds(a) >= 2.999, "\(a) -> \(b)")
        }
    }

    /// The server sees a request when it arrives, which may be later than the crawler recorded its start
    /// (libcurl's queue, a busy machine): every other request here reaches the server 0.5 s late. Pauses
    /// counted between the crawler's starts then look 2.5 s long to the server; counted from the answers, 3 s.
    @Test func crawlDelayHoldsBetweenArrivalsAtTheServer() async throws {
        let robots = "User-agent: *\nCrawl-delay: 3\n"
        let server = try await FixtureServer(faults: ["/robots.txt": .body(robots, contentType: "text/plain")])
        defer { Task { await server.stop() } }
        let clock = VirtualClock()
        let late = LateArrivals(inner: Harness.client(), clock: clock, lateBy: 0.5)
        _ = try await Harness.crawl(seed: server.origin + "/", fetcher: late, archive: Harness.tempArchive(), clock: clock) {
            $0.concurrency = 4
        }
        let arrivals = late.arrivals
        #expect(arrivals.count > 10)
        for (a, b) in zip(arrivals, arrivals.dropFirst()) {
            #expect(b.timeIntervalSince(a) >= 3, "\(a) -> \(b)")
        }
    }

    /// `pipelineDepth` pages are started at once, more than the `concurrency` requests the fetcher keeps in flight
    /// (it queues the rest); what the crawl waits on (the numbered pages of a listing, each naming the next, and
    /// sitemaps) is asked for as urgent, posts and other pages not.
    @Test func startsPipelineDepthPagesAndMarksTheListingChainUrgent() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let gauge = FetchGauge(inner: Harness.client())
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: gauge, archive: Harness.tempArchive()) {
            $0.concurrency = 2
            $0.pipelineDepth = 6
        }
        #expect(run.summary.posts == Self.posts.count)
        #expect(gauge.peak > 2 && gauge.peak <= 6, "\(gauge.peak)")
        let urgent = gauge.urgent
        #expect(urgent["/page/2/"] == true && urgent["/page/3/"] == true && urgent["/sitemap.xml"] == true)
        #expect(urgent["/posts/post-1/"] == false && urgent["/tag/notes/"] == false)
        #expect(CrawlConfiguration(seedURL: "http://b.test/", concurrency: 3).pipelineDepth == 3)
        #expect(CrawlConfiguration(seedURL: "http://b.test/", concurrency: 3, pipelineDepth: 1).pipelineDepth == 3)
        #expect(CrawlConfiguration.pipelineDepth(for: 8) == 8 * CrawlConfiguration.pagesPerRequestSlot)
    }

    @Test func retryAfterOn429IsWaitedOut() async throws {
        let server = try await FixtureServer(faults: ["/posts/post-6/": .status(429, retryAfter: "7", times: 1)])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let tries = run.events.filter { $0.url.hasSuffix("/posts/post-6/") }
        #expect(tries.map(\.status) == [429, 200])
        if tries.count == 2 { #expect(Self.seconds(tries[1].time) - Self.seconds(tries[0].time) >= 7) }
        #expect(run.postPaths.contains("/posts/post-6/"))
    }

    @Test func serviceUnavailableIsRetriedWithBackOff() async throws {
        let server = try await FixtureServer(faults: ["/posts/post-5/": .status(503, retryAfter: nil, times: 2)])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/posts/post-5/").map(\.status) == [503, 503, 200])
        #expect(run.postPaths.contains("/posts/post-5/"))
    }

    /// Post 2 is reached by its own URL and by the redirect chain from `/old/post-2` (linked from post 4),
    /// with four requests in flight and no pause; the server holds every answer for post 2 back 0.5 s and
    /// answers the first with 429. One page must never be asked for twice at once (the second request would
    /// come before the 429's Retry-After), and one request archives it. Before `InFlightPages` the chain
    /// followed its redirect while the post's own request was in flight.
    @Test func onePageReachedByTwoURLsIsNeverFetchedTwiceAtOnce() async throws {
        let server = try await FixtureServer(faults: ["/posts/post-2/": .status(429, retryAfter: "2", times: 1)],
                                             slow: ["/posts/post-2/": 0.5])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let tries = server.requests(to: "/posts/post-2/").sorted { $0.arrived < $1.arrived }
        #expect(tries.map(\.status) == [429, 200])
        for (a, b) in zip(tries, tries.dropFirst()) {
            #expect(b.arrived >= a.answered, "a request for post 2 arrived while another was being answered")
        }
        #expect(server.requests(to: "/old2/post-2").count == 1)
        #expect(run.postPaths.filter { $0 == "/posts/post-2/" }.count == 1)
    }

    @Test func permanentFailureEndsInTheErrorReport() async throws {
        let server = try await FixtureServer(faults: ["/posts/post-4/": .status(503, retryAfter: "1", times: 100)])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/posts/post-4/").count == HostPoliteness.maxAttempts)
        let error = run.snapshot.manifest.errors.first { $0.url.hasSuffix("/posts/post-4/") }
        #expect(error?.status == 503)
        #expect(run.snapshot.manifest.coverage.sitemapUnfetched.contains(server.origin + "/posts/post-4/"))
    }

    @Test func redirectChainGivesOneRecordAndLoopIsAnError() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/old/post-2").count == 1)
        #expect(run.postPaths.filter { $0.contains("post-2") } == ["/posts/post-2/"])
        let loop = run.snapshot.manifest.errors.first { $0.url.hasSuffix("/loop/a") }
        #expect(loop?.reason.contains("loop") == true)
    }

    @Test func listingsTheSiteRuleNamesAreReadForTheirLinks() async throws {
        // The rule, matched by the seed's markup, makes the tag and numbered pages listings by their URL: they
        // are read for their links alone, and post 11, linked only from the tag page, is still found there.
        let json = #"{"version": 1, "sites": [{"name": "fixture", "match": {"markup": ["header.site-header"]}, "crawl": {"listing_url": ["^/tag/", "^/page/\\d+/$"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive(),
                                          rules: rules)
        let paths = run.postPaths
        for p in Self.posts { #expect(paths.filter { $0 == p }.count == 1, "\(p) archived once") }
        #expect(run.snapshot.manifest.coverage.routes[server.origin + "/posts/post-11/"] == ["pagination"])
        #expect(Set(run.snapshot.manifest.listings.map { CrawlURL($0)!.path }).isSuperset(of: ["/page/2/", "/page/3/", "/tag/notes/"]))
    }

    /// The stub seed's site: a rule matched by the home page's markup (excluding `/about/` and post 6), the home
    /// page, and a stub whose meta refresh names `/home/`.
    static func stubSeedSite() throws -> (rules: Rules, home: String, stub: String) {
        let json = #"{"version": 1, "sites": [{"name": "fixture", "match": {"markup": ["header.site-header"]}, "crawl": {"exclude": ["^/about/", "^/posts/post-6/"]}}]}"#
        let home = try String(contentsOf: FixtureServer.root.appendingPathComponent("index.html"), encoding: .utf8)
        let stub = #"<!DOCTYPE html><html><head><title>Moved</title><meta http-equiv="refresh" content="0; url=/home/"></head>"#
            + #"<body><p>The blog moved to <a href="/home/">its new home</a>.</p></body></html>"#
        return (try Rules.parse(Array(json.utf8), file: "rules.json"), home, stub)
    }

    /// A seed that is a stub (a meta refresh to the blog's home, as a blog moved to `/blog/`) matches no site rule:
    /// the page it names picks the rule, before any other page is fetched, and the sitemap's entries held meanwhile
    /// meet the rule's `crawl.exclude` too.
    @Test func aStubSeedsRefreshTargetPicksTheSiteRule() async throws {
        let (rules, home, stub) = try Self.stubSeedSite()
        let server = try await FixtureServer(faults: ["/": .body(stub, contentType: "text/html; charset=utf-8"),
                                                      "/home/": .body(home, contentType: "text/html; charset=utf-8")])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive(),
                                          rules: rules)
        #expect(server.requests(to: "/about/").isEmpty, "excluded by the rule the home page matched")
        #expect(server.requests(to: "/posts/post-6/").isEmpty, "a sitemap entry the rule excludes")
        #expect(run.postPaths.contains("/posts/post-1/"))
        // No post before the rule is known.
        let homeAt = try #require(server.log.firstIndex { $0.path == "/home/" })
        let firstPostAt = try #require(server.log.firstIndex { $0.path.hasPrefix("/posts/") })
        #expect(homeAt < firstPostAt)
    }

    /// The same stub seed, the crawl killed while its target was still to be read (answered 503 first): the
    /// resumed crawl took the seed for settled and read every page without the rule.
    @Test func aStubSeedsRefreshTargetStillPicksTheRuleAfterAResume() async throws {
        let (rules, home, stub) = try Self.stubSeedSite()
        let server = try await FixtureServer(faults: ["/": .body(stub, contentType: "text/html; charset=utf-8"),
                                                      "/home/": .status(503, retryAfter: "30", times: 1)])
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let clock = VirtualClock()
        await #expect(throws: CancellationError.self) {
            _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                        clock: clock, cancelAfter: 4, rules: rules)
        }
        try #require(server.requests(to: "/home/").allSatisfy { $0.status == 503 }, "stopped before the rule's page was read")
        let firstRun = server.log.count
        server.setFault("/home/", .body(home, contentType: "text/html; charset=utf-8"))
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                          clock: clock, rules: rules)
        #expect(server.requests(to: "/about/").isEmpty, "excluded by the rule the home page matched")
        #expect(server.requests(to: "/posts/post-6/").isEmpty, "a sitemap entry the rule excludes")
        #expect(run.postPaths.contains("/posts/post-1/"))
        let resumed = server.log.dropFirst(firstRun)
        let homeAt = try #require(resumed.firstIndex { $0.path == "/home/" && $0.status == 200 })
        let firstPostAt = try #require(resumed.firstIndex { $0.path.hasPrefix("/posts/") })
        #expect(homeAt < firstPostAt)
    }

    @Test func calendarTrapEnds() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let calendar = server.requests(to: "/calendar/")
        #expect(calendar.count >= 1)
        #expect(calendar.count <= Frontier.Limits().maxQueryVariants + 1)
        #expect(!run.postPaths.contains { $0.hasPrefix("/calendar/") })
        // Far dates are refused outright (the crawl's clock says 2024).
        #expect(!calendar.contains { $0.query.contains("month=2027") || $0.query.contains("month=1989") })
    }

    /// Sitemaps and feeds are trusted beyond the trap heuristics, but a generated chain of them is not: a
    /// sitemap index naming the next one, and a feed naming a page that names the next feed, ran until the
    /// server stopped (its 500th link here; never, on a server that does not).
    @Test func generatedSitemapAndFeedChainsEnd() async throws {
        let robots = "User-agent: *\nDisallow: /private/\nSitemap: http://blog.test/chain/sitemap-0.xml\n"
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>"#
            + "<item><title>Chain</title><link>http://blog.test/chain/page-0/</link></item></channel></rss>"
        let server = try await FixtureServer(faults: ["/robots.txt": .body(robots, contentType: "text/plain"),
                                                      "/feed.xml": .body(feed, contentType: "application/rss+xml")])
        defer { Task { await server.stop() } }
        _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let limits = Frontier.Limits()
        let sitemaps = server.log.filter { $0.path.hasPrefix("/chain/sitemap-") }.count
        let feeds = server.log.filter { $0.path.hasPrefix("/chain/feed-") }.count
        let pages = server.log.filter { $0.path.hasPrefix("/chain/page-") }.count
        #expect(sitemaps == limits.maxSitemapNesting + 1)
        #expect(pages >= 1 && pages <= limits.maxDepth / 2 + 1, "\(pages) chain pages")
        #expect(feeds <= pages, "\(feeds) chain feeds")
    }

    @Test func duplicateURLsGiveOneRecordAndOneRequest() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let variants = server.log.filter { $0.path.hasPrefix("/posts/post-12") }
        #expect(variants.count == 1, "post 12 fetched once: \(variants.map { $0.path + "?" + $0.query })")
        // The legacy redirect chain ends at post 2: whichever comes first, the post is downloaded once.
        #expect(server.requests(to: "/posts/post-2/").filter { $0.status == 200 }.count == 1)
        #expect(run.postPaths.filter { $0.hasPrefix("/posts/post-12") } == ["/posts/post-12/"])
    }

    @Test func charsetFromTheHeaderDecodesTheRecord() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        let record = try run.snapshot.record(url: server.origin + "/posts/post-11/")
        #expect(record?.title?.hasPrefix("Café “quoted” post 11") == true, "\(record?.title ?? "nil")")
    }

    @Test func hugeAndBinaryAnswersDoNotStopTheCrawl() async throws {
        let server = try await FixtureServer(faults: ["/posts/huge/": .body(FixtureServer.hugePage, contentType: "text/html")])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive()) {
            $0.maxBodyBytes = 1_000_000
        }
        #expect(server.requests(to: "/download").count <= 1)
        #expect(!run.postPaths.contains("/download"))
        let huge = run.events.first { $0.url.hasSuffix("/posts/huge/") }
        #expect(huge != nil)
        #expect(huge?.bytes == 1_000_000)
        for p in Self.posts { #expect(run.postPaths.contains(p)) }
    }

    @Test func resumesAfterAnInterruptionWithoutRefetching() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let clock = VirtualClock()
        await #expect(throws: CancellationError.self) {
            _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                        clock: clock, cancelAfter: 8)
        }
        let before = server.log.count
        #expect(before >= 8)
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive, clock: clock)
        for p in Self.posts { #expect(run.postPaths.filter { $0 == p }.count == 1, "\(p) archived once") }
        // Each page fetched once in all, except the few in flight when the first run stopped.
        var perPath: [String: Int] = [:]
        for r in server.log where r.status == 200 && r.path.hasPrefix("/posts/") { perPath[r.path + r.query, default: 0] += 1 }
        let refetched = perPath.values.reduce(0) { $0 + max(0, $1 - 1) }
        #expect(refetched <= 4, "refetched \(perPath.filter { $0.value > 1 })")
        #expect(server.requests(to: "/robots.txt").count == 1, "robots.txt kept in the crawl state")
    }

    @Test func aSiteRuleMatchedByTheSeedsMarkupStillAppliesAfterAResume() async throws {
        let json = #"{"version": 1, "sites": [{"name": "fixture", "match": {"markup": ["header.site-header"]}, "crawl": {"exclude": ["^/about/"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        await #expect(throws: CancellationError.self) {
            _ = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                        cancelAfter: 3, rules: rules)
        }
        #expect(server.requests(to: "/").count == 1)
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive, rules: rules)
        #expect(server.requests(to: "/").count == 1, "the seed is not fetched again")
        #expect(server.requests(to: "/about/").isEmpty, "excluded by the rule the seed's markup matched")
        #expect(run.snapshot.count == Self.posts.count)
    }

    /// WordPress with paged comments writes a post's last comment page as its canonical URL; its rule excludes
    /// comment pages. The record was named after the comment page (a URL never fetched), so the post's own URL
    /// was missing from the snapshot and a "post" at `/comment-page-2/` was in it.
    @Test func aCanonicalURLTheSiteRulesExcludeDoesNotNameThePost() async throws {
        let json = #"""
            {"version": 1, "sites": [{"name": "fixture", "match": {"markup": ["header.site-header"]},
              "crawl": {"exclude": ["/comment-page-\\d+/?$"]}}]}
            """#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let original = try String(contentsOf: FixtureServer.root.appendingPathComponent("posts/post-2/index.html"), encoding: .utf8)
        let page = original.replacingOccurrences(of: "http://blog.test/posts/post-2/\"",
                                                 with: "http://blog.test/posts/post-2/comment-page-2/#comments\"")
        #expect(page != original)
        let server = try await FixtureServer(faults: ["/posts/post-2/": .body(page, contentType: "text/html; charset=utf-8")])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive(),
                                          rules: rules)
        #expect(run.postPaths.filter { $0 == "/posts/post-2/" }.count == 1)
        #expect(!run.postPaths.contains { $0.contains("comment-page") })
        #expect(run.snapshot.count == Self.posts.count)
    }

    @Test func recrawlSendsConditionalRequestsAndReusesRecords() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive)
        let firstCount = server.log.count
        let clock = VirtualClock(Date(timeIntervalSince1970: 1_732_600_000))
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive, clock: clock)
        let again = server.log.dropFirst(firstCount).filter { Self.posts.contains($0.path) }
        #expect(!again.isEmpty)
        for p in Self.posts {
            #expect(again.contains { $0.path == p && $0.headers["if-none-match"] != nil && $0.status == 304 }, "\(p)")
        }
        // Only the legacy redirect chain reaches a post without validators (it is a different URL).
        #expect(Set(again.filter { $0.status == 200 }.map(\.path)).isSubset(of: ["/posts/post-2/"]))
        #expect(second.snapshot.manifest.counts.reused == Self.posts.count)
        #expect(second.snapshot.count == first.snapshot.count,
                "missing: \(Set(first.snapshot.urls).subtracting(second.snapshot.urls)); \(second.events.filter { $0.outcome != "reused" })")
        for p in Self.posts {
            let url = server.origin + p
            #expect(try second.snapshot.record(url: url) == first.snapshot.record(url: url))
        }
    }

    /// Answers that came gzipped are archived as sent (the response record keeps `Content-Encoding: gzip` and the
    /// compressed body, whose digest is the payload digest) and read back decoded: a re-crawl's 304s re-read the
    /// listings' links from them, and the records are those of the same site served without compression.
    @Test func gzippedAnswersAreArchivedAsSentAndReadBackDecoded() async throws {
        let server = try await FixtureServer(gzip: true)
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive)
        var gzipped: Set<String> = []
        for file in first.snapshot.warcFiles {
            try WARCReader(url: file).forEachRecord { record in
                guard record.type == "response", let http = record.httpResponse, http.status == 200,
                      http.header("Content-Type")?.hasPrefix("text/html") == true else { return }
                #expect(http.header("Content-Encoding") == "gzip")
                #expect(http.body.starts(with: [0x1F, 0x8B]))
                #expect(record.header("WARC-Payload-Digest") == WARCWriter.payloadDigest(http.body))
                let decoded = try #require(http.contentDecoded())
                #expect(decoded.header("Content-Encoding") == nil)
                #expect(decoded.header("Content-Length") == String(decoded.body.count))
                if let uri = record.targetURI { gzipped.insert(String(uri.dropFirst(server.origin.count))) }
            }
        }
        #expect(Set(Self.posts).isSubset(of: gzipped))
        let plainServer = try await FixtureServer()
        defer { Task { await plainServer.stop() } }
        let plain = try await Harness.crawl(seed: plainServer.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        for p in Self.posts {
            let a = try #require(try first.snapshot.record(url: server.origin + p))
            let b = try #require(try plain.snapshot.record(url: plainServer.origin + p))
            #expect(a.title == b.title && a.body.text == b.body.text && a.published?.date == b.published?.date && a.tags == b.tags && a.authors == b.authors, "\(p)")
        }

        let firstCount = server.log.count
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                             clock: VirtualClock(Date(timeIntervalSince1970: 1_732_600_000)))
        let again = server.log.dropFirst(firstCount)
        #expect(again.filter { Self.listings.contains($0.path) }.allSatisfy { $0.status == 304 })
        #expect(Self.nonCalendar(second.snapshot.manifest.listings) == Self.nonCalendar(first.snapshot.manifest.listings))
        #expect(second.snapshot.urls == first.snapshot.urls)
        #expect(second.snapshot.manifest.counts.reused == Self.posts.count)
    }

    @Test func recrawlRevalidatesListingsSitemapsAndFeedsInsteadOfDownloadingThem() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive)
        let firstCount = server.log.count
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                             clock: VirtualClock(Date(timeIntervalSince1970: 1_732_600_000)))
        let again = server.log.dropFirst(firstCount)
        for p in Self.listings + ["/sitemap.xml", "/feed.xml"] {
            let asked = again.filter { $0.path == p && $0.query.isEmpty }
            #expect(!asked.isEmpty, "\(p) not asked again")
            #expect(asked.allSatisfy { $0.headers["if-none-match"] != nil && $0.status == 304 },
                    "\(p): \(asked.map { "\($0.status) \($0.headers["if-none-match"] ?? "no validator")" })")
        }
        // The listings were read back from the archive: still listings, and their links still followed.
        // (Which calendar-trap pages make the cut depends on discovery order, so they are left out.)
        #expect(Self.nonCalendar(second.snapshot.manifest.listings) == Self.nonCalendar(first.snapshot.manifest.listings))
        #expect(second.snapshot.urls == first.snapshot.urls)
        #expect(second.snapshot.manifest.coverage.routes == first.snapshot.manifest.coverage.routes)
        // No post changed: the second snapshot shares the first one's post index file.
        #expect(second.snapshot.manifest.indexSHA256 != nil)
        #expect(second.snapshot.manifest.indexSHA256 == first.snapshot.manifest.indexSHA256)
    }

    static func nonCalendar(_ urls: [String]) -> [String] { urls.filter { !$0.contains("/calendar/") } }

    @Test func listingWhoseArchivedAnswerIsGoneIsDownloadedAgain() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive)
        for file in first.snapshot.warcFiles { try FileManager.default.removeItem(at: file) }
        let firstCount = server.log.count
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                             clock: VirtualClock(Date(timeIntervalSince1970: 1_732_600_000)))
        let again = server.log.dropFirst(firstCount).filter { $0.path == "/page/2/" }
        #expect(again.map(\.status) == [304, 200])
        #expect(again.last?.headers["if-none-match"] == nil)
        #expect(Self.nonCalendar(second.snapshot.manifest.listings) == Self.nonCalendar(first.snapshot.manifest.listings))
        #expect(second.snapshot.urls == first.snapshot.urls)
    }

    @Test func unreachableHostFailsWithAClearMessage() async throws {
        await #expect {
            _ = try await Harness.crawl(seed: "http://127.0.0.1:9/", fetcher: Harness.client(), archive: Harness.tempArchive())
        } throws: { error in
            "\(error)".contains("nothing archived") && "\(error)".contains("127.0.0.1:9")
        }
    }

    /// Answers like `HTTPClient` for the first `answered` requests, then as a host that went away once those answers
    /// are out. A refusal never overtakes an answer still on its way: the crawl's virtual clock jumps through the
    /// refusals' back-offs at once, and a real answer coming in late, tens of virtual seconds on, started the
    /// host's silence anew (a flaky 131 s instead of < 90 s at load).
    final class DyingFetcher: PageFetcher {
        let inner: HTTPClient
        let answered: Int
        let count = Mutex(0)
        private let done = Mutex(0)
        init(inner: HTTPClient, answered: Int) { self.inner = inner; self.answered = answered }
        func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
            let n = count.withLock { $0 += 1; return $0 }
            if n > answered {
                while !Task.isCancelled, done.withLock({ $0 }) < answered { try? await Task.sleep(for: .milliseconds(2)) }
                return .failure(.connect("\(request.url): Connection refused"))
            }
            let result = await inner.fetch(request)
            done.withLock { $0 += 1 }
            return result
        }
    }

    @Test func hostThatDiesMidCrawlIsGivenUpPromptlyAndTheSnapshotKeepsWhatWasArchived() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let fetcher = DyingFetcher(inner: Harness.client(), answered: 12)
        let clock = VirtualClock()
        let start = clock.now()
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: fetcher, archive: Harness.tempArchive(),
                                          clock: clock)
        #expect(run.snapshot.count > 0)
        #expect(run.summary.warnings.contains { $0.contains("stopped answering") }, "\(run.summary.warnings)")
        // Given up after about `deadHostWindow` of silence, not after every URL's retries with back-off.
        let failed = fetcher.count.withLock { $0 } - 12
        #expect(failed < 4 * Crawler.deadHostFailures, "\(failed) requests to a dead host")
        #expect(clock.now().timeIntervalSince(start) < 3 * Crawler.deadHostWindow)
    }

    @Test func hostDeadFromTheStartFailsWithTheReason() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let fetcher = DyingFetcher(inner: Harness.client(), answered: 2)   // robots.txt and the seed
        await #expect {
            _ = try await Harness.crawl(seed: server.origin + "/", fetcher: fetcher, archive: Harness.tempArchive())
        } throws: { error in
            "\(error)".contains("nothing archived") && "\(error)".contains("stopped answering")
        }
    }

    @Test func seedThatIsNotHTMLFailsWithAClearMessage() async throws {
        // No robots.txt and no sitemap: the seed is the only way in.
        let server = try await FixtureServer(faults: ["/robots.txt": .status(404, retryAfter: nil, times: 9),
                                                      "/sitemap.xml": .status(404, retryAfter: nil, times: 9)])
        defer { Task { await server.stop() } }
        await #expect {
            _ = try await Harness.crawl(seed: server.origin + "/download", fetcher: Harness.client(), archive: Harness.tempArchive())
        } throws: { error in
            "\(error)".contains("not an HTML page")
        }
    }

    @Test func garbageRobotsAndSitemapAreTolerated() async throws {
        let server = try await FixtureServer(faults: [
            "/robots.txt": .body("\u{0}\u{1}<html>garbage</html>\nDisallow /x\n", contentType: "text/plain"),
            "/sitemap.xml": .body("<urlset><url><loc>http://blog.test/posts/post-1/</loc><url><loc>", contentType: "application/xml"),
        ])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        for p in Self.posts { #expect(run.postPaths.contains(p)) }
        #expect(run.summary.warnings.contains { $0.contains("robots.txt") })
    }

    /// A sitemap that only the pages name (`<link rel="sitemap">`: Astro's and Gatsby's sitemap plugins write
    /// `/sitemap-index.xml`, which robots.txt need not list and `/sitemap.xml` is not) is read too.
    @Test func readsTheSitemapAPageAnnounces() async throws {
        let home = """
            <html><head><title>Fixture Blog</title><link rel="sitemap" type="application/xml" href="/maps/sitemap-index.xml">
            </head><body><h1>Fixture Blog</h1><p>Welcome.</p></body></html>
            """
        let server = try await FixtureServer(faults: [
            "/robots.txt": .status(404, retryAfter: nil, times: 9),
            "/sitemap.xml": .status(404, retryAfter: nil, times: 9),
            "/": .body(home, contentType: "text/html; charset=utf-8"),
            "/maps/sitemap-index.xml": .body(
                "<sitemapindex><sitemap><loc>http://blog.test/maps/sitemap-0.xml</loc></sitemap></sitemapindex>",
                contentType: "application/xml"),
            "/maps/sitemap-0.xml": .body(
                "<urlset><url><loc>http://blog.test/posts/post-2/</loc></url><url><loc>http://blog.test/posts/post-5/</loc></url></urlset>",
                contentType: "application/xml"),
        ])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/maps/sitemap-0.xml").count == 1)
        let routes = run.snapshot.manifest.coverage.routes
        #expect(routes[server.origin + "/posts/post-2/"]?.contains("sitemap") == true)
        #expect(routes[server.origin + "/posts/post-5/"]?.contains("sitemap") == true)
    }

    /// A multilingual blog without a language switcher (Hugo's `.AllTranslations`, jekyll-polyglot's
    /// `I18n_Headers`, Polylang) names a post's translations only in `<link rel="alternate" hreflang>`: they
    /// are followed on the site's host (route `translation`), not on another host, and a feed's `hreflang`
    /// leaves it a feed.
    @Test func followsTheTranslationsAPageNamesInItsHreflangAlternates() async throws {
        let post = try String(contentsOf: FixtureServer.root.appendingPathComponent("posts/post-3/index.html"), encoding: .utf8)
        let alternates = """
            <link rel="alternate" hreflang="en" href="http://blog.test/posts/post-3/">
            <link rel="alternate" hreflang="de" href="/de/posts/post-3/">
            <link rel="alternate" hreflang="fr" href="http://other.test/fr/posts/post-3/">
            <link rel="alternate" type="application/rss+xml" hreflang="de" href="/de/feed.xml">
            </head>
            """
        let german = """
            <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Beitrag Nummer 3 über das Notizbuch</title>
            <link rel="alternate" hreflang="en" href="http://blog.test/posts/post-3/">
            <link rel="alternate" hreflang="de" href="http://blog.test/de/posts/post-3/">
            <meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-13T10:00:00Z">
            </head><body><main><article><h1>Beitrag Nummer 3 über das Notizbuch</h1>
            <p>Von Ada Lovelace, <time datetime="2024-03-13T10:00:00Z">13. März 2024</time></p>
            <p>\(String(repeating: "Der Obstgarten und das Notizbuch, mit Sorgfalt und Geduld geschrieben. ", count: 12))</p>
            <p>\(String(repeating: "Die Laterne am Fluss leuchtet, während der Kessel summt. ", count: 12))</p>
            </article></main></body></html>
            """
        let server = try await FixtureServer(faults: [
            "/posts/post-3/": .body(post.replacingOccurrences(of: "</head>", with: alternates), contentType: "text/html; charset=utf-8"),
            "/de/posts/post-3/": .body(german, contentType: "text/html; charset=utf-8"),
        ])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(run.postPaths.filter { $0 == "/de/posts/post-3/" }.count == 1)
        let routes = run.snapshot.manifest.coverage.routes
        #expect(routes[server.origin + "/de/posts/post-3/"] == ["translation"])
        #expect(routes[server.origin + "/posts/post-3/"]?.contains("translation") == true, "named by its translation")
        #expect(!run.events.contains { $0.url.contains("other.test") })
        #expect(run.events.filter { $0.url.hasSuffix("/de/feed.xml") }.allSatisfy { $0.kind == "feed" })
        for p in Self.posts { #expect(run.postPaths.filter { $0 == p }.count == 1, "\(p) archived once") }
    }

    /// A re-crawl whose original answers 304 does not see its `hreflang` alternates again (the head is not
    /// downloaded, the record keeps the body's links): the translation the previous snapshot found is visited
    /// anyway, and stays in the new snapshot.
    @Test func aRecrawlKeepsTheTranslationsOfAnUnchangedOriginal() async throws {
        let post = try String(contentsOf: FixtureServer.root.appendingPathComponent("posts/post-3/index.html"), encoding: .utf8)
        let german = """
            <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Beitrag Nummer 3 über das Notizbuch</title>
            <meta property="og:type" content="article"><meta property="article:published_time" content="2024-03-13T10:00:00Z">
            <link rel="canonical" href="http://blog.test/de/posts/post-3/"><meta property="og:url" content="http://blog.test/posts/post-3/">
            </head><body><main><article><h1>Beitrag Nummer 3 über das Notizbuch</h1>
            <p>Von Ada Lovelace, <time datetime="2024-03-13T10:00:00Z">13. März 2024</time></p>
            <p>\(String(repeating: "Der Obstgarten und das Notizbuch, mit Sorgfalt und Geduld geschrieben. ", count: 12))</p>
            </article></main></body></html>
            """
        let server = try await FixtureServer(faults: [
            "/posts/post-3/": .cacheableBody(post.replacingOccurrences(
                of: "</head>", with: #"<link rel="alternate" hreflang="de" href="/de/posts/post-3/"></head>"#),
                contentType: "text/html; charset=utf-8"),
            "/de/posts/post-3/": .cacheableBody(german, contentType: "text/html; charset=utf-8"),
        ])
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive)
        #expect(first.postPaths.contains("/de/posts/post-3/"))
        let firstCount = server.log.count
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                             clock: VirtualClock(Date(timeIntervalSince1970: 1_732_600_000)))
        let again = server.log.dropFirst(firstCount)
        #expect(again.contains { $0.path == "/posts/post-3/" && $0.status == 304 }, "the original is unchanged")
        #expect(again.contains { $0.path == "/de/posts/post-3/" && $0.status == 304 }, "the translation is asked again")
        #expect(second.postPaths.filter { $0 == "/de/posts/post-3/" }.count == 1)
        #expect(second.snapshot.count == first.snapshot.count)
    }

    /// A post answered 304 on a re-crawl is reused with its other names (shortlink, old URLs), which need no
    /// request; a name that is another post of the previous snapshot (an og:url naming the wrong page) is no
    /// alias of it, and that post is still asked for.
    @Test func aReusedPostsOgURLNamingAnotherPostDoesNotHideIt() async throws {
        let post = try String(contentsOf: FixtureServer.root.appendingPathComponent("posts/post-1/index.html"), encoding: .utf8)
        let head = #"<link rel="canonical" href="http://blog.test/posts/post-1/"><meta property="og:url" content="http://blog.test/posts/post-12/"></head>"#
        let server = try await FixtureServer(faults: [
            "/posts/post-1/": .cacheableBody(post.replacingOccurrences(of: "</head>", with: head),
                                             contentType: "text/html; charset=utf-8"),
        ])
        defer { Task { await server.stop() } }
        let archive = try Harness.tempArchive()
        let oneAtATime: (inout CrawlConfiguration) -> Void = { $0.concurrency = 1 }
        let first = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                            configure: oneAtATime)
        #expect(first.postPaths.contains("/posts/post-1/") && first.postPaths.contains("/posts/post-12/"))
        let second = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: archive,
                                             clock: VirtualClock(Date(timeIntervalSince1970: 1_732_600_000)),
                                             configure: oneAtATime)
        #expect(second.events.contains { $0.url.hasSuffix("/posts/post-1/") && $0.outcome == "reused" })
        #expect(second.postPaths == first.postPaths)
    }

    /// A page that only redirects by `<meta http-equiv="refresh">` (Hugo's alias pages: the root of a multilingual
    /// site with every language in its folder sends to `/en/`) leads to its target (route `redirect`).
    @Test func followsAMetaRefresh() async throws {
        let alias = """
            <!DOCTYPE html><html lang="en-us"><head><title>http://blog.test/</title>
            <link rel="canonical" href="http://blog.test/"><meta name="robots" content="noindex"><meta charset="utf-8">
            <meta http-equiv="refresh" content="0; url=http://blog.test/"></head></html>
            """
        let server = try await FixtureServer(faults: [
            "/robots.txt": .status(404, retryAfter: nil, times: 9),
            "/sitemap.xml": .status(404, retryAfter: nil, times: 9),
            "/feed.xml": .status(404, retryAfter: nil, times: 9),
            "/start/": .body(alias, contentType: "text/html; charset=utf-8"),
        ])
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/start/", fetcher: Harness.client(), archive: Harness.tempArchive())
        #expect(server.requests(to: "/").count == 1)
        #expect(run.snapshot.manifest.coverage.routes[server.origin + "/posts/post-1/"] != nil)
        // Post 9 is named by the feed alone, missing here.
        for p in Self.posts where p != "/posts/post-9/" { #expect(run.postPaths.filter { $0 == p }.count == 1, "\(p) archived once") }
    }

    @Test func maxPagesStopsTheCrawl() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.stop() } }
        let run = try await Harness.crawl(seed: server.origin + "/", fetcher: Harness.client(), archive: Harness.tempArchive()) {
            $0.maxPages = 5
        }
        #expect(run.events.filter { $0.kind == "page" && $0.attempt == 1 }.count == 5)
    }

    @Test func directoryModeArchivesTheBuildFolder() async throws {
        let clock = VirtualClock()
        let fetcher = try DirectoryFetcher(root: FixtureServer.root.path, baseURL: "http://blog.test/", clock: clock)
        let run = try await Harness.crawl(seed: "http://blog.test/", fetcher: fetcher, archive: Harness.tempArchive(), clock: clock)
        for p in Self.posts { #expect(run.postPaths.filter { $0 == p }.count == 1, "\(p)") }
        #expect(!run.postPaths.contains("/private/secret/"))
        let record = try run.snapshot.record(url: "http://blog.test/posts/post-11/")
        #expect(record?.title?.hasPrefix("Café “quoted” post 11") == true)
    }

    /// blogsite's `mutate` (and `cp -p`, rsync, some generators) can leave an edited page with its old
    /// size and mtime: a size-mtime ETag, as web servers make, would answer 304 and hide the edit.
    @Test func directoryModeSeesAnEditThatKeepsTheSizeAndTheMtime() async throws {
        let dir = try ScratchFolder.make("dir")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("post"), withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("post/index.html")
        let mtime = Date(timeIntervalSince1970: 1_700_000_000)
        try Data("<title>Old title</title>".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: file.path)
        let fetcher = try DirectoryFetcher(root: dir.path, baseURL: "http://blog.test/", clock: VirtualClock())
        let first = try await fetcher.fetch(FetchRequest(url: "http://blog.test/post/")).get()
        let etag = try #require(first.headers.first { $0.name == "ETag" }?.value)
        #expect(try await fetcher.fetch(FetchRequest(url: "http://blog.test/post/", headers: ["If-None-Match": etag])).get().status == 304)

        try Data("<title>New title</title>".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: file.path)
        let second = try await fetcher.fetch(FetchRequest(url: "http://blog.test/post/", headers: ["If-None-Match": etag])).get()
        #expect(second.status == 200)
        #expect(String(decoding: second.body, as: UTF8.self) == "<title>New title</title>")
    }

    static func seconds(_ iso: String) -> Double {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: iso)?.timeIntervalSince1970 ?? .nan
    }
}

/// A fetcher whose every other request reaches the server `lateBy` seconds after the crawler handed it
/// over (on the virtual clock); records when each one arrived.
/// Counts the fetches in progress at once (each held a little, so that they overlap) and records which requests
/// came marked urgent.
final class FetchGauge: PageFetcher {
    private let inner: any PageFetcher
    private let state = Mutex<(current: Int, peak: Int, urgent: [String: Bool])>((0, 0, [:]))
    init(inner: any PageFetcher) { self.inner = inner }
    var peak: Int { state.withLock { $0.peak } }
    var urgent: [String: Bool] { state.withLock { $0.urgent } }
    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        state.withLock {
            $0.current += 1
            $0.peak = max($0.peak, $0.current)
            $0.urgent[CrawlURL(request.url)?.path ?? request.url] = request.urgent
        }
        try? await Task.sleep(for: .milliseconds(20))
        let result = await inner.fetch(request)
        state.withLock { $0.current -= 1 }
        return result
    }
}

final class LateArrivals: PageFetcher {
    private let inner: any PageFetcher
    private let clock: VirtualClock
    private let lateBy: Double
    private let log = Mutex<[Date]>([])
    init(inner: any PageFetcher, clock: VirtualClock, lateBy: Double) { self.inner = inner; self.clock = clock; self.lateBy = lateBy }
    var arrivals: [Date] { log.withLock { $0.sorted() } }
    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let isLate = log.withLock { $0.count % 2 == 0 }
        if isLate { try? await clock.sleep(until: clock.now().addingTimeInterval(lateBy)) }
        log.withLock { $0.append(clock.now()) }
        return await inner.fetch(request)
    }
}
