import Testing
@testable import Extract

/// `PageClassifier.isSameSite`: whether a link stays on the page's site (its host, or the `www.` twin).
@Suite struct SameSiteTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, href: String, siteHost: String?, same: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        Row(name: "relative path", href: "/2024/11/post/", siteHost: "b.test", same: true),
        Row(name: "relative without a host known", href: "post/", siteHost: nil, same: true),
        Row(name: "absolute on the host", href: "https://b.test/post/", siteHost: "b.test", same: true),
        Row(name: "www twin", href: "http://www.b.test/post/", siteHost: "b.test", same: true),
        Row(name: "site is the www twin", href: "http://b.test/post/", siteHost: "www.b.test", same: true),
        Row(name: "other host", href: "https://elsewhere.test/post/", siteHost: "b.test", same: false),
        Row(name: "absolute without a host known", href: "https://b.test/post/", siteHost: nil, same: false),
        Row(name: "scheme-relative on the host", href: "//b.test/post/", siteHost: "b.test", same: true),
        Row(name: "scheme-relative elsewhere", href: "//cdn.test/post/", siteHost: "b.test", same: false),
        Row(name: "padded with spaces", href: "  https://elsewhere.test/  ", siteHost: "b.test", same: false),
        Row(name: "mailto", href: "mailto:a@b.test", siteHost: "b.test", same: false),
        Row(name: "javascript", href: "javascript:void(0)", siteHost: "b.test", same: false),
        Row(name: "colon after a slash", href: "/a:b/", siteHost: "b.test", same: true),
    ])
    func sameSite(_ row: Row) {
        #expect(PageClassifier.isSameSite(row.href, siteHost: row.siteHost) == row.same)
    }
}
