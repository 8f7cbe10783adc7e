import Foundation

/// A date found on a page, in the form the page record stores.
public struct ParsedDate: Equatable, Sendable {
    /// `YYYY-MM-DD` when only the day is known; `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS+HH:MM` when the source
    /// gave a time with a zone (the day and time as written on the page, with its offset).
    public var date: String
    /// "day" | "minute" | "second"
    public var precision: String
    /// Resolved against the reference time ("2 days ago", "yesterday", a day and month without a year).
    public var isRelative: Bool
    /// The instant, for validation and comparison (UTC; day precision = 00:00 of that day UTC).
    public var instant: Date

    public init(date: String, precision: String, isRelative: Bool, instant: Date) {
        self.date = date
        self.precision = precision
        self.isRelative = isRelative
        self.instant = instant
    }
}

/// Dates in machine formats (ISO 8601, RFC 2822, epoch), in human text in many languages, relative to a
/// reference time, and in URL paths. Hand-written scanners; no regular expressions or DateFormatter.
public enum DateParser {
    /// Machine-readable dates (JSON-LD, meta, <time datetime>, sitemap lastmod, feeds): ISO 8601/RFC 3339 (with or without
    /// time, offset, fractional seconds), RFC 2822 / RFC 1123, "YYYY-MM-DD HH:MM:SS", unix epoch seconds/millis.
    /// Values that are none of these but hold an absolute human date ("November 23, 2024", "11/23/2024") are read as
    /// text, to the day; a numeric date that reads both ways ("05/06/2007") gives `nil` here (parseText decides it).
    public static func parseMachine(_ s: String) -> ParsedDate? {
        let u = Array(s.utf8)
        var a = 0, b = u.count
        while a < b && isSpace(u[a]) { a += 1 }
        while b > a && isSpace(u[b - 1]) { b -= 1 }
        guard a < b else { return nil }
        let t = Array(u[a..<b])
        if let epoch = parseEpoch(t) { return epoch }
        if let iso = parseISO(t) { return iso }
        if let rfc = parseRFC2822(withoutTrailingComment(t)) { return rfc }
        let tokens = tokenize(String(decoding: t, as: UTF8.self))
        // A numeric day/month that reads both ways ("05/06/2007") is left to parseText, which knows the page's language.
        guard let (y, m, d, _) = findAbsolute(tokens, monthFirst: false, reference: nil),
              let (y2, m2, d2, _) = findAbsolute(tokens, monthFirst: true, reference: nil), y == y2, m == m2, d == d2 else { return nil }
        return day(y, m, d, relative: false)
    }

    /// Human text in many formats and languages: "November 23, 2024", "23 Nov 2024", "Nov. 23rd, 2024", "Saturday, 23 November 2024",
    /// "2024年11月23日", "2024/11/23", "23.11.2024" (day-first for most locales, month-first for en-US hint), German/French/Spanish/
    /// Italian/Portuguese/Dutch/Russian/Japanese/Chinese month names, "Published on ...", "Updated: ...", embedded in longer text;
    /// relative "2 days ago", "yesterday", "today", "5 hours ago", "a week ago", "2日前", "3 hours ago" resolved against `reference`
    /// (isRelative true, precision day, the UTC day of reference minus N days/hours).
    /// `languageHint` is the page's lang (e.g. "en-US", "de"): it breaks numeric day/month ambiguity, and a day word
    /// of another language is an ordinary word ("hier" is French "yesterday" but German "here").
    public static func parseText(_ s: String, reference: Date, languageHint: String? = nil) -> ParsedDate? {
        let tokens = tokenize(s)
        let monthFirst = prefersMonthFirst(languageHint)
        if let (y, m, d, _) = findAbsolute(tokens, monthFirst: monthFirst, reference: reference,
                                           eraLetters: TextLanguage.primary(languageHint) == "ja") {
            return day(y, m, d, relative: false)
        }
        if let rel = findRelative(tokens, text: s, reference: reference, language: TextLanguage.primary(languageHint)) { return rel }
        if s.unicodeScalars.count <= yearlessLineLimit, let (m, d, weekday) = findMonthDayWeekday(tokens) {
            // Yahoo! Japan's "5/20(月) 18:32配信": the latest year, up to `weekdayYears` back, whose M/D is that weekday.
            let (ry, _, _) = civil(reference)
            let today = Int((reference.timeIntervalSince1970 / 86400).rounded(.down))
            for y in stride(from: ry, to: ry - weekdayYears, by: -1) where isValid(y, m, d) {
                let days = CivilDate.days(y, m, d)
                if days <= today + 1, ((days % 7 + 11) % 7) == weekday { return day(y, m, d, relative: true) }
            }
        }
        if s.unicodeScalars.count <= yearlessLineLimit, let (m, d) = findMonthDay(tokens) {
            // No year: the latest such day not after the reference.
            let (ry, _, _) = civil(reference)
            var y = ry
            if CivilDate.days(y, m, d) > Int((reference.timeIntervalSince1970 / 86400).rounded(.down)) + 1 { y -= 1 }
            if isValid(y, m, d) { return day(y, m, d, relative: true) }
        }
        return nil
    }

    /// The days an absolute date in `s` may name: one, or two when a numeric day and month read both ways.
    static func absoluteDays(_ s: String) -> Set<String> {
        let tokens = tokenize(s)
        var out = Set<String>()
        for monthFirst in [false, true] {
            if let (y, m, d, _) = findAbsolute(tokens, monthFirst: monthFirst, reference: nil) { out.insert(ymd(y, m, d)) }
        }
        return out
    }

