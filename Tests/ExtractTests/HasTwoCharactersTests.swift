import Testing
@testable import Extract

/// `TagFinder.hasTwoCharacters` is `count > 1`: Characters, not scalars or bytes (an accent that combines, CR LF).
@Suite struct HasTwoCharactersTests {
    static let rows: [(name: String, text: String, two: Bool)] = [
        ("empty", "", false), ("a space alone", " ", false), ("one letter", "a", false), ("two letters", "ab", true),
        ("a letter and its combining accent", "e\u{301}", false), ("CR LF", "\r\n", false), ("CR LF and a space", "\r\n ", true),
        ("a class and an empty id", "post-tags ", true), ("one emoji of several scalars", "\u{1F469}\u{200D}\u{1F4BB}", false),
    ]

    @Test(arguments: rows.indices) func isCountOverOne(_ i: Int) {
        let row = Self.rows[i]
        #expect(TagFinder.hasTwoCharacters(row.text) == row.two, "\(row.name)")
        #expect(TagFinder.hasTwoCharacters(row.text) == (row.text.count > 1), "\(row.name)")
    }
}
