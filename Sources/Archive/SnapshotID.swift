import Extract
import Foundation

/// The id of a snapshot: its UTC start time, `2026-11-25T17-03-12Z`, sortable as text
/// (`-2`, `-3`... appended when two snapshots of a site start in the same second).
public struct SnapshotID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// The base id for a start time (UTC, second precision).
    public init(startedAt: Date) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: startedAt)
        value = String(format: "%04d-%02d-%02dT%02d-%02d-%02dZ",
                       c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// Wraps an existing id string.
    public init(_ value: String) { self.value = value }

    /// The id with a collision suffix (`n` >= 2).
    func suffixed(_ n: Int) -> SnapshotID { n < 2 ? self : SnapshotID("\(value)-\(n)") }

    /// True when `text` has the shape of an id (so it is safe as a folder name).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x54 || $0 == 0x5A }
    }

    public static func < (a: SnapshotID, b: SnapshotID) -> Bool { a.value < b.value }
    public var description: String { value }
}

/// ISO 8601 UTC text for a date, second precision (`2026-11-25T17:03:12Z`): the archive's one date format.
/// By arithmetic (`ISOTime.utc`): a calendar and `String(format:)` per WARC record were ~1.7% of a crawl's CPU.
func isoUTC(_ date: Date) -> String { ISOTime.utc(date) }
