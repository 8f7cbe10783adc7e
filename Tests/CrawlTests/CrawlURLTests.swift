@testable import Crawl
import Testing

/// Table tests of how `CrawlURL` splits a URL (parsed on its bytes) and reads the path's extension.
@Suite struct CrawlURLTests {
    struct ParseCase: CustomTestStringConvertible, Sendable {
        var name: String
        var url: String
        /// `scheme authority path`, then each query pair as `name=value`; nil when the URL is refused.
        var parts: [String]?
        var testDescription: String { name }
    }

    @Test(arguments: [
        ParseCase(name: "plain", url: "http://b.test/p/", parts: ["http", "b.test", "/p/"]),
        ParseCase(name: "no path", url: "https://b.test", parts: ["https", "b.test", "/"]),
        ParseCase(name: "scheme in any case", url: "hTtPs://b.test/p/", parts: ["https", "b.test", "/p/"]),
        ParseCase(name: "user info, default port and case dropped, fragment cut",
                  url: "HTTP://User:pw@WWW.B.test:80/A/b.JPG?x=1&&y&sid=2#f",
                  parts: ["http", "www.b.test", "/A/b.JPG", "x=1", "y=", "sid=2"]),
        ParseCase(name: "https default port dropped", url: "https://b.test:443", parts: ["https", "b.test", "/"]),
        ParseCase(name: "other port kept", url: "https://b.test:80/p", parts: ["https", "b.test:80", "/p"]),
        ParseCase(name: "query right after the host", url: "http://b.test?q", parts: ["http", "b.test", "/", "q="]),
        ParseCase(name: "question mark in the fragment", url: "http://b.test/p#a?b", parts: ["http", "b.test", "/p"]),
        ParseCase(name: "non-ASCII host lowercased", url: "http://BÜ.test/é", parts: ["http", "bü.test", "/é"]),
        ParseCase(name: "other scheme", url: "ftp://b.test/", parts: nil),
        ParseCase(name: "scheme with more letters", url: "httpx://b.test/", parts: nil),
        ParseCase(name: "mailto", url: "mailto:a@b.test", parts: nil),
        ParseCase(name: "one slash", url: "http:/b.test/", parts: nil),
        ParseCase(name: "no host", url: "http://", parts: nil),
        ParseCase(name: "fragment for a host", url: "http://#x", parts: nil),
        ParseCase(name: "user info alone", url: "http://a@/p", parts: nil),
        ParseCase(name: "colon inside the fragment only", url: "b.test/#http://", parts: nil),
    ])
    func parse(_ c: ParseCase) {
        let parts = CrawlURL(c.url).map { [$0.scheme, $0.authority, $0.path] + $0.query.map { "\($0.name)=\($0.value)" } }
        #expect(parts == c.parts)
    }

    struct ExtensionCase: CustomTestStringConvertible, Sendable {
        var name: String
        var url: String
        var ext: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        ExtensionCase(name: "lowercased", url: "http://b.test/a/b.JPG", ext: "jpg"),
        ExtensionCase(name: "last dot", url: "http://b.test/a.tar.gz", ext: "gz"),
        ExtensionCase(name: "dot in an earlier segment", url: "http://b.test/v1.2/post/", ext: nil),
        ExtensionCase(name: "trailing dot", url: "http://b.test/a/b.", ext: nil),
        ExtensionCase(name: "dot file", url: "http://b.test/.htaccess", ext: nil),
        ExtensionCase(name: "eight characters", url: "http://b.test/a.12345678", ext: "12345678"),
        ExtensionCase(name: "nine characters", url: "http://b.test/a.123456789", ext: nil),
        ExtensionCase(name: "query not read", url: "http://b.test/feed?x=a.xml", ext: nil),
        ExtensionCase(name: "non-ASCII name", url: "http://b.test/café.PNG", ext: "png"),
        ExtensionCase(name: "non-ASCII extension of eight characters", url: "http://b.test/a.éééééééé", ext: "éééééééé"),
        ExtensionCase(name: "combining mark after a slash", url: "http://b.test/x/\u{301}.jpg", ext: "jpg"),
    ])
    func pathExtension(_ c: ExtensionCase) throws {
        #expect(try #require(CrawlURL(c.url)).pathExtension == c.ext)
    }
}
