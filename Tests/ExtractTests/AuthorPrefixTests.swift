import Testing
@testable import Extract

/// Byline labels are dropped from author names, in several languages.
@Suite struct AuthorPrefixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "English By", input: "By Jane Doe", expected: "Jane Doe"),
        Case(name: "English written by", input: "Written by Jane Doe", expected: "Jane Doe"),
        Case(name: "German von", input: "von Max Muster", expected: "Max Muster"),
        Case(name: "Japanese label with space", input: "著者 佐藤 健", expected: "佐藤 健"),
        Case(name: "Japanese label with full-width colon", input: "著者：佐藤 健", expected: "佐藤 健"),
        Case(name: "Chinese label", input: "作者 李明", expected: "李明"),
        Case(name: "name that starts like a label stays", input: "Byron Katie", expected: "Byron Katie"),
        Case(name: "no label", input: "Jane Doe", expected: "Jane Doe"),
    ]

    @Test(arguments: cases)
    func stripsLabel(_ c: Case) {
        #expect(AuthorFinder.stripPrefix(c.input) == c.expected)
    }
}
