import CCurl
import Foundation

/// HTTP dates (RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 and asctime forms).
public enum HTTPDate {
    /// Parses an HTTP date; nil when `text` is not one. Uses libcurl's parser, which accepts all three forms.
    public static func parse(_ text: String) -> Date? {
        let t = curl_getdate(text, nil)
        return t == -1 ? nil : Date(timeIntervalSince1970: Double(t))
    }

    /// `date` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) in the proleptic Gregorian calendar, rounded to
    /// the millisecond, then its fraction of a second dropped. Worked out by arithmetic: a `DateFormatter` made
    /// per answer was a fifth of a folder crawl's CPU.
    public static func format(_ date: Date) -> String {
        // The millisecond first, as Foundation's formatter did: a file's `Last-Modified` stays what earlier
        // snapshots recorded for it.
        let ms = Int((date.timeIntervalSince1970 * 1_000).rounded())
        let t = ms >= 0 ? ms / 1_000 : (ms - 999) / 1_000
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let second = t - days * 86_400
        // The proleptic Gregorian calendar's day count (days from 0000-03-01, in eras of 400 years).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days + 4) % 7 + 7) % 7   // 1970-01-01 was a Thursday
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var yearText = String(year)
        if year >= 0, yearText.count < 4 { yearText = String(repeating: "0", count: 4 - yearText.count) + yearText }
        return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(yearText) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds to wait from a `Retry-After` value: delta-seconds, or an HTTP date taken relative to
    /// `reference` (the answer's `Date` header, else the time it arrived). Negative waits become 0.
    public static func retryAfterSeconds(_ value: String, reference: Date) -> Double? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if !v.isEmpty, v.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(v)
        }
        guard let date = parse(v) else { return nil }
        return max(0, date.timeIntervalSince(reference))
    }
}
