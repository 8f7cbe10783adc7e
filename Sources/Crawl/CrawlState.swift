import Foundation
import GRDB

/// The crawl's resumable state: an SQLite database (WAL) in the snapshot's work folder.
///
/// Holds every URL the frontier admitted (with its priority, depth, order and routes), what became of
/// each fetched URL (post, listing, error, duplicate...), and per-host timing. Changes are buffered until
/// `flush()`, which the crawler calls after every page: it appends them to the change log (`CrawlStateLog`),
/// and the database takes the logged changes in one transaction every `checkpointEvery` flushes, before any
/// read, and when it is opened again after a kill. A kill loses at most the unflushed changes, and those URLs
/// are simply fetched again on resume.
public final class CrawlState {
    /// What became of a fetched URL.
    public enum Outcome: String, Sendable {
        case post, reused, listing, duplicate, error, skipped, infrastructure
    }

    /// One URL as the coverage report sees it.
    public struct Finished: Sendable {
        public var url: String
        public var routes: Int
        public var outcome: Outcome
    }

    private let queue: DatabaseQueue
    private let log: CrawlStateLog
    /// Changes in the log and not yet in the database.
    private var logged: [Change] = []
    private var flushesSinceCheckpoint = 0
    /// Flushes whose changes the database takes in one transaction: a commit per flush (per page) was most of
    /// the state's cost, and a batch of 64 commits a few dozen pages of the table at once.
    static let checkpointEvery = 64
    /// The database file, named in every error.
    public let path: String
    private var pending: [Change] = []
    /// The last start per host since the last flush: only the last one is kept in the table, and the crawler
    /// sets one per request (it wrote a row for each).
    private var pendingHostStarts: [String: Double] = [:]

    /// One change of the state: each sets a value or inserts a row that is missing, so applying a change again
    /// leaves the state as it was (the log's replay relies on it).
    enum Change: Equatable {
        case insert(Frontier.Item, routes: Int)
        case routes(key: String, routes: Int)
        case finish(key: String, outcome: Outcome, status: Int?, reason: String?, recordURL: String?, aliasOf: String?,
                    postKey: String?)
        case meta(name: String, value: String)
        case retry(key: String, at: Double)
        case hostStart(authority: String, at: Double)
    }

    /// The change log's file beside the database at `path`.
    static func logPath(_ path: String) -> String { path + "-changes" }

    /// The database's page size for a new file (SQLite's default is 4,096).
    static let pageSize = 1024

