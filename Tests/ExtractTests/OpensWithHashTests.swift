import Testing
@testable import Extract

/// `BodyRenderer.opensWithHash` is `hasPrefix("#")` of the href, trimmed of spaces and tabs or not, whether the bytes
/// decide it or the Strings do.
@Suite struct OpensWithHashTests {
    static let rows: [(name: String, href: String, plain: Bool, trimmed: Bool)] = [
        ("empty", "", false, false),
        ("fragment alone", "#", true, true),
        ("fragment", "#note-1", true, true),
        ("page", "/posts/a/#note-1", false, false),
        ("space before the fragment", " #top", false, true),
        ("tab and spaces before the fragment", "\t  #top", false, true),
        ("blanks alone", "  \t", false, false),
        ("line feed before the fragment", "\n#top", false, false),
        ("no-break space before the fragment", "\u{A0}#top", false, true),
        ("combining mark on the hash", "#\u{301}x", false, false),
        ("non-ASCII after the fragment's hash", "#caf\u{E9}", true, true),
        ("fragment of non-ASCII", "#\u{E9}t\u{E9}", true, true),
        ("combining mark after a trimmed space", " \u{301}#x", false, false),
        ("CR LF after the hash", "#\r\n", true, true),
    ]

    @Test(arguments: rows.indices) func isHasPrefix(_ i: Int) {
        let row = Self.rows[i]
        #expect(BodyRenderer.opensWithHash(row.href, trimmed: false) == row.plain, "\(row.name)")
        #expect(BodyRenderer.opensWithHash(row.href, trimmed: true) == row.trimmed, "\(row.name)")
        #expect(row.href.hasPrefix("#") == row.plain, "\(row.name)")
        #expect(row.href.trimmedWhitespace.hasPrefix("#") == row.trimmed, "\(row.name)")
    }

    /// Random hrefs of blanks, hashes, ASCII, spaces and marks outside ASCII, against the String reading.
    @Test func randomHrefs() {
        let pieces = [" ", "\t", "\n", "#", "a", "/", "\u{A0}", "\u{2003}", "\u{301}", "\u{E9}", "\u{200D}", "\r\n", "\u{1F600}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var href = ""
            for _ in 0..<Int.random(in: 0...5, using: &rng) { href += pieces.randomElement(using: &rng)! }
            #expect(BodyRenderer.opensWithHash(href, trimmed: false) == href.hasPrefix("#"), "\(Array(href.unicodeScalars))")
            #expect(BodyRenderer.opensWithHash(href, trimmed: true) == href.trimmedWhitespace.hasPrefix("#"),
                    "\(Array(href.unicodeScalars))")
        }
    }
}
