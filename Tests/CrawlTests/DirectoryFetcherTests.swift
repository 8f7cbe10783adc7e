import Fetch
import Foundation
import Testing
@testable import Crawl

/// The answers `lookback crawl DIR --base-url URL` makes as a server would.
@Suite struct DirectoryFetcherTests {
    /// The `Date` and `Last-Modified` of a folder crawl's answers: the proleptic Gregorian calendar, the
    /// millisecond rounded, then the second's fraction dropped (as Foundation's formatter, which it replaces).
    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (784_111_777.9994, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (784_111_777.9996, "Sun, 06 Nov 1994 08:49:38 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 GMT"),
        (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (-0.4, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (-2_208_988_800, "Mon, 01 Jan 1900 00:00:00 GMT"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ] as [(Double, String)])
    func httpDateFormat(_ epoch: Double, _ text: String) {
        let d = Date(timeIntervalSince1970: epoch)
        #expect(DirectoryFetcher.httpDate(d) == text)
        // libcurl's parser reads no date before 1970.
        let second: Double = ((epoch * 1_000).rounded() / 1_000).rounded(.down)
        if second >= 0 { #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == second) }
    }
}
