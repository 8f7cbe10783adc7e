import Extract
import Foundation
import Testing
@testable import Archive

/// Strings that exercise every escaping rule, and the characters pretty-printing treats specially.
private let awkward: [String] = [
    "", "plain", "say \"hi\" \\ back/slash </script>", "a : b, {c} [d] \\\" e\\\\",
    String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! })),
    "del\u{7F} nel\u{85} nbsp\u{A0} ls\u{2028} ps\u{2029} bom\u{FEFF} é 日本 😀",
]

private func record(_ s: String, nulls: Bool) -> PageRecord {
    PageRecord(
        url: "https://ex.com/" + s, canonicalURL: "https://ex.com/c", fetchedAt: "2024-01-01T00:00:00Z",
        status: nulls ? nil : 200, title: nulls ? nil : s, authors: nulls ? [] : [s, "B"],
        published: nulls ? nil : DateField(date: "2024-01-01", raw: s, source: "text", precision: "day"),
        modified: nil, body: Body(text: s, html: "<p>" + s + "</p>", wordCount: 3),
        related: nulls ? [] : [RelatedLink(title: s, url: "https://ex.com/r", summary: nil, image: s),
                               RelatedLink(title: "2", url: "https://ex.com/2", summary: s, image: nil)],
        tags: nulls ? [] : [s, "t"], language: nulls ? nil : "en", siteName: nulls ? nil : s,
        description: nulls ? nil : s, contentHash: "sha256:00")
}

/// Stored objects are named by the SHA-256 of their bytes: the hand-written pretty JSON must be
/// `JSONEncoder`'s, byte for byte, or an unchanged post would be stored again under a new name.
@Test(arguments: awkward)
func storedObjectBytesAreJSONEncodersPrettyBytes(_ s: String) throws {
    for nulls in [false, true] {
        let r = record(s, nulls: nulls)
        let viaEncoder = try PageRecord.makeEncoder(pretty: true).encode(StoredRecord(r)) + Data([0x0A])
        #expect(StoredRecord.canonicalBytes(of: r) == Array(viaEncoder),
                "\(String(decoding: StoredRecord.canonicalBytes(of: r), as: UTF8.self))")
    }
}

/// A record handed over without its content hash (the crawler's) is stored as the same record with the hash of
/// its fields: the hashed fields' JSON, written once, gives both.
@Test(arguments: awkward)
func anUnhashedRecordIsStoredWithTheHashOfItsFields(_ s: String) throws {
    for nulls in [false, true] {
        var hashed = record(s, nulls: nulls)
        hashed.updateContentHash()
        var unhashed = hashed
        unhashed.contentHash = ""
        #expect(StoredRecord.canonicalBytes(of: unhashed) == StoredRecord.canonicalBytes(of: hashed))
        let (hash, json) = unhashed.hashedContentFieldsJSON()
        #expect(hash == hashed.contentHash && json == hashed.contentFieldsJSON())
    }
}

/// Nesting, empty and one-element containers at every depth, numbers, booleans and nulls.
@Test func prettyPrintedIsJSONEncodersPrettyOutput() throws {
    struct Inner: Codable { var a: [Int]; var b: [String: String]; var c: Bool?; var d: [[Int]] }
    struct Outer: Codable { var x: [Inner]; var y: [String: [Int]]; var z: String; var empty: [Inner] }
    let value = Outer(
        x: [Inner(a: [], b: [:], c: nil, d: [[], [1], [2, -3]]), Inner(a: [7], b: ["k": "v:,", "j": "{}[]"], c: true, d: [])],
        y: ["one": [1], "none": []], z: "\"quoted\" \\ and \n newline", empty: [])
    let compact = PageRecord.makeEncoder(pretty: false)
    let pretty = PageRecord.makeEncoder(pretty: true)
    #expect(RecordBytes.prettyPrinted(Array(try compact.encode(value))) == Array(try pretty.encode(value)))
    #expect(RecordBytes.prettyPrinted(Array(try compact.encode([Inner]()))) == Array(try pretty.encode([Inner]())))
}

/// Strings are copied eight bytes at a time up to a quote or backslash: an escaped quote or backslash at every offset
/// of strings up to 40 bytes, and several in one string, end each string where the encoder's pretty output does.
@Test func prettyPrintedFindsEveryStringsEnd() throws {
    var strings: [String] = []
    for length in 0...40 {
        for at in 0...length {
            for mark in ["\"", "\\", "\\\"", "\n"] {
                let plain = String(repeating: "é", count: at % 3) + String(repeating: "x", count: length - at)
                strings.append(String(plain.prefix(at)) + mark + String(plain.dropFirst(at)))
            }
        }
    }
    strings.append(String(repeating: "\"\\ab", count: 30))
    let compact = PageRecord.makeEncoder(pretty: false)
    let pretty = PageRecord.makeEncoder(pretty: true)
    #expect(RecordBytes.prettyPrinted(Array(try compact.encode(strings))) == Array(try pretty.encode(strings)))
    let byKey = Dictionary(uniqueKeysWithValues: strings.enumerated().map { ("k\($0.offset)\"\\" + $0.element, [$0.element]) })
    #expect(RecordBytes.prettyPrinted(Array(try compact.encode(byKey))) == Array(try pretty.encode(byKey)))
}

/// The journal's post line is written by hand: it must be the encoder's line (replay decodes it).
@Test(arguments: awkward)
func journalPostLineIsJSONEncodersLine(_ s: String) throws {
    for full in [false, true] {
        let fetch = full
            ? FetchInfo(finalURL: "https://ex.com/" + s, redirects: [s, "https://ex.com/r"], etag: s, lastModified: s,
                        contentType: "text/html", payloadDigest: "sha256:" + s, identifiers: [s, "https://ex.com/i"],
                        warcRecordID: "<urn:uuid:\(s)>", warcDate: "2024-01-01T00:00:00Z")
            : FetchInfo(finalURL: s)
        let entry = IndexEntry(url: "https://ex.com/" + s, object: s, fetchedAt: "2024-01-01T00:00:00Z",
                               status: full ? 200 : nil, reused: full, fetch: fetch)
        let viaEncoder = try compactEncoder().encode(Journal.Line(op: "post", entry: entry))
        #expect(Journal.postLine(entry) == String(decoding: viaEncoder, as: UTF8.self))
    }
}

/// The index line's fetch info is written by hand too: it must be the encoder's bytes (an unchanged re-crawl
/// shares the index file only when the bytes are the same, and readers decode it with `JSONDecoder`).
@Test(arguments: awkward)
func fetchInfoCompactJSONIsJSONEncodersBytes(_ s: String) throws {
    let infos = [
        FetchInfo(finalURL: s),
        FetchInfo(finalURL: "https://ex.com/" + s, redirects: [s, "https://ex.com/r"], etag: s, lastModified: s,
                  contentType: "text/html", payloadDigest: "sha256:" + s, identifiers: [s, "https://ex.com/i"],
                  warcRecordID: "<urn:uuid:\(s)>", warcDate: "2024-01-01T00:00:00Z"),
    ]
    for fetch in infos {
        #expect(fetch.compactJSON == String(decoding: try compactEncoder().encode(fetch), as: UTF8.self))
        let entry = IndexEntry(url: "https://ex.com/" + s, object: "ab", fetchedAt: "2024-01-01T00:00:00Z", status: 200,
                               reused: false, fetch: fetch)
        let line = SnapshotIndex.line(entry)
        #expect(line.last == 0x0A)
        let fields = line.dropLast().split(separator: 0x09, omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(try JSONDecoder().decode(FetchInfo.self, from: Data(fields[4])) == fetch)
    }
}
