@testable import Archive
import Extract
import Foundation
import Testing

@Suite struct ExportTests {
    static let records = [
        makeRecord("https://blog.example/b/", related: [RelatedLink(title: "A", url: "https://blog.example/a/", summary: nil, image: nil)]),
        makeRecord("https://blog.example/a/", title: nil, published: "2024-11-01T10:20:30Z", modified: "2024-11-02"),
        makeRecord("https://blog.example/c/\u{e9}t\u{e9}", title: "Quote \" and </script> and / slash", tags: []),
    ]

    func snapshot() throws -> Snapshot {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-25T17:03:12Z", Self.records)
        return try store.open(site: "blog.example", snapshot: "latest")
    }

    func export(_ s: Snapshot, _ format: Exporter.Format) throws -> Data {
        let url = try makeTempDirectory().appendingPathComponent("out.\(format.rawValue)")
        try Exporter.export(s, format: format, to: url)
        return try Data(contentsOf: url)
    }

    @Test func jsonlIsOneCompactRecordPerLineSortedByURL() throws {
        let data = try export(try snapshot(), .jsonl)
        let lines = data.split(separator: 0x0A)
        #expect(data.last == 0x0A)
        let decoded = try lines.map { try JSONDecoder().decode(PageRecord.self, from: Data($0)) }
        #expect(decoded == Self.records.sorted { $0.url < $1.url })
        #expect(try lines.map { Data($0) } == decoded.map { try $0.jsonData(pretty: false) })
    }

    @Test func jsonIsOneDocumentEqualToTheSortedKeyEncoding() throws {
        let s = try snapshot()
        let data = try export(s, .json)
        struct Doc: Codable { var site: String; var snapshot: String; var posts: [PageRecord] }
        let doc = try JSONDecoder().decode(Doc.self, from: data)
        #expect(doc.site == "blog.example")
        #expect(doc.snapshot == s.id)
        #expect(doc.posts == Self.records.sorted { $0.url < $1.url })
        // Byte-identical to encoding the whole document at once with the record encoder.
        var whole = try PageRecord.makeEncoder(pretty: true).encode(doc)
        whole.append(0x0A)
        #expect(String(decoding: data, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
    }

    @Test func anEmptySnapshotExportsAnEmptyPostList() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-25T17:03:12Z", [])
        let s = try store.open(site: "blog.example", snapshot: "latest")
        struct Doc: Codable { var posts: [PageRecord] }
        #expect(try JSONDecoder().decode(Doc.self, from: export(s, .json)).posts.isEmpty)
        #expect(try export(s, .jsonl).isEmpty)
    }

    @Test func exportsValidateAgainstThePublishedSchema() throws {
        guard let py = python() else { Issue.record("python3 is not installed: cannot validate (run scripts/install-deps.sh)"); return }
        try #require(try run(py, ["-c", "import jsonschema"]).status == 0, "jsonschema missing for \(py): run scripts/install-deps.sh")
        let s = try snapshot()
        let dir = try makeTempDirectory()
        try Exporter.export(s, format: .json, to: dir.appendingPathComponent("out.json"))
        try Exporter.export(s, format: .jsonl, to: dir.appendingPathComponent("out.jsonl"))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            v = jsonschema.Draft202012Validator(schema)
            doc = json.load(open(sys.argv[2]))
            recs = doc["posts"] + [json.loads(l) for l in open(sys.argv[3])]
            errs = [f"{r.get('url')}: {e.message}" for r in recs for e in v.iter_errors(r)]
            bad = dict(recs[0]); bad["status"] = "200"
            if not list(v.iter_errors(bad)): errs.append("schema accepted a string status")
            print("\\n".join(errs) or f"ok {len(recs)}"); sys.exit(1 if errs else 0)
            """
        let r = try run(py, ["-c", script, repoRoot.appendingPathComponent("docs/page-record.schema.json").path,
                             dir.appendingPathComponent("out.json").path, dir.appendingPathComponent("out.jsonl").path])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("ok 6"))
    }
}

/// `jsonString` writes what `JSONEncoder` (`.withoutEscapingSlashes`) writes, one named case per row.
@Test(arguments: [
    ("nothing to escape", "https://blog.example/2024/03/post/"),
    ("a quoted ETag", "\"5f2a-61b3c0\""),
    ("a weak ETag", "W/\"abc\""),
    ("backslashes", "C:\\path\\to"),
    ("control characters", "a\tb\nc\rd\u{08}e\u{0C}f\u{01}g\u{1F}"),
    ("quotes and a newline", "say \"hi\"\n"),
    ("non-ASCII", "Zoë Ångström — 日本語 \u{2028}"),
    ("empty", ""),
])
func jsonStringIsTheEncodersBytes(_ name: String, _ s: String) throws {
    let e = JSONEncoder()
    e.outputFormatting = [.withoutEscapingSlashes]
    #expect(jsonString(s) == String(decoding: try e.encode(s), as: UTF8.self), "\(name)")
}