    /// Date from a URL path: /2024/11/23/, /2024-11-23-slug, /2024/11/ (-> nil: month only is not a day).
    public static func fromURL(_ url: String) -> ParsedDate? {
        var u = Array(url.utf8)
        // Only the path: after "scheme://host", before "?" or "#".
        if let r = findSubsequence(u, Array("://".utf8)) {
            let hostStart = r + 3
            if let slash = u[hostStart...].firstIndex(of: UInt8(ascii: "/")) { u = Array(u[slash...]) } else { return nil }
        }
        if let q = u.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { u.removeSubrange(q...) }
        let n = u.count
        var i = 0
        while i < n {
            // Each run of digits that starts after a non-digit.
            guard isDigit(u[i]), i == 0 || !isDigit(u[i - 1]) else { i += 1; continue }
            var j = i
            while j < n && isDigit(u[j]) { j += 1 }
            let len = j - i
            if len == 4, let y = number(u, i, j), (1990...2100).contains(y), j < n,
               u[j] == UInt8(ascii: "/") || u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: "_") {
                let sep = u[j]
                var k = j + 1
                let ms = k
                while k < n && isDigit(u[k]) { k += 1 }
                if k - ms >= 1 && k - ms <= 2, let m = number(u, ms, k), k < n, u[k] == sep {
                    let ds = k + 1
                    var e = ds
                    while e < n && isDigit(u[e]) { e += 1 }
                    // The day must end its segment or be followed by a slug separator, not more digits.
                    if e - ds >= 1 && e - ds <= 2, let d = number(u, ds, e), isValid(y, m, d),
                       e == n || !isAlnum(u[e]) {
                        return day(y, m, d, relative: false)
                    }
                }
            } else if len == 8, let y = number(u, i, i + 4), let m = number(u, i + 4, i + 6), let d = number(u, i + 6, j),
                      (1990...2100).contains(y), isValid(y, m, d), i > 0, u[i - 1] == UInt8(ascii: "/") || u[i - 1] == UInt8(ascii: "-"),
                      j == n || !isAlnum(u[j]) {
                return day(y, m, d, relative: false)
            }
            i = j
        }
        return nil
    }

    /// Plausible: not before 1990-01-01 and not after `fetchedAt` (+ 1 day of tolerance for time zones).
    public static func isPlausible(_ d: ParsedDate, fetchedAt: Date) -> Bool {
        let t = d.instant.timeIntervalSince1970
        return t >= earliestPlausible && t <= fetchedAt.timeIntervalSince1970 + zoneTolerance
    }

    /// 1990-01-01T00:00:00Z: no blog post is older than the web.
    static let earliestPlausible: TimeInterval = 631_152_000
    /// A page's local day can run up to a day ahead of UTC (UTC+14 exists).
    static let zoneTolerance: TimeInterval = 86_400

    // MARK: - Building results

    static func day(_ y: Int, _ m: Int, _ d: Int, relative: Bool) -> ParsedDate {
        let instant = Date(timeIntervalSince1970: TimeInterval(CivilDate.days(y, m, d) * 86_400))
        return ParsedDate(date: ymd(y, m, d), precision: "day", isRelative: relative, instant: instant)
    }

    /// A local date and time with its UTC offset in minutes (`nil` offset = "Z").
    static func timed(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int?, offsetMinutes: Int?) -> ParsedDate {
        var text = ymd(y, mo, d) + "T" + pad2(h) + ":" + pad2(mi) + ":" + pad2(s ?? 0)
        if let off = offsetMinutes {
            let a = abs(off)
            text += (off < 0 ? "-" : "+") + pad2(a / 60) + ":" + pad2(a % 60)
        } else {
            text += "Z"
        }
        let local = CivilDate.days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + (s ?? 0)
        let instant = Date(timeIntervalSince1970: TimeInterval(local - (offsetMinutes ?? 0) * 60))
        return ParsedDate(date: text, precision: s == nil ? "minute" : "second", isRelative: false, instant: instant)
    }

    static func ymd(_ y: Int, _ m: Int, _ d: Int) -> String {
        var s = String(y)
        while s.count < 4 { s = "0" + s }
        return s + "-" + pad2(m) + "-" + pad2(d)
    }

    @inline(__always) static func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    // MARK: - Calendar arithmetic (`CivilDate`)

    /// The UTC calendar day of an instant.
    static func civil(_ date: Date) -> (Int, Int, Int) {
        CivilDate.from(days: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[m - 1]
    }

    // MARK: - Machine formats

    /// All digits: 9-10 are epoch seconds, 12-13 epoch milliseconds (an optional fraction after a dot is ignored);
    /// 8 digits are a basic ISO day (YYYYMMDD).
    static func parseEpoch(_ t: [UInt8]) -> ParsedDate? {
        var end = t.count
        if let dot = t.firstIndex(of: UInt8(ascii: ".")), dot > 0, t[(dot + 1)...].allSatisfy(isDigit) { end = dot }
        guard end > 0, t[..<end].allSatisfy(isDigit) else { return nil }
        let len = end
        if len == 8, let y = number(t, 0, 4), let m = number(t, 4, 6), let d = number(t, 6, 8), isValid(y, m, d) {
            return day(y, m, d, relative: false)
        }
        guard var v = number(t, 0, end) else { return nil }
        switch len {
        case 9, 10: break
        case 12, 13: v /= 1000
        default: return nil
        }
        let days = v >= 0 ? v / 86_400 : (v - 86_399) / 86_400
        let (y, m, d) = CivilDate.from(days: days)
        let sec = v - days * 86_400
        return timed(y, m, d, sec / 3600, (sec % 3600) / 60, sec % 60, offsetMinutes: nil)
    }

    /// ISO 8601 / RFC 3339: `YYYY-MM-DD`, then optionally `T` or space and `HH:MM[:SS[.fff]]`, then an optional zone
    /// (`Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`, `GMT`). A time without a zone gives the day only. Basic forms
    /// (`20241123T101500Z`) too.
    static func parseISO(_ t: [UInt8]) -> ParsedDate? {
        var i = 0
        let n = t.count
        func digits(_ count: Int) -> Int? {
            guard i + count <= n, let v = number(t, i, i + count) else { return nil }
            i += count
            return v
        }
        guard let y = digits(4) else { return nil }
        let extended = i < n && (t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "/") || t[i] == UInt8(ascii: "."))
        let sep = extended ? t[i] : 0
        if extended { i += 1 }
        // Month and day may be one digit in sloppy markup ("2024-1-5").
        func component() -> Int? {
            var j = i
            while j < n && j - i < 2 && isDigit(t[j]) { j += 1 }
            guard j > i, let v = number(t, i, j) else { return nil }
            i = j
            return v
        }
        guard let m = extended ? component() : digits(2) else { return nil }
        if extended {
            guard i < n, t[i] == sep else { return nil } // "2024-11" is a month, not a day
            i += 1
        }
        guard let d = extended ? component() : digits(2), isValid(y, m, d) else { return nil }
        if i == n { return day(y, m, d, relative: false) }
        // A digit right after the day means something else (an ID).
        if isDigit(t[i]) { return nil }
        guard t[i] == UInt8(ascii: "T") || t[i] == UInt8(ascii: "t") || t[i] == UInt8(ascii: " ") || t[i] == UInt8(ascii: "_") else {
            return nil
        }
        i += 1
        while i < n && t[i] == UInt8(ascii: " ") { i += 1 }
        guard let h = digits(2) else { return i >= n ? day(y, m, d, relative: false) : nil }
        let colon = i < n && t[i] == UInt8(ascii: ":")
        if colon { i += 1 }
        guard let mi = digits(2), h <= 24, mi <= 59 else { return nil }
        var sec: Int? = nil
        if colon ? (i < n && t[i] == UInt8(ascii: ":")) : (i + 1 < n && isDigit(t[i]) && isDigit(t[i + 1])) {
            if colon { i += 1 }
            guard let s = digits(2), s <= 60 else { return nil }
            sec = min(s, 59)
            if i < n && (t[i] == UInt8(ascii: ".") || t[i] == UInt8(ascii: ",")) {
                i += 1
                while i < n && isDigit(t[i]) { i += 1 }
            }
        }
        while i < n && t[i] == UInt8(ascii: " ") { i += 1 }
        guard i < n else { return day(y, m, d, relative: false) } // wall time, unknown zone
        guard let (offset, end) = parseZone(t, from: i), end == n || t[end...].allSatisfy({ isSpace($0) }) else {
            return i < n ? nil : day(y, m, d, relative: false)
        }
        if h == 24 {
            // 24:00 is the end of the day: the next day's midnight.
            let (ny, nm, nd) = CivilDate.from(days: CivilDate.days(y, m, d) + 1)
            return timed(ny, nm, nd, 0, mi, sec, offsetMinutes: offset)
        }
        return timed(y, m, d, h, mi, sec, offsetMinutes: offset)
    }

    /// A zone designator at `i`: `Z`, `UTC`, `GMT`, `UT` (offset `nil`, meaning UTC as "Z"), `±HH[:MM]`, `±HHMM`,
    /// `GMT+01:00`, or a North American abbreviation (EST, PDT, ...). Returns the offset in minutes and the end index.
    static func parseZone(_ t: [UInt8], from start: Int) -> (Int?, Int)? {
        var i = start
        let n = t.count
        var letters = ""
        while i < n && isAlpha(t[i]) { letters.unicodeScalars.append(Unicode.Scalar(upper(t[i]))); i += 1 }
        if !letters.isEmpty {
            var base: Int?? = nil
            switch letters {
            case "Z", "UTC", "GMT", "UT": base = .some(nil)
            default: if let o = namedZones[letters] { base = .some(o) }
            }
            guard let b = base else { return nil }
            // "GMT+0100" / "UTC-05:00"
            if i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-"), let (o, e) = numericOffset(t, from: i) {
                return (o, e)
            }
            return (b, i)
        }
        if let (o, e) = numericOffset(t, from: i) { return (o, e) }
        return nil
    }

    static func numericOffset(_ t: [UInt8], from start: Int) -> (Int, Int)? {
        var i = start
        let n = t.count
        guard i < n, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") || t[i] == 0xE2 else { return nil }
        var negative = t[i] == UInt8(ascii: "-")
        if t[i] == 0xE2 {
            // U+2212 MINUS SIGN, seen in hand-written offsets.
            guard i + 2 < n, t[i + 1] == 0x88, t[i + 2] == 0x92 else { return nil }
            negative = true
            i += 2
        }
        i += 1
        var j = i
        while j < n && isDigit(t[j]) { j += 1 }
        var h = 0, m = 0
        switch j - i {
        case 1, 2:
            h = number(t, i, j)!
            if j < n && t[j] == UInt8(ascii: ":") {
                let ms = j + 1
                var k = ms
                while k < n && isDigit(t[k]) { k += 1 }
                guard k - ms == 2 else { return nil }
                m = number(t, ms, k)!
                j = k
            }
        case 4:
            h = number(t, i, i + 2)!
            m = number(t, i + 2, j)!
        default:
            return nil
        }
        guard h <= 14, m <= 59 else { return nil }
        let total = h * 60 + m
        return (negative ? -total : total, j)
    }

    /// Zone abbreviations RFC 2822 names (North American), plus a few common in feeds.
    static let namedZones: [String: Int] = [
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "CET": 60, "CEST": 120, "BST": 60, "IST": 330, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
        "EET": 120, "EEST": 180, "WET": 0, "WEST": 60, "MSK": 180, "HKT": 480, "SGT": 480,
    ]

    /// Drops a trailing "(...)" (RFC 2822 comment, or the zone name JavaScript appends) and the spaces before it.
    static func withoutTrailingComment(_ t: [UInt8]) -> [UInt8] {
        guard t.last == UInt8(ascii: ")"), let open = t.lastIndex(of: UInt8(ascii: "(")) else { return t }
        var end = open
        while end > 0 && t[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return Array(t[..<end])
    }

    /// RFC 2822 / RFC 1123 / RFC 850: `[Sat, ]23 Nov 2024 10:15[:00] +0000` (zone names, two-digit years allowed),
    /// and asctime `Sat Nov 23 10:15:00 2024`.
    static func parseRFC2822(_ t: [UInt8]) -> ParsedDate? {
        var i = 0
        let n = t.count
        func skipSpaces() { while i < n && (t[i] == UInt8(ascii: " ") || t[i] == UInt8(ascii: "\t")) { i += 1 } }
        func word() -> String {
            var w = ""
            while i < n && isAlpha(t[i]) { w.unicodeScalars.append(Unicode.Scalar(lower(t[i]))); i += 1 }
            return w
        }
        func num() -> (Int, Int)? {
            let s = i
            while i < n && isDigit(t[i]) { i += 1 }
            guard i > s, i - s <= 4, let v = number(t, s, i) else { return nil }
            return (v, i - s)
        }
        skipSpaces()
        var w = word()
        if !w.isEmpty {
            guard englishWeekdays.contains(w) else { return nil }
            if i < n && t[i] == UInt8(ascii: ",") { i += 1 }
            skipSpaces()
        }
        var d: Int
        var m: Int
        var year: Int? = nil
        if let (dv, _) = num() {
            d = dv
            // "23 Nov 2024" or RFC 850 "23-Nov-24"
            if i < n && t[i] == UInt8(ascii: "-") { i += 1 }
            skipSpaces()
            w = word()
            guard let mv = englishMonths[w] else { return nil }
            m = mv
            if i < n && (t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: ".")) { i += 1 }
            skipSpaces()
            guard let (yv, ylen) = num() else { return nil }
            year = ylen == 2 ? (yv < 50 ? 2000 + yv : 1900 + yv) : yv
        } else {
            // asctime: "Nov 23 10:15:00 2024"
            w = word()
            guard let mv = englishMonths[w] else { return nil }
            m = mv
            skipSpaces()
            guard let (dv, _) = num() else { return nil }
            d = dv
            // JavaScript's Date.toString(): "Sat Nov 23 2024 10:15:00 GMT+0100"
            let save = i
            skipSpaces()
            if let (yv, ylen) = num(), ylen == 4, i == n || t[i] == UInt8(ascii: " ") { year = yv } else { i = save }
        }
        skipSpaces()
        var h: Int? = nil, mi = 0
        var sec: Int? = nil
        let timeStart = i
        if let (hv, hl) = num(), hl <= 2, i < n, t[i] == UInt8(ascii: ":") {
            i += 1
            guard let (mv, ml) = num(), ml == 2 else { return nil }
            h = hv
            mi = mv
            if i < n && t[i] == UInt8(ascii: ":") {
                i += 1
                guard let (sv, sl) = num(), sl == 2 else { return nil }
                sec = min(sv, 59)
            }
        } else {
            i = timeStart
        }
        skipSpaces()
        if year == nil {
            guard let (yv, ylen) = num(), ylen == 4 else { return nil }
            year = yv
            skipSpaces()
            guard isValid(yv, m, d), let h else { return nil }
            return i == n ? timed(yv, m, d, h, mi, sec, offsetMinutes: nil) : nil
        }
        guard let y = year, isValid(y, m, d) else { return nil }
        guard let h, h <= 23, mi <= 59 else { return i == n ? day(y, m, d, relative: false) : nil }
        guard i < n else { return day(y, m, d, relative: false) } // no zone: the day only
        guard let (offset, end) = parseZone(t, from: i) else { return day(y, m, d, relative: false) }
        _ = end
        return timed(y, m, d, h, mi, sec, offsetMinutes: offset)
    }

    static let englishWeekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
                                               "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "thur", "thurs"]
    static let englishMonths: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    ]

    // MARK: - Byte helpers

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
    @inline(__always) static func upper(_ c: UInt8) -> UInt8 { (c >= 0x61 && c <= 0x7A) ? c & ~0x20 : c }

    /// The decimal value of `t[a..<b]` (all digits, at most 18), or `nil`.
    static func number(_ t: [UInt8], _ a: Int, _ b: Int) -> Int? {
        guard a < b, b - a <= 18, b <= t.count else { return nil }
        var v = 0
        for k in a..<b {
            guard isDigit(t[k]) else { return nil }
            v = v * 10 + Int(t[k] - 0x30)
        }
        return v
    }

    static func findSubsequence(_ u: [UInt8], _ needle: [UInt8]) -> Int? {
        guard u.count >= needle.count else { return nil }
        for i in 0...(u.count - needle.count) where u[i] == needle[0] {
            if Array(u[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}

// MARK: - Human text

extension DateParser {
    /// A piece of text: a number (with its digit count), a lowercased word, or one punctuation character.
    /// Whitespace separates tokens and is dropped. Each CJK ideograph is its own word.
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case punct(Unicode.Scalar)

        var word: String? { if case .word(let w) = self { return w }; return nil }
        var punct: Unicode.Scalar? { if case .punct(let p) = self { return p }; return nil }
        var number: (Int, Int)? { if case .number(let v, let d) = self { return (v, d) }; return nil }
    }

    /// Text longer than this is not a date line; scanning stops there (dates sit near the start of what we get).
    static let scanLimit = 2000

    /// Two-digit years after an apostrophe below this are of the 2000s, the others of the 1900s.
    static let apostropheYearPivot = 70

    static func tokenize(_ s: String) -> [Token] {
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        var num = 0, digits = 0
        // The index of an apostrophe token that opens a word ("Mar 5 '21"), not one after a digit ("5'21").
        var yearMark = -1
        var previous: Unicode.Scalar = " "
        func flushWord() {
            if !word.isEmpty { tokens.append(.word(String(word).lowercased())); word.removeAll() }
        }
        func flushNumber() {
            guard digits > 0 else { return }
            // A year cut to two digits after an apostrophe ("Mar 5 '21") is that year of 1970-2069.
            if digits == 2, yearMark >= 0, yearMark == tokens.count - 1 {
                tokens[tokens.count - 1] = .number(num < apostropheYearPivot ? 2000 + num : 1900 + num, digits: 4)
            } else {
                tokens.append(.number(digits > 18 ? Int.max : num, digits: digits))
            }
            num = 0; digits = 0
        }
        var count = 0
        for c in s.unicodeScalars {
            count += 1
            if count > scanLimit { break }
            let before = previous
            previous = c
            if (c == "'" || c == "\u{2019}"), word.isEmpty, digits == 0, before.properties.isWhitespace { yearMark = tokens.count }
            if let d = digitValue(c) {
                flushWord()
                if digits < 18 { num = num * 10 + d }
                digits += 1
                continue
            }
            flushNumber()
            if isCJKIdeograph(c) {
                flushWord()
                tokens.append(.word(String(c)))
                continue
            }
            if c.value < 0x80 {
                if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") { word.append(c); continue }
                // Apostrophes inside a word ("aujourd'hui").
                if c == "'", !word.isEmpty { word.append(c); continue }
                // Thai abbreviations keep their dots ("ม.ค." is January): a dot after a Thai letter stays in the word.
                if c == ".", let last = word.last, (0x0E00...0x0E7F).contains(last.value) { word.append(c); continue }
                flushWord()
                if c == " " || c == "\t" || c == "\n" || c == "\r" { continue }
                tokens.append(.punct(c))
                continue
            }
            if c == "\u{2019}", !word.isEmpty { word.append("'"); continue }
            let p = c.properties
            if p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                word.append(c)
                continue
            }
            flushWord()
            if p.isWhitespace || TextNormalizer.isInvisible(c) { continue }
            tokens.append(.punct(c))
        }
        flushWord()
        flushNumber()
        return tokens
    }

    /// ASCII, full-width, Arabic-Indic, Devanagari, Bengali, Thai, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
    /// Malayalam, Lao, Burmese and Khmer digits.
    @inline(__always) static func digitValue(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 ? Int(v - 0x30) : nil }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }
        // The other scripts' digits all lie between Arabic-Indic zero and Khmer nine: Latin, Greek and Cyrillic
        // letters, and CJK, are passed in one test.
        guard v >= 0x0660 && v <= 0x17E9 else { return nil }
        switch v {
        case 0x0660...0x0669: return Int(v - 0x0660)
        case 0x06F0...0x06F9: return Int(v - 0x06F0)
        case 0x0966...0x096F: return Int(v - 0x0966)
        case 0x09E6...0x09EF: return Int(v - 0x09E6)
        case 0x0E50...0x0E59: return Int(v - 0x0E50)
        case 0x0A66...0x0A6F: return Int(v - 0x0A66)
        case 0x0AE6...0x0AEF: return Int(v - 0x0AE6)
        case 0x0B66...0x0B6F: return Int(v - 0x0B66)
        case 0x0BE6...0x0BEF: return Int(v - 0x0BE6)
        case 0x0C66...0x0C6F: return Int(v - 0x0C66)
        case 0x0CE6...0x0CEF: return Int(v - 0x0CE6)
        case 0x0D66...0x0D6F: return Int(v - 0x0D66)
        case 0x0ED0...0x0ED9: return Int(v - 0x0ED0)
        case 0x1040...0x1049: return Int(v - 0x1040)
        case 0x17E0...0x17E9: return Int(v - 0x17E0)
        default: return nil
        }
    }

    @inline(__always) static func isCJKIdeograph(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF: return true
        default: return false
        }
    }

    /// Numeric dates are month-first only in US English (and a few places that copy it); everyone else writes day-first.
    static func prefersMonthFirst(_ hint: String?) -> Bool {
        guard let h = hint?.lowercased().replacingOccurrences(of: "_", with: "-") else { return false }
        return h == "en" || h == "en-us" || h == "en-ph" || h == "fil" || h == "en-ca" || h.hasPrefix("en-us-")
    }

    /// Words that may stand between a date's parts ("23 de noviembre de 2024", "the 23rd of November").
    static let fillers: Set<String> = ["de", "del", "of", "the", "den", "der", "dem", "di", "do", "da", "le", "el", "la", "im", "am", "ta'"]
    /// Words that may stand before a year: Vietnamese "năm" (year), Thai "พ.ศ." (Buddhist era) and "ค.ศ." (Common Era).
    static let yearWords: Set<String> = ["năm", "พ.ศ.", "ค.ศ."]
    /// Ordinal suffixes after a day number ("23rd", "1er", "1º").
    static let ordinals: Set<String> = ["st", "nd", "rd", "th", "er", "re", "e", "º", "ª", "o", "a", "de", "te", "ste", "ter", "го", "й", "ое", "eme", "ème"]
    /// Year markers after a year ("2024 г.", "2024年" handled as a separator).
    static let yearMarkers: Set<String> = ["г", "года", "год", "r", "roku", "m", "yil", "yılı", "ko", "eko", "gada"]

    /// The first absolute date (year, month and day) in the tokens: Y-M-D numbers or with CJK markers, a month name
    /// with a day and year in either order, or D.M.Y / M/D/Y numbers (ambiguity broken by `monthFirst`, then by
    /// preferring a reading not in the future of `reference`). Returns the date and the token index after it.
    /// `eraLetters`: read the Japanese era's short notation ("R8.11.27"), on Japanese pages only ("H2.1.5" is no date
    /// elsewhere).
    static func findAbsolute(_ t: [Token], monthFirst: Bool, reference: Date?, eraLetters: Bool = false) -> (Int, Int, Int, Int)? {
        let n = t.count
        var i = 0
        while i < n {
            defer { i += 1 }
            switch t[i] {
            case .number(let v, let dg):
                if dg == 4 {
                    if let r = yearFirst(t, at: i, year: v) { return r }
                } else if dg <= 2 {
                    if let r = dayFirstNamed(t, at: i, day: v) { return r }
                    if let r = numericDMY(t, at: i, first: v, monthFirst: monthFirst, reference: reference) { return r }
                }
            case .word(let w):
                if let m = monthNumber(w), let r = monthFirstNamed(t, at: i, month: m) { return r }
                // Japanese eras: 令和6年11月23日, 平成31年4月30日, 令和元年5月1日 (元年, an era's first year).
                if (w == "令" || w == "平"), i + 2 < n, t[i + 1].word == (w == "令" ? "和" : "成") {
                    let e = t[i + 2].word == "元" ? 1 : t[i + 2].number.flatMap { $0.1 <= 2 ? $0.0 : nil }
                    if let e, let r = yearFirst(t, at: i + 2, year: (w == "令" ? 2018 : 1988) + e) { return r }
                }
                // The same in Japanese forms' short notation: "R8.11.27", "H31.4.30" (a letter, the era year, dots or slashes).
                if eraLetters, let base = japaneseEraLetters[w], i + 2 < n, let (e, ed) = t[i + 1].number, ed <= 2, e >= 1, e <= maxEraYear,
                   let p = t[i + 2].punct, p == "." || p == "/", let r = yearFirst(t, at: i + 1, year: base + e) {
                    return r
                }
            case .punct:
                break
            }
        }
        return nil
    }

    /// The year before the first of each era's letter in the short notation ("R" Reiwa, from 2019; "H" Heisei, from 1989).
    static let japaneseEraLetters: [String: Int] = ["r": 2018, "h": 1988]
    /// Highest era year read in the short notation (Heisei ended in its 31st year).
    static let maxEraYear = 31

    /// Y-M-D: `2024-11-23`, `2024/11/23`, `2024.11.23`, `2024年11月23日`, `2024년 11월 23일`, `2024 Nov 23`.
    static func yearFirst(_ t: [Token], at i: Int, year: Int) -> (Int, Int, Int, Int)? {
        guard (1000...2999).contains(year) else { return nil }
        // Not the tail of a longer number group ("1.2024.11.23", "10:2024").
        if i > 0, let p = t[i - 1].punct, p == "." || p == ":" || p == "-" || p == "/", i > 1, t[i - 2].number != nil { return nil }
        let n = t.count
        var j = i + 1
        guard j < n else { return nil }
        var sep: Unicode.Scalar? = nil
        var cjk = false
        switch t[j] {
        case .punct(let p) where p == "-" || p == "/" || p == ".":
            sep = p
            j += 1
        case .word(let w) where w == "年" || w == "년":
            cjk = true
            j += 1
        case .word(let w) where yearMarkers.contains(w):
            // Lithuanian "2024 m. lapkričio 23 d.": the year's marker before the month name.
            j += 1
            if j < n, t[j].punct == "." { j += 1 }
        case .word:
            break
        default:
            return nil
        }
        // Latvian "2024. gada 23. novembrī": the marker after the year's dot, then the day before the month name.
        if sep == ".", j < n, t[j].word == "gada" {
            j += 1
            guard j + 1 < n, let (d, dd) = t[j].number, dd <= 2 else { return nil }
            var k = j + 1
            if t[k].punct == "." { k += 1 }
            guard k < n, let w = t[k].word, let m = monthNumber(w), isValid(year, m, d) else { return nil }
            return (year, m, d, k + 1)
        }
        guard j < n else { return nil }
        if let w = t[j].word, let m = monthNumber(w) {
            // 2024 Nov 23, 2024-Nov-23, "2024. november 23."
            var k = j + 1
            if k < n, let p = t[k].punct, p == "." || p == "-" || p == "/" || p == "," { k += 1 }
            guard k < n, let (d, dd) = t[k].number, dd <= 2, isValid(year, m, d) else { return nil }
            if k + 1 < n, let p = t[k + 1].punct, p == ":" { return nil }
            return (year, m, d, k + 1)
        }
        guard sep != nil || cjk, let (m, md) = t[j].number, md <= 2 else { return nil }
        var k = j + 1
        guard k < n else { return nil }
        if let s = sep {
            guard t[k].punct == s else { return nil }
        } else {
            guard let w = t[k].word, w == "月" || w == "월" else { return nil }
        }
        k += 1
        guard k < n, let (d, dd) = t[k].number, dd <= 2, isValid(year, m, d) else { return nil }
        // "2024.11.23.4" is a version number, not a date; Korean "2024. 11. 23. 7:42" puts a dot before the time.
        if let s = sep, s == ".", k + 2 < n, t[k + 1].punct == ".", t[k + 2].number != nil,
           !(k + 4 < n && t[k + 3].punct == ":" && t[k + 4].number != nil) { return nil }
        // "۱۴۰۳/۰۹/۰۳": no Gregorian year of a web page is in the 1300s or 1400s, a Solar Hijri year of one is.
        if solarHijriYears.contains(year) {
            guard let (gy, gm, gd) = gregorianFromSolarHijri(year, m, d) else { return nil }
            return (gy, gm, gd, k + 1)
        }
        return (year, m, d, k + 1)
    }

    /// Month name first: `November 23, 2024`, `Nov. 23rd 2024`, `Nov 23 2024`.
    static func monthFirstNamed(_ t: [Token], at i: Int, month: Int) -> (Int, Int, Int, Int)? {
        let n = t.count
        var j = i + 1
        if j < n, let p = t[j].punct, p == "." || p == "-" || p == "/" { j += 1 }
        guard j < n, let (d, dd) = t[j].number, dd <= 2, d >= 1, d <= 31 else { return nil }
        j += 1
        if j < n, let w = t[j].word, ordinals.contains(w) { j += 1 }
        if j < n, let p = t[j].punct, p == "," || p == "." || p == "-" || p == "/" { j += 1 }
        if j < n, let w = t[j].word, fillers.contains(w) { j += 1 }
        guard j < n, let (y, yd) = t[j].number, yd == 4, isValid(y, month, d) else { return nil }
        // A number after a colon makes the four digits part of something else; "Updated March 6, 2021: the council ..."
        // is a date before a colon.
        if j + 2 < n, t[j + 1].punct == ":", t[j + 2].number != nil { return nil }
        return (y, month, d, j + 1)
    }

    /// Day first with a month name: `23 Nov 2024`, `23. November 2024`, `23 de noviembre de 2024`, `1er mars 2024`,
    /// `23-Nov-2024`, `23 ноября 2024 г.`, `the 23rd of November, 2024`.
    static func dayFirstNamed(_ t: [Token], at i: Int, day d: Int) -> (Int, Int, Int, Int)? {
        guard d >= 1, d <= 31 else { return nil }
        let n = t.count
        var j = i + 1
        // Ordinal marks and punctuation in any order: "23.", "23rd", "1.º", "23-го", "1er,".
        var marks = 0
        while j < n, marks < 3 {
            if let w = t[j].word, ordinals.contains(w), monthNumber(w) == nil { j += 1; marks += 1; continue }
            if let p = t[j].punct, p == "." || p == "-" || p == "/" || p == "," { j += 1; marks += 1; continue }
            break
        }
        var fillersSeen = 0
        while j < n, fillersSeen < 2, let w = t[j].word, fillers.contains(w), monthNumber(w) == nil { j += 1; fillersSeen += 1 }
        guard j < n, let w = t[j].word else { return nil }
        if let sm = solarHijriMonth(w) { return solarHijriDay(t, at: j + 1, month: sm, day: d) }
        var month: Int?
        if let (mv, next) = namedMonth(t, at: j) {
            month = mv
            j = next - 1
        } else if w == "tháng", j + 1 < n, let (mv, md) = t[j + 1].number, md <= 2 {
            // Vietnamese: "23 tháng 11 năm 2024", "23 tháng 11, 2024"
            month = mv
            j += 1
        }
        guard let m = month else { return nil }
        j += 1
        // A second name for the same month: "5 كانون الثاني/يناير 2024" (Arabic pages often give both calendars' names).
        if j + 1 < n, t[j].punct == "/", let (_, next) = namedMonth(t, at: j + 1) { j = next }
        if j < n, let p = t[j].punct, p == "." || p == "-" || p == "/" || p == "," { j += 1 }
        if j < n, let p = t[j].punct, p == "," { j += 1 }
        if j < n, let w = t[j].word, fillers.contains(w) || yearWords.contains(w) { j += 1 }
        guard j < n, let (yv, yd) = t[j].number else { return nil }
        var y: Int
        if yd == 4 {
            y = gregorianYear(yv)
        } else if yd == 2, w.unicodeScalars.contains(where: { (0x0E00...0x0E7F).contains($0.value) }) {
            // Thai abbreviations go with two-digit Buddhist years: "23 ม.ค. 67" is 2567, 2024.
            y = gregorianYear(2500 + yv)
        } else {
            return nil
        }
        guard isValid(y, m, d) else { return nil }
        return (y, m, d, j + 1)
    }

    /// The month named by the word at `i`, or by it and the next one (Levantine Arabic "كانون الثاني", January), and
    /// the index after the name.
    static func namedMonth(_ t: [Token], at i: Int) -> (Int, Int)? {
        guard i < t.count, let w = t[i].word else { return nil }
        if let first = levantinePairs[w], i + 1 < t.count, let second = t[i + 1].word, let m = first[second] { return (m, i + 2) }
        if let m = monthNumber(w) { return (m, i + 1) }
        return nil
    }

    /// Levantine (Syria, Lebanon, Iraq, Jordan) month names of two words: "كانون الثاني" is January, "تشرين الأول" October.
    static let levantinePairs: [String: [String: Int]] = [
        "كانون": ["الثاني": 1, "الأول": 12, "الاول": 12, "ثاني": 1, "أول": 12],
        "تشرين": ["الأول": 10, "الاول": 10, "الثاني": 11, "أول": 10, "ثاني": 11],
    ]

    // MARK: Solar Hijri (Iran, Afghanistan)

    /// Solar Hijri years of web pages (1369 is 1990); no Gregorian year of a web page is in that range.
    static let solarHijriYears = 1300...1499

    /// Persian (Iran) and Dari (Afghanistan) month names of the Solar Hijri calendar, with Arabic-letter spellings
    /// (ي for ی, ك for ک) looked up through `solarHijriMonth`.
    static let solarHijriMonths: [String: Int] = {
        var m: [String: Int] = [:]
        for list in [["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
                     ["حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"]] {
            for (k, name) in list.enumerated() { m[name] = k + 1 }
        }
        m["امرداد"] = 5
        return m
    }()

    static func solarHijriMonth(_ w: String) -> Int? {
        if let m = solarHijriMonths[w] { return m }
        guard w.unicodeScalars.contains(where: { $0 == "\u{064A}" || $0 == "\u{0643}" }) else { return nil }
        return solarHijriMonths[w.replacingOccurrences(of: "\u{064A}", with: "\u{06CC}").replacingOccurrences(of: "\u{0643}", with: "\u{06A9}")]
    }

    /// "۱۵ دی ۱۳۹۹", "۲۴ مهر ماه ۱۴۰۳": the day before the month name, the year after it (the word "month" may follow
    /// the name); `i` is the index after the name.
    static func solarHijriDay(_ t: [Token], at i: Int, month: Int, day: Int) -> (Int, Int, Int, Int)? {
        var j = i
        if j < t.count, t[j].word == "ماه" { j += 1 }
        if j < t.count, t[j].punct == "," || t[j].punct == "،" { j += 1 }
        guard j < t.count, let (y, yd) = t[j].number, yd == 4, solarHijriYears.contains(y),
              let (gy, gm, gd) = gregorianFromSolarHijri(y, month, day) else { return nil }
        return (gy, gm, gd, j + 1)
    }

    /// The Gregorian day of a Solar Hijri date (the arithmetic of the widely used jalaali conversion, exact for the
    /// years of `solarHijriYears`); nil for a day the month cannot have.
    static func gregorianFromSolarHijri(_ year: Int, _ month: Int, _ day: Int) -> (Int, Int, Int)? {
        guard (1...12).contains(month), day >= 1, day <= (month <= 6 ? 31 : 30) else { return nil }
        let jy = year + 1595
        var days = -355_668 + 365 * jy + (jy / 33) * 8 + ((jy % 33) + 3) / 4 + day
            + (month < 7 ? (month - 1) * 31 : (month - 7) * 30 + 186)
        var gy = 400 * (days / 146_097)
        days %= 146_097
        if days > 36_524 {
            days -= 1
            gy += 100 * (days / 36_524)
            days %= 36_524
            if days >= 365 { days += 1 }
        }
        gy += 4 * (days / 1_461)
        days %= 1_461
        if days > 365 {
            gy += (days - 1) / 365
            days = (days - 1) % 365
        }
        var gd = days + 1
        let leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var gm = 1
        for len in lengths where gd > len { gd -= len; gm += 1 }
        guard isValid(gy, gm, gd) else { return nil }
        return (gy, gm, gd)
    }

    /// Thai pages count years in the Buddhist era (2567 = 2024); no Gregorian year of a web page is that large.
    @inline(__always) static func gregorianYear(_ y: Int) -> Int { (2400...2700).contains(y) ? y - 543 : y }

    /// `23.11.2024`, `23/11/2024`, `11/23/2024`, `23-11-2024`, `23.11.24`: both separators the same; two-digit years only
    /// with `.` or `/`. When both readings are valid: `monthFirst`, unless that reading is in the future of `reference`
    /// and the other is not.
    static func numericDMY(_ t: [Token], at i: Int, first: Int, monthFirst: Bool, reference: Date?) -> (Int, Int, Int, Int)? {
        let n = t.count
        guard i + 4 < n, let sep = t[i + 1].punct, sep == "." || sep == "/" || sep == "-",
              let (second, sd) = t[i + 2].number, sd <= 2, t[i + 3].punct == sep,
              let (yv, yd) = t[i + 4].number, yd == 4 || (yd == 2 && sep != "-") else { return nil }
        // Part of a longer dotted/slashed run (IP addresses, versions, fractions): not a date.
        if i > 1, t[i - 1].punct == sep, t[i - 2].number != nil { return nil }
        // Serbian and Croatian end the year with a dot before the time: "27. 11. 2026. 14:05".
        if i + 6 < n, t[i + 5].punct == sep, t[i + 6].number != nil, !(sep == "." && i + 7 < n && t[i + 7].punct == ":") { return nil }
        // "27/11/2569": Thai pages write numeric dates with Buddhist years too.
        var y = gregorianYear(yv)
        if yd == 2 {
            let refYear = reference.map { civil($0).0 } ?? 2100
            y = 2000 + yv <= refYear + 1 ? 2000 + yv : 1900 + yv
        }
        let dmy = isValid(y, second, first) ? (y, second, first) : nil
        let mdy = isValid(y, first, second) ? (y, first, second) : nil
        let preferMDY = monthFirst && sep != "."
        var pick = preferMDY ? (mdy ?? dmy) : (dmy ?? mdy)
        if let ref = reference, let a = pick, let b = (preferMDY ? dmy : mdy), a != b {
            let limit = Int((ref.timeIntervalSince1970 / 86_400).rounded(.down)) + 1
            if CivilDate.days(a.0, a.1, a.2) > limit && CivilDate.days(b.0, b.1, b.2) <= limit { pick = b }
        }
        guard let p = pick else { return nil }
        return (p.0, p.1, p.2, i + 5)
    }

    /// Years searched back for a yearless day whose weekday is given: a weekday repeats on a date every 5-11 years.
    static let weekdayYears = 7
    /// Japanese weekday signs, Sunday first.
    static let japaneseWeekdays: [String: Int] = ["日": 0, "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6]

    /// A numeric month and day followed by a Japanese weekday in parentheses, without a year: `5/20(月)`, `5/20（月）`.
    static func findMonthDayWeekday(_ t: [Token]) -> (Int, Int, Int)? {
        let n = t.count
        guard n >= 6 else { return nil }
        for i in 0...(n - 6) {
            guard let (m, md) = t[i].number, md <= 2, m >= 1, m <= 12, t[i + 1].punct == "/",
                  let (d, dd) = t[i + 2].number, dd <= 2, d >= 1, d <= 31,
                  let open = t[i + 3].punct, open == "(" || open == "\u{FF08}",
                  let w = t[i + 4].word, let weekday = japaneseWeekdays[w],
                  let close = t[i + 5].punct, close == ")" || close == "\u{FF09}" else { continue }
            return (m, d, weekday)
        }
        return nil
    }

    /// A day and month without a year: `Nov 23`, `23 November`, `11月23日`.
    static func findMonthDay(_ t: [Token]) -> (Int, Int)? {
        let n = t.count
        for i in 0..<n {
            if let w = t[i].word, let m = monthNumber(w) {
                var j = i + 1
                if j < n, t[j].punct == "." { j += 1 }
                if j < n, let (d, dd) = t[j].number, dd <= 2, d >= 1, d <= 31,
                   !(j + 1 < n && (t[j + 1].punct == ":" || t[j + 1].number != nil)) {
                    return (m, d)
                }
            }
            if let (d, dd) = t[i].number, dd <= 2 {
                var j = i + 1
                if j < n, let w = t[j].word, w == "月" || w == "월", j + 1 < n, let (dv, ddg) = t[j + 1].number, ddg <= 2,
                   j + 2 < n, let w2 = t[j + 2].word, w2 == "日" || w2 == "일" {
                    return (d, dv)
                }
                if j < n, let w = t[j].word, ordinals.contains(w) { j += 1 }
                if j < n, t[j].punct == "." { j += 1 }
                if j < n, let w = t[j].word, fillers.contains(w) { j += 1 }
                if j < n, let w = t[j].word, let m = monthNumber(w), d >= 1, d <= 31 { return (m, d) }
            }
        }
        return nil
    }

    // MARK: Relative dates

    enum Unit { case second, minute, hour, day, week, month, year }

    /// A day and month without a year count only in a short date line ("Nov 20", "March 18 at 12:22 PM"); in longer
    /// text they are usually something else ("service starts on 2月1日").
    static let yearlessLineLimit = 32

    /// Text longer than this is not a date line, so "today" or "yesterday" in it are ordinary words.
    static let relativeWordLimit = 80

    static func findRelative(_ t: [Token], text: String, reference: Date, language: String? = nil) -> ParsedDate? {
        let n = t.count
        for i in 0..<n {
            guard let w = t[i].word else { continue }
            // N unit ago / N unit fa / N unit geleden / N unit назад
            if agoAfter.contains(w), i >= 2, let unit = units[t[i - 1].word ?? ""], let count = countValue(t[i - 2]) {
                // Django's timesince ("5 years, 10 months ago", "1 week, 2 days ago") and "1 day and 4 hours ago":
                // the larger part before it counts too, or the date is years late.
                var j = i - 3
                if j >= 0, t[j].punct == "," || compoundJoiners.contains(t[j].word ?? "") { j -= 1 }
                if j >= 1, let larger = units[t[j].word ?? ""], let n = countValue(t[j - 1]) {
                    return relative([(n, larger), (count, unit)], reference)
                }
                return relative(count, unit, reference)
            }
            // vor N unit / hace N unit / há N unit / il y a N unit
            if agoBefore.contains(w) || (w == "a" && i >= 2 && t[i - 1].word == "y" && t[i - 2].word == "il") {
                // Greek "πριν από 2 ημέρες": "from" between the word and the amount.
                let k = i + 1 < n && t[i + 1].word == "από" ? i + 2 : i + 1
                if k + 1 < n, let count = countValue(t[k]), let unit = units[t[k + 1].word ?? ""] {
                    return relative(count, unit, reference)
                }
                // Arabic duals carry their count ("منذ يومين", two days ago); a bare unit is one ("منذ يوم"), but not
                // before a number ("منذ عام 2020" is "since 2020").
                if k < n, let w2 = t[k].word, let (count, unit) = arabicAges[w2], !(k + 1 < n && t[k + 1].number != nil) {
                    return relative(count, unit, reference)
                }
            }
            // Hungarian "2 napja", "3 órája" (the unit's ending says "ago"), Thai "2 วันที่แล้ว" (no space before "ago").
            if i >= 1, case .number(let count, let digits) = t[i - 1], digits <= 4, let unit = hungarianAges[w] ?? thaiAge(w) {
                return relative(count, unit, reference)
            }
        }
        // CJK and Hangul characters are one-character word tokens; without any, the CJK forms cannot match.
        let hasCJK = t.contains { tok in tok.word.flatMap { $0.unicodeScalars.first }.map(isCJKIdeograph) ?? false }
        if hasCJK, let cjk = cjkRelative(text, reference: reference) { return cjk }
        if text.unicodeScalars.count <= relativeWordLimit {
            for i in 0..<n {
                guard let w = t[i].word else { continue }
                if let (days, langs) = dayWords[w] {
                    // English day words are common on pages in any language (UI strings); others must be the page's.
                    if let language, langs[0] != "en", !langs.contains(language) { continue }
                    return relative(days, .day, reference)
                }
                // "just now", "à l'instant"
                if w == "now", i > 0, t[i - 1].word == "just" { return relative(0, .day, reference) }
                // Two-word forms: "i dag", "i går", "hôm qua", "hari ini" (one token each would never match the table)
                if w == "i" || w == "hôm" || w == "hari", i + 1 < n, let next = t[i + 1].word, let (days, langs) = dayWords[w + " " + next] {
                    if let language, !langs.contains(language) { continue }
                    return relative(days, .day, reference)
                }
            }
            guard hasCJK else { return nil }
            for (phrase, days) in cjkDayWords where text.contains(phrase) { return relative(days, .day, reference) }
        }
        return nil
    }

    static func countValue(_ tok: Token) -> Int? {
        switch tok {
        case .number(let v, let d): return d <= 4 ? v : nil
        case .word(let w): return countWords[w]
        case .punct: return nil
        }
    }

    /// Words joining the parts of a compound age ("1 day and 4 hours ago").
    static let compoundJoiners: Set<String> = ["and", "und", "et", "y", "e", "en"]

    /// An age of several parts ("5 years, 10 months"), each counted back from where the one before it ends.
    static func relative(_ parts: [(Int, Unit)], _ reference: Date) -> ParsedDate {
        var when = reference
        var result = relative(0, .second, reference)
        for (count, unit) in parts {
            result = relative(count, unit, when)
            let s = Int(when.timeIntervalSince1970.rounded(.down))
            switch unit {
            case .month, .year: when = result.instant.addingTimeInterval(TimeInterval((s % 86_400 + 86_400) % 86_400))
            case .second: when = when.addingTimeInterval(-TimeInterval(count))
            case .minute: when = when.addingTimeInterval(-TimeInterval(count * 60))
            case .hour: when = when.addingTimeInterval(-TimeInterval(count * 3600))
            case .day: when = when.addingTimeInterval(-TimeInterval(count * 86_400))
            case .week: when = when.addingTimeInterval(-TimeInterval(count * 7 * 86_400))
            }
        }
        return result
    }

    static func relative(_ count: Int, _ unit: Unit, _ reference: Date) -> ParsedDate {
        let seconds: Int
        switch unit {
        case .second: seconds = count
        case .minute: seconds = count * 60
        case .hour: seconds = count * 3600
        case .day: seconds = count * 86_400
        case .week: seconds = count * 7 * 86_400
        case .month, .year:
            let (y, m, d) = civil(reference)
            let months = unit == .month ? count : count * 12
            let total = y * 12 + (m - 1) - months
            let ny = total >= 0 ? total / 12 : (total - 11) / 12
            let nm = total - ny * 12 + 1
            var nd = d
            while nd > 28 && !isValid(ny, nm, nd) { nd -= 1 }
            return day(ny, nm, nd, relative: true)
        }
        let t = Int((reference.timeIntervalSince1970).rounded(.down)) - seconds
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let (y, m, d) = CivilDate.from(days: days)
        return day(y, m, d, relative: true)
    }

    /// `2日前`, `3時間前`, `5分钟前`, `2天前`, `1ヶ月前`, `2일 전`: a number, a unit, then 前 or 전.
    static func cjkRelative(_ text: String, reference: Date) -> ParsedDate? {
        let scalars = Array(text.unicodeScalars.prefix(scanLimit))
        for (k, c) in scalars.enumerated() where c == "前" || c == "전" {
            var end = k
            while end > 0 && scalars[end - 1] == " " { end -= 1 }
            for (suffix, unit) in cjkUnits {
                let su = Array(suffix.unicodeScalars)
                guard end >= su.count, Array(scalars[(end - su.count)..<end]) == su else { continue }
                var s = end - su.count
                while s > 0 && scalars[s - 1] == " " { s -= 1 }
                var value = 0, place = 1, digits = 0
                var j = s
                while j > 0, let d = digitValue(scalars[j - 1]) {
                    value += d * place
                    place *= 10
                    digits += 1
                    j -= 1
                }
                if digits == 0, j > 0, let v = cjkNumerals[scalars[j - 1]] { value = v; digits = 1 }
                if digits > 0 && digits <= 4 { return relative(value, unit, reference) }
            }
        }
        return nil
    }

    /// Longest first, so 分钟 wins over 分 and 個月 over 月.
    static let cjkUnits: [(String, Unit)] = [
        ("分钟", .minute), ("分鐘", .minute), ("時間", .hour), ("小时", .hour), ("小時", .hour), ("週間", .week),
        ("个月", .month), ("個月", .month), ("ヶ月", .month), ("か月", .month), ("カ月", .month), ("ヵ月", .month),
        ("개월", .month), ("시간", .hour), ("秒", .second), ("分", .minute), ("日", .day), ("天", .day), ("周", .week),
        ("週", .week), ("年", .year), ("초", .second), ("분", .minute), ("일", .day), ("주", .week), ("년", .year),
    ]
    static let cjkNumerals: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                                                     "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0]
    static let cjkDayWords: [(String, Int)] = [("一昨日", 2), ("前天", 2), ("昨日", 1), ("昨天", 1), ("今日", 0), ("今天", 0),
                                               ("어제", 1), ("오늘", 0), ("그저께", 2),
                                               ("刚刚", 0), ("剛剛", 0), ("たった今", 0), ("방금", 0)]

    /// Words after the amount: "2 days ago", "2 giorni fa", "2 dagen geleden", "2 дня назад", "2 dni temu", ...
    static let agoAfter: Set<String> = ["ago", "fa", "geleden", "назад", "тому", "temu", "önce", "sitten", "siden", "sedan", "yang", "lalu",
                                        "lepas", "ezelőtt",
                                        "trước", "पहले", "atrás", "zpět"]
    /// Words before the amount: "vor 2 Tagen", "hace 2 días", "há 2 dias", "před 2 dny", ("il y a" handled apart).
    static let agoBefore: Set<String> = ["vor", "hace", "há", "ha", "před", "pred", "πριν", "منذ", "לפני", "faz", "acum"]
    /// Arabic age words that carry their count: duals ("يومين", two days) and bare singulars ("يوم", one day).
    static let arabicAges: [String: (Int, Unit)] = [
        "يومين": (2, .day), "ساعتين": (2, .hour), "دقيقتين": (2, .minute), "أسبوعين": (2, .week), "اسبوعين": (2, .week),
        "شهرين": (2, .month), "سنتين": (2, .year), "عامين": (2, .year), "يوم": (1, .day), "ساعة": (1, .hour),
        "دقيقة": (1, .minute), "أسبوع": (1, .week), "شهر": (1, .month), "سنة": (1, .year), "عام": (1, .year),
    ]
    /// Hungarian units whose ending says "ago": "2 napja" (2 days ago), "3 órája", "5 perce", "2 hete", "3 hónapja", "2 éve".
    static let hungarianAges: [String: Unit] = ["másodperce": .second, "perce": .minute, "órája": .hour, "napja": .day,
                                                "hete": .week, "hónapja": .month, "éve": .year]
    /// Thai units before "ที่แล้ว" ("ago"), written without a space: "2 วันที่แล้ว", "3 ชั่วโมงที่แล้ว".
    static let thaiUnits: [String: Unit] = ["วินาที": .second, "นาที": .minute, "ชั่วโมง": .hour, "วัน": .day,
                                            "สัปดาห์": .week, "อาทิตย์": .week, "เดือน": .month, "ปี": .year]
    static let thaiAgo = "ที่แล้ว"
    /// The unit of a Thai age word ("วันที่แล้ว", days ago), or nil.
    static func thaiAge(_ w: String) -> Unit? {
        guard let first = w.unicodeScalars.first, (0x0E00...0x0E7F).contains(first.value), w.hasSuffix(thaiAgo) else { return nil }
        return thaiUnits[String(w.unicodeScalars.dropLast(thaiAgo.unicodeScalars.count))]
    }
    static let countWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "ein": 1, "eine": 1, "einem": 1, "einer": 1, "einen": 1, "zwei": 2, "drei": 3, "un": 1, "une": 1,
        "deux": 2, "trois": 3, "uno": 1, "una": 1, "un'": 1, "dos": 2, "tres": 3, "due": 2, "tre": 3, "um": 1, "uma": 1,
        "dois": 2, "duas": 2, "três": 3, "een": 1, "één": 1, "twee": 2, "drie": 3, "одну": 1, "один": 1, "одна": 1,
        "два": 2, "две": 2, "три": 3,
    ]
    static let units: [String: Unit] = {
        var m: [String: Unit] = [:]
        func add(_ u: Unit, _ words: [String]) { for w in words { m[w] = u } }
        add(.second, ["second", "seconds", "sec", "secs", "s", "sekunde", "sekunden", "seconde", "secondes", "segundo",
                      "segundos", "secondo", "secondi", "seconden", "секунду", "секунды", "секунд",
                      "секунди", "δευτερόλεπτα", "secunde"])
        add(.minute, ["minute", "minutes", "min", "mins", "m", "minuten", "minuto", "minutos", "minuti", "minuut",
                      "минуту", "минуты", "минут", "minut", "minuty", "dakika", "phút", "دقيقة", "دقائق", "דקות", "मिनट",
                      "хвилину", "хвилини", "хвилин", "λεπτά", "λεπτό", "minute", "perccel", "minit"])
        add(.hour, ["hour", "hours", "hr", "hrs", "h", "stunde", "stunden", "heure", "heures", "hora", "horas", "ora", "ore",
                    "uur", "час", "часа", "часов", "std", "stdn", "giờ", "ساعة", "ساعات", "ساعتين", "שעות", "שעה", "घंटे", "घंटा", "godzinę", "godziny", "godzin", "saat", "hodinou", "hodinami", "timer", "timmar", "timme", "time",
                    "годину", "години", "годин", "ώρες", "ώρα", "oră", "órával", "jam", "tuntia", "tunti"])
        add(.day, ["day", "days", "d", "tag", "tagen", "tage", "jour", "jours", "día", "días", "dia", "dias", "giorno",
                   "giorni", "dag", "dagen", "день", "дня", "дней", "dzień", "dni", "gün", "dny", "dnem", "dage", "dager",
                   "dagar", "päivää", "päivä", "hari", "ngày", "يوم", "أيام", "يومين", "ימים", "יום", "दिन", "tg", "tagen.",
                   "дні", "днів", "ημέρες", "ημέρα", "μέρες", "μέρα", "zile", "zi", "nappal"])
        add(.week, ["week", "weeks", "wk", "wks", "w", "woche", "wochen", "semaine", "semaines", "semana", "semanas",
                    "settimana", "settimane", "weken", "неделю", "недели", "недель", "tydzień", "tygodnie", "hafta", "uker", "veckor", "vecka",
                    "tuần", "أسبوع", "أسابيع", "שבועות", "שבוע", "सप्ताह", "हफ्ते",
                    "тиждень", "тижні", "тижнів", "εβδομάδες", "εβδομάδα", "săptămâni", "săptămână", "héttel", "minggu", "viikkoa"])
        add(.month, ["month", "months", "mo", "mos", "monat", "monaten", "monate", "mois", "mes", "meses", "mese", "mesi",
                     "mês", "maand", "maanden", "месяц", "месяца", "месяцев", "miesiąc", "miesiące", "ay", "måneder", "månader", "bulan",
                     "tháng", "شهر", "أشهر", "חודשים", "חודש", "महीने",
                     "місяць", "місяці", "місяців", "μήνες", "μήνα", "luni", "lună", "hónappal", "kuukautta"])
        add(.year, ["year", "years", "yr", "yrs", "jahr", "jahren", "jahre", "an", "ans", "année", "années", "año", "años",
                    "anno", "anni", "ano", "anos", "jaar", "jaren", "год", "года", "лет", "rok", "lata", "lat", "yıl", "år", "tahun",
                    "năm", "سنة", "سنوات", "שנים", "שנה", "साल",
                    "рік", "роки", "років", "χρόνια", "χρόνο", "ani", "évvel", "vuotta"])
        return m
    }()
    /// Days before the reference that a single word means, and the languages that use the word.
    static let dayWords: [String: (Int, [String])] = {
        var m: [String: (Int, [String])] = [:]
        let lists: [([String], [String: Int])] = [
            (["en"], ["today": 0, "yesterday": 1]),
            (["de"], ["heute": 0, "gestern": 1, "vorgestern": 2]),
            (["fr"], ["aujourd'hui": 0, "hier": 1, "avant-hier": 2]),
            (["es"], ["hoy": 0, "ayer": 1, "anteayer": 2]),
            (["it", "ro"], ["ieri": 1]),
            (["it"], ["oggi": 0]),
            (["ro"], ["azi": 0, "astăzi": 0, "alaltăieri": 2]),
            (["pt"], ["hoje": 0, "ontem": 1]),
            (["nl"], ["vandaag": 0, "gisteren": 1, "eergisteren": 2]),
            (["ru", "bg"], ["сегодня": 0, "вчера": 1, "позавчера": 2]),
            (["uk"], ["сьогодні": 0, "вчора": 1, "позавчора": 2]),
            (["cs", "sk"], ["dnes": 0, "včera": 1, "predvčerom": 2, "předevčírem": 2]),
            (["vi"], ["hôm nay": 0, "hôm qua": 1]),
            (["id", "ms"], ["hari ini": 0, "kemarin": 1]),
            (["el"], ["σήμερα": 0, "χθες": 1, "χτες": 1]),
            (["ar"], ["اليوم": 0, "أمس": 1, "امس": 1, "البارحة": 1]),
            (["he"], ["היום": 0, "אתמול": 1]),
            (["hu"], ["tegnap": 1]),
            (["pl"], ["dzisiaj": 0, "dziś": 0, "wczoraj": 1]),
            (["tr"], ["bugün": 0, "dün": 1]),
            (["sv", "no", "nb", "nn", "da"], ["idag": 0, "igår": 1, "i dag": 0, "i går": 1]),
            (["fi"], ["tänään": 0, "eilen": 1]),
        ]
        for (langs, words) in lists { for (w, d) in words { m[w] = (d, langs) } }
        return m
    }()

    // MARK: Month names

    /// The month a word names, also in the elided Catalan/French form ("d'octubre").
    @inline(__always) static func monthNumber(_ w: String) -> Int? {
        if let m = monthNames[w] { return m }
        if w.hasPrefix("d'") { return monthNames[String(w.dropFirst(2))] }
        return nil
    }

    /// Month names and abbreviations in the languages we meet, lowercased (both with and without diacritics).
    static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [[String]] = [
            // English
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            // German (Austrian Jänner too)
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["jän", "feber", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
            // French
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "déc"],
            ["janv", "fevrier", "mars", "avr", "mai", "juin", "juill", "aoû", "sept", "oct", "nov", "decembre"],
            // Spanish
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
            // Italian
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
            // Portuguese
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["jan", "fev", "marco", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
            // Dutch
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
            // Swedish / Danish / Norwegian
            ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
            ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "desember"],
            // Russian (genitive, nominative, abbreviations)
            ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
            ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
            // Ukrainian (genitive)
            ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
            // Polish (genitive, nominative)
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
            ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"],
            // Czech (genitive)
            ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
            // Turkish
            ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"],
            // Indonesian / Malay
            ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"],
            // Hungarian
            ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"],
            // Romanian
            ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"],
            // Finnish (partitive, as in "23. marraskuuta 2024")
            ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
            // Thai (years in the Buddhist era, see gregorianYear)
            ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
            // Greek (genitive)
            ["ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου", "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"],
            ["ιαν", "φεβ", "μαρ", "απρ", "μαΐ", "ιουν", "ιουλ", "αυγ", "σεπ", "οκτ", "νοε", "δεκ"],
            // Catalan ("de novembre", "d'octubre": the elided form is looked up without "d'")
            ["gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre", "desembre"],
            // Croatian (genitive), Serbian/Bosnian Latin
            ["siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja", "kolovoza", "rujna", "listopada", "studenoga", "prosinca"],
            ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar", "novembar", "decembar"],
            // Slovak (genitive), Slovenian
            ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra", "novembra", "decembra"],
            ["januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta", "septembra", "oktobra", "novembra", "decembra"],
            ["januar", "februar", "marec", "april", "maj", "junij", "julij", "avgust", "september", "oktober", "november", "december"],
            // Bulgarian, Serbian Cyrillic, Ukrainian nominative
            ["януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"],
            ["јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар", "октобар", "новембар", "децембар"],
            ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"],
            // Malay, Tagalog, Lithuanian (genitive), Latvian
            ["januari", "februari", "mac", "april", "mei", "jun", "julai", "ogos", "september", "oktober", "november", "disember"],
            ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto", "setyembre", "oktubre", "nobyembre", "disyembre"],
            ["sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"],
            ["janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts", "septembris", "oktobris", "novembris", "decembris"],
            // Latvian locative ("2024. gada 23. novembrī") and abbreviations
            ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī"],
            ["janv", "febr", "marts", "apr", "maijs", "jūn", "jūl", "aug", "sept", "okt", "nov", "dec"],
            // Basque, and its genitive ("2024ko azaroaren 23a")
            ["urtarrila", "otsaila", "martxoa", "apirila", "maiatza", "ekaina", "uztaila", "abuztua", "iraila", "urria", "azaroa", "abendua"],
            ["urtarrilaren", "otsailaren", "martxoaren", "apirilaren", "maiatzaren", "ekainaren", "uztailaren", "abuztuaren", "irailaren", "urriaren", "azaroaren", "abenduaren"],
            // Arabic (Egypt/Gulf and Maghreb spellings), Hebrew (with the "in" prefix too), Hindi
            ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"],
            ["בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר", "באוקטובר", "בנובמבר", "בדצמבר"],
            ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
            // Abbreviations seen with Indonesian, Vietnamese-English mixes and Scandinavian sites
            ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"],
            // Polish and Romanian abbreviations
            ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
            ["ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sept", "oct", "noi", "dec"],
            // Galician, Estonian, Icelandic, Azerbaijani
            ["xaneiro", "febreiro", "marzo", "abril", "maio", "xuño", "xullo", "agosto", "setembro", "outubro", "novembro", "decembro"],
            ["jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september", "oktoober", "november", "detsember"],
            ["janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst", "september", "október", "nóvember", "desember"],
            ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"],
            // Kazakh, Georgian
            ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"],
            ["იანვარი", "თებერვალი", "მარტი", "აპრილი", "მაისი", "ივნისი", "ივლისი", "აგვისტო", "სექტემბერი", "ოქტომბერი", "ნოემბერი", "დეკემბერი"],
            // Bengali, Tamil, Urdu, Persian (Gregorian month names)
            ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"],
            ["ஜனவரி", "பிப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை", "ஆகஸ்ட்", "செப்டம்பர்", "அக்டோபர்", "நவம்பர்", "டிசம்பர்"],
            ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"],
            ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
            // Belarusian (genitive), Armenian (genitive), Turkish abbreviations ("27 Kas 2026")
            ["студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня", "ліпеня", "жніўня", "верасня", "кастрычніка", "лістапада", "снежня"],
            ["հունվարի", "փետրվարի", "մարտի", "ապրիլի", "մայիսի", "հունիսի", "հուլիսի", "օգոստոսի", "սեպտեմբերի", "հոկտեմբերի", "նոյեմբերի", "դեկտեմբերի"],
            ["oca", "şub", "mar", "nis", "may", "haz", "tem", "ağu", "eyl", "eki", "kas", "ara"],
            // Marathi, Nepali, Gujarati, Punjabi, Telugu, Kannada, Malayalam (Gregorian month names of Indian and Nepali news)
            ["जानेवारी", "फेब्रुवारी", "मार्च", "एप्रिल", "मे", "जून", "जुलै", "ऑगस्ट", "सप्टेंबर", "ऑक्टोबर", "नोव्हेंबर", "डिसेंबर"],
            ["जनवरी", "फेब्रुअरी", "मार्च", "अप्रिल", "मे", "जुन", "जुलाई", "अगस्ट", "सेप्टेम्बर", "अक्टोबर", "नोभेम्बर", "डिसेम्बर"],
            ["જાન્યુઆરી", "ફેબ્રુઆરી", "માર્ચ", "એપ્રિલ", "મે", "જૂન", "જુલાઈ", "ઑગસ્ટ", "સપ્ટેમ્બર", "ઑક્ટોબર", "નવેમ્બર", "ડિસેમ્બર"],
            ["ਜਨਵਰੀ", "ਫ਼ਰਵਰੀ", "ਮਾਰਚ", "ਅਪ੍ਰੈਲ", "ਮਈ", "ਜੂਨ", "ਜੁਲਾਈ", "ਅਗਸਤ", "ਸਤੰਬਰ", "ਅਕਤੂਬਰ", "ਨਵੰਬਰ", "ਦਸੰਬਰ"],
            ["జనవరి", "ఫిబ్రవరి", "మార్చి", "ఏప్రిల్", "మే", "జూన్", "జులై", "ఆగస్టు", "సెప్టెంబర్", "అక్టోబర్", "నవంబర్", "డిసెంబర్"],
            ["ಜನವರಿ", "ಫೆಬ್ರವರಿ", "ಮಾರ್ಚ್", "ಏಪ್ರಿಲ್", "ಮೇ", "ಜೂನ್", "ಜುಲೈ", "ಆಗಸ್ಟ್", "ಸೆಪ್ಟೆಂಬರ್", "ಅಕ್ಟೋಬರ್", "ನವೆಂಬರ್", "ಡಿಸೆಂಬರ್"],
            ["ജനുവരി", "ഫെബ്രുവരി", "മാർച്ച്", "ഏപ്രിൽ", "മേയ്", "ജൂൺ", "ജൂലൈ", "ഓഗസ്റ്റ്", "സെപ്റ്റംബർ", "ഒക്ടോബർ", "നവംബർ", "ഡിസംബർ"],
            // Sinhala, Burmese, Khmer, Lao
            ["ජනවාරි", "පෙබරවාරි", "මාර්තු", "අප්රේල්", "මැයි", "ජූනි", "ජූලි", "අගෝස්තු", "සැප්තැම්බර්", "ඔක්තෝබර්", "නොවැම්බර්", "දෙසැම්බර්"],
            ["ဇန်နဝါရီ", "ဖေဖော်ဝါရီ", "မတ်", "ဧပြီ", "မေ", "ဇွန်", "ဇူလိုင်", "ဩဂုတ်", "စက်တင်ဘာ", "အောက်တိုဘာ", "နိုဝင်ဘာ", "ဒီဇင်ဘာ"],
            ["មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"],
            ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"],
            // Welsh, Maltese, Tajik, Hausa, Icelandic abbreviations (Irish one-word names below)
            ["ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr"],
            ["jannar", "frar", "marzu", "april", "mejju", "ġunju", "lulju", "awwissu", "settembru", "ottubru", "novembru", "diċembru"],
            ["январи", "феврали", "марти", "апрели", "майи", "июни", "июли", "августи", "сентябри", "октябри", "ноябри", "декабри"],
            ["janairu", "fabrairu", "maris", "afrilu", "mayu", "yuni", "yuli", "agusta", "satumba", "oktoba", "nuwamba", "disamba"],
            ["jan", "feb", "mar", "apr", "maí", "jún", "júl", "ágú", "sep", "okt", "nóv", "des"],
            // Swahili, Albanian
            ["januari", "februari", "machi", "aprili", "mei", "juni", "julai", "agosti", "septemba", "oktoba", "novemba", "desemba"],
            ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor", "nëntor", "dhjetor"],
            // Thai abbreviations (the tokenizer keeps their dots: "ม.ค.")
            ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."],
        ]
        for list in lists {
            for (k, name) in list.enumerated() where m[name] == nil { m[name] = k + 1 }
        }
        // Levantine Arabic one-word names (January, October, November, December take two: `levantinePairs`).
        for (name, month) in [("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8), ("أيلول", 9)] {
            m[name] = month
        }
        // Abbreviations with other spellings.
        for (name, month) in [("फरवरी", 2), ("सितम्बर", 9), ("नवम्बर", 11), ("दिसम्बर", 12), ("अगस्‍त", 8), ("أبريل", 4), ("إبريل", 4), ("ابريل", 4),
                              ("اغسطس", 8), ("اكتوبر", 10), ("studenog", 11), ("listopadu", 11), ("sept", 9), ("dici", 12), ("mrz", 3), ("maerz", 3), ("jänner", 1), ("setiembre", 9), ("août", 8),
                              ("févr", 2), ("fév", 2), ("eanáir", 1), ("feabhra", 2), ("márta", 3), ("aibreán", 4), ("bealtaine", 5),
                              ("meitheamh", 6), ("iúil", 7), ("lúnasa", 8), ("samhain", 11), ("nollaig", 12), ("pebruari", 2), ("nopember", 11), ("nop", 11), ("peb", 2), ("déc", 12), ("juil", 7), ("avr", 4), ("mai", 5), ("июнь", 6), ("сент", 9), ("нояб", 11)] {
            m[name] = month
        }
        return m
    }()
}
