import Extract
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A complete, read-only snapshot of a site: its manifest and its posts (sorted by URL).
public final class Snapshot: Sendable {
    public let site: String
    public let id: String
    /// The manifest, with `coverage.routes` read from its routes file (format 3).
    public let manifest: Manifest
    /// The snapshot folder (`<archive>/<site>/snapshots/<id>/`).
    public let directory: URL
    private let store: ArchiveStore
    /// Sorted by URL.
    let entries: [SnapshotIndex.Row]
    private let byURL: [String: Int]

    init(store: ArchiveStore, site: String, id: String) throws {
        self.store = store; self.site = site; self.id = id
        directory = store.snapshotsDirectory(site: site).appendingPathComponent(id, isDirectory: true)
        var manifest = try Self.readManifest(directory)
        if let hash = manifest.routesSHA256 {
            guard let url = store.indexURL(site: site, hash: hash) else {
                throw ArchiveError.corrupt(path: directory.appendingPathComponent(Self.manifestFileName).path,
                                           reason: "routes_sha256 is not a SHA-256 hex digest")
            }
            manifest.coverage.routes = try RoutesIndex.read(url)
        }
        self.manifest = manifest
        let indexFile: URL
        if let hash = manifest.indexSHA256 {
            guard let url = store.indexURL(site: site, hash: hash) else {
                throw ArchiveError.corrupt(path: directory.appendingPathComponent(Self.manifestFileName).path,
                                           reason: "index_sha256 is not a SHA-256 hex digest")
            }
            indexFile = url
        } else {
            indexFile = directory.appendingPathComponent(Self.legacyIndexFileName)
        }
        entries = try SnapshotIndex.read(indexFile)
        var map: [String: Int] = [:]
        map.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { map[e.url] = i }
        byURL = map
    }

    static let manifestFileName = "manifest.json"
    /// The post index of format-1 snapshots, in the snapshot folder (format 2 keeps it in `indexes/`).
    static let legacyIndexFileName = "index.json.gz"

    /// The capture index file (see `CaptureIndex`), or `nil` for a format-1 snapshot (`captures.tsv.gz`).
    var capturesFile: URL? { manifest.capturesSHA256.flatMap { store.indexURL(site: site, hash: $0) } }

    static func readManifest(_ dir: URL) throws -> Manifest {
        let url = dir.appendingPathComponent(manifestFileName)
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
        } catch {
            throw ArchiveError.corrupt(path: url.path, reason: "unreadable snapshot manifest: \(error)")
        }
    }

    /// Post URLs, sorted.
    public var urls: [String] { entries.map(\.url) }

    /// Number of posts.
    public var count: Int { entries.count }

    /// All post records, sorted by URL.
    public func records() throws -> [PageRecord] {
        try entries.map { try load($0) }
    }

    /// Calls `body` with each record in URL order without holding them all in memory.
    public func forEachRecord(_ body: (PageRecord) throws -> Void) throws {
        for e in entries { try body(try load(e)) }
    }

    /// Calls `body` with each post's record as pretty JSON bytes (exactly `PageRecord.jsonData(pretty: true)`
    /// without the final newline), in URL order. Built from the stored bytes without decoding, which is
    /// what keeps a 10,000-post export fast; a stored object not in the expected shape is decoded instead.
    func forEachPrettyRecord(_ body: ([UInt8]) throws -> Void) throws {
        let enc = PageRecord.makeEncoder(pretty: true)
        // Paths as strings: building 10,000 Foundation URLs costs more than reading the files.
        let objects = store.objectsDirectory(site: site).path
        for e in entries {
            let path = "\(objects)/\(e.object.prefix(2))/\(e.object.dropFirst(2)).json"
            guard let bytes = FileBytes.read(path) else {
                throw ArchiveError.corrupt(path: path, reason: "unreadable record of \(e.url)")
            }
            if let pretty = RecordBytes.pretty(stored: bytes, fetchedAt: e.fetchedAt, status: e.status) {
                try body(pretty)
            } else {
                try body([UInt8](try enc.encode(try load(e))))
            }
        }
    }

    /// The record of one post, or `nil` when the snapshot has no post at that URL.
    public func record(url: String) throws -> PageRecord? {
        guard let i = byURL[url] else { return nil }
        return try load(entries[i])
    }

    /// How the post at `url` was fetched, or `nil` when the snapshot has no post there.
    public func fetchInfo(url: String) -> FetchInfo? {
        byURL[url].flatMap { try? entries[$0].fetch() }
    }

    /// The WARC files of this snapshot, in write order.
    public var warcFiles: [URL] {
        manifest.warcFiles.map { directory.appendingPathComponent("warc").appendingPathComponent($0) }
    }

    func entry(url: String) -> IndexEntry? { byURL[url].flatMap { try? entries[$0].entry() } }

    private func load(_ e: SnapshotIndex.Row) throws -> PageRecord {
        let url = store.objectURL(site: site, hash: e.object)
        do {
            let stored = try JSONDecoder().decode(StoredRecord.self, from: Data(contentsOf: url))
            return stored.pageRecord(fetchedAt: e.fetchedAt, status: e.status)
        } catch {
            throw ArchiveError.corrupt(path: url.path, reason: "unreadable record of \(e.url): \(error)")
        }
    }
}
