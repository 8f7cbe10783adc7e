import Testing
@testable import Extract

@Suite struct SpaceWordsTests {
    /// `SpaceWords.split` gives `split(separator: " ")`'s words, by bytes or by Characters.
    static let rows: [(name: String, value: String)] = [
        ("empty", ""),
        ("one word", "canonical"),
        ("two words", "shortcut icon"),
        ("spaces around and between", "  alternate   feed "),
        ("only spaces", "   "),
        ("tab and newline are no separators", "a\tb\nc d"),
        ("CR LF is one Character", "a\r\n b"),
        ("RDFa names", "dc:date dc:created"),
        ("non-ASCII word", "schema:naïve og:title"),
        ("space before a combining mark", "a \u{301}b c"),
        ("no-break space", "a\u{A0}b c"),
    ]

    @Test(arguments: rows.indices) func equalsCharacterSplit(_ i: Int) {
        let row = Self.rows[i]
        #expect(SpaceWords.split(row.value).map(String.init) == row.value.split(separator: " ").map(String.init), "\(row.name)")
    }
}
