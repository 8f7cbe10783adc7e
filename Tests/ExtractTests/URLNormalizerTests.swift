import Testing
@testable import Extract

struct URLCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    var base: String? = nil
    let normalized: String?
    var testDescription: String { name }
}

private let urlCases: [URLCase] = [
    .init(name: "lowercase scheme and host, path case kept", raw: "HTTPS://Example.COM/Path/Page", normalized: "https://example.com/Path/Page"),
    .init(name: "default http port dropped", raw: "http://ex.com:80/a", normalized: "http://ex.com/a"),
    .init(name: "default https port dropped", raw: "https://ex.com:443/a", normalized: "https://ex.com/a"),
    .init(name: "other port kept", raw: "https://ex.com:8443/a", normalized: "https://ex.com:8443/a"),
    .init(name: "fragment dropped", raw: "https://ex.com/a#comments", normalized: "https://ex.com/a"),
    .init(name: "empty path becomes /", raw: "https://ex.com", normalized: "https://ex.com/"),
    .init(name: "dot segments", raw: "https://ex.com/a/./b/../c/", normalized: "https://ex.com/a/c/"),
    .init(name: "dot segments above root", raw: "https://ex.com/../../a", normalized: "https://ex.com/a"),
    .init(name: "utm parameters removed, order kept", raw: "https://ex.com/p?b=2&utm_source=x&a=1&utm_medium=y", normalized: "https://ex.com/p?b=2&a=1"),
    .init(name: "click ids removed", raw: "https://ex.com/p?fbclid=1&gclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6&yclid=7&igshid=8&ref_src=9&dclid=0", normalized: "https://ex.com/p"),
    .init(name: "tracking key case-insensitive", raw: "https://ex.com/p?UTM_Campaign=x&id=3", normalized: "https://ex.com/p?id=3"),
    .init(name: "session ids kept by normalize", raw: "https://ex.com/p?sid=1&s=query", normalized: "https://ex.com/p?sid=1&s=query"),
    .init(name: "percent hex uppercased", raw: "https://ex.com/a%2fb?q=%e2%82%ac", normalized: "https://ex.com/a%2Fb?q=%E2%82%AC"),
    .init(name: "unreserved escapes decoded", raw: "https://ex.com/%7Euser/%41%2D%5F", normalized: "https://ex.com/~user/A-_"),
    .init(name: "spaces and non-ASCII escaped", raw: "https://ex.com/a b/ü", normalized: "https://ex.com/a%20b/%C3%BC"),
    .init(name: "stray percent escaped", raw: "https://ex.com/100%", normalized: "https://ex.com/100%25"),
    .init(name: "IDN host kept, lowercased", raw: "https://Bücher.Example/x", normalized: "https://bücher.example/x"),
    .init(name: "whitespace trimmed, newlines inside dropped", raw: "  https://ex.com/a\n/b \t", normalized: "https://ex.com/a/b"),
    .init(name: "relative path", raw: "../x?b=1", base: "https://ex.com/a/b/c", normalized: "https://ex.com/a/x?b=1"),
    .init(name: "absolute path", raw: "/about", base: "https://ex.com/blog/post", normalized: "https://ex.com/about"),
    .init(name: "scheme-relative", raw: "//cdn.ex.com/i.png", base: "https://ex.com/", normalized: "https://cdn.ex.com/i.png"),
    .init(name: "query-only reference", raw: "?page=2", base: "https://ex.com/blog/?page=1", normalized: "https://ex.com/blog/?page=2"),
    .init(name: "fragment-only reference is the base", raw: "#top", base: "https://ex.com/post?id=3#x", normalized: "https://ex.com/post?id=3"),
    .init(name: "empty reference is the base", raw: "", base: "https://ex.com/post", normalized: "https://ex.com/post"),
    .init(name: "relative segment", raw: "next-post/", base: "https://ex.com/2024/11/post/", normalized: "https://ex.com/2024/11/post/next-post/"),
    .init(name: "backslashes as slashes", raw: "https:\\\\ex.com\\a\\b", normalized: "https://ex.com/a/b"),
    .init(name: "empty query dropped", raw: "https://ex.com/p?", normalized: "https://ex.com/p"),
    .init(name: "query emptied by tracking removal", raw: "https://ex.com/p?utm_source=rss", normalized: "https://ex.com/p"),
    .init(name: "trailing dot in host", raw: "https://ex.com./p", normalized: "https://ex.com/p"),
    .init(name: "userinfo kept", raw: "https://user@ex.com/p", normalized: "https://user@ex.com/p"),
    .init(name: "IPv6 host", raw: "http://[::1]:8080/x", normalized: "http://[::1]:8080/x"),
    .init(name: "mailto", raw: "mailto:a@b.c", normalized: nil),
    .init(name: "javascript", raw: "javascript:void(0)", normalized: nil),
    .init(name: "data URL", raw: "data:image/png;base64,AAAA", normalized: nil),
    .init(name: "ftp", raw: "ftp://ex.com/file", normalized: nil),
    .init(name: "tel even with a base", raw: "tel:+123", base: "https://ex.com/", normalized: nil),
    .init(name: "relative without base", raw: "/about", normalized: nil),
    .init(name: "invalid port", raw: "https://ex.com:99999/", normalized: nil),
    .init(name: "no host", raw: "https:///path", normalized: nil),
]

