/// URL resolution (RFC 3986 §5) and normalization for links, canonical URLs and crawl keys.
///
/// A hand-written scanner over UTF-8: it runs on every link of every page, so it avoids Foundation's URL types.
public enum URLNormalizer {
    /// Resolves `raw` against `base` (RFC 3986) and normalizes: http/https only (else nil), lowercase scheme and host,
    /// IDN host kept as given lowercased, default port dropped, fragment dropped, dot segments resolved, empty path -> "/",
    /// percent-encoding normalized (uppercase hex, unreserved chars decoded), tracking parameters removed
    /// (utm_*, fbclid, gclid, dclid, msclkid, mc_cid, mc_eid, _ga, yclid, igshid, ref_src...), remaining query order kept.
    /// Whitespace trimmed; javascript:, mailto:, data: -> nil.
    public static func normalize(_ raw: String, base: String? = nil) -> String? {
        build(raw, base: base, dropSessions: false)
    }

    /// Same, additionally dropping session-id parameters (sid, sessionid, phpsessid, jsessionid (also ;jsessionid= path params), sessid, s, aspsessionid*), for crawl keys.
    public static func crawlKey(_ raw: String, base: String? = nil) -> String? {
        build(raw, base: base, dropSessions: true)
    }

    // MARK: - Parsing

    /// The five RFC 3986 components as raw (not yet normalized) UTF-8 slices.
    struct Parts {
        var scheme: [UInt8]? = nil
        var authority: [UInt8]? = nil
        var path: [UInt8] = []
        var query: [UInt8]? = nil
    }

    private static func build(_ raw: String, base: String?, dropSessions: Bool) -> String? {
        guard var ref = parse(cleaned(raw)) else { return nil }
        if let scheme = ref.scheme {
            guard let s = webScheme(scheme) else { return nil }
            ref.scheme = s
        }
        var target: Parts
        if ref.scheme != nil && !(ref.authority == nil && base != nil && isSameSchemeRelative(ref, base: base)) {
            target = ref
            target.path = removeDotSegments(target.path)
        } else {
            guard let base, var b = parse(cleaned(base)), let bs = b.scheme.flatMap(webScheme), b.authority != nil else {
                return nil
            }
            b.scheme = bs
            target = resolve(ref, against: b)
        }
        return serialize(target, dropSessions: dropSessions)
    }

    /// "http:foo" with a base of the same scheme is a relative reference in browsers (WHATWG special schemes).
    private static func isSameSchemeRelative(_ ref: Parts, base: String?) -> Bool {
        guard let base, let b = parse(cleaned(base)), let bs = b.scheme.flatMap(webScheme) else { return false }
        return bs == ref.scheme!
    }

    /// Trims C0 controls and spaces at both ends and drops tabs and newlines inside (as browsers do).
    private static func cleaned(_ s: String) -> [UInt8] {
        var u = Array(s.utf8)
        var start = 0, end = u.count
        while start < end && (u[start] <= 0x20 || isNBSP(u, start)) { start += u[start] <= 0x20 ? 1 : 2 }
        while end > start && (u[end - 1] <= 0x20 || (end - 2 >= start && isNBSP(u, end - 2))) { end -= u[end - 1] <= 0x20 ? 1 : 2 }
        if start > 0 || end < u.count { u = Array(u[start..<end]) }
        if u.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            u.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
        return u
    }

    @inline(__always) private static func isNBSP(_ u: [UInt8], _ i: Int) -> Bool {
        i + 1 < u.count && u[i] == 0xC2 && u[i + 1] == 0xA0
    }

    private static func webScheme(_ s: [UInt8]) -> [UInt8]? {
        let l = s.map(lower)
        if l == Array("http".utf8) || l == Array("https".utf8) { return l }
        return nil
    }

