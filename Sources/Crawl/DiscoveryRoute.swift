/// How the crawler came to know a URL. Recorded per URL (a set of routes) for the coverage report.
public enum DiscoveryRoute: String, CaseIterable, Sendable, Codable {
    /// The URL given on the command line.
    case seed
    /// A `<loc>` of a sitemap (from robots.txt `Sitemap:` lines or `/sitemap.xml`).
    case sitemap
    /// An item link of an RSS or Atom feed.
    case feed
    /// A link on a listing page: home, `rel=next` pages, archive, tag, category and author pages.
    case pagination
    /// A link inside a post.
    case link
    /// The target of a redirect.
    case redirect
    /// A `<link rel=alternate hreflang>` of a page: the page in another language (after `redirect`: the
    /// bits stored by earlier crawls keep their meaning).
    case translation

    /// One bit per route, so a URL's routes fit in one small integer (memory and the state database).
    public var bit: Int { 1 << DiscoveryRoute.allCases.firstIndex(of: self)! }

    /// The routes whose bits are set in `mask`, in declaration order.
    static func routes(in mask: Int) -> [DiscoveryRoute] { allCases.filter { mask & $0.bit != 0 } }
}
