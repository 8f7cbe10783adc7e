import Foundation

/// ISO 8601 instants as the page record writes them (`YYYY-MM-DDTHH:MM:SSZ`) and as manifests give them.
public enum ISOTime {
    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds), by arithmetic: a formatter per record was measurable.
    public static func utc(_ d: Date) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down))
        var days = t / 86_400
        var secs = t % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = year < 0 ? "\(year)" : String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(y)-\(two(month))-\(two(day))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
    }

    /// Parses an ISO 8601 instant with or without fractional seconds (`2024-11-23T10:00:00Z`, `...+09:00`).
    public static func parse(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}
