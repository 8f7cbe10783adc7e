@testable import Crawl
import Extract
import Foundation
import Testing

/// Table tests of the frontier's admission rules and of URL keys.
@Suite struct FrontierTests {
    struct KeyCase: CustomTestStringConvertible, Sendable {
        var name: String
        var a: String
        var b: String
        var same: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        KeyCase(name: "trailing slash folded", a: "http://b.test/p/x", b: "http://b.test/p/x/", same: true),
        KeyCase(name: "www twin folded", a: "http://www.b.test/p/", b: "http://b.test/p/", same: true),
        KeyCase(name: "scheme ignored", a: "https://b.test/p/", b: "http://b.test/p/", same: true),
        KeyCase(name: "session id dropped", a: "http://b.test/p/?sessionid=abc", b: "http://b.test/p/", same: true),
        KeyCase(name: "query order ignored", a: "http://b.test/?a=1&b=2", b: "http://b.test/?b=2&a=1", same: true),
        KeyCase(name: "fragment dropped", a: "http://b.test/p/#comments", b: "http://b.test/p/", same: true),
        KeyCase(name: "other query differs", a: "http://b.test/?p=1", b: "http://b.test/?p=2", same: false),
        KeyCase(name: "other path differs", a: "http://b.test/a/", b: "http://b.test/b/", same: false),
        KeyCase(name: "other port differs", a: "http://b.test:8080/a/", b: "http://b.test/a/", same: false),
    ])
    func keys(_ c: KeyCase) throws {
        let a = try #require(CrawlURL(c.a)), b = try #require(CrawlURL(c.b))
        #expect((a.key == b.key) == c.same, "\(a.key) vs \(b.key)")
    }

    /// The frontier looks known links up by `CrawlURL.plainKey`: a key that differs from `CrawlURL.key`
    /// would queue a known page again. Each URL is either declined (nil: full parse) or gives exactly the
    /// parsed URL's key and site authority.
    @Test(arguments: [
        ("http://b.test/p/x/", true), ("http://b.test/p/x", true), ("https://www.b.test/p/", true),
        ("http://b.test", true), ("http://b.test/", true), ("http://b.test:8080/a/", true), ("http://b.test//a//", true),
        ("http://b.test/caf%C3%A9/", true), ("http://b.test/café/", false), ("http://www./x/", true), ("http://www.", true),
        ("http://B.test/p/", false), ("HTTP://b.test/p/", false), ("http://b.test:80/p/", false), ("http://b.test:80", false),
        ("https://b.test:443/p/", false), ("https://b.test:80/p/", true), ("http://u@b.test/p/", false),
        ("http://b.test/p/?a=1", false), ("http://b.test/p/#c", false), ("http://b.test?a=1", false),
        ("http://b.test/img/a.jpg", false), ("http://b.test/v1.2/post/", true), ("http://b.test/feed.xml/", true),
        ("http://bü.test/p/", false), ("ftp://b.test/p/", false), ("http:/b.test/p/", false), ("http://", false),
        ("http:///p/", false),
    ])
    func plainKeysAgreeWithParsedKeys(_ url: String, plain: Bool) throws {
        let found = CrawlURL.plainKey(url)
        #expect((found != nil) == plain)
        guard let (key, n) = found else { return }
        let u = try #require(CrawlURL(url))
        #expect(key == u.key)
        #expect(String(decoding: key.utf8.prefix(n), as: UTF8.self) == u.siteAuthority)
    }

    @Test func knownLinksInEitherFormAreKnown() {
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        #expect(f.admit("HTTP://WWW.B.test/a/b#top", kind: .page, route: .link, depth: 1) != .known)
        #expect(f.admit("http://b.test/a/b/", kind: .page, route: .link, depth: 1) == .known)
        #expect(f.admit("https://www.b.test/a/b", kind: .page, route: .sitemap, depth: 1)
                == .newRoute(key: "b.test/a/b", routes: DiscoveryRoute.link.bit | DiscoveryRoute.sitemap.bit))
        #expect(f.admit("http://elsewhere.test/a/b/", kind: .page, route: .link, depth: 1) == .rejected(.offSite))
        #expect(f.rejections[.offSite] == 1)
    }

    /// A link met again as written is looked up as written (`Frontier.knownLinks`): the same answers as through
    /// its key, also after its key's routes grew by another form of the link.
    @Test func linksMetAgainAsWrittenAnswerAsTheirKeys() {
        let link = DiscoveryRoute.link.bit, sitemap = DiscoveryRoute.sitemap.bit, feed = DiscoveryRoute.feed.bit
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        #expect(f.admit("http://b.test/a/", kind: .page, route: .link, depth: 1) != .known)
        #expect(f.admit("http://b.test/a/", kind: .page, route: .link, depth: 1) == .known)
        #expect(f.admit("http://b.test/a", kind: .page, route: .sitemap, depth: 1) == .newRoute(key: "b.test/a", routes: link | sitemap))
        #expect(f.admit("http://b.test/a/", kind: .page, route: .sitemap, depth: 1) == .known)
        #expect(f.admit("http://b.test/a/", kind: .page, route: .feed, depth: 1) == .newRoute(key: "b.test/a", routes: link | sitemap | feed))
        #expect(f.routes(of: "b.test/a") == link | sitemap | feed)
        // Parsed links too; an asset's link found as a feed is still turned away as a page.
        #expect(f.admit("http://b.test/feed.xml", kind: .page, route: .link, depth: 1) != .known)
        #expect(f.admit("http://b.test/feed.xml", kind: .page, route: .link, depth: 1) == .known)
        #expect(f.admit("http://b.test/feed.xml", kind: .feed, route: .link, depth: 1) == .known)
        #expect(f.admit("http://b.test/feed.xml", kind: .page, route: .sitemap, depth: 1)
                == .newRoute(key: "b.test/feed.xml", routes: link | sitemap))
        #expect(f.admit("http://b.test/a.png", kind: .feed, route: .link, depth: 1) != .known)
        #expect(f.admit("http://b.test/a.png", kind: .feed, route: .link, depth: 1) == .known)
        #expect(f.admit("http://b.test/a.png", kind: .page, route: .link, depth: 1) == .rejected(.asset))
        // A canonical equivalent of a remembered link (U+037E is `;`) is parsed, and answers with its own key.
        #expect(f.admit("http://b.test/x;y/", kind: .page, route: .link, depth: 1) != .known)
        #expect(f.admit("http://b.test/x;y/", kind: .page, route: .link, depth: 1) == .known)
        guard case .newRoute(let key, _) = f.admit("http://b.test/x\u{37E}y/", kind: .page, route: .sitemap, depth: 1) else {
            Issue.record("not a new route")
            return
        }
        #expect(Array(key.utf8) == Array("b.test/x\u{37E}y".utf8))
    }

    /// `knownLinks` is emptied at its bound: links remembered before it still answer as known, and a new route is
    /// still a new route (the keys stay the authority).
    @Test func linksRememberedPastTheBoundStillAnswerAsTheirKeys() {
        let link = DiscoveryRoute.link.bit, sitemap = DiscoveryRoute.sitemap.bit
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        let count = Frontier.knownLinksLimit + 10
        for i in 0..<count { #expect(f.admit("http://b.test/p/\(i)/", kind: .page, route: .link, depth: 1) != .known) }
        // Met again as written: remembered, then the memory emptied once on the way.
        for i in 0..<count { #expect(f.admit("http://b.test/p/\(i)/", kind: .page, route: .link, depth: 1) == .known) }
        for i in [0, 5, count - 1] {
            #expect(f.admit("http://b.test/p/\(i)/", kind: .page, route: .link, depth: 1) == .known)
            #expect(f.admit("http://b.test/p/\(i)/", kind: .page, route: .sitemap, depth: 1)
                    == .newRoute(key: "b.test/p/\(i)", routes: link | sitemap))
        }
    }

    struct AdmitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var url: String
        var kind: Frontier.Kind = .page
        var route: DiscoveryRoute = .link
        var depth = 1
        var rejection: Frontier.Rejection?
        var testDescription: String { name }
    }

    static let now = Date(timeIntervalSince1970: 1_732_536_000)   // 2024-11-25

    @Test(arguments: [
        AdmitCase(name: "post link", url: "http://b.test/2024/11/post/"),
        AdmitCase(name: "www twin in scope", url: "http://www.b.test/post/"),
        AdmitCase(name: "other host", url: "http://elsewhere.test/post/", rejection: .offSite),
        AdmitCase(name: "image", url: "http://b.test/img/a.JPG", rejection: .asset),
        AdmitCase(name: "pdf", url: "http://b.test/files/report.pdf", rejection: .asset),
        AdmitCase(name: "mailto", url: "mailto:a@b.test", rejection: .notHTTP),
        AdmitCase(name: "too long", url: "http://b.test/" + String(repeating: "a", count: 1_100), rejection: .tooLong),
        AdmitCase(name: "too deep", url: "http://b.test/deep/", depth: 51, rejection: .tooDeep),
        AdmitCase(name: "sitemap entry's segments trusted", url: "http://b.test/a/b/a/b/a/b/", route: .sitemap),
        AdmitCase(name: "deep feed entry", url: "http://b.test/deep/", route: .feed, depth: 51, rejection: .tooDeep),
        AdmitCase(name: "sitemap nested 3 deep", url: "http://b.test/s3.xml", kind: .sitemap, route: .sitemap, depth: 3),
        AdmitCase(name: "sitemap nested 4 deep", url: "http://b.test/s4.xml", kind: .sitemap, route: .sitemap, depth: 4,
                  rejection: .tooDeep),
        AdmitCase(name: "sitemap anywhere on the host", url: "http://b.test/private/s.xml", kind: .sitemap, route: .sitemap, depth: 0),
        AdmitCase(name: "feed 50 hops deep", url: "http://b.test/f.xml", kind: .feed, depth: 50),
        AdmitCase(name: "feed 51 hops deep", url: "http://b.test/f.xml", kind: .feed, depth: 51, rejection: .tooDeep),
        AdmitCase(name: "repeated segments", url: "http://b.test/a/b/a/b/a/b/", rejection: .repeatedSegments),
        AdmitCase(name: "segments twice each", url: "http://b.test/a/b/a/b/"),
        AdmitCase(name: "repeated segments between empty ones", url: "http://b.test/a//a//a/", rejection: .repeatedSegments),
        AdmitCase(name: "repeated non-ASCII segments", url: "http://b.test/é/x/é/x/é/", rejection: .repeatedSegments),
        AdmitCase(name: "non-ASCII segments twice each", url: "http://b.test/é/x/é/x/"),
        AdmitCase(name: "calendar far future", url: "http://b.test/calendar/?month=2031-01", rejection: .calendar),
        AdmitCase(name: "calendar far past", url: "http://b.test/events/?year=1970", rejection: .calendar),
        AdmitCase(name: "calendar path far", url: "http://b.test/calendar/2040/01/", rejection: .calendar),
        AdmitCase(name: "calendar near", url: "http://b.test/calendar/?month=2024-10"),
        AdmitCase(name: "calendar path in capitals far", url: "http://b.test/Events-CALENDAR/2040/01/", rejection: .calendar),
        AdmitCase(name: "far year outside a calendar", url: "http://b.test/archive/2040/01/"),
        AdmitCase(name: "robots disallowed", url: "http://b.test/private/x/", rejection: .robots),
        AdmitCase(name: "out of scope prefix", url: "http://b.test/shop/item/", rejection: .outOfScope),
    ])
    func admission(_ c: AdmitCase) {
        let seed = CrawlURL("http://b.test/")!
        let f = Frontier(seed: seed, scopePrefix: c.name == "out of scope prefix" ? "/blog/" : nil, now: Self.now)
        f.robotsAllows = { !$0.hasPrefix("/private/") }
        let result = f.admit(c.url, kind: c.kind, route: c.route, depth: c.depth)
        if let r = c.rejection {
            #expect(result == .rejected(r))
        } else if case .queued = result {
        } else {
            Issue.record("expected queued, got \(result)")
        }
    }

    /// One sitemap index may name 50,000 sitemaps, each of them more: the crawl takes `maxSitemaps`, counting
    /// those a resumed crawl restores.
    @Test func sitemapsPerCrawlAreCapped() {
        let limit = Frontier.Limits().maxSitemaps
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        f.restore(Frontier.Item(url: "http://b.test/sitemap.xml", key: "b.test/sitemap.xml", kind: .sitemap,
                                priority: .infrastructure, depth: 0, seq: 0), routes: DiscoveryRoute.sitemap.bit, pending: false)
        let results = (1...(limit + 2)).map { f.admit("http://b.test/sitemap-\($0).xml", kind: .sitemap, route: .sitemap, depth: 1) }
        #expect(results.prefix(limit - 1).allSatisfy { if case .queued = $0 { true } else { false } })
        #expect(results.dropFirst(limit - 1).allSatisfy { $0 == .rejected(.tooManySitemaps) })
        #expect(f.admit("http://b.test/sitemap.xml", kind: .sitemap, route: .sitemap, depth: 0) == .known)
        #expect(f.admit("http://b.test/post/", kind: .page, route: .sitemap, depth: 2) != .rejected(.tooManySitemaps))
    }

    /// A thousand sitemaps of 50,000 URLs each queued 50 million pages (~12 GB). Sitemap entries are capped at
    /// `maxSitemapEntries`, counting those a resumed crawl restores; pages found by links are not counted.
    @Test func sitemapEntriesPerCrawlAreCapped() {
        var limits = Frontier.Limits()
        limits.maxSitemapEntries = 5
        let f = Frontier(seed: CrawlURL("http://b.test/")!, limits: limits, now: Self.now)
        f.restore(Frontier.Item(url: "http://b.test/p/0/", key: "b.test/p/0/", kind: .page, priority: .listed,
                                depth: 1, seq: 0), routes: DiscoveryRoute.sitemap.bit, pending: true)
        let listed = (1...8).map { f.admit("http://b.test/p/\($0)/", kind: .page, route: .sitemap, depth: 1) }
        #expect(listed.prefix(4).allSatisfy { if case .queued = $0 { true } else { false } })
        #expect(listed.dropFirst(4).allSatisfy { $0 == .rejected(.tooManySitemapEntries) })
        #expect(f.rejections[.tooManySitemapEntries] == 4)
        #expect(f.admit("http://b.test/p/1/", kind: .page, route: .sitemap, depth: 1) == .known)
        if case .queued = f.admit("http://b.test/linked/", kind: .page, route: .link, depth: 1) {} else {
            Issue.record("a linked page is not a sitemap entry")
        }
    }

    @Test func queryVarietyPerPathIsCapped() {
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        let limit = Frontier.Limits().maxQueryVariants
        let results = (0..<(limit + 5)).map { f.admit("http://b.test/search/?q=\($0)", kind: .page, route: .link, depth: 1) }
        #expect(results.prefix(limit).allSatisfy { if case .queued = $0 { true } else { false } })
        #expect(results.dropFirst(limit).allSatisfy { $0 == .rejected(.queryVariety) })
    }

    /// A WordPress blog with plain permalinks has every post and listing at `/` (`/?p=ID`, `/?paged=N`,
    /// `/?cat=N`): the query count stopped its crawl after 20 of them. URLs the site's rule names posts or
    /// listings are its own scheme; other queries on the same path are still counted.
    @Test func queriesTheSiteRuleNamesAreNotCounted() throws {
        let json = #"""
            {"version": 1, "sites": [{"name": "wp", "match": {"generator": "^WordPress"},
              "crawl": {"post_url": ["[?&]p=\\d+$"], "listing_url": ["^/[?](.+&)?(cat|paged)=[^&]+$"]}}]}
            """#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        f.crawlRule = rules.sites[0].crawl
        let limit = Frontier.Limits().maxQueryVariants
        let named = (0..<(3 * limit)).map { "http://b.test/?p=\($0)" } + (2..<limit).map { "http://b.test/?paged=\($0)" }
            + (1..<limit).map { "http://b.test/?cat=\($0)&paged=2" }
        for url in named {
            guard case .queued = f.admit(url, kind: .page, route: .link, depth: 1) else {
                Issue.record("\(url) not queued")
                return
            }
        }
        let other = (0..<(limit + 5)).map { f.admit("http://b.test/?s=\($0)", kind: .page, route: .link, depth: 1) }
        #expect(other.prefix(limit).allSatisfy { if case .queued = $0 { true } else { false } })
        #expect(other.dropFirst(limit).allSatisfy { $0 == .rejected(.queryVariety) })
    }

    @Test func duplicatesAddRoutesAndOrderIsByPriority() {
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        _ = f.admit("http://b.test/in-post/", kind: .page, route: .link, depth: 2)
        _ = f.admit("http://b.test/listing/", kind: .page, route: .pagination, depth: 1)
        _ = f.admit("http://b.test/from-sitemap/", kind: .page, route: .sitemap, depth: 1)
        _ = f.admit("http://b.test/sitemap.xml", kind: .sitemap, route: .sitemap, depth: 0)
        let again = f.admit("http://b.test/in-post", kind: .page, route: .feed, depth: 1)
        #expect(again == .newRoute(key: "b.test/in-post", routes: DiscoveryRoute.link.bit | DiscoveryRoute.feed.bit))
        #expect(f.admit("http://b.test/in-post/", kind: .page, route: .link, depth: 3) == .known)
        _ = f.admit("http://b.test/page/2/", kind: .page, route: .pagination, depth: 1, numberedPage: true)
        let order = (0..<5).compactMap { _ in f.next()?.url }
        #expect(order == ["http://b.test/sitemap.xml", "http://b.test/page/2/", "http://b.test/from-sitemap/",
                          "http://b.test/listing/", "http://b.test/in-post/"])
    }

    /// A listing's numbered pages are found one from the other: they are handed out before the posts a sitemap
    /// named (admitted earlier), so that the chain is walked while the posts are fetched, not after them.
    @Test func numberedPagesOfAListingComeBeforeListedPosts() throws {
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        for i in 0..<3 { _ = f.admit("http://b.test/post-\(i)/", kind: .page, route: .sitemap, depth: 1) }
        _ = f.admit("http://b.test/tag/x/", kind: .page, route: .pagination, depth: 2)
        _ = f.admit("http://b.test/page/2/", kind: .page, route: .pagination, depth: 1, numberedPage: true)
        _ = f.admit("http://b.test/feed/", kind: .feed, route: .link, depth: 2, numberedPage: true)
        let order = (0..<6).compactMap { _ in f.next() }
        #expect(order.map(\.url) == ["http://b.test/feed/", "http://b.test/page/2/", "http://b.test/post-0/",
                                     "http://b.test/post-1/", "http://b.test/post-2/", "http://b.test/tag/x/"])
        #expect(order[1].priority == .numberedPage)
        // The crawl state stores raw values: the older ones are unchanged.
        #expect([Frontier.Priority.infrastructure, .listed, .listing, .link, .numberedPage].map(\.rawValue) == [0, 1, 2, 3, 4])
    }

    /// Items come out by priority, then in admission order, however they went in and were taken out in between
    /// (the heap's order is kept as integers beside the items: a wrong rank or a swap of one array alone fails).
    @Test func itemsComeOutByPriorityThenAdmissionOrder() {
        let f = Frontier(seed: CrawlURL("http://b.test/")!, now: Self.now)
        let priorities: [Frontier.Priority] = [.infrastructure, .listed, .listing, .link, .numberedPage]
        var pending: [Frontier.Item] = []
        var rng = SystemRandomNumberGenerator()
        var seq = 0
        for step in 0..<4_000 {
            if pending.isEmpty || Int.random(in: 0..<3, using: &rng) > 0 {
                seq += Int.random(in: 1...3, using: &rng)
                let item = Frontier.Item(url: "http://b.test/\(seq)/", key: "b.test/\(seq)", kind: .page,
                                         priority: priorities.randomElement(using: &rng)!, depth: 1, seq: seq)
                f.restore(item, routes: DiscoveryRoute.link.bit, pending: true)
                pending.append(item)
            } else {
                let expected = pending.min { $0.priority != $1.priority ? $0.priority < $1.priority : $0.seq < $1.seq }!
                #expect(f.next() == expected, "step \(step)")
                pending.removeAll { $0 == expected }
            }
        }
        #expect(f.count == pending.count)
    }
}
