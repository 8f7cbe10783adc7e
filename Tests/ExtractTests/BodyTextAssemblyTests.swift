import Testing
@testable import Extract
import HTML

/// `body.text` is written as one UTF-8 buffer: each paragraph normalized into it (`appendNormalized`) after a blank
/// line, an empty one dropped with its separator. The text and paragraphs must be what a String a paragraph, joined,
/// gave.
@Suite struct BodyTextAssemblyTests {
    /// Bytes after text already in the buffer: the same as `normalize(utf8:)`, for runs of whitespace, zero-width
    /// characters alone (nothing appended), a decomposed accent (NFC), and bytes that are not UTF-8 (repaired).
    static let appendRows: [(name: String, bytes: [UInt8])] = [
        ("ASCII words and spaces", Array("  two   words \n".utf8)),
        ("whitespace alone", Array(" \t\n ".utf8)),
        ("zero-width characters alone", Array("\u{200B}\u{FEFF}".utf8)),
        ("a decomposed accent", Array("cafe\u{301} au lait".utf8)),
        ("curly quotes and a no-break space", Array("\u{201C}Hi\u{201D}\u{A0}there".utf8)),
        ("a lone continuation byte", [0x61, 0x80, 0x62]),
        ("a lead byte cut off at the end", [0x61, 0x20, 0xE2, 0x80]),
    ]

    @Test(arguments: appendRows.indices) func appendNormalizedIsNormalize(_ i: Int) {
        let row = Self.appendRows[i]
        var out: [UInt8] = Array("before\n\n".utf8)
        row.bytes.withUnsafeBufferPointer { TextNormalizer.appendNormalized($0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "before\n\n" + TextNormalizer.normalize(utf8: row.bytes), "\(row.name)")
    }

    /// Rendered bodies: the text and its paragraphs.
    static let renderRows: [(name: String, html: String, paragraphs: [String])] = [
        ("paragraphs and an empty one between", "<p>One  two</p><p> </p><p>\u{201C}Three\u{201D}</p>", ["One two", "\u{201C}Three\u{201D}"]),
        ("a first paragraph of zero-width characters", "<p>\u{200B}</p><p>x</p>", ["x"]),
        ("preformatted lines with a blank line inside", "<pre>\n\na\n\n  b\n\n</pre><p>c</p>", ["a\n\nb", "c"]),
        ("an implicit paragraph between blocks", "<div>lead <b>bold</b><p>next</p>tail</div>", ["lead bold", "next", "tail"]),
        ("a decomposed accent", "<p>cafe\u{301}</p>", ["caf\u{E9}"]),
        ("nothing", "<p> </p>", []),
    ]

    @Test(arguments: renderRows.indices) func textJoinsTheParagraphs(_ i: Int) throws {
        let row = Self.renderRows[i]
        let doc = try HTMLDocumentFixture.make("<html><body><main>" + row.html + "</main></body></html>")
        let main = try #require(try doc.select(css: "main").first)
        let out = BodyRenderer(excluded: [], baseURL: "https://example.com/").render([main])
        #expect(out.paragraphs == row.paragraphs, "\(row.name)")
        #expect(out.text == row.paragraphs.joined(separator: "\n\n"), "\(row.name)")
    }
}
