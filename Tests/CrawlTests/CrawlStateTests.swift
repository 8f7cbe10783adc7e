import Foundation
import Testing
import TestSupport
@testable import Crawl

@Suite struct CrawlStateTests {
    /// A host's last start is written by the first flush that has one and updated in place by later ones;
    /// a resumed crawl reads the last.
    @Test func hostStartsAreWrittenThenUpdated() throws {
        let dir = try ScratchFolder.make("crawl-state")
        let path = dir.appendingPathComponent("state.sqlite").path
        do {
            let state = try CrawlState(path: path)
            state.setHostStart("a.example", at: Date(timeIntervalSince1970: 100))
            try state.flush()
            state.setHostStart("a.example", at: Date(timeIntervalSince1970: 200))
            state.setHostStart("b.example", at: Date(timeIntervalSince1970: 300))
            try state.flush()
        }
        let reopened = try CrawlState(path: path)
        let frontier = Frontier(seed: CrawlURL("https://a.example/")!, now: Date())
        let (_, hosts, _) = try reopened.restore(into: frontier)
        #expect(hosts == ["a.example": Date(timeIntervalSince1970: 200), "b.example": Date(timeIntervalSince1970: 300)])
    }
}