@Test(arguments: urlCases)
func normalizesURLs(_ c: URLCase) {
    #expect(URLNormalizer.normalize(c.raw, base: c.base) == c.normalized)
}

@Test(arguments: [
    URLCase(name: "session parameters dropped", raw: "https://ex.com/p?id=1&PHPSESSID=abc&sid=2&sessionid=3&sessid=4&s=5&ASPSESSIONIDQQ=6&jsessionid=7", normalized: "https://ex.com/p?id=1"),
    URLCase(name: "jsessionid path parameter dropped", raw: "https://ex.com/a/b;jsessionid=0A1B?x=1", normalized: "https://ex.com/a/b?x=1"),
    URLCase(name: "other path parameters kept", raw: "https://ex.com/a;v=1/b", normalized: "https://ex.com/a;v=1/b"),
    URLCase(name: "tracking dropped too", raw: "https://ex.com/p?utm_source=a&page=2", normalized: "https://ex.com/p?page=2"),
])
func crawlKeys(_ c: URLCase) {
    #expect(URLNormalizer.crawlKey(c.raw, base: c.base) == c.normalized)
}

@Test func normalizationIsIdempotent() {
    for c in urlCases {
        guard let once = URLNormalizer.normalize(c.raw, base: c.base) else { continue }
        #expect(URLNormalizer.normalize(once) == once, "\(c.name)")
    }
}

/// `build`'s in-place path for the common forms (`buildPlain`) gives what the general path gives, for references
/// made of pieces near its edges (trimming, fragments, case, ports, dot segments, escapes, tracking and session
/// parameters, backslashes, non-ASCII), against bases with and without the reference's host.
@Test func plainPathEqualsGeneralPath() {
    let starts = ["/", "//", "http://", "https://", "HTTP://", "http:", "https:/", "http://EX.com", "http://ex.com",
                  "https://ex.com", "http://ex.com:80", "https://ex.com:443", "http://ex.com:8080", "http://u@ex.com",
                  "http://ex.com.", "http://[::1]:81", "http://ex.com:99999", "http://b\u{fc}cher.de", "http://",
                  "https://www.ex.com", "http://ex.com\\", "mailto:", "a", "", "?", "#", " /", "\u{a0}/"]
    let paths = ["", "a", "a/b/", "./a", "a/../b", "%2e/x", "a%2fb", "%7Euser", "a b", "\u{fc}", "100%", "a;jsessionid=1/b",
                 "a\\b", "a\tb", "a\nb", "%41", "a//b", ".", "/a", "/a/./b/", "/%2E%2E/x", "/a;jsessionid=1", "/A/B", "/",
                 "/a.b/c.html", "/.x/", "/a/.", "/a;b=1/c", "/~a-b_c", "/!$&'()*+,;=:@", "/a<b>\"^`{|}", "/a\u{7f}",
                 "/a%", "/%7e"]
    let tails = ["", "?", "?x=1", "?utm_source=a&p=2", "?sid=1&s=2", "?a=%e2%82%ac", "#f", "?q#f", "#f\t", " ", "\u{a0}",
                 "?a=1&&b", "?UTM_medium=x", "#"]
    let bases = ["http://ex.com/blog/post/", "https://ex.com/a?b=1", "http://EX.com:80/", "https://www.ex.com/",
                 "http://ex.com:99999/", "ftp://ex.com/", "nonsense"]
    for base in bases {
        let parsed = URLNormalizer.Base(base)
        for s in starts { for p in paths { for t in tails {
            let raw = s + p + t
            let general = URLNormalizer.buildResolving(Array(raw.utf8), base: parsed, dropSessions: false)
            #expect(URLNormalizer.normalize(raw, base: base) == general, "\(raw) against \(base)")
            #expect(URLNormalizer.normalize(raw, against: parsed) == general, "\(raw) against \(base)")
            #expect(URLNormalizer.crawlKey(raw, base: base)
                    == URLNormalizer.buildResolving(Array(raw.utf8), base: parsed, dropSessions: true), "\(raw) against \(base)")
        } } }
    }
}
