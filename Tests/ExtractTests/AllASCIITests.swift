import Testing
@testable import Extract

@Suite struct AllASCIITests {
    /// `String.isAllASCII`: whether every character is ASCII, whatever the string's storage.
    static let rows: [(name: String, value: String, ascii: Bool)] = [
        ("empty", "", true),
        ("URL", "https://b.test/a/?x=1#top", true),
        ("control and DEL bytes", "a\u{0}\u{1F}\u{7F}", true),
        ("Latin-1 letter", "naïve", false),
        ("non-ASCII after 16 ASCII bytes", "0123456789abcdef\u{37E}", false),
        ("combining mark on an ASCII letter", "e\u{301}", false),
        ("emoji", "\u{1F600}", false),
    ]

    @Test(arguments: rows.indices) func answersForEveryCharacter(_ i: Int) {
        let row = Self.rows[i]
        #expect(row.value.isAllASCII == row.ascii, "\(row.name)")
        #expect(row.value.unicodeScalars.allSatisfy(\.isASCII) == row.ascii, "\(row.name): the row itself")
    }
}
