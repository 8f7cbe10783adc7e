/// An absolute http(s) URL split the way the crawler needs it: scope (host), path, query.
///
/// Parsing is plain string splitting (no Foundation `URL`): the crawler looks at every link of every
/// page, and links from the extractor are already normalized (lowercase scheme and host, no fragment,
/// no tracking parameters, default port dropped).
public struct CrawlURL: Sendable, Equatable {
    /// `http` or `https`, lowercase.
    public var scheme: String
    /// Lowercase host with the port when one is given (`example.com:8080`).
    public var authority: String
    /// The path, `/` at least, as written (percent-escapes kept).
    public var path: String
    /// `key=value` pairs in order, as written; empty when there is no query.
    public var query: [(name: Substring, value: Substring)]

    /// Query parameters that name a session, not a resource: dropped before queueing.
    static let sessionParameters: Set<String> = ["sessionid", "session_id", "sid", "phpsessid", "jsessionid",
                                                 "aspsessionid", "cfid", "cftoken", "s_id"]

    /// Parses `text`; nil unless it is an absolute http or https URL with a host.
    /// Splits on the UTF-8 bytes of the ASCII delimiters (the crawler parses every link of every page).
    public init?(_ text: String) {
        let u = text.utf8
        var end = u.firstIndex(of: UInt8(ascii: "#")) ?? u.endIndex
        guard let colon = u[..<end].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = Self.lowercased(text[..<colon])
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = u.index(after: colon)
        let slash = UInt8(ascii: "/")
        guard u.distance(from: rest, to: end) >= 2, u[rest] == slash, u[u.index(after: rest)] == slash else { return nil }
        rest = u.index(rest, offsetBy: 2)
        let authorityEnd = u[rest..<end].firstIndex { $0 == slash || $0 == UInt8(ascii: "?") } ?? end
        var authority = Self.lowercased(text[rest..<authorityEnd])
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) { authority = String(authority[authority.utf8.index(after: at)...]) }
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        guard !authority.isEmpty else { return nil }
        var query: [(Substring, Substring)] = []
        if let q = u[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?")) {
            for pair in text[u.index(after: q)..<end].utf8.split(separator: UInt8(ascii: "&")) {
                let whole = Substring(pair)
                if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                    query.append((whole[..<eq], whole[pair.index(after: eq)...]))
                } else {
                    query.append((whole, ""))
                }
            }
            end = q
        }
        self.scheme = scheme
        self.authority = authority
        self.path = authorityEnd == end ? "/" : String(text[authorityEnd..<end])
        self.query = query
    }

    /// For the common link form only, `CrawlURL(text)?.key`, whose first `siteAuthorityLength` UTF-8 bytes
    /// are its `siteAuthority`, without building a `CrawlURL` (the frontier looks up every link of every
    /// page, and most are known): `http://` or `https://`, a lowercase ASCII authority without user info or
    /// default port, no query, no fragment, no dot in the last path segment (so no asset or feed
    /// extension), ASCII only. Nil for anything else.
    public static func plainKey(_ text: String) -> (key: String, siteAuthorityLength: Int)? {
        var text = text
        return text.withUTF8 { u -> (key: String, siteAuthorityLength: Int)? in
            let slash = UInt8(ascii: "/")
            var i: Int
            let https: Bool
            if u.starts(with: "https://".utf8) { i = 8; https = true } else if u.starts(with: "http://".utf8) { i = 7; https = false } else {
                return nil
            }
            let authorityStart = i
            while i < u.count, u[i] != slash {
                let b = u[i]
                if b >= 0x80 || b == UInt8(ascii: "@") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || (b >= 0x41 && b <= 0x5A) {
                    return nil
                }
                i += 1
            }
            let authorityEnd = i
            var lastSegment = i
            while i < u.count {
                let b = u[i]
                // Non-ASCII: `key` folds a trailing slash by Character, which may take a character with it.
                if b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b >= 0x80 { return nil }
                if b == slash { lastSegment = i + 1 }
                i += 1
            }
            guard authorityEnd > authorityStart else { return nil }
            let authority = UnsafeBufferPointer(rebasing: u[authorityStart..<authorityEnd])
            let defaultPort = https ? ":443".utf8 : ":80".utf8
            if authority.count >= defaultPort.count, authority.suffix(defaultPort.count).elementsEqual(defaultPort) { return nil }
            if authorityEnd < u.count, u[lastSegment...].contains(UInt8(ascii: ".")) { return nil }
            let siteStart = authority.starts(with: "www.".utf8) ? authorityStart + 4 : authorityStart
            var pathEnd = u.count
            // One trailing slash folded, as `key` does (a path is "/" at least).
            if pathEnd - authorityEnd > 1, u[pathEnd - 1] == slash { pathEnd -= 1 }
            // ASCII (checked above): copied straight into the key's storage.
            let site = UnsafeBufferPointer(rebasing: u[siteStart..<authorityEnd])
            let path = UnsafeBufferPointer(rebasing: u[authorityEnd..<pathEnd])
            let key = String(unsafeUninitializedCapacity: site.count + max(1, path.count)) { o in
                _ = o.initialize(fromContentsOf: site)
                if path.isEmpty { o[site.count] = slash } else { _ = o[site.count...].initialize(fromContentsOf: path) }
                return site.count + max(1, path.count)
            }
            return (key, authorityEnd - siteStart)
        }
    }

    /// ASCII lowercase without a Unicode case mapping when there is nothing else to map.
    private static func lowercased(_ s: Substring) -> String {
        let u = s.utf8
        guard u.allSatisfy({ $0 < 0x80 }) else { return s.lowercased() }
        guard u.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return String(s) }
        return String(decoding: u.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    public static func == (a: CrawlURL, b: CrawlURL) -> Bool { a.string == b.string }

    /// The host without the port.
    public var host: Substring {
        if authority.hasPrefix("[") { return authority[...] }
        return authority.split(separator: ":", maxSplits: 1).first ?? authority[...]
    }

    /// The authority without a leading `www.`: a site and its `www.` twin are one scope.
    public var siteAuthority: Substring {
        authority.hasPrefix("www.") ? authority.dropFirst(4) : authority[...]
    }

    /// The URL again, with session parameters removed (what the crawler fetches).
    public var string: String {
        var s = scheme + "://" + authority + path
        if query.isEmpty { return s }
        let kept = query.filter { !Self.sessionParameters.contains($0.name.lowercased()) }
        if !kept.isEmpty {
            s += "?" + kept.map { $0.value.isEmpty && !$0.name.isEmpty ? String($0.name) : "\($0.name)=\($0.value)" }
                .joined(separator: "&")
        }
        return s
    }

    /// The query string as written, without session parameters, sorted (for the per-path variety count).
    public var queryKey: String {
        query.filter { !Self.sessionParameters.contains($0.name.lowercased()) }
            .map { "\($0.name)=\($0.value)" }.sorted().joined(separator: "&")
    }

    /// The identity used to fetch each page once: scheme dropped, `www.` folded, one trailing slash ignored,
    /// session parameters dropped and the rest sorted. Two URLs with the same key are the same page.
    public var key: String {
        var p = Substring(path)
        if p.utf8.count > 1, p.utf8.last == UInt8(ascii: "/") { p = p.dropLast() }
        let q = query.isEmpty ? "" : queryKey
        return siteAuthority + p + (q.isEmpty ? "" : "?" + q)
    }

    /// The lowercase extension of the last path segment (`jpg` for `/a/b.JPG`), or nil.
    public var pathExtension: String? {
        guard let lastSlash = path.lastIndex(of: "/") else { return nil }
        let segment = path[path.index(after: lastSlash)...]
        guard let dot = segment.lastIndex(of: "."), dot != segment.startIndex else { return nil }
        let ext = segment[segment.index(after: dot)...]
        return ext.isEmpty || ext.count > 8 ? nil : ext.lowercased()
    }

    /// The path and query as a request target (`/a/b?x=1`), session parameters dropped.
    public var pathAndQuery: String {
        let full = string
        let start = full.index(full.startIndex, offsetBy: scheme.count + 3 + authority.count)
        return String(full[start...])
    }
}
