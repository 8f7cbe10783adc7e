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

    /// A new database is set up without syncs, and the crawl then runs with `synchronous = NORMAL`: the WAL's
    /// checkpoints reach the disk. So does a reopened one.
    @Test func theCrawlRunsWithNormalSyncs() throws {
        let path = try ScratchFolder.make("crawl-state").appendingPathComponent("state.sqlite").path
        do {
            let state = try CrawlState(path: path)
            #expect(try state.synchronousMode() == 1)
        }
        #expect(try CrawlState(path: path).synchronousMode() == 1)
    }

    /// Closed for the commit (its last checkpoint not synced), a state holds all that was flushed: a commit that
    /// fails after it resumes from there.
    @Test func aStateClosedForTheCommitKeepsWhatWasFlushed() throws {
        let path = try ScratchFolder.make("crawl-state").appendingPathComponent("state.sqlite").path
        do {
            let state = try CrawlState(path: path)
            state.setMeta("seed", "https://a.example/")
            for n in 0..<3 { state.insert(item(n), routes: 1) }
            state.finish(key: item(0).key, outcome: .post, status: 200, recordURL: item(0).url)
            try state.flush()
            _ = try state.coverage()   // the database takes the logged changes, as the crawl's end does
            state.finish(key: item(1).key, outcome: .listing, status: 200)
            try state.flush()          // in the log only
            try state.closeForCommit()
        }
        let (counts, done, seed) = try contents(path)
        #expect(counts == CrawlState.Restored(pending: 1, done: 2, posts: 1, listings: 1, errors: 0))
        #expect(done == [item(0).key, item(1).key])
        #expect(seed == "https://a.example/")
    }

    private func item(_ n: Int) -> Frontier.Item {
        Frontier.Item(url: "https://a.example/post-\(n)/", key: "a.example/post-\(n)/", kind: .page, priority: .link,
                      depth: 1, seq: n)
    }

    /// What a state holds, as a resumed crawl reads it.
    private func contents(_ path: String) throws -> (CrawlState.Restored, [String], String?) {
        let state = try CrawlState(path: path)
        let (counts, _, _) = try state.restore(into: Frontier(seed: CrawlURL("https://a.example/")!, now: Date()))
        return (counts, try state.finishedKeys().map(\.key).sorted(), try state.meta("seed"))
    }

    /// A kill right after a flush loses nothing: the database has not taken the changes yet (fewer flushes than
    /// `checkpointEvery`), and the next open replays them from the log.
    @Test func flushedChangesSurviveAKillBeforeTheDatabaseTakesThem() throws {
        let path = try ScratchFolder.make("crawl-state").appendingPathComponent("state.sqlite").path
        do {
            let state = try CrawlState(path: path)
            state.setMeta("seed", "https://a.example/")
            for n in 0..<3 { state.insert(item(n), routes: 1) }
            try state.flush()
            state.finish(key: item(0).key, outcome: .post, status: 200, recordURL: item(0).url)
            state.setRoutes(key: item(1).key, routes: 3)
            try state.flush()
            state.finish(key: item(2).key, outcome: .listing, status: 200)   // never flushed: lost, fetched again
            #expect(FileManager.default.fileExists(atPath: CrawlState.logPath(path)))
        }   // dropped without a checkpoint, as a kill leaves it
        let (counts, done, seed) = try contents(path)
        #expect(counts == CrawlState.Restored(pending: 2, done: 1, posts: 1, listings: 0, errors: 0))
        #expect(done == [item(0).key])
        #expect(seed == "https://a.example/")
    }

    /// A record a kill or crash cut short, and whatever follows it, is not replayed; the records before are.
    @Test func aTornRecordEndsTheReplay() throws {
        let path = try ScratchFolder.make("crawl-state").appendingPathComponent("state.sqlite").path
        do {
            let state = try CrawlState(path: path)
            state.insert(item(0), routes: 1)
            try state.flush()
            state.insert(item(1), routes: 1)
            try state.flush()
        }
        let log = CrawlState.logPath(path)
        var bytes = try #require(FileManager.default.contents(atPath: log))
        bytes.removeLast(3)
        try bytes.write(to: URL(fileURLWithPath: log))
        #expect(try contents(path).0.pending == 1)
    }

    /// A kill after the database took a batch and before the log was emptied replays the batch again: the
    /// state is the same.
    @Test func replayingChangesTheDatabaseHoldsChangesNothing() throws {
        let path = try ScratchFolder.make("crawl-state").appendingPathComponent("state.sqlite").path
        let log = CrawlState.logPath(path)
        var saved = Data()
        do {
            let state = try CrawlState(path: path)
            for n in 0..<3 { state.insert(item(n), routes: 1) }
            state.setHostStart("a.example", at: Date(timeIntervalSince1970: 100))
            try state.flush()
            state.finish(key: item(0).key, outcome: .post, status: 200, recordURL: item(0).url)
            state.setRoutes(key: item(1).key, routes: 5)
            try state.flush()
            saved = try #require(FileManager.default.contents(atPath: log))
            try state.checkpoint()
            #expect(FileManager.default.contents(atPath: log)?.isEmpty == true)
        }
        let before = try contents(path)
        try saved.write(to: URL(fileURLWithPath: log))
        let after = try contents(path)
        #expect(before.0 == after.0 && before.1 == after.1)
        #expect(after.0 == CrawlState.Restored(pending: 2, done: 1, posts: 1, listings: 0, errors: 0))
    }
}
