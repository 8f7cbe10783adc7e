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
    public init?(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let scheme = rest[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        rest = rest[rest.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        rest = rest.dropFirst(2)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd].lowercased()
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        if scheme == "http", authority.hasSuffix(":80") { authority.removeLast(3) }
        if scheme == "https", authority.hasSuffix(":443") { authority.removeLast(4) }
        guard !authority.isEmpty else { return nil }
        rest = rest[authorityEnd...]
        var path = rest
        var query: [(Substring, Substring)] = []
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            for pair in rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true) {
                if let eq = pair.firstIndex(of: "=") {
                    query.append((pair[..<eq], pair[pair.index(after: eq)...]))
                } else {
                    query.append((pair, ""))
                }
            }
        }
        self.scheme = scheme
        self.authority = authority
        self.path = path.isEmpty ? "/" : String(path)
        self.query = query
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
        if p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        let q = queryKey
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
