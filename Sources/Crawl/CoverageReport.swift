import Archive

/// Builds the snapshot manifest's coverage report from the crawl state: for each archived post, the
/// routes that found it (sitemap, feed, pagination, link, ...), the sitemap URLs that could not be
/// archived, and the crawl's counters. Errors per URL go to the snapshot writer as they happen.
public enum CoverageReport {
    public static func build(from state: CrawlState, counters: [String: Int]) throws -> Coverage {
        let (routes, unfetched) = try state.coverage()
        var named: [String: [String]] = [:]
        named.reserveCapacity(routes.count)
        for (url, mask) in routes { named[url] = DiscoveryRoute.routes(in: mask).map(\.rawValue) }
        return Coverage(routes: named, sitemapUnfetched: unfetched, counters: counters.filter { $0.value != 0 })
    }
}
