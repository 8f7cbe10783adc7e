import Extract
import Foundation

/// A complete, read-only snapshot of a site: its manifest and its posts (sorted by URL).
public final class Snapshot: Sendable {
    public let site: String
    public let id: String
    public let manifest: Manifest
    /// The snapshot folder (`<archive>/<site>/snapshots/<id>/`).
    public let directory: URL
    private let store: ArchiveStore
    /// Sorted by URL.
    let entries: [IndexEntry]
    private let byURL: [String: Int]

    init(store: ArchiveStore, site: String, id: String) throws {
        self.store = store; self.site = site; self.id = id
        directory = store.snapshotsDirectory(site: site).appendingPathComponent(id, isDirectory: true)
        manifest = try Self.readManifest(directory)
        let indexURL = directory.appendingPathComponent(Self.indexFileName)
        do {
            let gz = try [UInt8](Data(contentsOf: indexURL))
            guard let json = gz.withUnsafeBufferPointer({ Gzip.decompressMember($0, at: 0) }) else {
                throw ArchiveError.corrupt(path: indexURL.path, reason: "not a complete gzip file")
            }
            entries = try JSONDecoder().decode([IndexEntry].self, from: Data(json.bytes))
        } catch {
            throw ArchiveError.corrupt(path: indexURL.path, reason: "unreadable snapshot index: \(error)")
        }
        var map: [String: Int] = [:]
        map.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { map[e.url] = i }
        byURL = map
    }

    static let manifestFileName = "manifest.json"
    /// The post index, one JSON entry per line (sorted by URL), gzipped: it is the only per-snapshot
    /// cost of an unchanged post, and its hashes and URLs compress well.
    static let indexFileName = "index.json.gz"

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

    /// The record of one post, or `nil` when the snapshot has no post at that URL.
    public func record(url: String) throws -> PageRecord? {
        guard let i = byURL[url] else { return nil }
        return try load(entries[i])
    }

    /// How the post at `url` was fetched, or `nil` when the snapshot has no post there.
    public func fetchInfo(url: String) -> FetchInfo? {
        byURL[url].map { entries[$0].fetch }
    }

    /// The WARC files of this snapshot, in write order.
    public var warcFiles: [URL] {
        manifest.warcFiles.map { directory.appendingPathComponent("warc").appendingPathComponent($0) }
    }

    func entry(url: String) -> IndexEntry? { byURL[url].map { entries[$0] } }

    private func load(_ e: IndexEntry) throws -> PageRecord {
        let url = store.objectURL(site: site, hash: e.object)
        do {
            let stored = try JSONDecoder().decode(StoredRecord.self, from: Data(contentsOf: url))
            return stored.pageRecord(fetchedAt: e.fetchedAt, status: e.status)
        } catch {
            throw ArchiveError.corrupt(path: url.path, reason: "unreadable record of \(e.url): \(error)")
        }
    }
}
