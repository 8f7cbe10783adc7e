import Testing
@testable import Extract

/// `AuthorFinder.find` splits each text into names once a page (`clean(_:splits:)`): calls sharing one memo give
/// what each gives alone, whatever was split before (names seen, the role filter and the raw's whitespace are each
/// call's own, not the memo's).
@Suite struct AuthorSplitMemoTests {
    static let rows: [(name: String, calls: [[String]])] = [
        ("JSON-LD name, then the byline link's text", [["Noor Haddad"], ["\n  Noor Haddad  "]]),
        ("a labelled byline, then the bare name", [["By Jane Doe"], ["Jane Doe"], ["By Jane Doe"]]),
        ("two names, then one of them first", [["Ann and Bob"], ["Bob", "Ann and Bob"]]),
        ("a role after the name, alone and after another name", [["Ryan Merkley, CEO"], ["Jane Doe", "Ryan Merkley, CEO"]]),
        ("a date cut off, then the name alone", [["Jane Doe on March 3"], ["Jane Doe, March 3 2021"], ["Jane Doe"]]),
        ("nothing that names anyone", [["Share"], ["5 min read"], ["Share", "Jane Doe"]]),
    ]

    @Test(arguments: rows.indices) func memoGivesWhatEachCallGivesAlone(_ i: Int) {
        let row = Self.rows[i]
        var splits: [String: [String]] = [:]
        for raws in row.calls {
            #expect(AuthorFinder.clean(raws, splits: &splits) == AuthorFinder.clean(raws), "\(row.name): \(raws)")
        }
        #expect(!splits.isEmpty, "\(row.name)")
    }
}
