/// Character-encoding detection for HTML bytes, in the WHATWG order, resolved to a label libxml2 (iconv) accepts.
public enum Charset {
    /// Where the encoding was learned.
    public enum Source: String, Sendable { case http, bom, meta, utf8, fallback }

    /// The encoding to parse with and where it came from.
    public struct Detection: Equatable, Sendable {
        /// Canonical IANA name to give libxml2: "UTF-8", "windows-1252", "Shift_JIS", "EUC-JP", ...
        public let label: String
        public let source: Source

        public init(label: String, source: Source) {
            self.label = label
            self.source = source
        }
    }

    /// How far into the document `<meta charset>` is looked for (WHATWG prescan).
    static let prescanLimit = 1024

    /// HTTP Content-Type charset first, then BOM, then <meta charset>/http-equiv in the first 1024 bytes, then a UTF-8 validity check with windows-1252 fallback. iso-8859-1/latin1/ascii/us-ascii labels map to windows-1252 (WHATWG).
    ///
    /// Two refinements: a byte-order mark wins over the HTTP label (as in browsers: the bytes cannot lie about it), and a
    /// declared legacy encoding (HTTP or meta) is overruled when the bytes are valid UTF-8 with at least one multi-byte
    /// sequence (source `.utf8`). Legacy text almost never forms valid UTF-8 by chance, while UTF-8 pages with a stale
    /// `iso-8859-1` header or meta are common. Undeclared non-UTF-8 bytes fall back to windows-1252, or to Shift_JIS /
    /// EUC-JP when their high bytes pair up the way Japanese text does.
    public static func detect(bytes: [UInt8], contentType: String?) -> Detection {
        detectNotingValidity(bytes: bytes, contentType: contentType).detection
    }

    /// `detect`, and whether the bytes were checked and found valid UTF-8 on the way (a UTF-8 label's check in
    /// `legacyDespiteUTF8Label`): the parse then need not check them again (`repairedUTF8`'s scan of the page
    /// was ~0.6% of a blog post's extraction, FINDINGS 94).
    static func detectNotingValidity(bytes: [UInt8], contentType: String?) -> (detection: Detection, validUTF8: Bool) {
        if let bom = bomLabel(bytes) { return (Detection(label: bom, source: .bom), false) }
        if let contentType, let raw = charsetParameter(contentType), let label = canonicalLabel(raw) {
            if overruledByUTF8(label, bytes) { return (Detection(label: "UTF-8", source: .utf8), false) }
            let (legacy, valid) = legacyDespiteUTF8Label(label, bytes)
            if let legacy { return (legacy, false) }
            return (Detection(label: label, source: .http), valid)
        }
        if let raw = bytes.withUnsafeBufferPointer({ metaCharset($0) }), var label = canonicalLabel(raw) {
            // A document that was decoded as ASCII-compatible cannot really be UTF-16 (WHATWG).
            if label.hasPrefix("UTF-16") { label = "UTF-8" }
            if overruledByUTF8(label, bytes) { return (Detection(label: "UTF-8", source: .utf8), false) }
            let (legacy, valid) = legacyDespiteUTF8Label(label, bytes)
            if let legacy { return (legacy, false) }
            return (Detection(label: label, source: .meta), valid)
        }
        let valid = bytes.withUnsafeBufferPointer { isValidUTF8($0) }
        if valid { return (Detection(label: "UTF-8", source: .utf8), false) }
        return (Detection(label: bytes.withUnsafeBufferPointer { guessLegacy($0) }, source: .fallback), false)
    }

    /// True when `label` is a legacy (non-Unicode) encoding but the bytes are valid UTF-8 holding non-ASCII text.
    static func overruledByUTF8(_ label: String, _ bytes: [UInt8]) -> Bool {
        guard label != "UTF-8", !label.hasPrefix("UTF-16") else { return false }
        return bytes.withUnsafeBufferPointer { b in
            guard let firstHigh = b.firstIndex(where: { $0 >= 0x80 }) else { return false }
            return firstInvalidUTF8(UnsafeBufferPointer(rebasing: b[firstHigh...])) == nil
        }
    }

