import Testing
@testable import Crawl

/// One robots.txt question: given this file, may `agent` fetch `path`?
struct RobotsCase: Sendable, CustomTestStringConvertible {
    var name: String
    var robots: String
    var agent: String = "lookback/0.1.0 (+https://github.com/lookback-archiver/lookback)"
    var path: String
    var allowed: Bool
    var testDescription: String { name }
}

private let rfcExample = """
    User-Agent: *
    Disallow: *.gif$
    Disallow: /example/
    Allow: /publications/

    User-Agent: foobot
    Disallow:/
    Allow:/example/page.html
    Allow:/example/allowed.gif

    User-Agent: barbot
    User-Agent: bazbot
    Disallow: /example/page.html

    User-Agent: quxbot
    """

@Suite struct RobotsTxtTests {
    @Test(arguments: [
        // RFC 9309 §5.1 example file
        RobotsCase(name: "rfc: * group disallows gif by $ pattern", robots: rfcExample, path: "/images/a.gif", allowed: false),
        RobotsCase(name: "rfc: $ anchor lets .gif?x through", robots: rfcExample, path: "/images/a.gif?x=1", allowed: true),
        RobotsCase(name: "rfc: * group disallows /example/", robots: rfcExample, path: "/example/x", allowed: false),
        RobotsCase(name: "rfc: * group allows other paths", robots: rfcExample, path: "/publications/1", allowed: true),
        RobotsCase(name: "rfc: foobot disallowed everywhere", robots: rfcExample, agent: "FooBot/1.0", path: "/a", allowed: false),
        RobotsCase(name: "rfc: foobot longer allow wins", robots: rfcExample, agent: "foobot", path: "/example/page.html", allowed: true),
        RobotsCase(name: "rfc: foobot own group ignores * gif rule", robots: rfcExample, agent: "foobot", path: "/example/allowed.gif", allowed: true),
        RobotsCase(name: "rfc: bazbot shares barbot's group", robots: rfcExample, agent: "bazbot", path: "/example/page.html", allowed: false),
        RobotsCase(name: "rfc: bazbot not bound by * rules", robots: rfcExample, agent: "bazbot", path: "/example/other", allowed: true),
        RobotsCase(name: "rfc: quxbot empty group allows all", robots: rfcExample, agent: "quxbot", path: "/example/x.gif", allowed: true),
        // Precedence
        RobotsCase(name: "longest match wins over order", robots: "User-agent: *\nAllow: /p\nDisallow: /p/private", path: "/p/private/1", allowed: false),
        RobotsCase(name: "allow wins an equal-length tie", robots: "User-agent: *\nDisallow: /page\nAllow: /page", path: "/page", allowed: true),
        RobotsCase(name: "wildcard counts in length", robots: "User-agent: *\nDisallow: /*.php\nAllow: /x", path: "/x.php", allowed: false),
        RobotsCase(name: "no matching rule allows", robots: "User-agent: *\nDisallow: /admin", path: "/blog", allowed: true),
        RobotsCase(name: "empty disallow allows all", robots: "User-agent: *\nDisallow:", path: "/anything", allowed: true),
        RobotsCase(name: "rules are prefixes", robots: "User-agent: *\nDisallow: /fish", path: "/fish.html", allowed: false),
        RobotsCase(name: "paths are case-sensitive", robots: "User-agent: *\nDisallow: /fish", path: "/Fish", allowed: true),
        RobotsCase(name: "$ alone matches only the root", robots: "User-agent: *\nDisallow: /$", path: "/", allowed: false),
        RobotsCase(name: "$ root pattern leaves pages", robots: "User-agent: *\nDisallow: /$", path: "/post", allowed: true),
        RobotsCase(name: "middle star", robots: "User-agent: *\nDisallow: /*/private/*.html$", path: "/a/b/private/c.html", allowed: false),
        RobotsCase(name: "query pattern", robots: "User-agent: *\nDisallow: /*?replytocom=", path: "/post/?replytocom=5", allowed: false),
        // Groups and user agents
        RobotsCase(name: "our product token chosen over *", robots: "User-agent: *\nDisallow: /\n\nUser-agent: lookback\nAllow: /", path: "/a", allowed: true),
        RobotsCase(name: "token match is case-insensitive", robots: "User-agent: LookBack\nDisallow: /x", path: "/x", allowed: false),
        RobotsCase(name: "duplicate groups are merged", robots: "User-agent: lookback\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: lookback\nDisallow: /b", path: "/b/1", allowed: false),
        RobotsCase(name: "other bots' groups ignored", robots: "User-agent: googlebot\nDisallow: /", path: "/a", allowed: true),
        RobotsCase(name: "agent line with version", robots: "User-agent: lookback/2.0\nDisallow: /v", path: "/v", allowed: false),
        RobotsCase(name: "rules before any user-agent ignored", robots: "Disallow: /\nUser-agent: *\nDisallow: /x", path: "/a", allowed: true),
        // Encoding and garbage
        RobotsCase(name: "percent-encoded unreserved decoded", robots: "User-agent: *\nDisallow: /%7Ejoe", path: "/~joe/index", allowed: false),
        RobotsCase(name: "UTF-8 pattern matches encoded path", robots: "User-agent: *\nDisallow: /café", path: "/caf%C3%A9/1", allowed: false),
        RobotsCase(name: "lowercase escapes compare equal", robots: "User-agent: *\nDisallow: /a%2fb", path: "/a%2Fb", allowed: false),
        RobotsCase(name: "encoded slash is not a slash", robots: "User-agent: *\nDisallow: /a/b", path: "/a%2Fb", allowed: true),
        RobotsCase(name: "BOM, CRLF and comments", robots: "\u{FEFF}# hi\r\nUser-agent: * # all\r\nDisallow: /x # no\r\n", path: "/x", allowed: false),
        RobotsCase(name: "bare CR line ends", robots: "User-agent: *\rDisallow: /x\r", path: "/x/y", allowed: false),
        RobotsCase(name: "garbage lines ignored", robots: "<html>oops</html>\nUser-agent: *\nfoo bar\nDisallow: /x\n\u{0}\u{1}", path: "/x", allowed: false),
        RobotsCase(name: "HTML page served as robots allows", robots: "<!doctype html><html><body>Not found</body></html>", path: "/x", allowed: true),
        RobotsCase(name: "robots.txt always allowed", robots: "User-agent: *\nDisallow: /", path: "/robots.txt", allowed: true),
        RobotsCase(name: "empty path means root", robots: "User-agent: *\nDisallow: /$", path: "", allowed: false),
    ])
    func isAllowed(_ c: RobotsCase) {
        #expect(RobotsTxt(parsing: c.robots).isAllowed(c.path, userAgent: c.agent) == c.allowed)
    }

