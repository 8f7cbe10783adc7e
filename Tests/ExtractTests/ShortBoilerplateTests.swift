import Testing
@testable import Extract

/// `ClassHints.shortBoilerplate(cls:id:)` searches class and id apart: the reason each row expects, and the one the
/// joined "class id" gives, which holds while no needle holds a space.
@Suite struct ShortBoilerplateTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, cls: String, id: String, reason: String?
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "share class", cls: "sharedaddy sd-sharing", id: "", reason: "share"),
        Row(name: "share id", cls: "", id: "social-links", reason: "share"),
        Row(name: "share class, content id", cls: "share-box", id: "content", reason: nil),
        Row(name: "control id", cls: "x", id: "back-to-top", reason: "control"),
        Row(name: "paywall class, prompt id", cls: "paywall", id: "bar", reason: "paywall"),
        Row(name: "paywall alone", cls: "paywall", id: "", reason: nil),
        Row(name: "words split by the joint", cls: "back-to", id: "top", reason: nil),
        Row(name: "print class", cls: "d-none visible-print", id: "", reason: "print"),
        Row(name: "author box id", cls: "", id: "author-bio", reason: "author box"),
        Row(name: "newsletter class", cls: "newsletter-signup", id: "", reason: "newsletter"),
        Row(name: "nothing", cls: "", id: "", reason: nil),
    ]

    @Test(arguments: rows) func apartIsJoined(_ row: Row) {
        #expect(ClassHints.shortBoilerplate(cls: row.cls, id: row.id) == row.reason)
        #expect(ClassHints.shortBoilerplate(row.cls + " " + row.id) == row.reason)
    }

    @Test func needlesHoldNoSpace() {
        for list in [ClassHints.share, ClassHints.pageControls, ClassHints.printOnly, ClassHints.authorBox, ClassHints.paywall,
                     ClassHints.paywallPrompt, ClassHints.signup, ["content", "article"]] {
            for n in list { #expect(!n.contains(" "), "\(n)") }
        }
    }
}
