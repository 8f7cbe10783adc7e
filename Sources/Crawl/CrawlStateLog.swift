import Archive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The crawl state's changes since its database last took them in: a file beside the database that each
/// `CrawlState.flush()` appends to with one `write(2)`, emptied once the database holds them.
///
/// Why: the crawler flushes after every page (a kill must neither refetch an archived page nor lose a URL
/// that page found), and an SQLite commit per page was ~4.5% of a crawl's CPU, a third of it writing the
/// WAL frames of the few pages each commit touched. An append costs one system call; the database takes the
/// changes in batches. A kill loses nothing an append reached: the next open replays the log. Replaying is
/// idempotent (every change sets a value or inserts what is missing), so a kill between a batch's commit and
/// the log's truncation replays that batch again harmlessly.
///
/// Record: payload length (4 bytes, little-endian), FNV-1a hash of the payload (4 bytes), payload (the changes
/// of one flush). Replay stops at the first record that is cut short or does not match its hash (a write a
/// kill or a crash tore): what follows it was never confirmed to the crawler either.
final class CrawlStateLog {
    let path: String
    private var fd: Int32

    /// Opens (or creates) the log at `path`.
    init(path: String) throws {
        self.path = path
        fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CrawlStateError(path: path, reason: "cannot open the change log: \(String(cString: strerror(errno)))") }
    }

    deinit { Glibc.close(fd) }

    /// The changes of every whole record, in order.
    func replay() throws -> [CrawlState.Change] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let bytes = [UInt8](data)
        var changes: [CrawlState.Change] = []
        var at = 0
        while at + 8 <= bytes.count {
            let length = Int(Self.u32(bytes, at)), hash = Self.u32(bytes, at + 4)
            guard at + 8 + length <= bytes.count else { break }
            let payload = bytes[(at + 8)..<(at + 8 + length)]
            guard Self.fnv1a(payload) == hash, let decoded = Self.decode(payload) else { break }
            changes += decoded
            at += 8 + length
        }
        return changes
    }

    /// Appends the changes of one flush as one record.
    func append(_ changes: [CrawlState.Change]) throws {
        var payload: [UInt8] = []
        payload.reserveCapacity(256 * changes.count)
        for change in changes { Self.encode(change, into: &payload) }
        var record: [UInt8] = []
        record.reserveCapacity(8 + payload.count)
        Self.put32(UInt32(payload.count), &record)
        Self.put32(Self.fnv1a(payload[...]), &record)
        record += payload
        guard writeFully(fd, record) else {
            throw CrawlStateError(path: path, reason: "cannot write the change log: \(String(cString: strerror(errno)))")
        }
    }

    /// Empties the log (its changes are in the database).
    func clear() throws {
        guard ftruncate(fd, 0) == 0 else {
            throw CrawlStateError(path: path, reason: "cannot empty the change log: \(String(cString: strerror(errno)))")
        }
    }

    // MARK: - Encoding

    private enum Tag: UInt8 { case insert = 1, routes, finish, meta, retry, hostStart }

    private static func encode(_ change: CrawlState.Change, into out: inout [UInt8]) {
        switch change {
        case let .insert(item, routes):
            out.append(Tag.insert.rawValue)
            put(item.url, &out); put(item.key, &out)
            put(Int64(item.kind.rawValue), &out); put(Int64(item.priority.rawValue), &out)
            put(Int64(item.depth), &out); put(Int64(item.seq), &out); put(Int64(routes), &out)
        case let .routes(key, routes):
            out.append(Tag.routes.rawValue)
            put(key, &out); put(Int64(routes), &out)
        case let .finish(key, outcome, status, reason, recordURL, aliasOf, postKey):
            out.append(Tag.finish.rawValue)
            put(key, &out); put(outcome.rawValue, &out)
            put(status.map { Int64($0) }, &out)
            for s in [reason, recordURL, aliasOf, postKey] { put(s, &out) }
        case let .meta(name, value):
            out.append(Tag.meta.rawValue)
            put(name, &out); put(value, &out)
        case let .retry(key, at):
            out.append(Tag.retry.rawValue)
            put(key, &out); put(Int64(bitPattern: at.bitPattern), &out)
        case let .hostStart(authority, at):
            out.append(Tag.hostStart.rawValue)
            put(authority, &out); put(Int64(bitPattern: at.bitPattern), &out)
        }
    }

    private static func decode(_ payload: ArraySlice<UInt8>) -> [CrawlState.Change]? {
        var r = Reader(bytes: payload)
        var changes: [CrawlState.Change] = []
        while !r.atEnd {
            guard let raw = r.byte(), let tag = Tag(rawValue: raw) else { return nil }
            switch tag {
            case .insert:
                guard let url = r.string(), let key = r.string(), let kind = r.int().flatMap({ Frontier.Kind(rawValue: Int($0)) }),
                      let priority = r.int().flatMap({ Frontier.Priority(rawValue: Int($0)) }), let depth = r.int(),
                      let seq = r.int(), let routes = r.int() else { return nil }
                changes.append(.insert(Frontier.Item(url: url, key: key, kind: kind, priority: priority, depth: Int(depth),
                                                     seq: Int(seq)), routes: Int(routes)))
            case .routes:
                guard let key = r.string(), let routes = r.int() else { return nil }
                changes.append(.routes(key: key, routes: Int(routes)))
            case .finish:
                guard let key = r.string(), let outcome = r.string().flatMap(CrawlState.Outcome.init(rawValue:)),
                      let status = r.optionalInt(), let reason = r.optionalString(), let recordURL = r.optionalString(),
                      let aliasOf = r.optionalString(), let postKey = r.optionalString() else { return nil }
                changes.append(.finish(key: key, outcome: outcome, status: status.map { Int($0) }, reason: reason,
                                       recordURL: recordURL, aliasOf: aliasOf, postKey: postKey))
            case .meta:
                guard let name = r.string(), let value = r.string() else { return nil }
                changes.append(.meta(name: name, value: value))
            case .retry:
                guard let key = r.string(), let bits = r.int() else { return nil }
                changes.append(.retry(key: key, at: Double(bitPattern: UInt64(bitPattern: bits))))
            case .hostStart:
                guard let authority = r.string(), let bits = r.int() else { return nil }
                changes.append(.hostStart(authority: authority, at: Double(bitPattern: UInt64(bitPattern: bits))))
            }
        }
        return changes
    }

    private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    private static func put(_ v: Int64, _ out: inout [UInt8]) {
        let u = UInt64(bitPattern: v)
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: u >> UInt64(shift))) }
    }

    private static func put(_ s: String, _ out: inout [UInt8]) {
        put32(UInt32(s.utf8.count), &out)
        out += s.utf8
    }

    /// An optional value: a 0 byte for nil, 1 and the value otherwise.
    private static func put(_ v: Int64?, _ out: inout [UInt8]) {
        if let v { out.append(1); put(v, &out) } else { out.append(0) }
    }

    private static func put(_ s: String?, _ out: inout [UInt8]) {
        if let s { out.append(1); put(s, &out) } else { out.append(0) }
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    private static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for b in bytes { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return h
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int

        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes; at = bytes.startIndex }

        var atEnd: Bool { at >= bytes.endIndex }

        mutating func byte() -> UInt8? {
            guard at < bytes.endIndex else { return nil }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func int() -> Int64? {
            guard at + 8 <= bytes.endIndex else { return nil }
            var u: UInt64 = 0
            for i in 0..<8 { u |= UInt64(bytes[at + i]) << UInt64(8 * i) }
            at += 8
            return Int64(bitPattern: u)
        }

        mutating func string() -> String? {
            guard at + 4 <= bytes.endIndex else { return nil }
            let n = Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
            at += 4
            guard at + n <= bytes.endIndex else { return nil }
            defer { at += n }
            return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        }

        /// `.some(nil)` for an encoded nil; nil when the bytes run out.
        mutating func optionalInt() -> Int64?? {
            guard let flag = byte() else { return nil }
            if flag == 0 { return .some(nil) }
            guard let v = int() else { return nil }
            return .some(v)
        }

        mutating func optionalString() -> String?? {
            guard let flag = byte() else { return nil }
            if flag == 0 { return .some(nil) }
            guard let v = string() else { return nil }
            return .some(v)
        }
    }
}
