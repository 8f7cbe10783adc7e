import Archive
import Crawl
import Extract
import Fetch
import Foundation
import Synchronization
import TestSupport

/// A clock that never waits: `sleep(until:)` jumps to the deadline. Politeness schedules are then
/// checked on the recorded times, not on wall-clock speed.
final class VirtualClock: CrawlClock {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_732_536_000)) { current = Mutex(start) } // 2024-11-25T12:00:00Z
    func now() -> Date { current.withLock { $0 } }
    func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        current.withLock { if deadline > $0 { $0 = deadline } }
        await Task.yield()
    }
}

/// Collects the crawler's fetch events.
final class EventLog: Sendable {
    private let events = Mutex<[FetchEvent]>([])
    func append(_ e: FetchEvent) { events.withLock { $0.append(e) } }
    var all: [FetchEvent] { events.withLock { $0 } }
    var count: Int { events.withLock { $0.count } }
}

/// Lets the event observer cancel the crawl task once it exists.
final class TaskBox: Sendable {
    private let task = Mutex<Task<CrawlSummary, any Error>?>(nil)
    private let cancelled = Mutex(false)
    func set(_ t: Task<CrawlSummary, any Error>) {
        task.withLock { $0 = t }
        if cancelled.withLock({ $0 }) { t.cancel() }
    }
    func cancel() {
        cancelled.withLock { $0 = true }
        task.withLock { $0?.cancel() }
    }
}

struct CrawlRun {
    var summary: CrawlSummary
    var snapshot: Snapshot
    var events: [FetchEvent]
    /// Paths (with query) of the archived posts.
    var postPaths: [String] { snapshot.urls.map { CrawlURL($0)!.pathAndQuery } }
}

enum Harness {
    /// A fresh empty archive folder that the test run removes.
    static func tempArchive() throws -> URL {
        try ScratchFolder.make("crawl")
    }

    /// Crawls `seed` into `archive` (a new snapshot, or the resumed partial one).
    /// With `cancelAfter`, the crawl task is cancelled once that many fetches were handled, and
    /// `CancellationError` is thrown (nothing committed).
    static func crawl(seed: String, fetcher: any PageFetcher, archive: URL, clock: VirtualClock = VirtualClock(),
                      resume: Bool = true, cancelAfter: Int? = nil, rules: Rules = .empty,
                      configure: (inout CrawlConfiguration) -> Void = { _ in }) async throws -> CrawlRun {
        var config = CrawlConfiguration(seedURL: seed, concurrency: 4, delay: 0)
        config.flushEvery = 1
        configure(&config)
        let store = ArchiveStore(root: archive)
        let site = ArchiveStore.siteName(for: seed)
        let writer = try SnapshotWriter.open(store: store, site: site, seedURL: seed, startedAt: clock.now(),
                                             rulesSHA256: rules.sha256, toolVersion: "test", resume: resume)
        let log = EventLog()
        let progress = try ProgressReporter(clock: clock, showProgress: false)
        let crawler = try Crawler(configuration: config, fetcher: fetcher, rules: rules, writer: writer,
                                  clock: clock, progress: progress)
        let box = TaskBox()
        progress.onEvent = { e in
            log.append(e)
            if let n = cancelAfter, log.count >= n { box.cancel() }
        }
        let task = Task { try await crawler.run() }
        box.set(task)
        let summary = try await task.value
        let snapshot = try store.open(site: site, snapshot: summary.snapshotID)
        return CrawlRun(summary: summary, snapshot: snapshot, events: log.all)
    }

    /// Timeouts far above any fixture's answer time: the fixture server runs in the test process, and on a loaded
    /// machine (parallel suites, other builds) its answers can take seconds; no crawler test relies on a timeout.
    static func client() -> HTTPClient {
        HTTPClient(config: FetchConfig(maxConnections: 8, maxConnectionsPerHost: 8, connectTimeout: 120, totalTimeout: 300))
    }
}
