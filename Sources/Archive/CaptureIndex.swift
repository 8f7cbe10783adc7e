import Extract
import Foundation

/// The captures of a snapshot: for every URL whose response the crawl captured, where its payload is and
/// how to revalidate it. One line per URI, sorted, gzipped:
///
///     uri TAB sha256:digest TAB WARC-Record-ID TAB WARC-Date TAB location TAB offset TAB etag TAB last-modified
///
/// `location` is `<snapshot id>/<WARC file name>` and `offset` the byte offset of the record's gzip member
/// in that file, so the payload can be read back without scanning (`-` when unknown); `etag` and
/// `last-modified` are the validators of the 200 answer (`-` when none). Older snapshots have only the
/// first four fields. The next crawl's WARC writer uses it to store an unchanged payload as a small
/// `revisit` record, and the crawler to send conditional requests for pages that are not posts (listings,
/// sitemaps, feeds) and to process a 304 from the archived payload.
enum CaptureIndex {
    /// Name of the file in snapshots written before the index moved to the site's shared store.
    static let legacyFileName = "captures.tsv.gz"

    static func encode(_ captures: [String: WARCCapture]) throws -> Data {
        try encode(uris: captures.keys) { fields(captures[$0]!) }
    }

    /// The index of the captures of `uris`, each given as `fields(_:)` by `fieldsOf`; made by `gz` (whose
    /// `output` handler, if any, takes it instead).
    static func encode(uris: some Collection<String>, into gz: GzipDeflater = GzipDeflater(),
                       fieldsOf: (String) throws -> [UInt8]) throws -> Data {
        // Compressed line by line: a 10,000-page crawl's index never exists uncompressed in memory.
        var line: [UInt8] = []
        for uri in uris.sorted() where !uri.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A }) {
            line.removeAll(keepingCapacity: true)
            line += uri.utf8
            line += try fieldsOf(uri)
            try gz.append(line)
        }
        return Data(try gz.finish())
    }

    /// A capture's line after its URI: `TAB digest TAB ... last-modified NEWLINE` (a WARC writer spools its
    /// captures in this form until the commit).
    static func fields(_ c: WARCCapture) -> [UInt8] {
        Array("\t\(c.digest)\t\(c.recordID)\t\(c.date)\t\(field(c.location))\t\(field(c.offset.map(String.init)))\t\(field(c.etag))\t\(field(c.lastModified))\n".utf8)
    }

    /// The captures of a snapshot; empty when it has none (older snapshots) or they are unreadable,
    /// which only costs deduplication and conditional requests.
    static func read(_ snapshot: Snapshot) -> [String: WARCCapture] {
        let path = snapshot.capturesFile?.path ?? snapshot.directory.appendingPathComponent(legacyFileName).path
        guard let gz = FileBytes.read(path),
              let bytes = gz.withUnsafeBufferPointer({ Gzip.decompressMember($0, at: 0) })?.bytes else { return [:] }
        var out: [String: WARCCapture] = [:]
        for line in bytes.split(separator: 0x0A) {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard f.count == 4 || f.count == 8 else { continue }
            var c = WARCCapture(digest: f[1], recordID: f[2], date: f[3])
            if f.count == 8 {
                c.location = value(f[4])
                c.offset = value(f[5]).flatMap { Int($0) }
                c.etag = value(f[6])
                c.lastModified = value(f[7])
            }
            out[f[0]] = c
        }
        return out
    }

    /// The captures recorded in existing WARC files (a resumed snapshot's earlier sessions); `location`
    /// names each file as `<snapshotID>/<file name>`. A revisit of a capture in `previous` (the previous
    /// snapshot's captures) carries that capture over, as `WARCWriter.writeNotModified` does.
    static func scan(_ files: [URL], snapshotID: String, previous: [String: WARCCapture] = [:]) -> [String: WARCCapture] {
        var out: [String: WARCCapture] = [:]
        for file in files {
            let location = "\(snapshotID)/\(file.lastPathComponent)"
            try? WARCReader(url: file).forEachRecordWithOffset { r, offset in
                guard let uri = r.targetURI, let date = r.date else { return }
                if r.type == "revisit", let id = r.header("WARC-Refers-To"), let prev = previous[uri], prev.recordID == id {
                    out[uri] = prev
                    return
                }
                // A server-not-modified revisit of anything else has no digest: nothing to carry over.
                guard let digest = r.header("WARC-Payload-Digest") else { return }
                if r.type == "response", let id = r.recordID {
                    let http = r.httpResponse
                    let ok = http?.status == 200
                    out[uri] = WARCCapture(digest: digest, recordID: id, date: date, location: location, offset: offset,
                                           etag: ok ? http?.header("ETag") : nil,
                                           lastModified: ok ? http?.header("Last-Modified") : nil)
                } else if r.type == "revisit", let id = r.header("WARC-Refers-To"), let d = r.header("WARC-Refers-To-Date") {
                    // Where the referred payload lives is in the previous snapshot's captures, not here.
                    out[uri] = WARCCapture(digest: digest, recordID: id, date: d)
                }
            }
        }
        return out
    }

    private static func field(_ s: String?) -> String {
        guard let s, !s.isEmpty, !hasLineBreakOrTab(s), s != "-" else { return "-" }
        return s
    }

    /// Whether `s` holds a tab, CR or LF (bytes, not Foundation's `contains`: it was ~0.7% of a crawl's CPU).
    private static func hasLineBreakOrTab(_ s: String) -> Bool {
        s.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private static func value(_ s: String) -> String? { s == "-" || s.isEmpty ? nil : s }
}

/// Where a captured payload is in the archive, and the validators it was served with.
public struct WARCCapture: Equatable, Sendable {
    /// `sha256:<hex>` of the payload.
    public var digest: String
    /// `WARC-Record-ID` of the `response` record holding the payload.
    public var recordID: String
    /// `WARC-Date` of that record.
    public var date: String
    /// `<snapshot id>/<WARC file name>` of the file holding that record, when known.
    public var location: String?
    /// Byte offset of the record's gzip member in that file, when known.
    public var offset: Int?
    /// `ETag` of the 200 answer that carried the payload.
    public var etag: String?
    /// `Last-Modified` of that answer.
    public var lastModified: String?

    public init(digest: String, recordID: String, date: String, location: String? = nil, offset: Int? = nil,
                etag: String? = nil, lastModified: String? = nil) {
        self.digest = digest; self.recordID = recordID; self.date = date
        self.location = location; self.offset = offset; self.etag = etag; self.lastModified = lastModified
    }
}
