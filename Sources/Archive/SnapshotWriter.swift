import Extract
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes one snapshot of a site. Everything goes into `snapshots/<id>.partial/`; `commit` writes the
/// index and manifest and renames the folder to `snapshots/<id>/`, so a snapshot is visible only when
/// complete. Holds the site lock from `open` until `commit` (or until the writer is released).
///
/// Thread-safe: any task may call it.
public final class SnapshotWriter: @unchecked Sendable {
    /// The snapshot id (`2026-11-25T17-03-12Z`).
    public let id: String
    public let site: String
    /// True when `open` reopened an interrupted partial snapshot.
    public let isResumed: Bool
    /// A folder inside the partial snapshot for the crawler's own state (its SQLite database).
    /// Deleted by `commit`: close anything open in it first.
    public let workDirectory: URL
    /// The newest complete snapshot of the site when the writer was opened (for conditional requests and reuse).
    public let previous: Snapshot?
    /// The WARC file of this run (a resumed snapshot starts a new WARC file).
    public let warc: WARCWriter

    private let store: ArchiveStore
    private let partialDirectory: URL
    private let info: PartialInfo
    private let journal: Journal
    private var lock: SiteLock?
    private let mutex = NSLock()
    /// Listings and errors; its posts are moved to `posts` when the writer opens.
    private var state: Journal.State
    /// The posts by URL: where each one's index line (see `SnapshotIndex.line`) is in `lines`, and whether
    /// it was reused.
    private var posts: [String: (line: LineSpool.Slot, reused: Bool)] = [:]
    private let lines: LineSpool
    private var committed = false
    /// Object folders (`objects/ab/`) known to exist.
    private var objectFolders = Set<String>()
    /// `objects/` of the site, as a path.
    private let objectsPath: String

    /// Starts a new snapshot of `site` (or, when `resume` is true and a partial one exists, reopens the
    /// newest partial one). Takes the site lock: a second concurrent writer of the same site gets
    /// `ArchiveError.locked` naming the lock file and the pid holding it.
    public static func open(store: ArchiveStore, site: String, seedURL: String, startedAt: Date,
                            rulesSHA256: String, toolVersion: String, resume: Bool) throws -> SnapshotWriter {
        try SnapshotWriter(store: store, site: site, seedURL: seedURL, startedAt: startedAt,
                           rulesSHA256: rulesSHA256, toolVersion: toolVersion, resume: resume)
    }

