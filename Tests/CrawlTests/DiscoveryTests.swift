import Crawl
import Testing

/// Sitemaps and feeds as found in the wild, broken ones included.
@Suite struct DiscoveryTests {
    struct SitemapCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var pages: [String]
        var sitemaps: [String] = []
        var testDescription: String { name }
    }

    @Test(arguments: [
        SitemapCase(name: "urlset", text: """
            <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>http://b.test/a/</loc><lastmod>2024-11-02</lastmod></url><url><loc> /b/ </loc></url></urlset>
            """, pages: ["http://b.test/a/", "http://b.test/b/"]),
        SitemapCase(name: "sitemap index", text: """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://b.test/s1.xml</loc>
            <lastmod>2024-11-02T10:00:00Z</lastmod></sitemap></sitemapindex>
            """, pages: [], sitemaps: ["http://b.test/s1.xml"]),
        SitemapCase(name: "prefixed namespace", text: """
            <sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>http://b.test/a/</sm:loc></sm:url></sm:urlset>
            """, pages: ["http://b.test/a/"]),
        SitemapCase(name: "truncated", text: "<urlset><url><loc>http://b.test/a/</loc></url><url><loc>http://b.te",
                    pages: ["http://b.test/a/"]),
        SitemapCase(name: "plain text", text: "http://b.test/a/\nhttp://b.test/b/\n", pages: ["http://b.test/a/", "http://b.test/b/"]),
    ])
    func sitemap(_ c: SitemapCase) throws {
        let s = try Discovery.sitemap(Array(c.text.utf8), url: "http://b.test/sitemap.xml")
        #expect(s.pages.prefix(c.pages.count).elementsEqual(c.pages))
        #expect(s.sitemaps == c.sitemaps)
    }

    @Test func garbageSitemapIsMalformed() {
        #expect(throws: Discovery.Malformed.self) {
            try Discovery.sitemap(Array("<html><body>Not found</body></html>".utf8), url: "http://b.test/sitemap.xml")
        }
        #expect(throws: Discovery.Malformed.self) { try Discovery.sitemap([0, 1, 2, 255], url: "http://b.test/sitemap.xml") }
    }

    @Test func rssAndAtomItemLinks() throws {
        let rss = "<rss><channel><item><link>http://b.test/1/</link></item><item><link>/2/</link></item></channel></rss>"
        #expect(try Discovery.feed(Array(rss.utf8), url: "http://b.test/feed/") == ["http://b.test/1/", "http://b.test/2/"])
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="http://b.test/3/"/>
            <link rel="replies" href="http://b.test/3/#c"/></entry><entry><link href="/4/"/></entry></feed>
            """
        #expect(try Discovery.feed(Array(atom.utf8), url: "http://b.test/atom.xml") == ["http://b.test/3/", "http://b.test/4/"])
        #expect(throws: Discovery.Malformed.self) { try Discovery.feed(Array("<html></html>".utf8), url: "http://b.test/feed/") }
    }
}
