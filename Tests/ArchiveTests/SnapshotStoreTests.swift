@testable import Archive
import Extract
import Foundation
import Testing

@Suite struct SnapshotStoreTests {
    @Test func roundTripKeepsEveryRecordSortedByURL() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let records = [makeRecord("https://blog.example/b/"), makeRecord("https://blog.example/a/", title: "Ä title\u{301}"),
                       makeRecord("https://blog.example/c/", published: nil)]
        let id = try writeSnapshot(store, at: "2026-11-25T17:03:12Z", records, listings: ["https://blog.example/page/2/"])
        #expect(id == "2026-11-25T17-03-12Z")
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        #expect(try snap.records() == records.sorted { $0.url < $1.url })
        #expect(snap.manifest.counts == Counts(posts: 3, reused: 0, listings: 1, errors: 0))
        #expect(snap.manifest.listings == ["https://blog.example/page/2/"])
        #expect(try store.snapshots(site: "blog.example").map(\.status) == [.complete])
        #expect(try store.sites() == ["blog.example"])
    }

    @Test func latestAndPreviousNameTheTwoNewestCompleteSnapshots() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let a = try writeSnapshot(store, at: "2026-11-20T10:00:00Z", [makeRecord("https://blog.example/a/")])
        let b = try writeSnapshot(store, at: "2026-11-21T10:00:00Z", [makeRecord("https://blog.example/a/")])
        let c = try writeSnapshot(store, at: "2026-11-22T10:00:00Z", [makeRecord("https://blog.example/a/")])
        #expect(try store.open(site: "blog.example", snapshot: "latest").id == c)
        #expect(try store.open(site: "blog.example", snapshot: "previous").id == b)
        #expect(try store.open(site: "blog.example", snapshot: a).id == a)
        #expect(throws: ArchiveError.noSuchSnapshot(site: "blog.example", snapshot: "2020-01-01T00-00-00Z")) {
            try store.open(site: "blog.example", snapshot: "2020-01-01T00-00-00Z")
        }
    }

    @Test func twoSnapshotsStartedInTheSameSecondGetDistinctIDs() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let a = try writeSnapshot(store, at: "2026-11-25T17:03:12Z", [makeRecord("https://blog.example/a/")])
        let b = try writeSnapshot(store, at: "2026-11-25T17:03:12Z", [makeRecord("https://blog.example/a/")])
        #expect(a == "2026-11-25T17-03-12Z")
        #expect(b == "2026-11-25T17-03-12Z-2")
        #expect(try store.snapshots(site: "blog.example").map(\.id) == [a, b])
    }

    @Test func aKilledWriteIsNeverListedAsCompleteAndResumeCompletesIt() throws {
        let root = try makeTempDirectory()
        let store = ArchiveStore(root: root)
        let first = try writeSnapshot(store, at: "2026-11-20T10:00:00Z", [makeRecord("https://blog.example/a/")])
        let before = try fileTree(store.snapshotsDirectory(site: "blog.example").appendingPathComponent(first))

        // Crawl 2 writes two posts and "dies": no commit, the writer is dropped (its lock released as a kill would).
        do {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "https://blog.example/",
                                            startedAt: date("2026-11-21T10:00:00Z"), rulesSHA256: "r", toolVersion: "t", resume: false)
            try w.addPost(makeRecord("https://blog.example/a/", title: "new"), fetch: FetchInfo(finalURL: "https://blog.example/a/"))
            try w.addPost(makeRecord("https://blog.example/b/"), fetch: FetchInfo(finalURL: "https://blog.example/b/"))
            _ = try w.warc.writeResponse(targetURI: "https://blog.example/b/", date: date("2026-11-21T10:00:01Z"),
                                         status: 200, headers: [], body: Array("<html>".utf8))
        }
        let infos = try store.snapshots(site: "blog.example")
        #expect(infos.map(\.status) == [.complete, .partial])
        #expect(infos[1].postCount == 2)
        #expect(try store.open(site: "blog.example", snapshot: "latest").id == first)
        #expect(throws: ArchiveError.self) { try store.open(site: "blog.example", snapshot: infos[1].id) }

        // Simulate a torn journal line from a kill mid-write: it must be ignored on replay.
        let partial = store.snapshotsDirectory(site: "blog.example").appendingPathComponent(infos[1].id + ".partial")
        let journal = try FileHandle(forWritingTo: partial.appendingPathComponent("journal.jsonl"))
        try journal.seekToEnd(); try journal.write(contentsOf: Data("{\"op\":\"post\",\"entry\":{\"url\":\"https://blog".utf8))
        try journal.close()

        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "https://blog.example/",
                                        startedAt: date("2026-11-21T10:05:00Z"), rulesSHA256: "r", toolVersion: "t", resume: true)
        #expect(w.isResumed)
        #expect(w.id == infos[1].id)
        #expect(w.postURLs == ["https://blog.example/a/", "https://blog.example/b/"])
        #expect(w.previous?.id == first)
        try w.addPost(makeRecord("https://blog.example/c/"), fetch: FetchInfo(finalURL: "https://blog.example/c/"))
        let id = try w.commit(endedAt: date("2026-11-21T10:06:00Z"), coverage: Coverage())
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        #expect(snap.id == id)
        #expect(snap.urls == ["https://blog.example/a/", "https://blog.example/b/", "https://blog.example/c/"])
        #expect(try snap.record(url: "https://blog.example/a/")?.title == "new")
        #expect(snap.warcFiles.map(\.lastPathComponent) == ["\(id)-001.warc.gz", "\(id)-002.warc.gz"])
        #expect(snap.manifest.startedAt == "2026-11-21T10:00:00Z")
        #expect(try store.snapshots(site: "blog.example").map(\.status) == [.complete, .complete])
        // The earlier snapshot is byte-for-byte untouched.
        #expect(try fileTree(store.snapshotsDirectory(site: "blog.example").appendingPathComponent(first)) == before)
    }

    @Test func withoutResumeAPartialSnapshotIsLeftAloneAndANewOneStarts() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        do {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-21T10:00:00Z"),
                                            rulesSHA256: "r", toolVersion: "t", resume: false)
            try w.addPost(makeRecord("https://blog.example/a/"), fetch: FetchInfo(finalURL: "https://blog.example/a/"))
        }
        let id = try writeSnapshot(store, at: "2026-11-21T11:00:00Z", [makeRecord("https://blog.example/b/")])
        #expect(try store.snapshots(site: "blog.example").map(\.status) == [.partial, .complete])
        #expect(try store.open(site: "blog.example", snapshot: "latest").id == id)
    }

    @Test func aSecondWriterOfTheSameSiteIsRefusedWithTheLockFileAndPid() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-21T10:00:00Z"),
                                        rulesSHA256: "r", toolVersion: "t", resume: false)
        let lockPath = store.siteDirectory(site: "blog.example").appendingPathComponent("lock").path
        #expect(throws: ArchiveError.locked(path: lockPath, pid: getpid())) {
            _ = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-21T10:00:01Z"),
                                        rulesSHA256: "r", toolVersion: "t", resume: false)
        }
        #expect("\(ArchiveError.locked(path: lockPath, pid: 42))".contains(lockPath))
        // Another site is not affected; and after commit the lock is free again.
        _ = try writeSnapshot(store, site: "other.example", at: "2026-11-21T10:00:00Z", [makeRecord("https://other.example/a/")])
        try w.commit(endedAt: date("2026-11-21T10:01:00Z"), coverage: Coverage())
        _ = try writeSnapshot(store, at: "2026-11-21T10:02:00Z", [makeRecord("https://blog.example/a/")])
    }

    /// A child forked by another thread (a test spawning a process, say) holds a copy of the lock's
    /// descriptor until its exec: releasing must not depend on that copy being closed.
    @Test func releasingTheLockWorksWhileAForkedChildStillHoldsItsDescriptor() throws {
        let dir = try makeTempDirectory()
        let path = dir.appendingPathComponent("lock").path
        let lock = try SiteLock(path: path)
        let inherited = try #require(descriptor(of: path).map { dup($0) })
        defer { close(inherited) }
        lock.release()
        let again = try SiteLock(path: path)
        again.release()
    }

    private func descriptor(of path: String) -> Int32? {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return fds.compactMap(Int32.init).first { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) == target
        }
    }

    @Test func anUnchangedRecrawlStoresRecordsOnceAndWritesIdenticalBytes() throws {
        let root = try makeTempDirectory()
        let store = ArchiveStore(root: root)
        let long = (1...40).map { "Paragraph \($0) with some words in it so that records have a realistic size." }.joined(separator: "\n\n")
        let posts = (0..<300).map { makeRecord("https://blog.example/p/\($0)/", title: "Post \($0)", body: long) }
        let a = try writeSnapshot(store, at: "2026-11-20T10:00:00Z", posts)
        let sizeAfterFirst = try fileTree(root).values.reduce(0) { $0 + $1.count }
        // Fetched a week later: fetched_at differs, content does not.
        let again = posts.map { r -> PageRecord in var r = r; r.fetchedAt = "2026-11-27T10:00:00Z"; return r }
        let b = try writeSnapshot(store, at: "2026-11-27T10:00:00Z", again)
        let sizeAfterSecond = try fileTree(root).values.reduce(0) { $0 + $1.count }
        #expect(Double(sizeAfterSecond - sizeAfterFirst) < 0.05 * Double(sizeAfterFirst))
        let sa = try store.open(site: "blog.example", snapshot: a), sb = try store.open(site: "blog.example", snapshot: b)
        #expect(sa.entries.map(\.object) == sb.entries.map(\.object))
        #expect(try sb.records() == again.sorted { $0.url < $1.url })
    }

    @Test func sameRecordsGiveByteIdenticalFilesWhateverTheInsertionOrder() throws {
        let posts = (0..<20).map { makeRecord("https://blog.example/p/\($0)/", title: "Post \($0)") }
        var trees: [[String: Data]] = []
        for order in [posts, posts.reversed()] {
            let root = try makeTempDirectory()
            let w = try SnapshotWriter.open(store: ArchiveStore(root: root), site: "blog.example", seedURL: "s",
                                            startedAt: date("2026-11-20T10:00:00Z"), rulesSHA256: "r", toolVersion: "t", resume: false)
            for r in order { try w.addPost(r, fetch: FetchInfo(finalURL: r.url)) }
            try w.commit(endedAt: date("2026-11-20T10:01:00Z"), coverage: Coverage(routes: ["b": ["x"], "a": ["y", "z"]]))
            // WARC record ids are random UUIDs by design; everything else must match.
            trees.append(try fileTree(root).filter { !$0.key.hasSuffix(".warc.gz") && !$0.key.hasSuffix("lock") })
        }
        #expect(trees[0] == trees[1])
        let manifest = trees[0].first { $0.key.hasSuffix("manifest.json") }!.value
        #expect(manifest.last == 0x0A)
        #expect(!manifest.contains(0x0D))
    }

    @Test func theIndexFileIsTheEncodingOfItsEntries() throws {
        // The writer keeps its posts as encoded lines until the commit: the file must still be exactly what
        // the entries encode to (an unchanged re-crawl shares the file only when the bytes are the same).
        let store = ArchiveStore(root: try makeTempDirectory())
        let records = (0..<12).reversed().map { makeRecord("https://blog.example/p/\($0)/", title: "Post \($0)") }
        try writeSnapshot(store, at: "2026-11-20T10:00:00Z", records) { r in
            FetchInfo(finalURL: r.url, etag: "\"\(r.url.count)\"", payloadDigest: "sha256:00", warcRecordID: "<urn:uuid:x>",
                      warcDate: "2026-11-20T10:00:01Z")
        }
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        let hash = try #require(snap.manifest.indexSHA256)
        let url = try #require(store.indexURL(site: "blog.example", hash: hash))
        #expect(snap.count == 12)
        #expect(try Data(contentsOf: url) == SnapshotIndex.encode(try snap.entries.map { try $0.entry() }))
        let captures = try #require(snap.capturesFile)
        #expect(try Data(contentsOf: captures) == CaptureIndex.encode(CaptureIndex.read(snap)))
    }

    @Test func coverageRoutesAreStoredOnceOutsideTheManifest() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let routes = ["https://blog.example/b/": ["sitemap", "link"], "https://blog.example/a\t\"/": ["feed"]]
        for day in ["2026-11-20", "2026-11-21"] {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("\(day)T10:00:00Z"),
                                            rulesSHA256: "r", toolVersion: "t", resume: false)
            try w.commit(endedAt: date("\(day)T10:01:00Z"), coverage: Coverage(routes: routes, counters: ["requests": 3]))
        }
        let snaps = try store.snapshots(site: "blog.example").map { try store.open(site: "blog.example", snapshot: $0.id) }
        #expect(snaps.count == 2)
        for snap in snaps {
            #expect(snap.manifest.coverage.routes == routes)
            #expect(snap.manifest.coverage.counters == ["requests": 3])
            #expect(snap.manifest.format == 3)
            let json = try String(contentsOf: snap.directory.appendingPathComponent("manifest.json"), encoding: .utf8)
            #expect(!json.contains("\"routes\""))
        }
        #expect(snaps[0].manifest.routesSHA256 != nil && snaps[0].manifest.routesSHA256 == snaps[1].manifest.routesSHA256)
        // Two files: the empty post and capture indexes are the same bytes, and the second commit found all
        // three there; no temporary file is left.
        let indexes = try FileManager.default.contentsOfDirectory(atPath: store.indexesDirectory(site: "blog.example").path)
        #expect(indexes.count == 2 && indexes.allSatisfy { !$0.hasPrefix(".") && $0.hasSuffix(".tsv.gz") })
    }

    @Test func aManifestWithRoutesInsideIsStillRead() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-20T10:00:00Z", [makeRecord("https://blog.example/a/")])
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        // As format 2 wrote it: routes in the manifest, no routes file.
        var old = snap.manifest
        old.format = 2
        old.routesSHA256 = nil
        old.coverage.routes = ["https://blog.example/a/": ["sitemap"]]
        let enc = PageRecord.makeEncoder(pretty: true)
        try enc.encode(old).write(to: snap.directory.appendingPathComponent("manifest.json"))
        #expect(try String(contentsOf: snap.directory.appendingPathComponent("manifest.json"), encoding: .utf8).contains("\"routes\""))
        let again = try store.open(site: "blog.example", snapshot: "latest")
        #expect(again.manifest.coverage.routes == ["https://blog.example/a/": ["sitemap"]])
    }

    @Test func reusedPostsReferenceTheOldObject() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-20T10:00:00Z", [makeRecord("https://blog.example/a/")]) { r in
            FetchInfo(finalURL: r.url, etag: "\"v1\"")
        }
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-21T10:00:00Z"),
                                        rulesSHA256: "r", toolVersion: "t", resume: false)
        let prev = try #require(w.previous)
        #expect(prev.fetchInfo(url: "https://blog.example/a/")?.etag == "\"v1\"")
        try w.reusePost(url: "https://blog.example/a/", from: prev)
        #expect(throws: ArchiveError.self) { try w.reusePost(url: "https://blog.example/missing/", from: prev) }
        try w.commit(endedAt: date("2026-11-21T10:01:00Z"), coverage: Coverage())
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        #expect(snap.manifest.counts.reused == 1)
        #expect(try snap.records() == prev.records())
    }

    @Test func errorsAreKeptUnlessTheURLLaterSucceeds() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-21T10:00:00Z"),
                                        rulesSHA256: "r", toolVersion: "t", resume: false)
        try w.addError(url: "https://blog.example/gone/", status: 404, reason: "not found")
        try w.addError(url: "https://blog.example/flaky/", status: 503, reason: "unavailable")
        try w.addPost(makeRecord("https://blog.example/flaky/"), fetch: FetchInfo(finalURL: "https://blog.example/flaky/"))
        try w.commit(endedAt: date("2026-11-21T10:01:00Z"), coverage: Coverage(sitemapUnfetched: ["https://blog.example/gone/"]))
        let m = try store.open(site: "blog.example", snapshot: "latest").manifest
        #expect(m.errors == [CrawlError(url: "https://blog.example/gone/", status: 404, reason: "not found")])
        #expect(m.coverage.sitemapUnfetched == ["https://blog.example/gone/"])
        #expect(throws: ArchiveError.self) { try w.addPost(makeRecord("https://blog.example/x/"), fetch: FetchInfo(finalURL: "x")) }
    }
}
