import Foundation

/// ISO 8601 instants as the page record writes them (`YYYY-MM-DDTHH:MM:SSZ`) and as manifests give them.
public enum ISOTime {
    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds), by arithmetic: a formatter per record was measurable.
    public static func utc(_ d: Date) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down))
        var days = t / 86_400
        var secs = t % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let (year, month, day) = CivilDate.from(days: days)
        // A four-digit year (any date a crawl meets) is written digit by digit in place: the interpolation took ~5.5k
        // instructions, and a crawl dates each WARC record twice and each post once.
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 20) { o in
                func put(_ value: Int, at start: Int, digits: Int) {
                    var v = value
                    for i in stride(from: start + digits - 1, through: start, by: -1) { o[i] = UInt8(0x30 + v % 10); v /= 10 }
                }
                put(year, at: 0, digits: 4); put(month, at: 5, digits: 2); put(day, at: 8, digits: 2)
                put(secs / 3600, at: 11, digits: 2); put(secs % 3600 / 60, at: 14, digits: 2); put(secs % 60, at: 17, digits: 2)
                o[4] = UInt8(ascii: "-"); o[7] = UInt8(ascii: "-"); o[10] = UInt8(ascii: "T")
                o[13] = UInt8(ascii: ":"); o[16] = UInt8(ascii: ":"); o[19] = UInt8(ascii: "Z")
                return 20
            }
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = year < 0 ? "\(year)" : String(year)
        return "\(y)-\(two(month))-\(two(day))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
    }

    /// Parses an ISO 8601 instant with or without fractional seconds (`2024-11-23T10:00:00Z`, `...+09:00`).
    public static func parse(_ s: String) -> Date? {
        // Manifests give one time per line: the plain UTC form by arithmetic (a formatter per line was 3% of a batch).
        if let d = plainUTC(s) { return d }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }

    /// Exactly `YYYY-MM-DDTHH:MM:SSZ` with every field in range; anything else is `nil` (left to the formatter).
    static func plainUTC(_ s: String) -> Date? {
        let b = Array(s.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else {
            return nil
        }
        func num(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 7), let d = num(8, 10), let h = num(11, 13), let mi = num(14, 16),
              let sec = num(17, 19), y >= 1, (1...12).contains(mo), h < 24, mi < 60, sec < 60 else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d >= 1, d <= monthDays[mo - 1] else { return nil }
        // Days since 1970-01-01 from the civil date (proleptic Gregorian), the inverse of `utc`.
        let yy = mo <= 2 ? y - 1 : y
        let era = yy / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + sec))
    }
}
