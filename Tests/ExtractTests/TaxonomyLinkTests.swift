import Testing
@testable import Extract

/// `TagFinder.linksToTaxonomy` reads an ASCII `href` by bytes and any other as a `String`: each row's answer is the
/// one expected, and the `String` reading's (`taxonomyURLByCharacters`).
@Suite struct TaxonomyLinkTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, href: String?, taxonomy: Bool?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "tag page", href: "/tag/swift/", taxonomy: true),
        Row(name: "capitals lowered", href: "https://x.example/TAG/Swift/", taxonomy: true),
        Row(name: "tags index anchor", href: "/Tags.html#go", taxonomy: true),
        Row(name: "plain permalink query", href: "/?tag=winter", taxonomy: true),
        Row(name: "keyword page", href: "/keyword/%EC%97%AC", taxonomy: true),
        Row(name: "post", href: "/2024/11/09/a-post/", taxonomy: false),
        Row(name: "affiliate tag query", href: "/dp/B0?tag=shop-21", taxonomy: false),
        Row(name: "empty href", href: "", taxonomy: false),
        Row(name: "no href", href: nil, taxonomy: nil),
        Row(name: "at the length bound", href: "/tag/" + String(repeating: "a", count: TagFinder.maxTaxonomyURLBytes - 5),
            taxonomy: true),
        Row(name: "past the length bound", href: "/tag/" + String(repeating: "a", count: TagFinder.maxTaxonomyURLBytes - 4),
            taxonomy: false),
        Row(name: "non-ASCII path", href: "/café/tag/x", taxonomy: true),
        Row(name: "Kelvin sign lowers to k", href: "/\u{212A}eyword/x", taxonomy: true),
        Row(name: "non-ASCII post", href: "/café/", taxonomy: false),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedAnswer(_ row: Row) throws {
        let attr = row.href.map { " href=\"\($0)\"" } ?? ""
        let doc = try HTMLDocumentFixture.make("<html><body><a id=l\(attr)>x</a>")
        let a = try #require(try doc.select(css: "#l").first)
        #expect(TagFinder.linksToTaxonomy(a) == row.taxonomy)
        #expect(row.href.map(TagFinder.taxonomyURLByCharacters) == row.taxonomy)
    }
}
