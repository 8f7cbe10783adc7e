import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `journal.jsonl` of a partial snapshot: one line per post, listing or error, appended with one
/// `write(2)` each so a killed process loses at most the line being written. Replay keeps the last
/// line per URL and ignores a torn last line.
final class Journal {
    static let fileName = "journal.jsonl"

    struct Line: Codable {
        var op: String            // "post" | "listing" | "error"
        var entry: IndexEntry?
        var url: String?
        var error: CrawlError?
    }

    struct State {
        var posts: [String: IndexEntry] = [:]
        var listings: Set<String> = []
        var errors: [String: CrawlError] = [:]
    }

    private let fd: Int32
    let path: String
    private let encoder = compactEncoder()

    init(url: URL) throws {
        path = url.path
        fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.io(path: path, reason: "cannot open journal: \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    func append(_ line: Line) throws {
        var data = try encoder.encode(line)
        data.append(0x0A)
        try write(data)
    }

    /// Appends the line of a post (`Line(op: "post", entry: entry)`): the crawl's most frequent line,
    /// written without the encoder. `fetchJSON` is `entry.fetch.compactJSON` when the caller has it.
    func appendPost(_ entry: IndexEntry, fetchJSON: String? = nil) throws {
        var line = Self.postLine(entry, fetchJSON: fetchJSON)
        line.append("\n")
        try write(Array(line.utf8))
    }

    /// The line of a post, `{"entry":{...},"op":"post"}`: what `JSONEncoder` writes for
    /// `Line(op: "post", entry: entry)` (sorted keys, explicit nulls in the entry), without the encoder.
    /// `fetchJSON`, when given, must be `entry.fetch.compactJSON`.
    static func postLine(_ entry: IndexEntry, fetchJSON: String? = nil) -> String {
        var s = "{\"entry\":{\"fetch\":" + (fetchJSON ?? entry.fetch.compactJSON) + ","
        s += "\"fetched_at\":" + jsonString(entry.fetchedAt) + ",\"object\":" + jsonString(entry.object)
        s += ",\"reused\":" + (entry.reused ? "true" : "false") + ",\"status\":" + (entry.status.map(String.init) ?? "null")
        s += ",\"url\":" + jsonString(entry.url) + "},\"op\":\"post\"}"
        return s
    }

    private func write(_ bytes: some ContiguousBytes) throws {
        if !writeFully(fd, bytes) {
            throw ArchiveError.io(path: path, reason: "cannot append to journal: \(String(cString: strerror(errno)))")
        }
    }

    /// Replays a journal file (missing file: empty state).
    static func replay(_ url: URL) throws -> State {
        var state = State()
        guard let data = try? Data(contentsOf: url) else { return state }
        let decoder = JSONDecoder()
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            // A torn last line (killed mid-write) does not parse: it is the one post to redo.
            guard let l = try? decoder.decode(Line.self, from: Data(line)) else { continue }
            switch l.op {
            case "post": if let e = l.entry { state.posts[e.url] = e; state.errors[e.url] = nil }
            case "listing": if let u = l.url { state.listings.insert(u) }
            case "error": if let e = l.error, state.posts[e.url] == nil { state.errors[e.url] = e }
            default: continue
            }
        }
        return state
    }
}

/// Compact, sorted-key JSON encoder for archive files.
func compactEncoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
}

/// `partial.json`: what `SnapshotWriter.open(resume: true)` needs to reopen a partial snapshot.
struct PartialInfo: Codable {
    var id: String
    var site: String
    var seedURL: String
    var startedAt: String
    var rulesSHA256: String
    var toolVersion: String
    var sessions: Int

    static let fileName = "partial.json"

    static func read(_ dir: URL) throws -> PartialInfo {
        let url = dir.appendingPathComponent(fileName)
        do { return try JSONDecoder().decode(PartialInfo.self, from: Data(contentsOf: url)) } catch {
            throw ArchiveError.corrupt(path: url.path, reason: "unreadable partial-snapshot info: \(error)")
        }
    }

    func write(_ dir: URL) throws {
        try writeFileAtomically(dir.appendingPathComponent(Self.fileName), compactEncoder().encode(self) + Data([0x0A]))
    }
}
