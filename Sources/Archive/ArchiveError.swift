import Foundation

/// Everything that can go wrong in the archive, each naming the file or snapshot involved.
public enum ArchiveError: Error, CustomStringConvertible, Equatable {
    /// Another process holds the site lock (`path`), with the pid written in the lock file when readable.
    case locked(path: String, pid: Int32?)
    /// The site has no archived snapshots (or no such site folder).
    case noSuchSite(site: String, archive: String)
    /// A snapshot id (or `latest`/`previous`) that matches no complete snapshot of the site.
    case noSuchSnapshot(site: String, snapshot: String)
    /// A file of the archive could not be read or parsed.
    case corrupt(path: String, reason: String)
    /// A file could not be written.
    case io(path: String, reason: String)
    /// The writer was used after `commit` or the arguments are invalid.
    case invalid(String)

    public var description: String {
        switch self {
        case let .locked(path, pid):
            let who = pid.map { "process \($0)" } ?? "another process"
            return "\(path): the site is locked by \(who) (another crawl of this site is running); wait for it to finish"
        case let .noSuchSite(site, archive):
            return "\(archive): no archived site named '\(site)' (see `lookback sites`)"
        case let .noSuchSnapshot(site, snapshot):
            return "\(site): no complete snapshot '\(snapshot)' (see `lookback snapshots \(site)`)"
        case let .corrupt(path, reason):
            return "\(path): \(reason)"
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .invalid(message):
            return message
        }
    }
}