    @Test func crawlDelayAndSitemaps() {
        let robots = RobotsTxt(parsing: """
            Sitemap: https://example.com/sitemap.xml
            User-agent: *
            Crawl-delay: 2.5
            Disallow: /x
            User-agent: lookback
            Crawl-delay: 7
            sitemap: /relative-map.xml
            User-agent: badbot
            Crawl-delay: soon
            """)
        #expect(robots.crawlDelay(userAgent: "lookback/0.1") == 7)
        #expect(robots.crawlDelay(userAgent: "other") == 2.5)
        #expect(robots.crawlDelay(userAgent: "badbot") == nil)
        #expect(robots.sitemaps == ["https://example.com/sitemap.xml", "/relative-map.xml"])
        #expect(robots.groupCount == 3)
    }

    @Test(arguments: [(200, "/x", false), (404, "/x", true), (410, "/", true), (429, "/", false), (500, "/", false), (503, "/a", false)])
    func answerStatus(status: Int, path: String, allowed: Bool) {
        let robots = RobotsTxt(status: status, body: Array("User-agent: *\nDisallow: /x".utf8))
        #expect(robots.isAllowed(path, userAgent: "lookback") == allowed)
    }

    @Test func unreachableDisallowsAll() {
        #expect(!RobotsTxt(status: nil, body: []).isAllowed("/", userAgent: "lookback"))
        #expect(!RobotsTxt.disallowAll.isAllowed("/a", userAgent: "lookback"))
        #expect(RobotsTxt.allowAll.isAllowed("/a", userAgent: "lookback"))
    }

    @Test func hugeFileIsReadOnlyUpToTheLimit() {
        let filler = String(repeating: "# padding line\n", count: RobotsTxt.maxParsedBytes / 15 + 10)
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /a\n" + filler + "Disallow: /b\n")
        #expect(!robots.isAllowed("/a", userAgent: "lookback"))
        #expect(robots.isAllowed("/b", userAgent: "lookback"))
    }
}