    /// Splits a reference into scheme, authority, path, query (the fragment is dropped here).
    /// Backslashes before the query count as slashes, as in browsers for http(s).
    static func parse(_ input: [UInt8]) -> Parts? {
        var u = input
        if let hash = u.firstIndex(of: UInt8(ascii: "#")) { u.removeSubrange(hash...) }
        var p = Parts()
        var i = 0
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        if let first = u.first, isAlpha(first) {
            var j = 1
            while j < u.count, isAlpha(u[j]) || isDigit(u[j]) || u[j] == UInt8(ascii: "+") || u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: ".") { j += 1 }
            if j < u.count && u[j] == UInt8(ascii: ":") {
                p.scheme = Array(u[0..<j])
                i = j + 1
            }
        }
        let queryStart = u[i...].firstIndex(of: UInt8(ascii: "?")) ?? u.count
        if p.scheme == nil || webScheme(p.scheme!) != nil {
            for k in i..<queryStart where u[k] == UInt8(ascii: "\\") { u[k] = UInt8(ascii: "/") }
        }
        if i + 1 < queryStart && u[i] == UInt8(ascii: "/") && u[i + 1] == UInt8(ascii: "/") {
            var j = i + 2
            while j < queryStart && u[j] != UInt8(ascii: "/") { j += 1 }
            p.authority = Array(u[(i + 2)..<j])
            i = j
        }
        p.path = Array(u[i..<queryStart])
        if queryStart < u.count { p.query = Array(u[(queryStart + 1)...]) }
        return p
    }

    /// RFC 3986 §5.2.2.
    private static func resolve(_ r: Parts, against b: Parts) -> Parts {
        var t = Parts()
        t.scheme = b.scheme
        if r.authority != nil {
            t.authority = r.authority
            t.path = removeDotSegments(r.path)
            t.query = r.query
            return t
        }
        t.authority = b.authority
        if r.path.isEmpty {
            t.path = b.path
            t.query = r.query ?? b.query
        } else {
            if r.path.first == UInt8(ascii: "/") {
                t.path = removeDotSegments(r.path)
            } else {
                // merge: base path up to its last "/", then the reference
                var merged: [UInt8]
                if b.authority != nil && b.path.isEmpty {
                    merged = [UInt8(ascii: "/")]
                } else if let slash = b.path.lastIndex(of: UInt8(ascii: "/")) {
                    merged = Array(b.path[...slash])
                } else {
                    merged = []
                }
                merged.append(contentsOf: r.path)
                t.path = removeDotSegments(merged)
            }
            t.query = r.query
        }
        return t
    }

    /// RFC 3986 §5.2.4, over segments; `%2E` counts as a dot (it is unreserved and decoded later anyway).
    static func removeDotSegments(_ path: [UInt8]) -> [UInt8] {
        if path.isEmpty { return path }
        let absolute = path.first == UInt8(ascii: "/")
        var segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Array($0) }
        if absolute { segments.removeFirst() }
        var out: [[UInt8]] = []
        var trailingSlash = false
        for (k, seg) in segments.enumerated() {
            let last = k == segments.count - 1
            switch dotKind(seg) {
            case 1:
                trailingSlash = last
            case 2:
                if !out.isEmpty { out.removeLast() }
                trailingSlash = last
            default:
                out.append(seg)
                trailingSlash = false
            }
        }
        var result: [UInt8] = absolute ? [UInt8(ascii: "/")] : []
        for (k, seg) in out.enumerated() {
            if k > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: seg)
        }
        if trailingSlash && result.last != UInt8(ascii: "/") { result.append(UInt8(ascii: "/")) }
        return result
    }

    /// 1 for ".", 2 for "..", 0 otherwise (also recognizing %2e).
    private static func dotKind(_ seg: [UInt8]) -> Int {
        var dots = 0
        var i = 0
        while i < seg.count {
            if seg[i] == UInt8(ascii: ".") { dots += 1; i += 1; continue }
            if seg[i] == UInt8(ascii: "%"), i + 2 < seg.count, seg[i + 1] == UInt8(ascii: "2"), lower(seg[i + 2]) == UInt8(ascii: "e") {
                dots += 1
                i += 3
                continue
            }
            return 0
        }
        return dots <= 2 ? dots : 0
    }

    // MARK: - Serializing

    private static func serialize(_ t: Parts, dropSessions: Bool) -> String? {
        guard let scheme = t.scheme, let authority = t.authority, let host = normalizedAuthority(authority, scheme: scheme) else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(host.count + t.path.count + (t.query?.count ?? 0) + 10)
        out.append(contentsOf: scheme)
        out.append(contentsOf: Array("://".utf8))
        out.append(contentsOf: host)
        var path = t.path.isEmpty ? [UInt8(ascii: "/")] : t.path
        if path.first != UInt8(ascii: "/") { path.insert(UInt8(ascii: "/"), at: 0) }
        if dropSessions { path = removingPathSessionParameters(path) }
        appendNormalizedPercent(path, to: &out, allowed: pathAllowed)
        if let q = t.query {
            let kept = filteredQuery(q, dropSessions: dropSessions)
            if !kept.isEmpty {
                out.append(UInt8(ascii: "?"))
                out.append(contentsOf: kept)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `user@Host:port` -> lowercased host, port without the scheme's default, userinfo kept; `nil` if malformed.
    private static func normalizedAuthority(_ a: [UInt8], scheme: [UInt8]) -> [UInt8]? {
        var hostPart = a[...]
        var userinfo: ArraySlice<UInt8>? = nil
        if let at = a.lastIndex(of: UInt8(ascii: "@")) {
            userinfo = a[..<at]
            hostPart = a[(at + 1)...]
        }
        var host: ArraySlice<UInt8>
        var port: ArraySlice<UInt8> = []
        if hostPart.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = hostPart[...close]
            let rest = hostPart[(close + 1)...]
            if let f = rest.first {
                guard f == UInt8(ascii: ":") else { return nil }
                port = rest.dropFirst()
            }
        } else if let colon = hostPart.lastIndex(of: UInt8(ascii: ":")) {
            host = hostPart[..<colon]
            port = hostPart[(colon + 1)...]
        } else {
            host = hostPart
        }
        // A trailing dot names the same host.
        if host.count > 1 && host.last == UInt8(ascii: ".") { host = host.dropLast() }
        guard !host.isEmpty else { return nil }
        var out: [UInt8] = []
        if let userinfo, !userinfo.isEmpty {
            out.append(contentsOf: userinfo)
            out.append(UInt8(ascii: "@"))
        }
        if host.allSatisfy({ $0 < 0x80 }) {
            for c in host {
                // Characters that cannot be in a host.
                if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "^") || c == UInt8(ascii: "|") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") { return nil }
                out.append(lower(c))
            }
        } else {
            out.append(contentsOf: Array(String(decoding: host, as: UTF8.self).lowercased().utf8))
        }
        if !port.isEmpty {
            guard port.count <= 5, port.allSatisfy(isDigit), let n = Int(String(decoding: port, as: UTF8.self)), n <= 65535 else { return nil }
            let isDefault = (n == 80 && scheme.count == 4) || (n == 443 && scheme.count == 5)
            if !isDefault {
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: Array(String(n).utf8))
            }
        }
        return out
    }

    /// Query parameters without tracking (and, for crawl keys, session) parameters, in their order, normalized.
    private static func filteredQuery(_ q: [UInt8], dropSessions: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for pair in q.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let keyEnd = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let key = decodedLowerKey(pair[pair.startIndex..<keyEnd])
            if isTracking(key) || (dropSessions && isSession(key)) { continue }
            if !out.isEmpty { out.append(UInt8(ascii: "&")) }
            appendNormalizedPercent(pair, to: &out, allowed: queryAllowed)
        }
        return out
    }

    private static func decodedLowerKey(_ k: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(k.count)
        var i = k.startIndex
        while i < k.endIndex {
            if k[i] == UInt8(ascii: "%"), i + 2 < k.endIndex, let h = hex(k[i + 1]), let l = hex(k[i + 2]) {
                out.append(lower(h << 4 | l))
                i += 3
            } else {
                out.append(lower(k[i]))
                i += 1
            }
        }
        return out
    }

    /// Parameters that only record where a visitor came from (analytics, ad clicks, newsletters).
    private static let trackingKeys: Set<[UInt8]> = Set([
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid", "ref_src",
        "ref_url", "twclid", "ttclid", "li_fat_id", "wickedid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "vero_conv", "__s", "rb_clickid", "s_cid", "ncid", "cmpid", "at_medium", "at_campaign",
        "spm", "scm", "_openstat", "srsltid", "gbraid", "wbraid", "epik", "sc_cid", "ss_source", "ss_campaign_id",
    ].map { Array($0.utf8) })
    private static let trackingPrefixes: [[UInt8]] = ["utm_", "pk_", "mtm_", "hmb_", "itm_"].map { Array($0.utf8) }

    private static func isTracking(_ key: [UInt8]) -> Bool {
        if trackingKeys.contains(key) { return true }
        for p in trackingPrefixes where key.starts(with: p) { return true }
        return false
    }

    /// Session identifiers: the same page under a new key for every visit.
    private static let sessionKeys: Set<[UInt8]> = Set(["sid", "sessionid", "session_id", "phpsessid", "jsessionid", "sessid", "s", "cfid", "cftoken"].map { Array($0.utf8) })

    private static func isSession(_ key: [UInt8]) -> Bool {
        sessionKeys.contains(key) || key.starts(with: Array("aspsessionid".utf8))
    }

    /// Drops `;jsessionid=...` (and friends) path parameters, up to the next "/" or ";".
    private static func removingPathSessionParameters(_ path: [UInt8]) -> [UInt8] {
        guard path.contains(UInt8(ascii: ";")) else { return path }
        var out: [UInt8] = []
        var i = 0
        while i < path.count {
            if path[i] == UInt8(ascii: ";") {
                var j = i + 1
                while j < path.count && path[j] != UInt8(ascii: "=") && path[j] != UInt8(ascii: "/") && path[j] != UInt8(ascii: ";") { j += 1 }
                let key = decodedLowerKey(path[(i + 1)..<j])
                if isSession(key) {
                    while j < path.count && path[j] != UInt8(ascii: "/") && path[j] != UInt8(ascii: ";") { j += 1 }
                    i = j
                    continue
                }
            }
            out.append(path[i])
            i += 1
        }
        return out
    }

    // MARK: - Percent-encoding

    private static let pathAllowed: [Bool] = allowedTable(extra: "/:@!$&'()*+,;=")
    private static let queryAllowed: [Bool] = allowedTable(extra: "/:@!$&'()*+,;=?")

    private static func allowedTable(extra: String) -> [Bool] {
        var t = [Bool](repeating: false, count: 128)
        for c in 0..<128 where isUnreserved(UInt8(c)) { t[c] = true }
        for c in extra.utf8 { t[Int(c)] = true }
        return t
    }

    /// Decodes escaped unreserved characters, uppercases the hex of the others, escapes what may not appear raw
    /// (spaces, non-ASCII, quotes, `<>` ...) and a `%` that starts no escape.
    private static func appendNormalizedPercent<C: Collection>(_ s: C, to out: inout [UInt8], allowed: [Bool]) where C.Element == UInt8, C.Index == Int {
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "%") {
                if i + 2 < s.endIndex, let h = hex(s[i + 1]), let l = hex(s[i + 2]) {
                    let v = h << 4 | l
                    if isUnreserved(v) {
                        out.append(v)
                    } else {
                        out.append(UInt8(ascii: "%"))
                        out.append(hexDigits[Int(h)])
                        out.append(hexDigits[Int(l)])
                    }
                    i += 3
                    continue
                }
                out.append(contentsOf: [UInt8(ascii: "%"), UInt8(ascii: "2"), UInt8(ascii: "5")])
                i += 1
                continue
            }
            if c < 0x80 && allowed[Int(c)] {
                out.append(c)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 0x0F)])
            }
            i += 1
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always) private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x37
        case 0x61...0x66: return c - 0x57
        default: return nil
        }
    }

    @inline(__always) private static func isUnreserved(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
    }

    @inline(__always) private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
}
