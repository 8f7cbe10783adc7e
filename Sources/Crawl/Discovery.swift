import Extract
import Foundation
import HTML

/// Finds URLs in what the crawler fetched: sitemaps (and sitemap indexes), RSS and Atom feeds, and the
/// links of HTML pages. Pure functions of the bytes and the page: no I/O, no state.
public enum Discovery {
    /// Where sitemaps are looked for when robots.txt names none.
    public static let defaultSitemapPath = "/sitemap.xml"
    /// Where feeds are looked for when no page announces one (WordPress, Jekyll, Hugo, Ghost/Pelican forms).
    public static let commonFeedPaths = ["/feed/", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml"]
    /// Sitemap entries read from one file, at most: the sitemaps protocol caps a file at 50,000 URLs.
    static let maxSitemapEntries = 50_000

    /// What a sitemap file lists.
    public struct Sitemap: Sendable, Equatable {
        /// Page URLs (`<urlset><url><loc>`), normalized, in file order.
        public var pages: [String] = []
        /// Last modification of each page (`<lastmod>`), when given and parseable.
        public var lastModified: [String: Date] = [:]
        /// Child sitemaps (`<sitemapindex><sitemap><loc>`), normalized.
        public var sitemaps: [String] = []
    }

    /// Why a sitemap or feed gave nothing.
    public struct Malformed: Error, CustomStringConvertible, Sendable, Equatable {
        public var url: String
        public var expected: String
        public var description: String { "\(url): not a readable \(expected)" }
    }

    /// Reads a sitemap (XML `urlset` or `sitemapindex`, or the plain-text form with one URL a line).
    /// Broken XML is read as far as libxml2's recovery goes.
    /// - Throws: `Malformed` when the file holds neither form.
    public static func sitemap(_ bytes: [UInt8], url: String) throws(Malformed) -> Sitemap {
        var out = Sitemap()
        if let doc = try? HTMLDocument(xml: bytes, url: url), let root = doc.root,
           ["urlset", "sitemapindex"].contains(localName(root.name)) {
            let isIndex = localName(root.name) == "sitemapindex"
            let entries = (try? doc.select(xpath: "/*/*[local-name()='url' or local-name()='sitemap']")) ?? []
            for entry in entries.prefix(maxSitemapEntries) {
                var loc: String?
                var lastmod: String?
                for child in entry.elementChildren {
                    switch localName(child.name) {
                    case "loc": loc = child.textContent.trimmingCharacters(in: .whitespacesAndNewlines)
                    case "lastmod": lastmod = child.textContent.trimmingCharacters(in: .whitespacesAndNewlines)
                    default: break
                    }
                }
                guard let loc, let u = URLNormalizer.normalize(loc, base: url) else { continue }
                if isIndex {
                    out.sitemaps.append(u)
                } else {
                    out.pages.append(u)
                    if let lastmod, let d = DateParser.parseMachine(lastmod) { out.lastModified[u] = d.instant }
                }
            }
            return out
        }
        // The plain-text sitemap form: one absolute URL a line.
        let text = String(decoding: bytes.prefix(10_000_000), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline).prefix(maxSitemapEntries) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("http://") || t.hasPrefix("https://"), let u = URLNormalizer.normalize(t) { out.pages.append(u) }
        }
        if out.pages.isEmpty { throw Malformed(url: url, expected: "sitemap (XML urlset, sitemapindex or text)") }
        return out
    }