    /// Opens (or creates) the database at `path`.
    /// - Throws: a message naming the file when it cannot be opened or is not a crawl state.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            // No syncs while a new file is set up (its page size, WAL mode, the tables): an empty state holds
            // nothing a lost write could lose, and the rollback journal, the WAL's creation and their folder
            // were six fdatasyncs (20-100 ms) before the crawl's first request. `init` sets NORMAL after.
            try db.execute(sql: "PRAGMA synchronous = OFF")
            // Small pages (set before WAL mode, so only when the file is new): a flush's changes are a few
            // rows scattered over the table and its key index, and every page they touch is written whole to
            // the WAL and again at the checkpoint. The crawler commits after every page: with 4 KB pages that
            // was ~24 KB of WAL per crawled page, and the checkpoints' fsyncs of it stalled the crawl loop
            // 15-120 ms each (~0.35 s in a 2,000-post crawl).
            try db.execute(sql: "PRAGMA page_size = \(CrawlState.pageSize)")
            // One process owns the file (the archive's site lock keeps a second crawler out): locks taken
            // once and kept, and the WAL index in this process's memory instead of a shared `-shm` file. Each
            // flush otherwise took and released file locks with fcntl(2) and compared the shared index.
            // Before WAL mode, which reads it. A killed process's locks go with it.
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            // WAL: each flush is one append; a kill never leaves a half-written transaction visible.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // A checkpoint every 4 MB of WAL, as with SQLite's default of 1,000 pages of 4 KB.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(4 * 1024 * 1024 / CrawlState.pageSize)")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS url (
                        key TEXT PRIMARY KEY NOT NULL, url TEXT NOT NULL, kind INTEGER NOT NULL,
                        priority INTEGER NOT NULL, depth INTEGER NOT NULL, seq INTEGER NOT NULL,
                        routes INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, outcome TEXT,
                        status INTEGER, reason TEXT, record_url TEXT, alias_of TEXT, post_key TEXT,
                        retry_at REAL);
                    CREATE TABLE IF NOT EXISTS host (authority TEXT PRIMARY KEY NOT NULL, last_start REAL NOT NULL);
                    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    """)
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        } catch {
            throw CrawlStateError(path: path, reason: "\(error)")
        }
        log = try CrawlStateLog(path: Self.logPath(path))
        // Changes flushed before a kill that the database had not taken yet.
        logged = try log.replay()
        try checkpoint()
    }

    /// Closes the database of a crawl that is over, before the snapshot's commit deletes it. The checkpoint of
    /// closing is not synced to disk (two fdatasyncs on the crawl's last, serial stretch): a kill before the
    /// commit leaves the file system's copy, whole.
    public func closeForCommit() throws {
        do {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
            try queue.close()
        } catch {
            throw CrawlStateError(path: path, reason: "\(error)")
        }
    }

    /// The database's `PRAGMA synchronous` (0 off, 1 normal, 2 full).
    func synchronousMode() throws -> Int {
        do { return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } } catch {
            throw CrawlStateError(path: path, reason: "\(error)")
        }
    }

    /// Changes waiting for `flush()`.
    public var unflushed: Int { pending.count }

    public func insert(_ item: Frontier.Item, routes: Int) { pending.append(.insert(item, routes: routes)) }

    public func setRoutes(key: String, routes: Int) { pending.append(.routes(key: key, routes: routes)) }

    /// Marks `key` fetched. `recordURL` is the archived post's URL; `postKey` the post's identity key
    /// (its canonical URL's) when it differs from `key`; `aliasOf` the key of the post a duplicate stands for.
    public func finish(key: String, outcome: Outcome, status: Int? = nil, reason: String? = nil,
                       recordURL: String? = nil, aliasOf: String? = nil, postKey: String? = nil) {
        pending.append(.finish(key: key, outcome: outcome, status: status, reason: reason, recordURL: recordURL,
                               aliasOf: aliasOf, postKey: postKey))
    }

    /// Keys of URLs fetched as posts or listings, with the identity key of each post.
    public func finishedKeys() throws -> [(key: String, outcome: Outcome, postKey: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT key, outcome, post_key FROM url WHERE done = 1 AND outcome IN ('post', 'reused', 'listing')
                """).map { row in (row[0], Outcome(rawValue: row[1]) ?? .listing, row[2]) }
        }
    }

    public func setHostStart(_ authority: String, at time: Date) {
        pendingHostStarts[authority] = time.timeIntervalSince1970
    }

    public func setMeta(_ name: String, _ value: String) { pending.append(.meta(name: name, value: value)) }

    /// Notes that `key` may not be requested again before `time` (a `Retry-After` or back-off), so that a
    /// resumed crawl keeps the wait.
    public func setRetry(key: String, at time: Date) { pending.append(.retry(key: key, at: time.timeIntervalSince1970)) }

    public func meta(_ name: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name]) }
    }

    /// Makes the buffered changes survive a kill: appends them to the change log in one write; every
    /// `checkpointEvery` flushes the database takes the logged changes.
    public func flush() throws {
        guard !pending.isEmpty || !pendingHostStarts.isEmpty else { return }
        var changes = pending
        for (authority, at) in pendingHostStarts { changes.append(.hostStart(authority: authority, at: at)) }
        pending.removeAll(keepingCapacity: true)
        pendingHostStarts.removeAll(keepingCapacity: true)
        try log.append(changes)
        logged += changes
        flushesSinceCheckpoint += 1
        if flushesSinceCheckpoint >= Self.checkpointEvery { try checkpoint() }
    }

    /// Writes the logged changes to the database in one transaction, then empties the log. A kill between the
    /// two replays them on the next open, which changes nothing (see `Change`).
    func checkpoint() throws {
        flushesSinceCheckpoint = 0
        guard !logged.isEmpty else { return }
        try apply(logged)
        logged.removeAll(keepingCapacity: true)
        try log.clear()
    }

    private func apply(_ changes: [Change]) throws {
        try transaction { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO url (key, url, kind, priority, depth, seq, routes) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let routes = try db.cachedStatement(sql: "UPDATE url SET routes = ? WHERE key = ?")
            let finish = try db.cachedStatement(sql: """
                UPDATE url SET done = 1, outcome = ?, status = ?, reason = ?, record_url = ?, alias_of = ?, post_key = ?
                WHERE key = ?
                """)
            // A host's row is updated in place: `INSERT OR REPLACE` deleted and inserted it again, in the table and
            // in its key index.
            let hostUpdate = try db.cachedStatement(sql: "UPDATE host SET last_start = ? WHERE authority = ?")
            let hostInsert = try db.cachedStatement(sql: "INSERT INTO host (authority, last_start) VALUES (?, ?)")
            let meta = try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
            let retry = try db.cachedStatement(sql: "UPDATE url SET retry_at = ? WHERE key = ?")
            for change in changes {
                switch change {
                case let .insert(item, r):
                    try insert.execute(arguments: [item.key, item.url, item.kind.rawValue, item.priority.rawValue,
                                                   item.depth, item.seq, r])
                case let .routes(key, r):
                    try routes.execute(arguments: [r, key])
                case let .finish(key, outcome, status, reason, recordURL, aliasOf, postKey):
                    try finish.execute(arguments: [outcome.rawValue, status, reason, recordURL, aliasOf, postKey, key])
                case let .meta(name, value):
                    try meta.execute(arguments: [name, value])
                case let .retry(key, at):
                    try retry.execute(arguments: [at, key])
                case let .hostStart(authority, at):
                    try hostUpdate.execute(arguments: [at, authority])
                    if db.changesCount == 0 { try hostInsert.execute(arguments: [authority, at]) }
                }
            }
        }
    }

    /// Counts of a restored crawl.
    public struct Restored: Sendable, Equatable {
        public var pending = 0
        public var done = 0
        public var posts = 0
        public var listings = 0
        public var errors = 0
    }

    /// Loads every known URL into `frontier` (pending ones queued again, in their original order) and
    /// returns per-host last start times.
    public func restore(into frontier: Frontier) throws -> (Restored, hosts: [String: Date], notBefore: [String: Date]) {
        var counts = Restored()
        var hosts: [String: Date] = [:]
        var notBefore: [String: Date] = [:]
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT key, url, kind, priority, depth, seq, routes, done, outcome, retry_at FROM url ORDER BY seq
                """)
            while let row = try rows.next() {
                let done: Bool = row[7]
                let item = Frontier.Item(url: row[1], key: row[0], kind: Frontier.Kind(rawValue: row[2]) ?? .page,
                                         priority: Frontier.Priority(rawValue: row[3]) ?? .link,
                                         depth: row[4], seq: row[5])
                frontier.restore(item, routes: row[6], pending: !done)
                if done {
                    counts.done += 1
                    switch Outcome(rawValue: row[8] ?? "") {
                    case .post?, .reused?: counts.posts += 1
                    case .listing?: counts.listings += 1
                    case .error?: counts.errors += 1
                    default: break
                    }
                } else {
                    counts.pending += 1
                    if let at: Double = row[9] { notBefore[item.key] = Date(timeIntervalSince1970: at) }
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT authority, last_start FROM host") {
                hosts[row[0]] = Date(timeIntervalSince1970: row[1])
            }
        }
        return (counts, hosts, notBefore)
    }

    /// Every archived post with the routes that found it (its own URL's and those of the URLs that
    /// turned out to be the same post), and sitemap-listed URLs that were not archived.
    public func coverage() throws -> (routes: [String: Int], sitemapUnfetched: [String]) {
        try read { db in
            var routes: [String: Int] = [:]
            var byKey: [String: String] = [:]
            // Read row by row (cursors): all the rows of a 10,000-post crawl at once were ~3 MB more at its
            // commit, the crawl's peak of memory.
            let posts = try Row.fetchCursor(db, sql: """
                SELECT key, record_url, routes, post_key FROM url WHERE outcome IN ('post', 'reused')
                """)
            while let row = try posts.next() {
                let url: String = row[1]
                byKey[row[0]] = url
                if let identity: String = row[3] { byKey[identity] = url }
                routes[url, default: 0] |= row[2]
            }
            let aliases = try Row.fetchCursor(db, sql: "SELECT alias_of, routes FROM url WHERE alias_of IS NOT NULL")
            while let row = try aliases.next() {
                if let url = byKey[row[0] as String] { routes[url, default: 0] |= row[1] }
            }
            let unfetched = try String.fetchAll(db, sql: """
                SELECT url FROM url WHERE (routes & ?) != 0 AND kind = ? AND (done = 0 OR outcome = 'error') ORDER BY url
                """, arguments: [DiscoveryRoute.sitemap.bit, Frontier.Kind.page.rawValue])
            return (routes, unfetched)
        }
    }
}

extension CrawlState {
    // SQLite's own messages ("database or disk is full") do not say which file: both helpers add it.

    /// `body` in one transaction begun and committed by cached statements: GRDB's `write` compiles its BEGIN
    /// and COMMIT each time (a third of a commit's CPU when the crawler committed after every page).
    private func transaction(_ body: (Database) throws -> Void) throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                do {
                    try body(db)
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                    throw error
                }
            }
        } catch {
            throw CrawlStateError(path: path, reason: "\(error)")
        }
    }

    /// Reads what was flushed (the logged changes go into the database first).
    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try checkpoint()
        do { return try queue.read(body) } catch { throw CrawlStateError(path: path, reason: "\(error)") }
    }
}

/// The crawl state database could not be opened or written.
public struct CrawlStateError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): crawl state: \(reason)" }
}
