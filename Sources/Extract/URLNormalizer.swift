import Synchronization

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

    /// `normalize(raw, base:)` against a base parsed once (`Base`): for the many links of one page.
    public static func normalize(_ raw: String, against base: Base?) -> String? {
        build(raw, base: base, dropSessions: false)
    }

    /// Same, additionally dropping session-id parameters (sid, sessionid, phpsessid, jsessionid (also ;jsessionid= path params), sessid, s, aspsessionid*), for crawl keys.
    public static func crawlKey(_ raw: String, base: String? = nil) -> String? {
        build(raw, base: base, dropSessions: true)
    }

    /// A base URL parsed once, to resolve many references against it (`normalize(_:against:)`).
    public struct Base: Sendable {
        fileprivate let parts: Parts
        fileprivate let scheme: WebScheme
        /// `scheme://authority` normalized, which every reference without an authority starts with; nil when the
        /// base's authority is malformed (such references then normalize to nil, as `serialize` says).
        fileprivate let origin: [UInt8]?

        /// Nil unless `base` is an absolute http(s) URL with an authority.
        public init?(_ base: String) {
            let b = URLNormalizer.parse(URLNormalizer.cleaned(Array(base.utf8)))
            guard let scheme = URLNormalizer.webScheme(b), let authority = b.authority else { return nil }
            parts = b
            self.scheme = scheme
            origin = URLNormalizer.origin(b.buf[authority], scheme: scheme)
        }
    }

    // MARK: - Parsing

    /// A reference split into RFC 3986 components, as ranges of one UTF-8 buffer (the fragment already dropped).
    struct Parts {
        var buf: [UInt8]
        var scheme: Range<Int>? = nil
        var authority: Range<Int>? = nil
        var path: Range<Int>
        var query: Range<Int>? = nil

        var pathBytes: ArraySlice<UInt8> { buf[path] }
    }

    /// http or https, from the scheme bytes (any case); `nil` for every other scheme.
    enum WebScheme { case http, https }

    private static func webScheme(_ p: Parts) -> WebScheme? {
        guard let r = p.scheme else { return nil }
        let b = p.buf
        if r.count == 4 && lower(b[r.lowerBound]) == 0x68 && lower(b[r.lowerBound + 1]) == 0x74 && lower(b[r.lowerBound + 2]) == 0x74
            && lower(b[r.lowerBound + 3]) == 0x70 { return .http }
        if r.count == 5 && lower(b[r.lowerBound]) == 0x68 && lower(b[r.lowerBound + 1]) == 0x74 && lower(b[r.lowerBound + 2]) == 0x74
            && lower(b[r.lowerBound + 3]) == 0x70 && lower(b[r.lowerBound + 4]) == 0x73 { return .https }
        return nil
    }

    private static func build(_ raw: String, base: String?, dropSessions: Bool) -> String? {
        build(raw, base: base.flatMap(parsedBase), dropSessions: dropSessions)
    }

    private static func build(_ raw: String, base: Base?, dropSessions: Bool) -> String? {
        // The reference's bytes read in place: most links take `buildPlain`, which copies them only into the result.
        if let plain = raw.withUTF8Bytes({ buildPlain($0, base: base, dropSessions: dropSessions) }) { return plain }
        return buildResolving(Array(raw.utf8), base: base, dropSessions: dropSessions)
    }

    /// The general path of `build`: any reference, cleaned, parsed and resolved (RFC 3986 §5.2) before it is written.
    static func buildResolving(_ raw: [UInt8], base: Base?, dropSessions: Bool) -> String? {
        let ref = parse(cleaned(raw))
        if ref.scheme != nil {
            guard let scheme = webScheme(ref) else { return nil }
            // "http:foo" with a base of the same scheme is relative in browsers (WHATWG special schemes).
            if ref.authority == nil, let base, base.scheme == scheme {
                return serialize(resolve(ref, against: base.parts), scheme: scheme, dropSessions: dropSessions)
            }
            return serialize(ref, scheme: scheme, dropSessions: dropSessions)
        }
        guard let base else { return nil }
        return serialize(resolve(ref, against: base.parts), scheme: base.scheme, dropSessions: dropSessions)
    }

    /// `build` for the two forms nearly every link has, read in place: `/path?query` against a base and
    /// `http(s)://authority/path?query` (lowercase scheme), with nothing to trim, no tab, newline or backslash
    /// (`build` copies such a reference three times: cleaned, parsed, resolved). Gives the same string as the general
    /// path, or nil when the reference is of another form or normalizes to nil (the general path then reads it).
    private static func buildPlain(_ u: UnsafeBufferPointer<UInt8>, base: Base?, dropSessions: Bool) -> String? {
        let count = u.count
        guard count > 0, u[0] > 0x20, u[count - 1] > 0x20, !isNBSP(u, 0), !(count >= 2 && isNBSP(u, count - 2)) else { return nil }
        var end = count   // the fragment's "#", if any
        for i in 0..<count {
            let c = u[i]
            if c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: "\\") { return nil }
            if c == UInt8(ascii: "#") { end = i; break }
        }
        let slash = UInt8(ascii: "/")
        let origin: [UInt8]
        let pathStart: Int
        if u[0] == slash {
            // An absolute path ("//host" names an authority: the general path reads it).
            guard count == 1 || u[1] != slash, let o = base?.origin else { return nil }
            (origin, pathStart) = (o, 0)
        } else {
            let scheme: WebScheme
            if u.starts(with: httpsPrefix) { scheme = .https } else if u.starts(with: httpPrefix) { scheme = .http } else { return nil }
            let authorityStart = scheme == .https ? httpsPrefix.count : httpPrefix.count
            var authorityEnd = authorityStart
            while authorityEnd < end && u[authorityEnd] != slash && u[authorityEnd] != UInt8(ascii: "?") { authorityEnd += 1 }
            let authority = u[authorityStart..<authorityEnd]
            // Most absolute links name the page's own host: its normalized origin is the base's.
            if let base, base.scheme == scheme, let o = base.origin, let a = base.parts.authority,
               base.parts.buf[a].elementsEqual(authority) {
                origin = o
            } else {
                guard let o = Self.origin(ArraySlice(authority), scheme: scheme) else { return nil }
                origin = o
            }
            pathStart = authorityEnd
        }
        var queryStart = pathStart
        while queryStart < end && u[queryStart] != UInt8(ascii: "?") { queryStart += 1 }
        if queryStart == end, let plain = plainPath(u[pathStart..<end], after: origin, dropSessions: dropSessions) { return plain }
        var out = origin
        out.reserveCapacity(origin.count + end - pathStart + 8)
        let bytes = Array(u[pathStart..<end])
        let queryAt = queryStart - pathStart
        appendPathAndQuery(path: bytes[..<queryAt], query: queryAt < bytes.count ? bytes[(queryAt + 1)...] : nil,
                           dropSessions: dropSessions, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `origin` and the path as `appendPathAndQuery` writes a path without a query, for a path it writes as it is:
    /// ASCII the path may hold raw (`pathAllowed`, so no "%"), no segment starting with a dot, and no ";" when
    /// session parameters go. Nil for any other path.
    private static func plainPath(_ path: Slice<UnsafeBufferPointer<UInt8>>, after origin: [UInt8], dropSessions: Bool) -> String? {
        let allowed = pathAllowed
        var atSegmentStart = true
        for c in path {
            guard c < 0x80, allowed[Int(c)], !(atSegmentStart && c == UInt8(ascii: ".")),
                  !(dropSessions && c == UInt8(ascii: ";")) else { return nil }
            atSegmentStart = c == UInt8(ascii: "/")
        }
        // An empty path is written "/"; a nonempty one starts with "/" here (it follows an authority).
        let length = origin.count + max(1, path.count)
        return String(unsafeUninitializedCapacity: length) { o in
            var w = o.initialize(fromContentsOf: origin)
            if path.isEmpty {
                o[w] = UInt8(ascii: "/")
                w += 1
            } else {
                w = o[w...].initialize(fromContentsOf: path)
            }
            return w
        }
    }

    /// Recently parsed bases (a page's links share one base; with `--jobs N` each worker has its own page): parsing
    /// a base once per page, not once per link.
    private static let recentBases = Mutex<[(String, Base)]>([])
    private static let recentBaseLimit = 8

    private static func parsedBase(_ base: String) -> Base? {
        // From the newest: the page being read put its base last.
        if let hit = recentBases.withLock({ $0.last(where: { $0.0 == base }) }) { return hit.1 }
        guard let b = Base(base) else { return nil }
        recentBases.withLock { c in
            if c.count >= recentBaseLimit { c.removeFirst() }
            c.append((base, b))
        }
        return b
    }

    /// UTF-8 without C0 controls and spaces (and NBSP) at both ends, and without tabs and newlines inside (as browsers do).
    private static func cleaned(_ bytes: [UInt8]) -> [UInt8] {
        var u = bytes
        var start = 0, end = u.count
        while start < end {
            if u[start] <= 0x20 { start += 1 } else if isNBSP(u, start) { start += 2 } else { break }
        }
        while end > start {
            if u[end - 1] <= 0x20 { end -= 1 } else if end - 2 >= start && isNBSP(u, end - 2) { end -= 2 } else { break }
        }
        if start > 0 || end < u.count { u = Array(u[start..<end]) }
        if u.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            u.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
        return u
    }

    @inline(__always) private static func isNBSP(_ u: [UInt8], _ i: Int) -> Bool {
        i + 1 < u.count && u[i] == 0xC2 && u[i + 1] == 0xA0
    }

    @inline(__always) private static func isNBSP(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 1 < u.count && u[i] == 0xC2 && u[i + 1] == 0xA0
    }

    /// Splits a reference into scheme, authority, path, query (the fragment is dropped here).
    /// Backslashes before the query count as slashes, as in browsers for http(s).
    static func parse(_ input: [UInt8]) -> Parts {
        var u = input
        let n = u.firstIndex(of: UInt8(ascii: "#")) ?? u.count
        var i = 0
        var scheme: Range<Int>? = nil
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
        if n > 0, isAlpha(u[0]) {
            var j = 1
            while j < n, isAlpha(u[j]) || isDigit(u[j]) || u[j] == UInt8(ascii: "+") || u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: ".") { j += 1 }
            if j < n && u[j] == UInt8(ascii: ":") {
                scheme = 0..<j
                i = j + 1
            }
        }
        var queryStart = i
        while queryStart < n && u[queryStart] != UInt8(ascii: "?") { queryStart += 1 }
        var p = Parts(buf: [], scheme: scheme, path: i..<i)
        let special = scheme == nil || webScheme(Parts(buf: u, scheme: scheme, path: 0..<0)) != nil
        if special {
            for k in i..<queryStart where u[k] == UInt8(ascii: "\\") { u[k] = UInt8(ascii: "/") }
        }
        if i + 1 < queryStart && u[i] == UInt8(ascii: "/") && u[i + 1] == UInt8(ascii: "/") {
            var j = i + 2
            while j < queryStart && u[j] != UInt8(ascii: "/") { j += 1 }
            p.authority = (i + 2)..<j
            i = j
        }
        p.path = i..<queryStart
        if queryStart < n { p.query = (queryStart + 1)..<n }
        p.buf = u
        return p
    }

    /// RFC 3986 §5.2.2; the result's ranges point into a new buffer.
    private static func resolve(_ r: Parts, against b: Parts) -> Parts {
        var buf: [UInt8] = []
        buf.reserveCapacity(b.buf.count + r.buf.count)
        func put(_ s: ArraySlice<UInt8>) -> Range<Int> {
            let start = buf.count
            buf.append(contentsOf: s)
            return start..<buf.count
        }
        var t = Parts(buf: [], path: 0..<0)
        if let a = r.authority {
            t.authority = put(r.buf[a])
            t.path = put(r.pathBytes)
            if let q = r.query { t.query = put(r.buf[q]) }
        } else {
            t.authority = b.authority.map { put(b.buf[$0]) }
            if r.path.isEmpty {
                t.path = put(b.pathBytes)
                if let q = r.query { t.query = put(r.buf[q]) } else if let q = b.query { t.query = put(b.buf[q]) }
            } else {
                if r.buf[r.path.lowerBound] == UInt8(ascii: "/") {
                    t.path = put(r.pathBytes)
                } else {
                    // merge: the base path up to its last "/", then the reference
                    let start = buf.count
                    if b.authority != nil && b.path.isEmpty {
                        buf.append(UInt8(ascii: "/"))
                    } else if let slash = b.pathBytes.lastIndex(of: UInt8(ascii: "/")) {
                        buf.append(contentsOf: b.buf[b.path.lowerBound...slash])
                    }
                    buf.append(contentsOf: r.pathBytes)
                    t.path = start..<buf.count
                }
                if let q = r.query { t.query = put(r.buf[q]) }
            }
        }
        t.buf = buf
        return t
    }

    /// Whether the path has a "." or ".." segment (or an escaped one) that `removeDotSegments` must resolve.
    @inline(__always) private static func hasDotSegment(_ p: ArraySlice<UInt8>) -> Bool {
        var atSegmentStart = true
        for c in p {
            if atSegmentStart && (c == UInt8(ascii: ".") || c == UInt8(ascii: "%")) { return true }
            atSegmentStart = c == UInt8(ascii: "/")
        }
        return false
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

    private static func serialize(_ t: Parts, scheme: WebScheme, dropSessions: Bool) -> String? {
        guard let authority = t.authority, var out = origin(t.buf[authority], scheme: scheme) else { return nil }
        out.reserveCapacity(t.buf.count + 12)
        appendPathAndQuery(path: t.pathBytes, query: t.query.map { t.buf[$0] }, dropSessions: dropSessions, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `scheme://authority`, normalized (`appendAuthority`); nil when the authority is malformed.
    private static func origin(_ authority: ArraySlice<UInt8>, scheme: WebScheme) -> [UInt8]? {
        var out = scheme == .https ? httpsPrefix : httpPrefix
        guard appendAuthority(authority, scheme: scheme, to: &out) else { return nil }
        return out
    }

    /// Appends the path (dot segments resolved, "/" at least) and the query (tracking parameters dropped), both
    /// percent-normalized.
    private static func appendPathAndQuery(path raw: ArraySlice<UInt8>, query: ArraySlice<UInt8>?, dropSessions: Bool,
                                           to out: inout [UInt8]) {
        var path = hasDotSegment(raw) ? removeDotSegments(Array(raw))[...] : raw
        if path.first != UInt8(ascii: "/") { out.append(UInt8(ascii: "/")) }
        if dropSessions, path.contains(UInt8(ascii: ";")) { path = removingPathSessionParameters(Array(path))[...] }
        appendNormalizedPercent(path, to: &out, allowed: pathAllowed)
        if let query {
            let mark = out.count
            out.append(UInt8(ascii: "?"))
            appendFilteredQuery(query, dropSessions: dropSessions, to: &out)
            if out.count == mark + 1 { out.removeLast() }
        }
    }

    private static let httpPrefix: [UInt8] = Array("http://".utf8)
    private static let httpsPrefix: [UInt8] = Array("https://".utf8)

    /// Appends `user@host:port` with the host lowercased and the scheme's default port dropped; false if malformed.
    private static func appendAuthority(_ a: ArraySlice<UInt8>, scheme: WebScheme, to out: inout [UInt8]) -> Bool {
        var hostPart = a
        if let at = a.lastIndex(of: UInt8(ascii: "@")) {
            if at > a.startIndex {
                out.append(contentsOf: a[..<at])
                out.append(UInt8(ascii: "@"))
            }
            hostPart = a[(at + 1)...]
        }
        var host: ArraySlice<UInt8>
        var port: ArraySlice<UInt8> = []
        if hostPart.first == UInt8(ascii: "[") {
            guard let close = hostPart.firstIndex(of: UInt8(ascii: "]")) else { return false }
            host = hostPart[...close]
            let rest = hostPart[(close + 1)...]
            if let f = rest.first {
                guard f == UInt8(ascii: ":") else { return false }
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
        guard !host.isEmpty else { return false }
        var ascii = true
        for c in host {
            if c >= 0x80 { ascii = false; break }
            // Characters that cannot be in a host.
            if c <= 0x20 || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "^")
                || c == UInt8(ascii: "|") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") || c == UInt8(ascii: "/") { return false }
        }
        if ascii {
            for c in host { out.append(lower(c)) }
        } else {
            out.append(contentsOf: String(decoding: host, as: UTF8.self).lowercased().utf8)
        }
        if !port.isEmpty {
            guard port.count <= 5, port.allSatisfy(isDigit) else { return false }
            var n = 0
            for c in port { n = n * 10 + Int(c - 0x30) }
            guard n <= 65535 else { return false }
            let isDefault = (n == 80 && scheme == .http) || (n == 443 && scheme == .https)
            if !isDefault {
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: String(n).utf8)
            }
        }
        return true
    }

    /// Appends the query's parameters minus tracking (and, for crawl keys, session) ones, in order, normalized.
    private static func appendFilteredQuery(_ q: ArraySlice<UInt8>, dropSessions: Bool, to out: inout [UInt8]) {
        let start = out.count
        var i = q.startIndex
        while i < q.endIndex {
            var j = i
            while j < q.endIndex && q[j] != UInt8(ascii: "&") { j += 1 }
            if j > i {
                let pair = q[i..<j]
                let keyEnd = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                let key = pair[pair.startIndex..<keyEnd]
                if !(isTracking(key) || (dropSessions && isSession(key))) {
                    if out.count > start + 1 { out.append(UInt8(ascii: "&")) }
                    appendNormalizedPercent(pair, to: &out, allowed: queryAllowed)
                }
            }
            i = j + 1
        }
    }

    /// The key lowercased and percent-decoded, as a String (short keys stay inline: no allocation).
    private static func keyString(_ k: ArraySlice<UInt8>) -> String? {
        guard k.count <= 40 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(k.count)
        var i = k.startIndex
        while i < k.endIndex {
            if k[i] == UInt8(ascii: "%"), i + 2 < k.endIndex, let h = hex(k[i + 1]), let l = hex(k[i + 2]) {
                bytes.append(lower(h << 4 | l))
                i += 3
            } else {
                bytes.append(lower(k[i]))
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parameters that only record where a visitor came from (analytics, ad clicks, newsletters).
    private static let trackingKeys: Set<String> = [
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid", "ref_src",
        "ref_url", "twclid", "ttclid", "li_fat_id", "wickedid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "vero_conv", "__s", "rb_clickid", "s_cid", "ncid", "cmpid", "at_medium", "at_campaign",
        "spm", "scm", "_openstat", "srsltid", "gbraid", "wbraid", "epik", "sc_cid", "ss_source", "ss_campaign_id",
    ]
    private static let trackingPrefixes: [String] = ["utm_", "pk_", "mtm_", "hmb_", "itm_"]

    private static func isTracking(_ key: ArraySlice<UInt8>) -> Bool {
        guard let k = keyString(key) else { return false }
        if trackingKeys.contains(k) { return true }
        for p in trackingPrefixes where k.hasPrefix(p) { return true }
        return false
    }

    /// Session identifiers: the same page under a new key for every visit.
    private static let sessionKeys: Set<String> = ["sid", "sessionid", "session_id", "phpsessid", "jsessionid", "sessid", "s", "cfid", "cftoken"]

    private static func isSession(_ key: ArraySlice<UInt8>) -> Bool {
        guard let k = keyString(key) else { return false }
        return sessionKeys.contains(k) || k.hasPrefix("aspsessionid")
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
                if isSession(path[(i + 1)..<j]) {
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