    /// Reads the item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed.
    /// - Throws: `Malformed` when the file is not a feed.
    public static func feed(_ bytes: [UInt8], url: String) throws(Malformed) -> [String] {
        guard let doc = try? HTMLDocument(xml: bytes, url: url), let root = doc.root,
              ["rss", "feed", "RDF", "channel"].contains(localName(root.name)) else {
            throw Malformed(url: url, expected: "feed (RSS or Atom)")
        }
        var links: [String] = []
        // RSS: <item><link>text</link>; Atom: <entry><link href> (alternate, or without rel).
        let rss = (try? doc.select(xpath: "//*[local-name()='item']/*[local-name()='link']")) ?? []
        for node in rss { links.append(node.textContent.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let atom = (try? doc.select(xpath: """
            //*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']
            """)) ?? []
        for node in atom { if let href = node.attribute("href") { links.append(href) } }
        if rss.isEmpty {
            for node in (try? doc.select(xpath: "//*[local-name()='item']")) ?? [] {
                if let about = node.attributes.first(where: { $0.name == "about" })?.value { links.append(about) }
            }
        }
        var seen = Set<String>()
        return links.compactMap { URLNormalizer.normalize($0, base: url) }.filter { seen.insert($0).inserted }
    }

    /// The `Sitemap:` lines of a robots.txt, resolved against its URL.
    public static func robotsSitemaps(_ robots: RobotsTxt, robotsURL: String) -> [String] {
        robots.sitemaps.compactMap { URLNormalizer.normalize($0, base: robotsURL) }
    }

    /// One URL found on an HTML page, with the route and frontier kind it enters the crawl by.
    public struct Found: Sendable, Equatable {
        public var url: String
        public var route: DiscoveryRoute
        public var kind: Frontier.Kind
        /// Link hops added: 0 for pagination (`rel=next`, `/page/N/`), so a long archive is not cut by depth.
        public var hops: Int

        /// A listing's next or numbered page (`rel=next`, `/page/N/`): the links that add no hop.
        public var isNumberedPage: Bool { kind == .page && route == .pagination && hops == 0 }
    }

    /// The URLs of an extracted page: feeds and sitemaps it announces, its next pages, its links (pagination
    /// routes on a listing page, link routes on a post), its translations (`hreflang` alternates; the
    /// frontier's scope and trap checks apply to them as to links: another host's are not followed) and the
    /// target of its meta refresh (route `redirect`).
    public static func links(of page: ExtractedPage) -> [Found] {
        links(feeds: page.feedLinks, sitemaps: page.sitemapLinks, nextPages: page.nextPageLinks, links: page.links,
              translations: page.translationLinks, refreshes: page.refreshLinks, pageURL: page.record.url,
              onListing: page.kind == .listing)
    }

    /// The URLs of a listing page read for its links alone (`Extractor.listingLinks`), as `links(of:)` finds
    /// them on a page extracted as a listing.
    public static func links(ofListing page: PageLinks) -> [Found] {
        links(feeds: page.feedLinks, sitemaps: page.sitemapLinks, nextPages: page.nextPageLinks, links: page.links,
              translations: page.translationLinks, refreshes: page.refreshLinks, pageURL: page.url, onListing: true)
    }

    private static func links(feeds: [String], sitemaps: [String], nextPages: [String], links: [String],
                              translations: [String], refreshes: [String], pageURL: String, onListing: Bool) -> [Found] {
        var out: [Found] = []
        out.reserveCapacity(links.count + feeds.count + sitemaps.count + nextPages.count + translations.count)
        for f in feeds { out.append(Found(url: f, route: .link, kind: .feed, hops: 1)) }
        for s in sitemaps { out.append(Found(url: s, route: .sitemap, kind: .sitemap, hops: 0)) }
        for n in nextPages { out.append(Found(url: n, route: .pagination, kind: .page, hops: 0)) }
        // The page's own alternate is no route to it.
        for t in translations where t != pageURL { out.append(Found(url: t, route: .translation, kind: .page, hops: 1)) }
        // A meta refresh is the page's redirect: no hop, as an HTTP redirect adds none.
        for r in refreshes where r != pageURL { out.append(Found(url: r, route: .redirect, kind: .page, hops: 0)) }
        for l in links {
            if isPaginationURL(l) {
                out.append(Found(url: l, route: .pagination, kind: .page, hops: 0))
            } else {
                out.append(Found(url: l, route: onListing ? .pagination : .link, kind: .page, hops: 1))
            }
        }
        return out
    }

    /// The links of an archived record (its body's `href`s and its related cards), for a post reused
    /// after a 304 whose page was not downloaded again.
    public static func links(of record: PageRecord) -> [String] {
        var out = record.related.map(\.url)
        let html = record.body.html.utf8
        let marker = Array("href=\"".utf8)
        var i = html.startIndex
        while let start = html[i...].firstRange(of: marker)?.upperBound {
            guard let end = html[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            out.append(String(decoding: html[start..<end], as: UTF8.self))
            i = end
        }
        var seen = Set<String>()
        return out.compactMap { URLNormalizer.normalize($0.replacingOccurrences(of: "&amp;", with: "&"), base: record.url) }
            .filter { seen.insert($0).inserted }
    }

    /// `/page/N/` paths and `?page=N` / `?paged=N` queries: the numbered pages of a listing.
    static func isPaginationURL(_ url: String) -> Bool {
        // Every form names "page": most links of a page are rejected without being parsed.
        guard mentionsPage(url), let u = CrawlURL(url) else { return false }
        let segments = u.path.split(separator: "/")
        if segments.count >= 2, segments[segments.count - 2] == "page",
           segments.last!.allSatisfy(\.isNumber) { return true }
        return u.query.contains { ($0.name == "page" || $0.name == "paged") && !$0.value.isEmpty && $0.value.allSatisfy(\.isNumber) }
    }

    /// Whether the UTF-8 bytes of `url` contain `page` (a plain loop: this runs on every link of every page).
    private static func mentionsPage(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { b in
            guard b.count >= 4 else { return false }
            for i in 0...(b.count - 4) where b[i] == UInt8(ascii: "p") {
                if b[i + 1] == UInt8(ascii: "a"), b[i + 2] == UInt8(ascii: "g"), b[i + 3] == UInt8(ascii: "e") { return true }
            }
            return false
        }
    }

    private static func localName(_ name: String) -> String {
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return name
    }
}