    private init(store: ArchiveStore, site: String, seedURL: String, startedAt: Date,
                 rulesSHA256: String, toolVersion: String, resume: Bool) throws {
        guard site == ArchiveStore.siteName(for: site) else {
            throw ArchiveError.invalid("'\(site)' is not a site name; use ArchiveStore.siteName(for:)")
        }
        self.store = store
        self.site = site
        var objectsPath = store.objectsDirectory(site: site).path
        while objectsPath.utf8.count > 1, objectsPath.hasSuffix("/") { objectsPath.removeLast() }
        self.objectsPath = objectsPath
        let fm = FileManager.default
        let snapshots = store.snapshotsDirectory(site: site)
        do {
            try fm.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try fm.createDirectory(at: store.objectsDirectory(site: site), withIntermediateDirectories: true)
        } catch {
            throw ArchiveError.io(path: snapshots.path, reason: "cannot create the site folder: \(error.localizedDescription)")
        }
        let lock = try SiteLock(path: store.siteDirectory(site: site).appendingPathComponent("lock").path)

        let folders = store.snapshotFolders(site: site)
        var info: PartialInfo
        if resume, let last = folders.last(where: \.partial) {
            partialDirectory = snapshots.appendingPathComponent(last.name, isDirectory: true)
            info = try PartialInfo.read(partialDirectory)
            info.sessions += 1
            isResumed = true
        } else {
            let base = SnapshotID(startedAt: startedAt)
            let taken = Set(folders.map { $0.partial ? String($0.name.dropLast(ArchiveStore.partialSuffix.count)) : $0.name })
            var n = 1
            while taken.contains(base.suffixed(n).value) { n += 1 }
            let id = base.suffixed(n).value
            partialDirectory = snapshots.appendingPathComponent(id + ArchiveStore.partialSuffix, isDirectory: true)
            info = PartialInfo(id: id, site: site, seedURL: seedURL, startedAt: isoUTC(startedAt),
                               rulesSHA256: rulesSHA256, toolVersion: toolVersion, sessions: 1)
            isResumed = false
        }
        id = info.id
        workDirectory = partialDirectory.appendingPathComponent("work", isDirectory: true)
        let warcDir = partialDirectory.appendingPathComponent("warc", isDirectory: true)
        do {
            try fm.createDirectory(at: workDirectory, withIntermediateDirectories: true)
            try fm.createDirectory(at: warcDir, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError.io(path: partialDirectory.path, reason: "cannot create the snapshot folder: \(error.localizedDescription)")
        }
        try info.write(partialDirectory)
        self.info = info
        // Earlier sessions' WARC files may end in a member torn by a kill: cut it off.
        let earlierFiles = Self.warcNames(in: warcDir).map { warcDir.appendingPathComponent($0) }
        for file in earlierFiles { try WARCFile.truncateToLastCompleteMember(file) }
        previous = try store.latest(site: site)
        let warcName = String(format: "%@-%03d.warc.gz", info.id, info.sessions)
        let previousCaptures = previous.map { CaptureIndex.read($0) } ?? [:]
        warc = try WARCWriter(url: warcDir.appendingPathComponent(warcName), snapshotID: info.id,
                              software: "lookback/\(toolVersion)", date: startedAt, previousCaptures: previousCaptures,
                              captures: CaptureIndex.scan(earlierFiles, snapshotID: info.id, previous: previousCaptures),
                              spool: workDirectory.appendingPathComponent("capture-fields"))
        let journalURL = partialDirectory.appendingPathComponent(Journal.fileName)
        state = try Journal.replay(journalURL)
        lines = try LineSpool(url: workDirectory.appendingPathComponent("index-lines"))
        for (url, entry) in state.posts { posts[url] = (try lines.append(SnapshotIndex.line(entry)), entry.reused) }
        state.posts = [:]
        journal = try Journal(url: journalURL)
        self.lock = lock
    }

    static func warcNames(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".warc.gz") }.sorted()
    }

    /// URLs of the posts written so far (after a resume: including earlier sessions'), for the crawler to skip.
    public var postURLs: Set<String> { mutex.withLock { Set(posts.keys) } }

    /// Adds a post. Durable against a process kill when it returns (the content object and a journal
    /// line are written to the file system). Idempotent per URL: the last call wins. A record whose
    /// `contentHash` is empty is stored with the hash of its fields (`PageRecord.computeContentHash`),
    /// worked out here while its JSON is written (the crawler's records: the JSON is written once).
    public func addPost(_ record: PageRecord, fetch: FetchInfo) throws {
        let bytes = StoredRecord.canonicalBytes(of: record)
        let hash = SHA256.hex(bytes)
        try writeObject(hash: hash, bytes: bytes)
        let entry = IndexEntry(url: record.url, object: hash, fetchedAt: record.fetchedAt, status: record.status,
                               reused: false, fetch: fetch)
        try append(entry)
    }

    /// Takes over the post at `url` from an earlier snapshot (a 304, or an unchanged payload) without
    /// re-extracting: the new snapshot references the same stored content. `fetch` replaces the old
    /// fetch info when given (e.g. a new `WARC-Record-ID`).
    public func reusePost(url: String, from snapshot: Snapshot, fetch: FetchInfo? = nil) throws {
        guard var entry = snapshot.entry(url: url) else {
            throw ArchiveError.invalid("snapshot \(snapshot.id) of \(snapshot.site) has no post \(url) to reuse")
        }
        entry.reused = true
        if let fetch { entry.fetch = fetch }
        try append(entry)
    }

    /// The previous snapshot's capture of `uri` (its payload's place and validators), if it has one.
    public func previousCapture(uri: String) -> WARCCapture? { warc.previousCaptures[uri] }

    /// The HTTP response the previous snapshot captured for `uri` with status 200, read back from its WARC
    /// file with its body decoded (for a 304 to a request made with that capture's validators); `nil` when
    /// there is none or it cannot be read.
    public func previousPayload(uri: String) -> HTTPResponseMessage? {
        guard let c = warc.previousCaptures[uri], let location = c.location, let offset = c.offset else { return nil }
        let parts = location.split(separator: "/", omittingEmptySubsequences: false)
        // The location comes from a file: only `<well-formed id>/<plain name>.warc.gz` is followed.
        guard parts.count == 2, SnapshotID.isWellFormed(String(parts[0])), parts[1].hasSuffix(".warc.gz"),
              !parts[1].hasPrefix("."), !parts[1].contains("\\") else { return nil }
        let file = store.snapshotsDirectory(site: site).appendingPathComponent(String(parts[0]), isDirectory: true)
            .appendingPathComponent("warc", isDirectory: true).appendingPathComponent(String(parts[1]))
        guard let record = try? WARCReader(url: file).record(at: offset), record.type == "response",
              record.recordID == c.recordID, record.targetURI == uri,
              let http = record.httpResponse, http.status == 200,
              WARCWriter.payloadDigest(http.body) == c.digest else { return nil }
        return http.contentDecoded()
    }

    /// Records a listing page (used for discovery, not archived as a post).
    public func addListing(url: String) throws {
        try mutex.withLock {
            try checkOpen()
            guard !state.listings.contains(url) else { return }
            try journal.append(.init(op: "listing", url: url))
            state.listings.insert(url)
        }
    }

    /// Records a URL that could not be archived.
    public func addError(url: String, status: Int?, reason: String) throws {
        let e = CrawlError(url: url, status: status, reason: reason)
        try mutex.withLock {
            try checkOpen()
            try journal.append(.init(op: "error", error: e))
            if posts[url] == nil { state.errors[url] = e }
        }
    }

    /// Finishes the snapshot: writes its index and manifest, deletes `workDirectory`, renames the folder
    /// into place (atomic) and releases the lock. Returns the snapshot id.
    @discardableResult
    public func commit(endedAt: Date, coverage: Coverage, reextractedFrom: String? = nil) throws -> String {
        try mutex.withLock {
            try checkOpen()
            // What the snapshot holds is flushed to disk side by side: the WARC file (every answer of the crawl)
            // from now on, while the indexes are made, then the index files and the manifest. Each flush waits on
            // the disk; one after another they were most of the commit's time. The journal is not flushed: this
            // commit deletes it, and until then a kill leaves its lines in the file system.
            let flushes = DiskJobs()
            let warc = self.warc
            flushes.start { try warc.close() }
            let urls = posts.keys.sorted()
            let warcDir = partialDirectory.appendingPathComponent("warc", isDirectory: true)
            var inManifest = coverage
            inManifest.routes = [:]
            let indexFolder = store.indexesDirectory(site: site)
            do { try FileManager.default.createDirectory(at: indexFolder, withIntermediateDirectories: true) } catch {
                throw ArchiveError.io(path: indexFolder.path, reason: "cannot create the index folder: \(error.localizedDescription)")
            }
            // The index, the capture index and the routes go to files as they are compressed, each moved into the
            // index folder by its hash once complete (from the work folder, which this commit or a resumed one
            // deletes: a kill leaves nothing in the index folder). The index and the capture index are compressed
            // side by side: the two are most of the commit's CPU, and the crawl has left the other core idle by now.
            let indexFiles = try (0..<3).map { _ in try IndexFileWriter(directory: workDirectory) }
            let made = Mutex<[Int: Result<Void, any Error>]>([:])
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let result = Result<Void, any Error> {
                    if i == 1 { _ = try warc.captureIndex(into: indexFiles[1].deflater); return }
                    var rest = urls[...]
                    _ = try SnapshotIndex.encode(into: indexFiles[0].deflater) { try rest.popFirst().map { try lines.read(posts[$0]!.line) } }
                }
                made.withLock { $0[i] = result }
            }
            try made.withLock { $0[0]! }.get()
            try made.withLock { $0[1]! }.get()
            _ = try RoutesIndex.encode(coverage.routes, into: indexFiles[2].deflater)
            let hashes = indexFiles.map { $0.sha256() }
            let manifest = Manifest(
                format: Manifest.currentFormat, id: id, site: site, seedURL: info.seedURL,
                startedAt: info.startedAt, endedAt: isoUTC(endedAt), lookbackVersion: info.toolVersion,
                rulesSHA256: info.rulesSHA256,
                counts: Counts(posts: urls.count, reused: posts.values.filter(\.reused).count,
                               listings: state.listings.count, errors: state.errors.count),
                coverage: inManifest,
                errors: state.errors.values.sorted { $0.url < $1.url },
                listings: state.listings.sorted(),
                warcFiles: Self.warcNames(in: warcDir),
                reextractedFrom: reextractedFrom,
                // Stored by content before the manifest names them: an unchanged re-crawl shares these files.
                indexSHA256: hashes[0], capturesSHA256: hashes[1], routesSHA256: hashes[2])
            let manifestBytes = try PageRecord.makeEncoder(pretty: true).encode(manifest) + Data([0x0A])
            var planned = Set<URL>()
            for (hash, file) in zip(hashes, indexFiles) {
                guard let url = store.indexURL(site: site, hash: hash) else { throw ArchiveError.invalid("bad index hash \(hash)") }
                // A file already there (an unchanged re-crawl's) holds these bytes: the new one is deleted when released.
                guard !FileManager.default.fileExists(atPath: url.path), planned.insert(url).inserted else { continue }
                flushes.start { try file.install(at: url) }
            }
            // The manifest may be in place before the indexes: the snapshot is visible once its folder is renamed.
            let manifestURL = partialDirectory.appendingPathComponent(Snapshot.manifestFileName)
            flushes.start { try writeFileAtomically(manifestURL, manifestBytes, sync: true) }
            try flushes.wait()
            if !planned.isEmpty { syncDirectory(indexFolder) }
            try? FileManager.default.removeItem(at: workDirectory)
            try? FileManager.default.removeItem(at: partialDirectory.appendingPathComponent(Journal.fileName))
            try? FileManager.default.removeItem(at: partialDirectory.appendingPathComponent(PartialInfo.fileName))
            let final = store.snapshotsDirectory(site: site).appendingPathComponent(id, isDirectory: true)
            guard rename(partialDirectory.path, final.path) == 0 else {
                throw ArchiveError.io(path: final.path, reason: "cannot move the finished snapshot into place: \(String(cString: strerror(errno)))")
            }
            syncDirectory(store.snapshotsDirectory(site: site))
            committed = true
            lock?.release()
            lock = nil
            return id
        }
    }

    // MARK: - Private

    private func checkOpen() throws {
        if committed { throw ArchiveError.invalid("snapshot \(id) of \(site) is already committed") }
    }

    private func append(_ entry: IndexEntry) throws {
        // The journal line and the index line both hold the fetch info: encoded once, outside the lock.
        let fetchJSON = entry.fetch.compactJSON
        try mutex.withLock {
            try checkOpen()
            try journal.appendPost(entry, fetchJSON: fetchJSON)
            posts[entry.url] = (try lines.append(SnapshotIndex.line(entry, fetchJSON: fetchJSON)), entry.reused)
            state.errors[entry.url] = nil
        }
    }

    /// `objects/ab/cdef….json` (`ArchiveStore.objectURL`), on plain path strings: `URL` path building was
    /// ~0.8% of a crawl's CPU.
    private func writeObject(hash: String, bytes: [UInt8]) throws {
        let folder = String(hash.prefix(2))
        let dir = objectsPath + "/" + folder
        let path = dir + "/" + hash.dropFirst(2) + ".json"
        // One of 256 folders in `objects/` (which `open` created): made (or found) once per writer, not once per post.
        if !mutex.withLock({ objectFolders.contains(folder) }) {
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
                throw ArchiveError.io(path: dir, reason: "cannot create object folder: \(String(cString: strerror(errno)))")
            }
            mutex.withLock { _ = objectFolders.insert(folder) }
        }
        try createFileOnce(path: path, bytes)   // stored once
    }
}

private func syncDirectory(_ url: URL) {
    let fd = Glibc.open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 { _ = fsync(fd); close(fd) }
}
