import Foundation

/// A snapshot's post index: one line per post sorted by URL, gzipped:
///
///     "<url as a JSON string>" TAB object-hash TAB fetched_at TAB status|null TAB {fetch info JSON}
///
/// Tab-separated so that opening a 10,000-post snapshot reads it in a few milliseconds: the fetch info
/// (only needed for conditional requests, moves and re-extraction) is decoded when asked for.
/// No field holds a raw tab or newline (JSON escapes them; the others are hashes, dates and numbers).
/// Nothing in a line depends on the crawl that wrote it (a post reused after a 304 keeps its line), so an
/// unchanged re-crawl writes the same bytes and shares the file (see `Manifest.indexSHA256`). Older
/// snapshots have a sixth field, `reused(0|1)`, before the fetch info.
enum SnapshotIndex {
    /// One post as read from the index.
    struct Row {
        var url: String
        var object: String
        var fetchedAt: String
        var status: Int?
        /// The fetch info, still encoded.
        var fetchJSON: ArraySlice<UInt8>

        func fetch() throws -> FetchInfo { try JSONDecoder().decode(FetchInfo.self, from: Data(fetchJSON)) }

        func entry() throws -> IndexEntry {
            IndexEntry(url: url, object: object, fetchedAt: fetchedAt, status: status, reused: false, fetch: try fetch())
        }
    }

    /// The gzipped index of `entries` (which must be sorted by URL).
    static func encode(_ entries: [IndexEntry]) throws -> Data {
        var rest = entries[...]
        return try encode { rest.popFirst().map { line($0) } }
    }

    /// The gzipped index of the lines made by `line(_:)` that `next` returns, in that order (sorted
    /// by URL), until it returns `nil`; made by `gz` (whose `output` handler, if any, takes it instead).
    static func encode(into gz: GzipDeflater = GzipDeflater(), _ next: () throws -> [UInt8]?) throws -> Data {
        // Compressed line by line: a 10,000-post index never exists uncompressed in memory.
        while let line = try next() { try gz.append(line) }
        return Data(try gz.finish())
    }

    /// The line of one entry, newline included (a snapshot writer spools its posts' lines until the commit).
    /// The fetch info is `FetchInfo.compactJSON` (the bytes `compactEncoder()` writes); `fetchJSON`, when
    /// given, must be `e.fetch.compactJSON`.
    static func line(_ e: IndexEntry, fetchJSON: String? = nil) -> [UInt8] {
        var line: [UInt8] = []
        line += jsonString(e.url).utf8; line.append(0x09)
        line += e.object.utf8; line.append(0x09)
        line += e.fetchedAt.utf8; line.append(0x09)
        line += (e.status.map(String.init) ?? "null").utf8; line.append(0x09)
        line += (fetchJSON ?? e.fetch.compactJSON).utf8; line.append(0x0A)
        return line
    }

    /// Reads an index file.
    static func read(_ url: URL) throws -> [Row] {
        let gz: [UInt8]
        do { gz = try [UInt8](Data(contentsOf: url)) } catch {
            throw ArchiveError.corrupt(path: url.path, reason: "cannot read the snapshot index: \(error.localizedDescription)")
        }
        guard let bytes = gz.withUnsafeBufferPointer({ Gzip.decompressMember($0, at: 0) })?.bytes else {
            throw ArchiveError.corrupt(path: url.path, reason: "the snapshot index is not a complete gzip file")
        }
        var rows: [Row] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            lineNumber += 1
            // The fetch info is JSON (it starts with `{`): 5 fields, or 6 with the old reused flag.
            let f = line.split(separator: 0x09, maxSplits: 5, omittingEmptySubsequences: false)
            guard f.count == 5 || f.count == 6, let u = decodeURL(f[0]), f[f.count - 1].first == 0x7B else {
                throw ArchiveError.corrupt(path: url.path, reason: "line \(lineNumber): expected 5 tab-separated fields starting with a JSON string")
            }
            let status = String(decoding: f[3], as: UTF8.self)
            rows.append(Row(url: u, object: String(decoding: f[1], as: UTF8.self), fetchedAt: String(decoding: f[2], as: UTF8.self),
                            status: Int(status), fetchJSON: f[f.count - 1]))
        }
        return rows
    }

    /// The URL field: a JSON string, decoded by hand when it has no escapes (the common case).
    static func decodeURL(_ field: ArraySlice<UInt8>) -> String? {
        guard field.count >= 2, field.first == 0x22, field.last == 0x22 else { return nil }
        let inner = field.dropFirst().dropLast()
        if !inner.contains(0x5C) { return String(decoding: inner, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(field))
    }
}
