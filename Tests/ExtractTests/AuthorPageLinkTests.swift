import Testing
@testable import Extract

/// `AuthorFinder.leadsToAuthorPage` reads an ASCII `href` lowered on the stack and any other as a lowered `String`:
/// each row's answer is the one expected, and the lowered string's (`authorPathSet.matches(href.fastLowercased)`).
@Suite struct AuthorPageLinkTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, href: String, expected: Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "author page", href: "/blog/author/noor-haddad/", expected: true),
        Row(name: "absolute URL", href: "https://example.com/authors/ann", expected: true),
        Row(name: "capitals lowered", href: "/Blog/AUTHOR/Ann/", expected: true),
        Row(name: "profile", href: "/profile/ann", expected: true),
        Row(name: "staff and writers", href: "/Staff/x /writers/y", expected: true),
        Row(name: "post", href: "/blog/2019/05/15/how-i-organised-the-workshop/", expected: false),
        Row(name: "segment without slashes", href: "/blog/authorship", expected: false),
        Row(name: "empty", href: "", expected: false),
        Row(name: "shorter than any path", href: "/a/", expected: false),
        Row(name: "non-ASCII href", href: "/blog/auteur/zoë/author/x", expected: true),
        Row(name: "non-ASCII without a path", href: "/blog/zoë-ångström/", expected: false),
        Row(name: "non-ASCII href with capitals", href: "/PEOPLE/zoë", expected: true),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedAnswer(_ row: Row) {
        #expect(AuthorFinder.leadsToAuthorPage(row.href) == row.expected)
        #expect(AuthorFinder.authorPathSet.matches(row.href.fastLowercased) == row.expected)
    }
}
