@testable import Archive
import Extract
import Foundation
import Testing

/// warcio's command line (`warcio check|index ...`); the package has no `__main__` module.
let warcioMain = "import sys; from warcio.cli import main; sys.exit(main(sys.argv[1:]))"

@Suite struct WARCTests {
    /// A snapshot whose WARC has every record type the crawler writes.
    func writeCapture(_ store: ArchiveStore) throws -> Snapshot {
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "https://blog.example/",
                                        startedAt: date("2026-11-25T17:03:12Z"), rulesSHA256: "r", toolVersion: "0.1.0", resume: false)
        let body = Array("<html><head><title>Café</title></head><body><p>Hello — world</p></body></html>".utf8)
        let t = date("2026-11-25T17:03:13Z")
        let req = try w.warc.writeRequest(targetURI: "https://blog.example/a/?x=1", date: t,
                                          headers: [("User-Agent", "lookback/0.1.0"), ("Accept-Encoding", "gzip, br")])
        let resp = try w.warc.writeResponse(targetURI: "https://blog.example/a/?x=1", date: t, status: 200, reason: "OK",
                                            headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                                                      ("Transfer-Encoding", "chunked"), ("Content-Length", "17"), ("ETag", "\"abc\"")],
                                            body: body, concurrentTo: req)
        let req2 = try w.warc.writeRequest(targetURI: "https://blog.example/b/", date: t, headers: [("If-None-Match", "\"abc\"")])
        try w.warc.writeNotModified(targetURI: "https://blog.example/b/", date: t, refersTo: resp,
                                    refersToTargetURI: "https://blog.example/a/?x=1", refersToDate: "2026-11-25T17:03:13Z",
                                    payloadDigest: WARCWriter.payloadDigest(body), concurrentTo: req2)
        try w.warc.writeResponse(targetURI: "https://blog.example/empty", date: t, status: 204, headers: [], body: [])
        try w.addPost(makeRecord("https://blog.example/a/"), fetch: FetchInfo(finalURL: "https://blog.example/a/",
                      payloadDigest: WARCWriter.payloadDigest(body), warcRecordID: resp, warcDate: "2026-11-25T17:03:13Z"))
        try w.commit(endedAt: date("2026-11-25T17:04:00Z"), coverage: Coverage())
        return try store.open(site: "blog.example", snapshot: "latest")
    }

    @Test func warcioCheckAndIndexAcceptTheWARC() throws {
        guard let py = python() else {
            Issue.record("python3 is not installed: cannot run warcio (run scripts/install-deps.sh)"); return
        }
        let snap = try writeCapture(ArchiveStore(root: try makeTempDirectory()))
        let file = try #require(snap.warcFiles.first).path
        let imp = try run(py, ["-c", "import warcio"])
        try #require(imp.status == 0, "warcio is not installed for \(py): run scripts/install-deps.sh")
        let check = try run(py, ["-c", warcioMain, "check", "-v", file])
        #expect(check.status == 0, "warcio check failed:\n\(check.output)")
        #expect(!check.output.contains("failed"))
        #expect(check.output.contains("digest pass"))
        let index = try run(py, ["-c", warcioMain, "index", "-f", "warc-type,warc-target-uri,http:status", file])
        #expect(index.status == 0, "\(index.output)")
        let types = index.output.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["warc-type"] as? String
        }
        #expect(types == ["warcinfo", "request", "response", "request", "revisit", "response"])
    }

    /// A body that came in a content coding is stored as sent, in a gzip member that does not compress it again,
    /// and read back decoded.
    @Test func aContentEncodedBodyIsStoredAsSentAndReadBackDecoded() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "https://blog.example/",
                                        startedAt: date("2026-11-25T17:03:12Z"), rulesSHA256: "r", toolVersion: "0.1.0", resume: false)
        let html = Array(("<html><body>" + String(repeating: "<p>Hello, compressed world.</p>", count: 400) + "</body></html>").utf8)
        let gz = try Gzip.compress(html)
        let t = date("2026-11-25T17:03:13Z")
        try w.warc.writeResponse(targetURI: "https://blog.example/a/", date: t, status: 200, reason: "OK",
                                 headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", "\(gz.count)")],
                                 body: gz, contentEncoded: true)
        try w.warc.writeResponse(targetURI: "https://blog.example/b/", date: t, status: 200, reason: "OK",
                                 headers: [("Content-Type", "text/html")], body: html)
        try w.commit(endedAt: date("2026-11-25T17:04:00Z"), coverage: Coverage())
        let file = try #require(try store.open(site: "blog.example", snapshot: "latest").warcFiles.first)
        var offsets: [Int] = []
        var responses: [WARCRecord] = []
        try WARCReader(url: file).forEachRecordWithOffset { record, offset in
            if record.type == "response" { responses.append(record); offsets.append(offset) }
        }
        try #require(responses.count == 2)
        let http = try #require(responses[0].httpResponse)
        #expect(http.header("Content-Encoding") == "gzip")
        #expect(http.header("Content-Length") == "\(gz.count)")
        #expect(http.header(WARCWriter.renamedHeaderPrefix + "Content-Encoding") == nil)
        #expect(http.body == gz)
        #expect(responses[0].header("WARC-Payload-Digest") == WARCWriter.payloadDigest(gz))
        let decoded = try #require(http.contentDecoded())
        #expect(decoded.body == html)
        #expect(decoded.header("Content-Encoding") == nil)
        #expect(decoded.header(WARCWriter.renamedHeaderPrefix + "Content-Encoding") == "gzip")
        #expect(decoded.header("Content-Length") == "\(html.count)")
        // Stored, not compressed again: the member is at least as long as the compressed body.
        #expect(offsets[1] - offsets[0] > gz.count)
        // The body stored decoded is compressed, and reads back as it is.
        let plain = try #require(responses[1].httpResponse)
        #expect(plain.body == html)
        #expect(plain.contentDecoded()?.body == html)
        // A body that is not valid in its coding does not decode.
        var broken = http
        broken.body = Array(gz.prefix(gz.count / 2))
        #expect(broken.contentDecoded() == nil)
    }

    @Test func recordsRoundTripThroughTheReader() throws {
        let snap = try writeCapture(ArchiveStore(root: try makeTempDirectory()))
        let records = try WARCReader(url: try #require(snap.warcFiles.first)).records()
        #expect(records.map(\.type) == ["warcinfo", "request", "response", "request", "revisit", "response"])
        let resp = records[2]
        #expect(resp.targetURI == "https://blog.example/a/?x=1")
        let http = try #require(resp.httpResponse)
        #expect(http.status == 200)
        #expect(String(decoding: http.body, as: UTF8.self).contains("Hello — world"))
        #expect(http.header("content-type") == "text/html; charset=utf-8")
        #expect(http.header("content-encoding") == nil)
        #expect(http.header("x-lookback-orig-content-encoding") == "gzip")
        #expect(http.header("content-length") == String(http.body.count))
        #expect(resp.header("WARC-Payload-Digest") == WARCWriter.payloadDigest(http.body))
    }

    @Test func aTornLastMemberIsCutOnResumeAndTheFileStaysReadable() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        var warcURL: URL
        do {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-25T17:03:12Z"),
                                            rulesSHA256: "r", toolVersion: "t", resume: false)
            try w.warc.writeResponse(targetURI: "https://blog.example/a/", date: date("2026-11-25T17:03:13Z"), status: 200,
                                     headers: [], body: Array(repeating: 0x41, count: 5000))
            warcURL = w.warc.url
        }
        let good = try Data(contentsOf: warcURL).count
        // A kill in the middle of a write: half a gzip member at the end.
        let member = try Gzip.compress(Array("WARC/1.1\r\nWARC-Type: response\r\n".utf8) + Array(repeating: 0x42, count: 4000))
        let h = try FileHandle(forWritingTo: warcURL)
        try h.seekToEnd(); try h.write(contentsOf: Data(member.prefix(member.count / 2))); try h.close()
        let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-25T17:10:00Z"),
                                        rulesSHA256: "r", toolVersion: "t", resume: true)
        #expect(try Data(contentsOf: warcURL).count == good)
        try w.commit(endedAt: date("2026-11-25T17:11:00Z"), coverage: Coverage())
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        #expect(snap.warcFiles.count == 2)
        #expect(try snap.warcFiles.flatMap { try WARCReader(url: $0).records().map(\.type) }
                == ["warcinfo", "response", "warcinfo"])
    }

    @Test func anUnchangedPayloadIsStoredOnceAsARevisitOfThePreviousSnapshot() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let same = Array("<html><body>same</body></html>".utf8)
        var firstID = ""
        for (i, day) in ["2026-11-20", "2026-11-27"].enumerated() {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("\(day)T10:00:00Z"),
                                            rulesSHA256: "r", toolVersion: "t", resume: false)
            let id = try w.warc.writeResponse(targetURI: "https://blog.example/a/", date: date("\(day)T10:00:01Z"), status: 200,
                                              headers: [("Content-Type", "text/html")], body: same)
            if i == 0 { firstID = id }
            try w.warc.writeResponse(targetURI: "https://blog.example/b/", date: date("\(day)T10:00:01Z"), status: 200,
                                     headers: [], body: Array("version \(i)".utf8))
            try w.commit(endedAt: date("\(day)T10:01:00Z"), coverage: Coverage())
        }
        let second = try store.open(site: "blog.example", snapshot: "latest")
        let records = try WARCReader(url: try #require(second.warcFiles.first)).records()
        #expect(records.map(\.type) == ["warcinfo", "revisit", "response"])
        #expect(records[1].header("WARC-Refers-To") == firstID)
        #expect(records[1].header("WARC-Profile") == WARCWriter.RevisitProfile.identicalPayloadDigest.rawValue)
        #expect(records[1].header("WARC-Payload-Digest") == WARCWriter.payloadDigest(same))
        #expect(records[1].header("WARC-Refers-To-Date") == "2026-11-20T10:00:01Z")
        // An identical payload came with a full answer: its status line and headers are the block.
        #expect(records[1].httpResponse?.status == 200)
        #expect(records[1].httpResponse?.header("Content-Type") == "text/html")
        if let py = python(), try run(py, ["-c", "import warcio"]).status == 0 {
            let check = try run(py, ["-c", warcioMain, "check", second.warcFiles[0].path])
            #expect(check.status == 0, "\(check.output)")
        }
    }

    @Test func recordIDsAreVersion8UUIDsSharingARandomPrefixPerFile() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        var files: [[String]] = []
        for day in ["2026-11-20", "2026-11-27"] {
            let w = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("\(day)T10:00:00Z"),
                                            rulesSHA256: "r", toolVersion: "t", resume: false)
            for i in 0..<20 {
                try w.warc.writeRequest(targetURI: "https://blog.example/\(i)/", date: date("\(day)T10:00:01Z"), headers: [])
            }
            try w.commit(endedAt: date("\(day)T10:01:00Z"), coverage: Coverage())
            let snap = try store.open(site: "blog.example", snapshot: "latest")
            files.append(try WARCReader(url: try #require(snap.warcFiles.first)).records().compactMap(\.recordID))
        }
        let pattern = try Regex("^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$")
        for id in files.joined() {
            #expect(id.wholeMatch(of: pattern) != nil, "\(id)")
            #expect(UUID(uuidString: String(id.dropFirst(10).dropLast())) != nil)
        }
        #expect(Set(files.joined()).count == 42)
        let prefixes = files.map { Set($0.map { $0.prefix(34) }) }   // `<urn:uuid:` and the random 24 hex digits
        #expect(prefixes[0].count == 1 && prefixes[1].count == 1)
        #expect(prefixes[0] != prefixes[1])
    }

    @Test func recordIDsEndInTheSequenceNumberInTwelveHexDigits() {
        var ids = RecordIDs()
        let all = (0..<20).map { _ in ids.next() }
        #expect(all[0].hasSuffix("-000000000000>"))
        #expect(all[10].hasSuffix("-00000000000a>"))
        #expect(all[19].hasSuffix("-000000000013>"))
        #expect(Set(all.map { $0.dropLast(13) }).count == 1)
    }

    @Test func aServerNotModifiedRevisitNamesTheCaptureButNotItsDigest() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        let url = "https://blog.example/a/"
        let body = Array("<html><body>same</body></html>".utf8)
        let w1 = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-20T10:00:00Z"),
                                         rulesSHA256: "r", toolVersion: "t", resume: false)
        try w1.warc.writeResponse(targetURI: url, date: date("2026-11-20T10:00:01Z"), status: 200,
                                  headers: [("ETag", "\"v1\"")], body: body)
        try w1.commit(endedAt: date("2026-11-20T10:01:00Z"), coverage: Coverage())
        let first = CaptureIndex.read(try store.open(site: "blog.example", snapshot: "latest"))[url]
        #expect(first?.etag == "\"v1\"")
        // A 304 written by a session that is then killed: the resumed session must carry the capture over.
        do {
            let w2 = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-27T10:00:00Z"),
                                             rulesSHA256: "r", toolVersion: "t", resume: false)
            let req = try w2.warc.writeRequest(targetURI: url, date: date("2026-11-27T10:00:01Z"), headers: [("If-None-Match", "\"v1\"")])
            #expect(try w2.warc.writeNotModified(targetURI: url, date: date("2026-11-27T10:00:01Z"), concurrentTo: req) != nil)
        }
        let w3 = try SnapshotWriter.open(store: store, site: "blog.example", seedURL: "s", startedAt: date("2026-11-27T10:05:00Z"),
                                         rulesSHA256: "r", toolVersion: "t", resume: true)
        try w3.commit(endedAt: date("2026-11-27T10:06:00Z"), coverage: Coverage())
        let second = try store.open(site: "blog.example", snapshot: "latest")
        #expect(CaptureIndex.read(second)[url] == first)
        let revisit = try #require(try WARCReader(url: second.warcFiles[0]).records().first { $0.type == "revisit" })
        #expect(revisit.header("WARC-Profile") == WARCWriter.RevisitProfile.serverNotModified.rawValue)
        #expect(revisit.header("WARC-Refers-To") == first?.recordID)
        #expect(revisit.header("WARC-Refers-To-Target-URI") == url)
        #expect(revisit.header("WARC-Refers-To-Date") == "2026-11-20T10:00:01Z")
        #expect(revisit.header("WARC-Payload-Digest") == nil)
        // The 304's headers are not kept: the block is empty, so the record has no Content-Type either.
        #expect(revisit.block.isEmpty && revisit.header("Content-Length") == "0" && revisit.header("Content-Type") == nil)
        if let py = python(), try run(py, ["-c", "import warcio"]).status == 0 {
            for file in second.warcFiles {
                let check = try run(py, ["-c", warcioMain, "check", file.path])
                #expect(check.status == 0, "\(check.output)")
            }
        }
    }

    struct SplitCase: Sendable, CustomTestStringConvertible {
        let name: String, count: Int, split: Int
        var testDescription: String { name }
    }

    /// A member whose head is compressed and whose tail is stored reads back whole, and its tail is not
    /// compressed: a repetitive tail keeps its size.
    @Test(arguments: [
        SplitCase(name: "empty", count: 0, split: 0),
        SplitCase(name: "all stored", count: 5_000, split: 0),
        SplitCase(name: "all compressed", count: 5_000, split: 5_000),
        SplitCase(name: "small head, small tail", count: 1_800, split: 843),
        SplitCase(name: "tail over one stored block (64 KB)", count: 200_000, split: 1_000),
        SplitCase(name: "tail of exactly one stored block", count: 1_000 + FixedCodeDeflater.storedBlockBytes, split: 1_000),
        SplitCase(name: "head over deflate's window", count: 120_000, split: 70_000),
    ])
    func aMemberWithAStoredTailRoundTrips(_ c: SplitCase) throws {
        let input = (0..<c.count).map { UInt8(ascii: "a") &+ UInt8($0 % 7) }
        let member = FixedCodeDeflater.member(input, storingFrom: c.split)
        let back = try #require(member.withUnsafeBufferPointer { Gzip.decompressMember($0, at: 0) })
        #expect(back.bytes == input && back.end == member.count)
        #expect(member.count >= c.count - c.split, "the tail is stored, not compressed")
        if c.split == c.count { #expect(member.count < max(c.count / 4, 64), "the head is compressed") }
    }

    /// Every literal byte, match length (3...258) and distance code (1...32,768 back) the fixed codes have,
    /// read back by zlib: bytes made of random literals and copies of earlier stretches at random distances.
    @Test func fixedCodesRoundTripEveryLengthAndDistance() throws {
        // A linear congruential generator's high bits: deterministic bytes, lengths and distances.
        var state: UInt64 = 19
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for round in 0..<40 {
            var input: [UInt8] = []
            let target = round < 20 ? 2_000 : 90_000
            while input.count < target {
                if input.count > 3, next() % 3 == 0 {
                    let distance = 1 + Int(next() % UInt64(min(input.count, round < 20 ? 1_000 : 40_000)))
                    let length = 3 + Int(next() % 300)
                    for _ in 0..<length { input.append(input[input.count - distance]) }
                } else {
                    for _ in 0..<(1 + next() % 20) { input.append(UInt8(truncatingIfNeeded: next())) }
                }
            }
            let split = Int(next() % UInt64(input.count + 1))
            for s in [input.count, split, 0] {
                let member = FixedCodeDeflater.member(input, storingFrom: s)
                let back = try #require(member.withUnsafeBufferPointer { Gzip.decompressMember($0, at: 0) })
                #expect(back.bytes == input && back.end == member.count, "round \(round), split \(s)")
            }
        }
    }

    @Test func recordCompressorMembersRoundTripThroughTheReader() throws {
        let inputs: [[UInt8]] = [[], Array("WARC/1.1\r\n\r\n".utf8),
                                 Array((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 ^ ($0 >> 7)) })]
        for level: Int32 in [1, 9] {
            let c = RecordCompressor(level: level)
            var file: [UInt8] = []
            var ends: [Int] = []
            for input in inputs {
                file += try c.compress(input)
                ends.append(file.count)
            }
            var at = 0
            for (input, end) in zip(inputs, ends) {
                let m = try #require(file.withUnsafeBufferPointer { Gzip.decompressMember($0, at: at) })
                #expect(m.bytes == input)
                #expect(m.end == end)
                at = m.end
            }
        }
    }

    @Test func gzipMembersRoundTrip() throws {
        let input = Array((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let z = try Gzip.compress(input)
        let out = z.withUnsafeBufferPointer { Gzip.decompressMember($0, at: 0) }
        #expect(out?.bytes == input)
        #expect(out?.end == z.count)
        let torn = Array(z.prefix(z.count - 3))
        #expect(torn.withUnsafeBufferPointer { Gzip.decompressMember($0, at: 0) } == nil)
    }
}
