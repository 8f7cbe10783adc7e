import Testing
@testable import Extract

/// `RelatedFinder.isDateArchive` reads ASCII URLs by bytes and others by Characters: both readings must give the
/// answer each row expects, and agree on any URL.
@Suite struct DateArchiveTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, url: String, archive: Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "month", url: "https://x.example/2024/11/", archive: true),
        Row(name: "month without a slash", url: "https://x.example/2024/11", archive: true),
        Row(name: "day", url: "https://x.example/2024/11/09", archive: true),
        Row(name: "day with a slash", url: "https://x.example/2024/11/09/", archive: true),
        Row(name: "one-digit month and day", url: "https://x.example/2024/1/9", archive: true),
        Row(name: "archive word", url: "https://x.hatenablog.com/archive/2024/11/09", archive: true),
        Row(name: "archives word", url: "https://x.example/archives/2024/1/", archive: true),
        Row(name: "doubled slashes", url: "https://x.example//2024//11//", archive: true),
        Row(name: "query", url: "https://x.example/2024/11/?page=2", archive: true),
        Row(name: "fragment", url: "https://x.example/2024/11/09#top", archive: true),
        Row(name: "query with a path in it", url: "https://x.example/2024/11?next=/a/b/c/d", archive: true),
        Row(name: "port", url: "http://127.0.0.1:8080/2024/12/31", archive: true),
        Row(name: "post with a slug", url: "https://x.example/2024/11/09/slug/", archive: false),
        Row(name: "year alone", url: "https://x.example/archives/2024", archive: false),
        Row(name: "bare number", url: "https://x.example/48", archive: false),
        Row(name: "month 13", url: "https://x.example/2024/13/", archive: false),
        Row(name: "month 0", url: "https://x.example/2024/00/", archive: false),
        Row(name: "month of three digits", url: "https://x.example/2024/011/", archive: false),
        Row(name: "day 40", url: "https://x.example/2024/11/40", archive: false),
        Row(name: "day 0", url: "https://x.example/2024/11/0", archive: false),
        Row(name: "time after the day", url: "https://x.example/entry/2024/11/09/181544", archive: false),
        Row(name: "five-digit year", url: "https://x.example/20241/11/", archive: false),
        Row(name: "no scheme", url: "x.example/2024/11/", archive: false),
        Row(name: "archive word not first", url: "https://x.example/blog/archive/2024/11/", archive: false),
        Row(name: "archive word twice", url: "https://x.example/archive/archive/2024/11/", archive: false),
        Row(name: "capitalised archive word", url: "https://x.example/Archive/2024/11/", archive: false),
        Row(name: "page after the month", url: "https://x.example/2024/11/page/2/", archive: false),
        Row(name: "letters in the year", url: "https://x.example/20a4/11/", archive: false),
        Row(name: "plus sign in the month", url: "https://x.example/2024/+1/", archive: false),
        Row(name: "non-ASCII host", url: "https://bücher.example/2024/11/", archive: true),
        Row(name: "non-ASCII slug", url: "https://x.example/2024/11/09/café/", archive: false),
        Row(name: "Arabic-Indic digits", url: "https://x.example/٢٠٢٤/١١/", archive: false),
    ]

    @Test(arguments: rows) func bothReadingsGiveTheExpectedAnswer(_ row: Row) {
        #expect(RelatedFinder.isDateArchive(row.url) == row.archive)
        #expect(RelatedFinder.isDateArchiveByCharacters(row.url) == row.archive)
    }

    /// Random URL-like strings made of the characters the parse turns on (digits, slashes, "?", "#", ":", the
    /// archive words): the byte reading must answer as the Character reading does (a failing URL is printed).
    @Test func bytesAgreeWithCharactersOnRandomURLs() {
        let pieces = ["https://", "http://", "x.example", ":", "/", "//", "?", "#", "archive", "archives", "2024", "11",
                      "1", "09", "31", "32", "0", "13", "123", "20241", "a", "-", "é", "\r\n", "٣"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var url = Bool.random(using: &rng) ? "https://x.example" : ""
            for _ in 0..<Int.random(in: 0...9, using: &rng) { url += pieces.randomElement(using: &rng)! }
            let ascii = url.utf8.allSatisfy { $0 < 0x80 }
            if ascii {
                let bytes = url.withUTF8Bytes { RelatedFinder.isDateArchive(asciiBytes: $0) }
                #expect(bytes == RelatedFinder.isDateArchiveByCharacters(url), "\(url)")
            }
            #expect(RelatedFinder.isDateArchive(url) == RelatedFinder.isDateArchiveByCharacters(url), "\(url)")
        }
    }
}
