import Foundation
import Testing
@testable import Extract
import HTML

struct RulesErrorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let json: String
    let message: String
    var testDescription: String { name }
}

private let site = #""name":"s","match":{"hosts":["x.example"]}"#

private let errorCases: [RulesErrorCase] = [
    .init(name: "not JSON", json: "{", message: "rules.json: not valid JSON"),
    .init(name: "top level array", json: "[]", message: "rules.json: expected a JSON object at the top level"),
    .init(name: "unknown top key", json: #"{"sitez":[]}"#, message: "rules.json: sitez: unknown key"),
    .init(name: "wrong version", json: #"{"version":2}"#, message: "rules.json: version: unsupported version 2 (expected 1)"),
    .init(name: "placeholders not strings", json: #"{"placeholder_summaries":[1]}"#, message: "rules.json: placeholder_summaries[0]: expected a string"),
    .init(name: "site without name", json: #"{"sites":[{"match":{"hosts":["a"]}}]}"#, message: "rules.json: sites[0].name: required"),
    .init(name: "site without match", json: #"{"sites":[{"name":"a"}]}"#, message: "rules.json: sites[0].match: required"),
    .init(name: "empty match", json: #"{"sites":[{"name":"a","match":{}}]}"#, message: "rules.json: sites[0].match: needs at least one of hosts, generator, markup"),
    .init(name: "bad host", json: #"{"sites":[{"name":"a","match":{"hosts":["http://a/"]}}]}"#, message: "rules.json: sites[0].match.hosts[0]: expected a host name"),
    .init(name: "bad generator regex", json: #"{"sites":[{"name":"a","match":{"generator":"(["}}]}"#, message: "rules.json: sites[0].match.generator: invalid regular expression"),
    .init(name: "bad CSS in related item", json: "{\"sites\":[{\(site)},{\(site.replacingOccurrences(of: "\"s\"", with: "\"t\"")),\"related\":{\"item\":\"div[class\"}}]}",
          message: "rules.json: sites[1].related.item: invalid CSS selector at"),
    .init(name: "bad XPath body", json: "{\"sites\":[{\(site),\"body\":\"//div[\"}]}", message: "rules.json: sites[0].body: invalid XPath expression"),
    .init(name: "selector not a string", json: "{\"sites\":[{\(site),\"title\":3}]}", message: "rules.json: sites[0].title: expected a selector string"),
    .init(name: "remove not an array", json: "{\"sites\":[{\(site),\"remove\":\".x\"}]}", message: "rules.json: sites[0].remove: expected an array"),
    .init(name: "bad crawl regex", json: "{\"sites\":[{\(site),\"crawl\":{\"exclude\":[\"a\",\"(\"]}}]}", message: "rules.json: sites[0].crawl.exclude[1]: invalid regular expression"),
    .init(name: "static_page not an array", json: "{\"sites\":[{\(site),\"crawl\":{\"static_page\":\"body.page\"}}]}",
          message: "rules.json: sites[0].crawl.static_page: expected an array of selectors"),
    .init(name: "bad CSS in static_page", json: "{\"sites\":[{\(site),\"crawl\":{\"static_page\":[\"body.page\",\"body[class\"]}}]}",
          message: "rules.json: sites[0].crawl.static_page[1]: invalid CSS selector at"),
    .init(name: "unknown site key", json: "{\"sites\":[{\(site),\"bdy\":\"x\"}]}", message: "rules.json: sites[0].bdy: unknown key"),
    // Several unknown keys: the first in sorted order is named, whatever the dictionary's order (it was random).
    .init(name: "two unknown top keys", json: #"{"zzz":1,"aaa":2,"sites":[]}"#, message: "rules.json: aaa: unknown key"),
    .init(name: "unknown site keys", json: "{\"sites\":[{\(site),\"zz\":1,\"bdy\":\"x\",\"qq\":2}]}", message: "rules.json: sites[0].bdy: unknown key"),
    .init(name: "unknown match keys", json: #"{"sites":[{"name":"s","match":{"zz":1,"hosts":["x"],"ab":2}}]}"#, message: "rules.json: sites[0].match.ab: unknown key"),
    .init(name: "duplicate names", json: "{\"sites\":[{\(site)},{\(site)}]}", message: "rules.json: sites[1].name: duplicate site name"),
    .init(name: "related without item or container", json: "{\"sites\":[{\(site),\"related\":{\"title\":\"h3\"}}]}", message: "rules.json: sites[0].related: needs"),
]

@Suite struct RulesLoading {
    @Test(arguments: errorCases)
    func refusedWithPath(_ c: RulesErrorCase) {
        do {
            _ = try Rules.parse(Array(c.json.utf8), file: "rules.json")
            Issue.record("\(c.name): accepted")
        } catch {
            #expect(error.description.hasPrefix(c.message), "\(error.description)")
        }
    }

    @Test func repoRulesLoad() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules.json").path
        let rules = try Rules.load(path: path)
        #expect(rules.sites.map(\.name) == ["wordpress", "ghost", "hugo", "mkdocs-material-blog", "ablog", "blogger", "substack", "medium", "medium-export", "tumblr", "livejournal", "csdn", "cnblogs", "blosxom", "blazeblogger", "writefreely", "jekyll-chirpy", "jekyll-al-folio", "quarto", "blag", "coderedcms", "staticsite", "mkdocs-simple-blog"])
        #expect(rules.sha256.hasPrefix("sha256:") && rules.sha256.count == 71)
        #expect(rules.isPlaceholderSummary("  no post summary was provided. "))
    }

    /// The WordPress rule's URL shapes: the "Numeric" permalinks (`/archives/ID`, a listing segment by the
    /// generic classifier, so every post of such a blog was a listing) and plain permalinks (`/?p=ID`, a split
    /// post's `&page=2`, and the front, category, tag, author and month pages as `/?...`); paged comments.
    @Test func repoWordPressURLShapes() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules.json").path
        let crawl = try #require(Rules.load(path: path).sites.first { $0.name == "wordpress" }?.crawl)
        for post in ["/archives/123", "/archives/123/", "/archives/123/2", "/blog/archives/7/", "/?p=12", "/?p=12&page=2"] {
            #expect(crawl.postURL.matches(post), "\(post)")
        }
        for other in ["/archives/category/notes", "/archives/tag/x/", "/archives/date/2021/01", "/archives/author/ana",
                      "/?paged=2", "/?cat=3", "/?tag=python", "/?m=202101", "/?author=2", "/?cat=3&paged=2"] {
            #expect(!crawl.postURL.matches(other), "\(other)")
        }
        for listing in ["/?paged=2", "/?cat=3", "/?tag=python", "/?m=202101", "/?author=2", "/?cat=3&paged=2",
                        "/archives/category/notes", "/archives/tag/x/"] {
            #expect(crawl.listingURL.matches(listing), "\(listing)")
        }
        #expect(!crawl.listingURL.matches("/?p=12"))
        // A plain-permalink static page ("About") is read for its links; one that prints `body_class()` is also
        // a listing by `static_page`, whatever its URL.
        #expect(crawl.listingURL.matches("/?page_id=2") && !crawl.postURL.matches("/?page_id=2"))
        #expect(!crawl.staticPage.isEmpty)
        // A post's comment pages (paged comments) are the post again, with other comments: not fetched.
        for twin in ["/2021/01/post/comment-page-2/", "/post/comment-page-1", "/archives/12/comment-page-3/", "/?p=12&cpage=2"] {
            #expect(crawl.exclude.matches(twin), "\(twin)")
        }
        #expect(!crawl.exclude.matches("/2021/01/comment-page-design/"))
        // A plain-permalink attachment page (an image and its title) is not a post.
        #expect(crawl.exclude.matches("/?attachment_id=15"))
    }

    /// Placeholders compare after normalization and lowercasing; the length bound counts the key's scalars, which
    /// lowercasing can add to ("İ" is one scalar, its lowercase "i̇" two).
    @Test func placeholderSummaries() throws {
        let json = #"{"placeholder_summaries":["No excerpt.","İstanbul"],"sites":[]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let cases: [(String, Bool)] = [
            ("No excerpt.", true), ("  NO   EXCERPT. ", true), ("no excerpt", false), ("No excerpt. More", false),
            ("İSTANBUL", true), ("i̇stanbul", true), ("Istanbul", false), ("", false),
            (String(repeating: "No excerpt. ", count: 20), false),
        ]
        for (summary, expected) in cases { #expect(rules.isPlaceholderSummary(summary) == expected, "\(summary)") }
        #expect(!Rules.empty.isPlaceholderSummary("No excerpt."))
    }

    @Test func siteMatching() throws {
        let json = #"{"sites":[{"name":"gen","match":{"generator":"^WordPress"}},{"name":"host","match":{"hosts":["example.com"]}},{"name":"mk","match":{"markup":["body.blogger"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let wp = try HTMLDocumentFixture.make("<html><head><meta name=\"generator\" content=\"WordPress 6.5\"></head><body></body></html>")
        #expect(rules.site(for: "https://www.example.com/x", document: wp)?.name == "host")
        #expect(rules.site(for: "https://other.example/x", document: wp)?.name == "gen")
        let mk = try HTMLDocumentFixture.make("<html><body class=\"blogger x\"></body></html>")
        #expect(rules.site(for: "https://other.example/x", document: mk)?.name == "mk")
        #expect(rules.site(for: "https://notexample.com/x", document: nil) == nil)
    }

    /// Rules are tried in order, each by its generator and then its markup: an earlier rule's markup beats a later
    /// rule's generator, and a rule's generator beats a later rule's markup, whichever the page shows first.
    @Test(arguments: [
        ("later rule's generator, earlier rule's markup", "<meta name=\"generator\" content=\"Hugo 0.1\"><link href=\"/x/ab.css\">", "ab"),
        ("generator of the first rule", "<meta name=\"generator\" content=\"WordPress 6\"><div class=\"gh\"></div>", "wp"),
        ("generator after a later rule's markup", "<div class=\"gh\"></div><meta name=\"Generator\" content=\"Hugo\">", "hugo"),
        ("no generator, the first markup in rule order", "<div class=\"gh\"></div><link href=\"/x/ab.css\">", "ab"),
        ("unknown generator", "<meta name=\"generator\" content=\"Jekyll\"><div class=\"gh\"></div>", "gh"),
        ("an XPath-only fingerprint before a generator", "<meta name=\"generator\" content=\"Hugo\"><p class=\"x\">a</p><p class=\"x\">b</p>", "nth"),
    ])
    func siteRulesInOrder(_ name: String, _ body: String, _ site: String) throws {
        let json = #"{"sites":[{"name":"wp","match":{"generator":"^WordPress"}},{"name":"ab","match":{"markup":["link[href*='/ab.css']"]}},"#
            + #"{"name":"nth","match":{"markup":["p.x:nth-of-type(2):last-of-type"]}},{"name":"hugo","match":{"generator":"^Hugo"}},"#
            + #"{"name":"gh","match":{"markup":["div.gh"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let doc = try HTMLDocumentFixture.make("<html><body>\(body)</body></html>")
        #expect(rules.site(for: "https://other.example/x", document: doc)?.name == site, "\(name)")
    }

    /// The walk for fingerprints ends at the first rule's first match: a later rule's markup earlier on the page does
    /// not win, and without the first rule's markup the later rule is still found.
    @Test(arguments: [
        ("the first rule's markup after a later rule's", "<p class=\"second\"></p><div class=\"first\"></div>", "first"),
        ("the first rule's markup first", "<div class=\"first\"></div><p class=\"second\"></p>", "first"),
        ("its second fingerprint", "<p class=\"second\"></p><span class=\"first\"></span>", "first"),
        ("only the later rule's markup", "<p class=\"second\"></p><div class=\"third\"></div>", "second"),
    ])
    func firstRuleEndsTheWalk(_ name: String, _ body: String, _ site: String) throws {
        let json = #"{"sites":[{"name":"first","match":{"markup":["div.first","span.first"]}},"#
            + #"{"name":"second","match":{"markup":["p.second"]}},{"name":"third","match":{"markup":["div.third"]}}]}"#
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let doc = try HTMLDocumentFixture.make("<html><body>\(body)</body></html>")
        #expect(rules.site(for: "https://other.example/x", document: doc)?.name == site, "\(name)")
    }

    /// The fingerprints `site(for:document:)` walks are worked out when the rules are made and again when `sites`
    /// changes: a rule added afterwards is found by its markup, and a removed one no longer is.
    @Test func fingerprintsFollowChangedSites() throws {
        let json = #"{"sites":[{"name":"mk","match":{"markup":["body.blogger"]}}]}"#
        var rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let mk = try HTMLDocumentFixture.make("<html><body class=\"blogger x\"><div id=\"ghost\"></div></body></html>")
        #expect(rules.site(for: "https://other.example/x", document: mk)?.name == "mk")
        let more = try Rules.parse(Array(#"{"sites":[{"name":"gh","match":{"markup":["div#ghost"]}}]}"#.utf8), file: "more.json")
        rules.sites = more.sites + rules.sites
        #expect(rules.site(for: "https://other.example/x", document: mk)?.name == "gh")
        rules.sites = []
        #expect(rules.site(for: "https://other.example/x", document: mk) == nil)
    }

    /// The fingerprint walk's groups are made with the rules (FINDINGS 94): group `k` holds the walked fingerprints
    /// of the first `k` rules in order, with the first-byte table a group made per page had, for the repo's rules.
    @Test func fingerprintGroupsAreTheWalkedPrefixes() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules.json").path
        let f = try Rules.load(path: path).fingerprints
        #expect(f.groups.count == f.walked.count + 1)
        for k in f.groups.indices {
            let flat = f.walked[..<k].flatMap { $0 }
            #expect(f.groups[k].selectors == flat, "\(k)")
            #expect(f.groups[k].selectors.map(\.xpath) == SelectorGroup(flat).selectors.map(\.xpath), "\(k)")
        }
    }

    /// Blogger keeps its static pages at `/p/NAME.html`, its posts at `/YYYY/MM/NAME.html`; Ghost marks pages.
    @Test func repoStaticPagesOfBloggerAndGhost() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules.json").path
        let rules = try Rules.load(path: path)
        let blogger = try #require(rules.sites.first { $0.name == "blogger" }?.crawl)
        #expect(blogger.kind(ofPath: "/p/about.html") == .listing)
        #expect(blogger.kind(ofPath: "/2024/05/about-my-garden.html") == .post)
        #expect(rules.sites.first { $0.name == "ghost" }?.crawl?.staticPage.map(\.source) == ["body.page-template"])
    }

    @Test func crawlPatterns() throws {
        let json = "{\"sites\":[{\(site),\"crawl\":{\"post_url\":[\"/\\\\d{4}/\\\\d{2}/\"],\"exclude\":[\"/wp-admin/\"]}}]}"
        let rules = try Rules.parse(Array(json.utf8), file: "rules.json")
        let crawl = try #require(rules.sites.first?.crawl)
        #expect(crawl.postURL.matches("/blog/2024/05/post/"))
        #expect(!crawl.postURL.matches("/blog/about/"))
        #expect(crawl.exclude.matches("/wp-admin/edit.php"))
        #expect(crawl.include.isEmpty)
    }
}

import HTML
enum HTMLDocumentFixture {
    static func make(_ html: String) throws -> HTMLDocument { try HTMLDocument(bytes: Array(html.utf8), url: nil, encoding: "utf-8") }
}

/// `RulesHost.host(of:)` reads ASCII URLs by bytes: the same hosts as its reading through Foundation's search and
/// `Character`s, which it keeps for other URLs.
@Test func asciiHostsAreTheCharacterReadings() {
    func characters(_ url: String) -> String? {
        guard let r = url.range(of: "://") else { return nil }
        var rest = url[r.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") { rest = rest[..<colon] }
        return rest.lowercased()
    }
    for url in ["https://example.com/a", "HTTP://Example.COM", "https://u:p@Host.example:8080/x?y#z", "https://[::1]:8080/",
                "https://[::1]/", "a://b://c", "mailto:x@y", "x:/y://z", "no scheme", "", ":", "::://", "://", "https://",
                "https://h?q=a://b", "https://h#f", "https://a@b@c:1/", "https://h:\r\n/", "https://\r\nh/",
                "https://ex\u{E4}mple.com/", "h\u{301}://x", "https:/\u{301}/x", "https://h\u{301}:1/"] {
        #expect(RulesHost.host(of: url) == characters(url), "\(url.debugDescription)")
    }
}
