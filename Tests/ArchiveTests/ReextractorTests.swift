@testable import Archive
import Extract
import Foundation
import Testing

@Suite struct ReextractorTests {
    static func page(_ title: String) -> [UInt8] {
        Array("""
            <!doctype html><html lang="en"><head><title>\(title)</title><meta property="og:type" content="article"></head>
            <body><article><h1>\(title)</h1><p>The body of the captured page, long enough to be the main content,
            with a second sentence for good measure and a third one too.</p></article></body></html>
            """.utf8)
    }

    @Test func revisitsAreFollowedToTheCaptureInAnEarlierSnapshot() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let url = "https://blog.example/a/"
        let body = Self.page("Captured in one")
        // Snapshot 1: a full response. Snapshot 2: a 304, written as a revisit pointing at it.
        let w1 = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-20T10:00:00Z"),
                                         rulesSHA256: "r", toolVersion: "t", resume: false)
        let rid = try w1.warc.writeResponse(targetURI: url, date: date("2026-11-20T10:00:01Z"), status: 200,
                                            headers: [("Content-Type", "text/html")], body: body)
        let fetch1 = FetchInfo(finalURL: url, payloadDigest: WARCWriter.payloadDigest(body), warcRecordID: rid, warcDate: "2026-11-20T10:00:01Z")
        try w1.addPost(makeRecord(url, title: "stale"), fetch: fetch1)
        try w1.commit(endedAt: date("2026-11-20T10:01:00Z"), coverage: Coverage())
        let w2 = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-27T10:00:00Z"),
                                         rulesSHA256: "r", toolVersion: "t", resume: false)
        let rev = try w2.warc.writeNotModified(targetURI: url, date: date("2026-11-27T10:00:01Z"), refersTo: rid,
                                               refersToTargetURI: url, refersToDate: "2026-11-20T10:00:01Z",
                                               payloadDigest: fetch1.payloadDigest)
        var fetch2 = fetch1; fetch2.warcRecordID = rev
        try w2.reusePost(url: url, from: try #require(w2.previous), fetch: fetch2)
        try w2.addPost(makeRecord("https://blog.example/no-capture/"), fetch: FetchInfo(finalURL: "https://blog.example/no-capture/"))
        try w2.commit(endedAt: date("2026-11-27T10:01:00Z"), coverage: Coverage())

        let source = try store.open(site: "blog.example", snapshot: "latest")
        let outcome = try Reextractor.run(store: store, source: source, extractor: Extractor(rules: .empty), rulesSHA256: "r2",
                                          toolVersion: "t", startedAt: date("2026-11-28T10:00:00Z"), endedAt: { date("2026-11-28T10:01:00Z") })
        #expect(outcome.reextracted == 1)
        #expect(outcome.kept == ["https://blog.example/no-capture/"])
        let snap = try store.open(site: "blog.example", snapshot: outcome.id)
        #expect(snap.manifest.reextractedFrom == source.id)
        #expect(snap.manifest.rulesSHA256 == "r2")
        let rec = try #require(try snap.record(url: url))
        #expect(rec.title == "Captured in one")
        #expect(rec.fetchedAt == "2026-11-25T17:03:12Z")   // the fetch time of the record it replaces is kept
        #expect(snap.fetchInfo(url: url) == fetch2)
    }
}
