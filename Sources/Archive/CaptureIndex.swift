import Foundation

/// `captures.tsv.gz` of a snapshot: for every URL whose response the crawl captured, where its payload
/// is (`uri TAB sha256:digest TAB WARC-Record-ID TAB WARC-Date`, sorted by URI). The next crawl's WARC
/// writer uses it to store an unchanged payload as a small `revisit` record instead of a second copy,
/// whether or not the server answers conditional requests.
enum CaptureIndex {
    struct Capture: Equatable {
        var digest: String
        var recordID: String
        var date: String
    }

    static let fileName = "captures.tsv.gz"

    static func encode(_ captures: [String: Capture]) throws -> Data {
        var out = ""
        for uri in captures.keys.sorted() where !uri.contains("\t") && !uri.contains("\n") {
            let c = captures[uri]!
            out += "\(uri)\t\(c.digest)\t\(c.recordID)\t\(c.date)\n"
        }
        return Data(try Gzip.compress(Array(out.utf8)))
    }

    /// The captures of a snapshot folder; empty when it has none (older snapshots) or it is unreadable,
    /// which only costs deduplication.
    static func read(_ dir: URL) -> [String: Capture] {
        guard let gz = readWholeFile(dir.appendingPathComponent(fileName).path),
              let bytes = gz.withUnsafeBufferPointer({ Gzip.decompressMember($0, at: 0) })?.bytes else { return [:] }
        var out: [String: Capture] = [:]
        for line in bytes.split(separator: 0x0A) {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard f.count == 4 else { continue }
            out[String(decoding: f[0], as: UTF8.self)] = Capture(digest: String(decoding: f[1], as: UTF8.self),
                                                                recordID: String(decoding: f[2], as: UTF8.self),
                                                                date: String(decoding: f[3], as: UTF8.self))
        }
        return out
    }

    /// The captures recorded in existing WARC files (a resumed snapshot's earlier sessions).
    static func scan(_ files: [URL]) -> [String: Capture] {
        var out: [String: Capture] = [:]
        for file in files {
            try? WARCReader(url: file).forEachRecord { r in
                guard let uri = r.targetURI, let digest = r.header("WARC-Payload-Digest"), let date = r.date else { return }
                if r.type == "response", let id = r.recordID {
                    out[uri] = Capture(digest: digest, recordID: id, date: date)
                } else if r.type == "revisit", let id = r.header("WARC-Refers-To"), let d = r.header("WARC-Refers-To-Date") {
                    out[uri] = Capture(digest: digest, recordID: id, date: d)
                }
            }
        }
        return out
    }
}
