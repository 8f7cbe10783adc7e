import Testing
@testable import Extract

/// `RelatedFinder.classMask` reads an ASCII `class` lowered on the stack (`NeedleSet.mask(asciiLowering:)`) and any
/// other as a lowered `String`: each row's mask of the card-part hints is the one expected, and the `String`
/// reading's.
@Suite struct ClassMaskTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, cls: String?, mask: UInt32
        var testDescription: String { name }
    }

    /// Bit 0: a meta hint (`RelatedFinder.metaHints`), bit 1: a summary hint.
    static let rows: [Row] = [
        Row(name: "summary", cls: "card__excerpt", mask: 2),
        Row(name: "capitals lowered", cls: "Card-SUMMARY", mask: 2),
        Row(name: "meta", cls: "post-meta small", mask: 1),
        Row(name: "meta and summary", cls: "entry-date teaser", mask: 3),
        Row(name: "neither", cls: "card__title", mask: 0),
        Row(name: "empty class", cls: "", mask: 0),
        Row(name: "no class", cls: nil, mask: 0),
        Row(name: "shorter than any hint", cls: "x", mask: 0),
        Row(name: "non-ASCII class", cls: "résumé-teaser", mask: 2),
        Row(name: "Kelvin sign lowers to k", cls: "blur\u{212A}", mask: 0),
        Row(name: "Kelvin sign beside a hint", cls: "\u{212A}-DATE", mask: 1),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedMask(_ row: Row) throws {
        let attr = row.cls.map { " class=\"\($0)\"" } ?? ""
        let doc = try HTMLDocumentFixture.make("<html><body><div id=c\(attr)>x</div>")
        let n = try #require(try doc.select(css: "#c").first)
        #expect(RelatedFinder.classMask(n, RelatedFinder.cardPartHints) == row.mask)
        #expect(RelatedFinder.cardPartHints.mask((row.cls ?? "").fastLowercased) == row.mask)
        let bytes = Array((row.cls ?? "").utf8)
        let byBytes = bytes.withUnsafeBufferPointer { RelatedFinder.cardPartHints.mask(asciiLowering: $0) }
        #expect(byBytes == (bytes.allSatisfy { $0 < 0x80 } ? row.mask : nil))
    }
}
