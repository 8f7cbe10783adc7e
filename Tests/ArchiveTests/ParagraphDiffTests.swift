@testable import Archive
import Testing

@Suite struct ParagraphDiffTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String, old: String, new: String, expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "identical", old: "a\n\nb", new: "a\n\nb", expected: ""),
        Case(name: "appended", old: "a\n\nb", new: "a\n\nb\n\nc", expected: "@@ -2,1 +2,2 @@\n b\n+c\n"),
        Case(name: "removed first", old: "a\n\nb\n\nc", new: "b\n\nc", expected: "@@ -1,2 +1,1 @@\n-a\n b\n"),
        Case(name: "replaced", old: "a\n\nb\n\nc", new: "a\n\nX\n\nc", expected: "@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n"),
        Case(name: "from empty", old: "", new: "a", expected: "@@ -0,0 +1,1 @@\n+a\n"),
        Case(name: "two hunks", old: "1\n\n2\n\n3\n\n4\n\n5\n\n6\n\n7", new: "X\n\n2\n\n3\n\n4\n\n5\n\n6\n\nY",
             expected: "@@ -1,2 +1,2 @@\n-1\n+X\n 2\n@@ -6,2 +6,2 @@\n 6\n-7\n+Y\n"),
        Case(name: "whitespace-only paragraph breaks ignored", old: "a\n\n\n\nb", new: "a\n\nb", expected: ""),
    ])
    func unified(_ c: Case) {
        #expect(ParagraphDiff.unified(old: c.old, new: c.new) == c.expected)
    }
}
