@testable import Archive
import Extract
import Foundation
import TestSupport
import Testing

/// A fresh empty folder, named after the test, that the test run removes.
func makeTempDirectory(_ name: String = #function) throws -> URL {
    try ScratchFolder.make("archive-\(name)")
}

/// The repository root (tests read docs/ and .build-venv/ from it).
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A fixed clock: snapshot times are passed in, never read.
func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

/// A post record with sensible defaults.
func makeRecord(_ url: String, title: String? = "A post", body: String = "First paragraph of the post.\n\nSecond paragraph.",
                authors: [String] = ["Ann Author"], published: String? = "2024-11-01", modified: String? = nil,
                tags: [String] = ["notes"], related: [RelatedLink] = [], canonical: String? = nil,
                fetchedAt: String = "2026-11-25T17:03:12Z") -> PageRecord {
    var r = PageRecord(url: url, canonicalURL: canonical ?? url, fetchedAt: fetchedAt, status: 200, title: title,
                       authors: authors,
                       published: published.map { DateField(date: $0, raw: $0, source: "meta", precision: $0.count == 10 ? "day" : "second") },
                       modified: modified.map { DateField(date: $0, raw: $0, source: "meta", precision: $0.count == 10 ? "day" : "second") },
                       body: Body(text: body, html: body.components(separatedBy: "\n\n").map { "<p>\($0)</p>" }.joined(),
                                  wordCount: body.split(whereSeparator: { $0 == " " || $0 == "\n" }).count),
                       related: related, tags: tags, language: "en", siteName: "Test Blog", description: nil)
    r.contentHash = "sha256:" + SHA256.hex(url + (title ?? "") + body + tags.joined())
    return r
}

/// Writes one complete snapshot of `records`; returns its id.
@discardableResult
func writeSnapshot(_ store: ArchiveStore, site: String = "blog.example", at time: String, _ records: [PageRecord],
                   listings: [String] = [], fetch: (PageRecord) -> FetchInfo = { FetchInfo(finalURL: $0.url) }) throws -> String {
    let w = try SnapshotWriter.open(store: store, site: site, seedURL: "https://\(site)/", startedAt: date(time),
                                    rulesSHA256: String(repeating: "0", count: 64), toolVersion: "0.1.0-test", resume: false)
    for r in records { try w.addPost(r, fetch: fetch(r)) }
    for l in listings { try w.addListing(url: l) }
    return try w.commit(endedAt: date(time).addingTimeInterval(60), coverage: Coverage())
}

/// Every regular file under `dir`, relative path -> bytes.
func fileTree(_ dir: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let base = dir.standardizedFileURL.path
    let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in e where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        out[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
    }
    return out
}

/// The Python that has warcio and jsonschema: the project's venv (scripts/install-deps.sh) or the system one.
func python() -> String? {
    let venv = repoRoot.appendingPathComponent(".build-venv/bin/python3").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    for p in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: p) { return p }
    return nil
}

/// Runs a process; returns exit status and combined output.
func run(_ exe: String, _ args: [String], stdin: Data? = nil) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    if let stdin {
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        inPipe.fileHandleForWriting.write(stdin)
        try inPipe.fileHandleForWriting.close()
    } else {
        try p.run()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}
