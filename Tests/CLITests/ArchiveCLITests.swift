import Archive
import Extract
import Foundation
import TestSupport
import Testing

/// Runs the built `lookback` binary on archives written through the Archive library.
@Suite struct ArchiveCLITests {
    static let site = "blog.example"

    /// The folder holding the built products (the test runner and `lookback`).
    static var lookback: String {
        #if os(macOS)
        let dir = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }!.bundleURL.deletingLastPathComponent()
        #else
        let dir = Bundle.main.bundleURL
        #endif
        return dir.appendingPathComponent("lookback").path
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: lookback)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        // Read both pipes before waiting so that a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    static func record(_ path: String, title: String, body: String = "Some text of the post.", tags: [String] = ["t"]) -> PageRecord {
        PageRecord(url: "https://\(site)\(path)", canonicalURL: "https://\(site)\(path)", fetchedAt: "2026-11-20T10:00:00Z",
                   status: 200, title: title, authors: ["Ann"],
                   published: DateField(date: "2026-11-01", raw: "2026-11-01", source: "meta", precision: "day"), modified: nil,
                   body: Body(text: body, html: "<p>\(body)</p>", wordCount: body.split(separator: " ").count),
                   related: [], tags: tags, language: "en", siteName: nil, description: nil,
                   contentHash: "sha256:" + SHA256.hex(path + title + body))
    }

    static let page = """
        <!doctype html><html lang="en"><head><title>Captured title</title>
        <meta property="og:type" content="article"></head>
        <body><article><h1>Captured title</h1><p>The body of the captured page, long enough to be the main content of it,
        with a second sentence for good measure.</p></article></body></html>
        """

    /// An archive with two snapshots (v2: /a/ retitled, /c/ added, /b/ removed) and a WARC capture of /a/ in v2.
    static func makeArchive() throws -> URL {
        let root = try ScratchFolder.make("cli")
        let store = ArchiveStore(root: root)
        let w1 = try SnapshotWriter.open(store: store, site: site, seedURL: "https://\(site)/", startedAt: date("2026-11-20T10:00:00Z"),
                                         rulesSHA256: "r", toolVersion: "test", resume: false)
        for r in [record("/a/", title: "Old"), record("/b/", title: "B")] { try w1.addPost(r, fetch: FetchInfo(finalURL: r.url)) }
        try w1.commit(endedAt: date("2026-11-20T10:01:00Z"), coverage: Coverage())
        let w2 = try SnapshotWriter.open(store: store, site: site, seedURL: "https://\(site)/", startedAt: date("2026-11-27T10:00:00Z"),
                                         rulesSHA256: "r", toolVersion: "test", resume: false)
        let body = Array(page.utf8)
        let rid = try w2.warc.writeResponse(targetURI: "https://\(site)/a/", date: date("2026-11-27T10:00:01Z"), status: 200,
                                            headers: [("Content-Type", "text/html; charset=utf-8")], body: body)
        try w2.addPost(record("/a/", title: "New"), fetch: FetchInfo(finalURL: "https://\(site)/a/", payloadDigest: WARCWriter.payloadDigest(body),
                                                                     warcRecordID: rid, warcDate: "2026-11-27T10:00:01Z"))
        try w2.addPost(record("/c/", title: "C"), fetch: FetchInfo(finalURL: "https://\(site)/c/"))
        try w2.commit(endedAt: date("2026-11-27T10:01:00Z"), coverage: Coverage())
        return root
    }

    @Test func sitesAndSnapshotsListTheArchive() throws {
        let root = try Self.makeArchive()
        let sites = try Self.run(["sites", "--archive", root.path])
        #expect(sites.status == 0)
        #expect(sites.stdout == "blog.example\n")
        let snaps = try Self.run(["snapshots", "--archive", root.path, Self.site])
        #expect(snaps.status == 0)
        #expect(snaps.stdout == """
            2026-11-20T10-00-00Z\t2026-11-20T10:00:00Z\t2 posts\tcomplete
            2026-11-27T10-00-00Z\t2026-11-27T10:00:00Z\t2 posts\tcomplete

            """)
        let missing = try Self.run(["snapshots", "--archive", root.path, "nosuch.example"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nosuch.example"))
    }

    @Test func exportWritesSortedRecordsInBothFormats() throws {
        let root = try Self.makeArchive()
        let jsonl = try Self.run(["export", "--archive", root.path, Self.site, "--format", "jsonl"])
        #expect(jsonl.status == 0)
        let urls = try jsonl.stdout.split(separator: "\n").map { try JSONDecoder().decode(PageRecord.self, from: Data($0.utf8)).url }
        #expect(urls == ["https://blog.example/a/", "https://blog.example/c/"])
        let out = root.appendingPathComponent("old.json")
        let json = try Self.run(["export", "--archive", root.path, Self.site, "--snapshot", "previous", "--output", out.path])
        #expect(json.status == 0)
        #expect(json.stdout.isEmpty)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect(doc?["snapshot"] as? String == "2026-11-20T10-00-00Z")
        #expect((doc?["posts"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Old", "B"])
        let bad = try Self.run(["export", "--archive", root.path, Self.site, "--snapshot", "2001-01-01T00-00-00Z"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("2001-01-01T00-00-00Z"))
    }

    @Test func diffExitsOneOnChangesZeroOtherwiseAndTwoOnErrors() throws {
        let root = try Self.makeArchive()
        let d = try Self.run(["diff", "--archive", root.path, Self.site, "previous", "latest", "--format", "json"])
        #expect(d.status == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        #expect(Set(obj.keys) == ["site", "old", "new", "added", "removed", "moved", "changed", "unchanged"])
        #expect(obj["added"] as? [String] == ["https://blog.example/c/"])
        #expect(obj["removed"] as? [String] == ["https://blog.example/b/"])
        let changed = try #require(obj["changed"] as? [[String: Any]])
        #expect(changed.map { ($0["fields"] as? [String: Any])?.keys.sorted() ?? [] } == [["title"]])
        let text = try Self.run(["diff", "--archive", root.path, Self.site, "previous", "latest"])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("blog.example 2026-11-20T10-00-00Z -> 2026-11-27T10-00-00Z: 1 added, 1 removed, 0 moved, 1 changed, 0 unchanged\n"))
        #expect(!text.stdout.contains("\u{1B}["))   // not a terminal: no colours
        let lastTwo = try Self.run(["diff", "--archive", root.path, Self.site])   // OLD and NEW default to the last two
        #expect(lastTwo.status == 1)
        #expect(lastTwo.stdout == text.stdout)
        let same = try Self.run(["diff", "--archive", root.path, Self.site, "latest", "latest"])
        #expect(same.status == 0)
        let bad = try Self.run(["diff", "--archive", root.path, Self.site, "previous", "nope"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("nope"))
    }

    @Test func reextractRebuildsRecordsFromTheWARCAsANewSnapshot() throws {
        let root = try Self.makeArchive()
        let r = try Self.run(["reextract", "--archive", root.path, "--rules", Self.repoRoot.appendingPathComponent("rules.json").path,
                              Self.site, "latest"])
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(r.stdout.split(separator: "\n").last.map(String.init))
        let snap = try ArchiveStore(root: root).open(site: Self.site, snapshot: id)
        #expect(snap.manifest.reextractedFrom == "2026-11-27T10-00-00Z")
        // /a/ came back from its capture; /c/ has none and keeps its record.
        #expect(try snap.record(url: "https://blog.example/a/")?.title == "Captured title")
        #expect(try snap.record(url: "https://blog.example/c/")?.title == "C")
        #expect(snap.manifest.counts.reused == 1)
    }

    @Test func reextractIsRefusedWhileACrawlHoldsTheSiteLock() throws {
        let root = try Self.makeArchive()
        let w = try SnapshotWriter.open(store: ArchiveStore(root: root), site: Self.site, seedURL: "s",
                                        startedAt: Self.date("2026-11-28T10:00:00Z"), rulesSHA256: "r", toolVersion: "t", resume: false)
        let r = try Self.run(["reextract", "--archive", root.path, "--rules", Self.repoRoot.appendingPathComponent("rules.json").path, Self.site])
        #expect(r.status == 2)
        #expect(r.stderr.contains("locked by process \(getpid())"))
        #expect(r.stderr.contains(root.appendingPathComponent("blog.example/lock").path))
        _ = w
    }
}