    /// A page labelled UTF-8 whose non-ASCII bytes mostly fail to form UTF-8 sequences is legacy text under a wrong
    /// label (a template's meta, a server default): decoding it as UTF-8 would turn every accented letter or kanji
    /// into U+FFFD. Then the legacy guess applies (source `.fallback`). A UTF-8 page with a few stray bytes keeps
    /// UTF-8 (and gets U+FFFD only for those).
    /// Also says whether it found the bytes valid UTF-8 (false when it did not check them).
    static func legacyDespiteUTF8Label(_ label: String, _ bytes: [UInt8]) -> (legacy: Detection?, validUTF8: Bool) {
        guard label == "UTF-8" else { return (nil, false) }
        return bytes.withUnsafeBufferPointer { b -> (Detection?, Bool) in
            guard firstInvalidUTF8(b) != nil else { return (nil, true) }
            let (valid, invalid) = multibyteCounts(b)
            guard invalid > valid else { return (nil, false) }
            return (Detection(label: guessLegacy(b), source: .fallback), false)
        }
    }

    /// Well-formed multi-byte UTF-8 sequences, and high bytes that start none, in `b`.
    static func multibyteCounts(_ b: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1
            if c >= 0xC2 && c <= 0xF4, i + need < n, firstInvalidUTF8(UnsafeBufferPointer(rebasing: b[i...(i + need)])) == nil {
                valid += 1
                i += need + 1
            } else {
                invalid += 1
                i += 1
            }
        }
        return (valid, invalid)
    }

    /// The `charset` parameter of a Content-Type value (`text/html; charset="Shift_JIS"`), unquoted.
    public static func charsetParameter(_ contentType: String) -> String? {
        let u = Array(contentType.utf8)
        var i = 0
        while i < u.count {
            // Find ';' then a parameter name.
            while i < u.count && u[i] != UInt8(ascii: ";") { i += 1 }
            i += 1
            while i < u.count && (u[i] == 0x20 || u[i] == 0x09) { i += 1 }
            let nameStart = i
            while i < u.count && u[i] != UInt8(ascii: "=") && u[i] != UInt8(ascii: ";") { i += 1 }
            guard i < u.count, u[i] == UInt8(ascii: "=") else { continue }
            let name = String(decoding: u[nameStart..<i], as: UTF8.self).trimmingSpaces.lowercased()
            i += 1
            var valueStart = i
            let valueEnd: Int
            if i < u.count && (u[i] == UInt8(ascii: "\"") || u[i] == UInt8(ascii: "'")) {
                let q = u[i]
                valueStart = i + 1
                i += 1
                while i < u.count && u[i] != q { i += 1 }
                valueEnd = i
            } else {
                while i < u.count && u[i] != UInt8(ascii: ";") { i += 1 }
                valueEnd = i
            }
            if name == "charset" {
                let v = String(decoding: u[valueStart..<min(valueEnd, u.count)], as: UTF8.self).trimmingSpaces
                return v.isEmpty ? nil : v
            }
        }
        return nil
    }

    /// Maps an encoding label (any case, WHATWG aliases) to the name given to libxml2, or `nil` when unknown.
    public static func canonicalLabel(_ raw: String) -> String? {
        let l = raw.trimmingSpaces.lowercased()
        if let hit = labels[l] { return hit }
        // iso-8859-N and windows-125N families.
        if l.hasPrefix("iso-8859-") || l.hasPrefix("iso8859-") || l.hasPrefix("iso_8859-") {
            let n = l.split(separator: "-").last.flatMap { Int($0) } ?? 0
            if n == 1 { return "windows-1252" }
            if (2...16).contains(n) && n != 12 { return "ISO-8859-\(n)" }
        }
        if l.hasPrefix("windows-125"), let n = Int(l.dropFirst("windows-125".count)), (0...8).contains(n) {
            return "windows-125\(n)"
        }
        return nil
    }

    private static let labels: [String: String] = {
        var m: [String: String] = [:]
        func add(_ label: String, _ names: [String]) { for n in names { m[n] = label } }
        add("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"])
        add("windows-1252", ["windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                             "l1", "ascii", "us-ascii", "iso-ir-100", "csisolatin1", "ibm819", "cp819", "ansi_x3.4-1968",
                             "iso_8859-1:1987", "iso88591", "x-user-defined"])
        add("Shift_JIS", ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "ms932", "cp932"])
        add("EUC-JP", ["euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese"])
        add("ISO-2022-JP", ["iso-2022-jp", "csiso2022jp"])
        add("GBK", ["gbk", "gb2312", "x-gbk", "chinese", "csgb2312", "gb_2312-80", "gb_2312", "iso-ir-58", "cp936", "ms936"])
        add("GB18030", ["gb18030"])
        add("Big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"])
        add("EUC-KR", ["euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949", "cseuckr", "korean"])
        add("KOI8-R", ["koi8-r", "koi8_r", "koi8", "cskoi8r"])
        add("KOI8-U", ["koi8-u", "koi8-ru"])
        add("windows-874", ["windows-874", "tis-620", "iso-8859-11", "dos-874"])
        add("ISO-8859-15", ["iso-8859-15", "iso8859-15", "latin9", "l9"])
        add("UTF-16LE", ["utf-16le", "utf-16", "unicode", "ucs-2", "csunicode", "unicodefeff"])
        add("UTF-16BE", ["utf-16be", "unicodefffe"])
        add("x-mac-roman", ["macintosh", "mac", "x-mac-roman", "csmacintosh"])
        return m
    }()

    static func bomLabel(_ b: [UInt8]) -> String? {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return "UTF-8" }
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return "UTF-16BE" }
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return "UTF-16LE" }
        return nil
    }

    // MARK: meta prescan

    /// The charset named by the first `<meta charset>` or `<meta http-equiv=content-type content="...charset=...">`
    /// in the first `prescanLimit` bytes; comments are skipped.
    static func metaCharset(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let end = min(b.count, prescanLimit)
        var i = 0
        while i < end {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if i + 3 < end, b[i + 1] == UInt8(ascii: "!"), b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                // Skip the comment (it may mention a charset that is not in effect).
                var j = i + 4
                while j + 2 < b.count && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == UInt8(ascii: ">")) { j += 1 }
                i = j + 3
                continue
            }
            if i + 5 < end, lower(b[i + 1]) == UInt8(ascii: "m"), lower(b[i + 2]) == UInt8(ascii: "e"),
               lower(b[i + 3]) == UInt8(ascii: "t"), lower(b[i + 4]) == UInt8(ascii: "a"), isSpaceOrSlash(b[i + 5]) {
                i += 5
                var httpEquivContentType = false
                var content: String?
                var charset: String?
                while let (name, value, next) = attribute(b, from: i) {
                    i = next
                    switch name {
                    case "charset": if charset == nil { charset = value }
                    case "http-equiv": httpEquivContentType = value.lowercased() == "content-type"
                    case "content": if content == nil { content = value }
                    default: break
                    }
                }
                if let charset, !charset.isEmpty { return charset }
                if httpEquivContentType, let content, let cs = charsetInContent(content) { return cs }
                continue
            }
            i += 1
        }
        return nil
    }

    /// `text/html; charset=x` inside a meta content attribute (the WHATWG algorithm: after "charset", optional spaces, "=").
    static func charsetInContent(_ content: String) -> String? {
        let u = Array(content.utf8)
        var i = 0
        while i + 7 <= u.count {
            if String(decoding: u[i..<i + 7], as: UTF8.self).lowercased() == "charset" {
                var j = i + 7
                while j < u.count && isSpace(u[j]) { j += 1 }
                if j < u.count && u[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < u.count && isSpace(u[j]) { j += 1 }
                    var k = j
                    if j < u.count && (u[j] == UInt8(ascii: "\"") || u[j] == UInt8(ascii: "'")) {
                        let q = u[j]
                        j += 1
                        k = j
                        while k < u.count && u[k] != q { k += 1 }
                    } else {
                        while k < u.count && !isSpace(u[k]) && u[k] != UInt8(ascii: ";") { k += 1 }
                    }
                    return k > j ? String(decoding: u[j..<k], as: UTF8.self) : nil
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// Reads one attribute of a tag starting at `i`; `nil` at the tag's end. Names are lowercased.
    private static func attribute(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, String, Int)? {
        var i = start
        let n = b.count
        while i < n && (isSpace(b[i]) || b[i] == UInt8(ascii: "/")) { i += 1 }
        guard i < n, b[i] != UInt8(ascii: ">") else { return nil }
        let nameStart = i
        while i < n && !isSpace(b[i]) && b[i] != UInt8(ascii: "=") && b[i] != UInt8(ascii: ">") && b[i] != UInt8(ascii: "/") { i += 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<i]), as: UTF8.self).lowercased()
        while i < n && isSpace(b[i]) { i += 1 }
        guard i < n, b[i] == UInt8(ascii: "=") else { return (name, "", i) }
        i += 1
        while i < n && isSpace(b[i]) { i += 1 }
        guard i < n else { return (name, "", i) }
        if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
            let q = b[i]
            i += 1
            let vs = i
            while i < n && b[i] != q { i += 1 }
            let value = String(decoding: UnsafeBufferPointer(rebasing: b[vs..<i]), as: UTF8.self)
            return (name, value, min(i + 1, n))
        }
        let vs = i
        while i < n && !isSpace(b[i]) && b[i] != UInt8(ascii: ">") { i += 1 }
        return (name, String(decoding: UnsafeBufferPointer(rebasing: b[vs..<i]), as: UTF8.self), i)
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c | 0x20 : c }
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
    @inline(__always) static func isSpaceOrSlash(_ c: UInt8) -> Bool { isSpace(c) || c == UInt8(ascii: "/") }

    // MARK: UTF-8 validity and legacy guess

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF). A sequence cut by the
    /// end of the buffer counts as valid: a truncated download should not flip the whole page to windows-1252.
    public static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidUTF8(b) == nil
    }

    /// Offset of the first byte that breaks UTF-8, or `nil` when the whole buffer is valid.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= n {
                let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            guard let lead = UTF8Lead(c) else { return i }
            let need = lead.continuations
            var j = 1
            while j <= need {
                if i + j >= n { return nil } // truncated at the end: tolerated
                let t = b[i + j]
                if j == 1 ? !lead.first.contains(t) : (t < 0x80 || t > 0xBF) { return i }
                j += 1
            }
            i += need + 1
        }
        return nil
    }

    /// Not UTF-8 and undeclared: windows-1252 (WHATWG's default for most locales), unless the high bytes pair up
    /// the way Japanese double-byte text does. Western text has isolated high bytes (é, “), so pairs decide.
    /// Shift_JIS text has a high trail byte in most pairs (every hiragana, most kanji); windows-1252 text pairs an
    /// accented letter with the ASCII letter after it ("f\u{FC}r", "Leitf\u{E4}higkeit": German reads as Shift_JIS
    /// pairs all through), so at least one pair in this many must have its trail byte at 0x80 or above.
    static let minHighTrailShare = 4

    static func guessLegacy(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var sjisPairs = 0, sjisHighTrail = 0, sjisBad = 0, eucPairs = 0, eucBad = 0
        let n = b.count
        // Shift_JIS pass.
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 || (c >= 0xA1 && c <= 0xDF) { i += 1; continue } // ASCII or half-width katakana
            if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)), i + 1 < n {
                let t = b[i + 1]
                if (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC) {
                    sjisPairs += 1
                    if t >= 0x80 { sjisHighTrail += 1 }
                    i += 2; continue
                }
            }
            sjisBad += 1
            i += 1
        }
        // EUC-JP pass.
        i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if ((c >= 0xA1 && c <= 0xFE) || c == 0x8E), i + 1 < n, b[i + 1] >= 0xA1 && b[i + 1] <= 0xFE {
                eucPairs += 1
                i += 2
                continue
            }
            eucBad += 1
            i += 1
        }
        // Japanese text gives dozens of pairs and (almost) no stray bytes; demand both.
        let minimumPairs = 8
        if eucPairs >= minimumPairs && eucBad * 50 <= eucPairs && eucPairs >= sjisPairs / 2 { return "EUC-JP" }
        if sjisPairs >= minimumPairs && sjisBad * 50 <= sjisPairs && sjisHighTrail * Self.minHighTrailShare >= sjisPairs {
            return "Shift_JIS"
        }
        return "windows-1252"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension Charset {
    /// A copy of `b` with every byte sequence that is not UTF-8 replaced by U+FFFD, or `nil` when `b` is valid
    /// (so valid input, the common case, is never copied).
    static func repairedUTF8(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard var bad = firstInvalidUTF8(b) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        var from = 0
        while true {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<bad]))
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            from = bad + 1
            // Continuation bytes after a bad lead belong to the same broken sequence.
            while from < b.count && b[from] & 0xC0 == 0x80 { from += 1 }
            guard from < b.count else { break }
            let rest = UnsafeBufferPointer(rebasing: b[from...])
            guard let next = firstInvalidUTF8(rest) else {
                out.append(contentsOf: rest)
                break
            }
            bad = from + next
        }
        return out
    }
}
