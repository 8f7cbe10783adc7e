import CCurl
import Foundation

/// HTTP dates (RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 and asctime forms).
public enum HTTPDate {
    /// Parses an HTTP date; nil when `text` is not one. Uses libcurl's parser, which accepts all three forms.
    public static func parse(_ text: String) -> Date? {
        let t = curl_getdate(text, nil)
        return t == -1 ? nil : Date(timeIntervalSince1970: Double(t))
    }

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
