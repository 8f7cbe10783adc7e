import Testing
@testable import Extract

@Suite struct NoteLineTests {
    /// Names listed and not: `isNoteLine` and `isNoteEmphasis` read an element's kind, whose name is empty for a name
    /// in no list; they must answer as the sets do for the name itself.
    static let names = ["p", "div", "span", "strong", "b", "a", "em", "i", "section", "article", "pre", "li", "h1",
                        "custom-tag", "", "P", "spans", "bb"]

    @Test(arguments: names) func noteLineAsTheSet(_ name: String) {
        #expect(AuthorFinder.isNoteLine(ElementKind(name)) == AuthorFinder.noteLines.contains(name))
    }

    @Test(arguments: names) func noteEmphasisAsTheSet(_ name: String) {
        #expect(AuthorFinder.isNoteEmphasis(ElementKind(name)) == AuthorFinder.noteEmphasis.contains(name))
    }
}
