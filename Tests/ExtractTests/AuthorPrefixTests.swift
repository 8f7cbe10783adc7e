import Testing
import Foundation
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
        Case(name: "non-ASCII name, no label", input: "Zoë Ångström", expected: "Zoë Ångström"),
        Case(name: "label in capitals", input: "BY Zoë Ångström", expected: "Zoë Ångström"),
        Case(name: "French label before an accented name", input: "Par Ève Dubois", expected: "Ève Dubois"),
        Case(name: "Cyrillic label in capitals", input: "АВТОР: Иван Петров", expected: "Иван Петров"),
        Case(name: "name starting with a digit", input: "2 Chainz", expected: "2 Chainz"),
    ]

    @Test(arguments: cases)
    func stripsLabel(_ c: Case) {
        #expect(AuthorFinder.stripPrefix(c.input) == c.expected)
    }
}

/// The byline splitter's shortcuts must answer what Foundation answers: `pieces` as `components(separatedBy:)`,
/// the digit and letter checks as `rangeOfCharacter(from:)`, and a case-insensitive miss only where Foundation misses,
/// on ASCII and non-ASCII text (a Greek ano teleia is canonically a middle dot, so it must still split).
@Test func bylineShortcutsAnswerAsFoundation() {
    let samples = ["By Jane Doe", "Jane Doe · March 3", "A | B", "x\u{0387}y", "Jane ON Monday", "José Ñúñez",
                   "Posted by admin at 10:00", "", "  ", "Ann and Bob", "Ann & Bob", "123", "\u{0661}\u{0662}", "é", "@@@",
                   "Writers\u{2014}Two", "Written by K\u{212A}", "Zoë Ångström", "Zoë and José", "Zoë & Ann", "Zoë, Ann",
                   "Zoë und Ann", "Zoë | Ann", "Zoë|Ann", "Zoë • Ann", "Zoë·Ann", "Zoë · Ann", "Zoë\u{0387}Ann", "Zoë — Ann",
                   "Zoë – Ann", "Zoë - Ann", "Zoë\nAnn", "Zoë\r\nAnn", "Zoe\u{301} and Ann", "Zoë and\u{301} Ann", "Ann an\u{303}d Bob"]
    for s in samples {
        for sep in AuthorFinder.segmentSeparators + [" and ", " & ", ", ", " und "] {
            #expect(AuthorFinder.pieces(s, separatedBy: sep) == s.components(separatedBy: sep), "\(s) / \(sep)")
        }
        for stop in [" on ", " at ", " updated ", " published ", " in "] where !AuthorFinder.mayContainCaseInsensitive(s, stop) {
            #expect(s.range(of: stop, options: .caseInsensitive) == nil, "\(s) / \(stop)")
        }
        #expect(AuthorFinder.hasDecimalDigit(s) == (s.rangeOfCharacter(from: .decimalDigits) != nil), "\(s)")
        #expect(AuthorFinder.hasLetter(s) == (s.rangeOfCharacter(from: .letters) != nil), "\(s)")
    }
    #expect(AuthorFinder.pieces("x\u{0387}y", separatedBy: "·") == "x\u{0387}y".components(separatedBy: "·"))
}
