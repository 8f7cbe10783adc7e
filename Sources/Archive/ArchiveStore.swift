import Foundation

/// The archive root (default `./archive`): one folder per site, `<root>/<site>/`, holding
///
///     lock                          the site lock (a crawl in progress holds it)
///     objects/ab/cdef….json         post contents, stored once, named by the SHA-256 of their bytes
///     indexes/<hash>.tsv.gz         post and capture indexes, stored once, named by the SHA-256 of their bytes
///     snapshots/<id>/               complete snapshots: manifest.json (naming its indexes), warc/*.warc.gz
///     snapshots/<id>.partial/       a snapshot being written (journal.jsonl, work/, warc/)
///
/// File names come only from site names (sanitized by `siteName(for:)`), snapshot ids and hashes, never from a URL.
public final class ArchiveStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The folder name of the site a URL belongs to: `host[:port]`, lowercase, with every character outside
    /// `[a-z0-9.-:_]` replaced by `_`; never empty, `.` or `..`. Also accepts a bare host name.
    public static func siteName(for url: String) -> String {
        var host = url
        var port: Int?
        if url.contains("://"), let c = URLComponents(string: url), let h = c.host, !h.isEmpty {
            host = h; port = c.port
            let defaultPort = c.scheme?.lowercased() == "https" ? 443 : 80
            if port == defaultPort { port = nil }
        }
        var name = host.lowercased()
        if let port { name += ":\(port)" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-:_")
        name = String(name.map { allowed.contains($0) ? $0 : "_" }.prefix(Self.maxSiteNameLength))
        if name.isEmpty || name.allSatisfy({ $0 == "." }) { name = "_" + name }
        return name
    }

    /// DNS names are at most 253 characters; a port adds 6.
    static let maxSiteNameLength = 260

    /// Archived sites (folders holding at least one snapshot folder), sorted.
    public func sites() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.filter { name in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent("snapshots").path,
                                                  isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }

    /// The site's snapshots, complete and partial, oldest first.
    public func snapshots(site: String) throws -> [SnapshotInfo] {
        let site = try checkedSite(site)
        var out: [SnapshotInfo] = []
        for (name, partial) in snapshotFolders(site: site) {
            let dir = snapshotsDirectory(site: site).appendingPathComponent(name)
            if partial {
                let id = String(name.dropLast(Self.partialSuffix.count))
                let info = try? PartialInfo.read(dir)
                let posts = (try? Journal.replay(dir.appendingPathComponent(Journal.fileName)).posts.count) ?? 0
                out.append(SnapshotInfo(id: id, startedAt: info?.startedAt ?? "", postCount: posts, status: .partial))
            } else {
                let m = try Snapshot.readManifest(dir)
                out.append(SnapshotInfo(id: m.id, startedAt: m.startedAt, postCount: m.counts.posts, status: .complete))
            }
        }
        return out.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    /// Opens a complete snapshot by id, or `latest` (the newest) or `previous` (the one before it).
    public func open(site: String, snapshot: String) throws -> Snapshot {
        let site = try checkedSite(site)
        let complete = try snapshots(site: site).filter { $0.status == .complete }.map(\.id)
        let id: String?
        switch snapshot {
        case "latest": id = complete.last
        case "previous": id = complete.count >= 2 ? complete[complete.count - 2] : nil
        default: id = complete.contains(snapshot) ? snapshot : nil
        }
        guard let id else { throw ArchiveError.noSuchSnapshot(site: site, snapshot: snapshot) }
        return try Snapshot(store: self, site: site, id: id)
    }

    /// The newest complete snapshot of a site, or `nil` when there is none.
    public func latest(site: String) throws -> Snapshot? {
        let site = try checkedSite(site)
        guard let id = try snapshots(site: site).last(where: { $0.status == .complete })?.id else { return nil }
        return try Snapshot(store: self, site: site, id: id)
    }

    // MARK: - Paths (internal)

    static let partialSuffix = ".partial"

    func siteDirectory(site: String) -> URL { root.appendingPathComponent(site, isDirectory: true) }
    func snapshotsDirectory(site: String) -> URL { siteDirectory(site: site).appendingPathComponent("snapshots", isDirectory: true) }
    func objectsDirectory(site: String) -> URL { siteDirectory(site: site).appendingPathComponent("objects", isDirectory: true) }
    func indexesDirectory(site: String) -> URL { siteDirectory(site: site).appendingPathComponent("indexes", isDirectory: true) }

    /// `objects/ab/cdef….json` for a 64-character hex hash.
    func objectURL(site: String, hash: String) -> URL {
        objectsDirectory(site: site).appendingPathComponent(String(hash.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hash.dropFirst(2)) + ".json")
    }

    /// `indexes/<hash>.tsv.gz`: a post or capture index, stored once per content; `nil` unless `hash` is
    /// 64 lowercase hex digits (it comes from a manifest).
    func indexURL(site: String, hash: String) -> URL? {
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return indexesDirectory(site: site).appendingPathComponent(hash + ".tsv.gz")
    }

    /// Folder names under `snapshots/` with whether each is partial; ill-formed names are ignored.
    func snapshotFolders(site: String) -> [(name: String, partial: Bool)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory(site: site).path)) ?? []
        return names.sorted().compactMap { name in
            if name.hasSuffix(Self.partialSuffix) {
                let id = String(name.dropLast(Self.partialSuffix.count))
                return SnapshotID.isWellFormed(id) ? (name, true) : nil
            }
            return SnapshotID.isWellFormed(name) ? (name, false) : nil
        }
    }

    /// A site argument as typed by a user (a name or a URL) turned into an existing site folder name.
    func checkedSite(_ site: String) throws -> String {
        let name = site.contains("://") ? Self.siteName(for: site) : site
        guard name == Self.siteName(for: name),
              FileManager.default.fileExists(atPath: snapshotsDirectory(site: name).path) else {
            throw ArchiveError.noSuchSite(site: site, archive: root.path)
        }
        return name
    }
}
