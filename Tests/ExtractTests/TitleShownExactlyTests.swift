import Testing
@testable import Extract

/// `TitleTokens.equalsLowered` is `s.fastLowercased == lower` for ASCII strings, and `TitleTokens` finds the same
/// headings showing a title word for word (`shownExactly`) whether they are compared in place or lowered.
@Suite struct TitleShownExactlyTests {
    static let rows: [(name: String, s: String, lower: String, equal: Bool)] = [
        ("both empty", "", "", true), ("same lowercase", "field notes", "field notes", true),
        ("capitals lowered", "Field NOTES", "field notes", true), ("shorter", "Field", "field notes", false),
        ("longer", "Field notes!", "field notes", false), ("one letter differs", "Field nites", "field notes", false),
        ("punctuation kept", "Q&A: [Notes]", "q&a: [notes]", true), ("at sign is not a capital", "@bc", "`bc", false),
        ("bracket is not a capital", "[bc", "{bc", false),
    ]

    @Test(arguments: rows.indices) func equalsLowered(_ i: Int) {
        let row = Self.rows[i]
        #expect(TitleTokens.equalsLowered(row.s, row.lower) == row.equal, "\(row.name)")
        #expect(TitleTokens.equalsLowered(row.s, row.lower) == (row.s.fastLowercased == row.lower), "\(row.name)")
    }

    static let pages: [(name: String, titles: [String], heading: String, shown: Bool)] = [
        ("an ASCII heading repeating the title", ["Field Notes"], "FIELD notes", true),
        ("an ASCII heading of other words", ["Field Notes"], "Recent Posts", false),
        ("a title that is not ASCII", ["Café Notes"], "CAFÉ NOTES", true),
        ("a title canonically equal to an ASCII heading", ["a\u{37E}"], "A;", true),
        ("a heading that is not ASCII", ["Field Notes"], "Field Notes\u{2019}", false),
    ]

    @Test(arguments: pages.indices) func shownExactly(_ i: Int) {
        let row = Self.pages[i]
        let titles = TitleTokens(row.titles, headings: [row.heading, "Site"])
        let lowered = Set(row.titles.map { $0.fastLowercased })
        #expect(lowered.contains(row.heading.fastLowercased) == row.shown, "\(row.name)")
        #expect(titles.shownExactly.contains(row.heading.fastLowercased) == row.shown, "\(row.name)")
        #expect(titles.shownExactly.count == (row.shown ? 1 : 0), "\(row.name)")
    }
}
