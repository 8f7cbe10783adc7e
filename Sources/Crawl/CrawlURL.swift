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
        var text = text
        // Byte offsets, found in place: every delimiter is ASCII, so each offset is a character boundary of `text`.
        guard let at = text.withUTF8({ Self.delimiters($0) }) else { return nil }
        let u = text.utf8
        func index(_ offset: Int) -> String.Index { u.index(u.startIndex, offsetBy: offset) }
        let scheme = at.https ? "https" : "http"
        let authorityEnd = index(at.authority.upperBound)
        var authority = Self.lowercased(text[index(at.authority.lowerBound)..<authorityEnd])
        if at.userInfo, let sign = authority.utf8.lastIndex(of: UInt8(ascii: "@")) {
            authority = String(authority[authority.utf8.index(after: sign)...])
        }
        if !at.https, authority.hasSuffix(":80") { authority.removeLast(3) }
        if at.https, authority.hasSuffix(":443") { authority.removeLast(4) }
        guard !authority.isEmpty else { return nil }
        var end = index(at.end)
        var query: [(name: Substring, value: Substring)] = []
        if let q = at.query.map(index) {
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

    /// Where the parts of an absolute http(s) URL are in its bytes: the authority (user info included), whether
    /// it has user info (an `@`), the query's `?`, and the end (a fragment's `#`); nil for another scheme or
    /// no `//`. The scheme is compared without case on ASCII bytes: no other letter lowercases to these.
    private static func delimiters(_ u: UnsafeBufferPointer<UInt8>)
        -> (https: Bool, authority: Range<Int>, userInfo: Bool, query: Int?, end: Int)? {
        let end = u.firstIndex(of: UInt8(ascii: "#")) ?? u.count
        guard let colon = u[..<end].firstIndex(of: UInt8(ascii: ":")), colon == 4 || colon == 5 else { return nil }
        for (i, letter) in "https".utf8.prefix(colon).enumerated() where u[i] | 0x20 != letter { return nil }
        let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?")
        guard end - colon > 2, u[colon + 1] == slash, u[colon + 2] == slash else { return nil }
        let start = colon + 3
        var authorityEnd = start, userInfo = false
        while authorityEnd < end, u[authorityEnd] != slash, u[authorityEnd] != question {
            if u[authorityEnd] == UInt8(ascii: "@") { userInfo = true }
            authorityEnd += 1
        }
        let query = u[authorityEnd..<end].firstIndex(of: question)
        return (colon == 5, start..<authorityEnd, userInfo, query, end)
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
            if hasPrefix(u, "https://") { i = 8; https = true } else if hasPrefix(u, "http://") { i = 7; https = false } else {
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
            if hasSuffix(authority, https ? ":443" : ":80") { return nil }
            if authorityEnd < u.count, u[lastSegment...].contains(UInt8(ascii: ".")) { return nil }
            let siteStart = hasPrefix(authority, "www.") ? authorityStart + 4 : authorityStart
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

    /// Whether `u` starts with `prefix`'s bytes: compared as two buffers, not by a generic walk of a literal's
    /// `utf8` (`starts(with: "https://".utf8)` took ~270 instructions a link).
    private static func hasPrefix(_ u: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        u.count >= prefix.utf8CodeUnitCount && equal(u, at: 0, prefix)
    }

    /// Whether `u` ends with `suffix`'s bytes (as `hasPrefix`).
    private static func hasSuffix(_ u: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        u.count >= suffix.utf8CodeUnitCount && equal(u, at: u.count - suffix.utf8CodeUnitCount, suffix)
    }

    /// Whether `literal`'s bytes are at `start` in `u` (which holds that many). A plain loop: `elementsEqual` on a
    /// slice was not specialized (~140 instructions a call).
    private static func equal(_ u: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let p = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount where u[start + i] != p[i] { return false }
        return true
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
    public var string: String { scheme + "://" + authority + target }

    /// `path`, then `?` and the query without session parameters when any is left: what `string` ends with.
    private var target: String {
        if query.isEmpty { return path }
        let kept = query.filter { !Self.sessionParameters.contains($0.name.lowercased()) }
        if kept.isEmpty { return path }
        return path + "?" + kept.map { $0.value.isEmpty && !$0.name.isEmpty ? String($0.name) : "\($0.name)=\($0.value)" }
            .joined(separator: "&")
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
        if p.utf8.count > 1, p.utf8.last == UInt8(ascii: "/") {
            // After an ASCII byte the slash is a character of its own (the common case): dropped as a byte, not by
            // finding the last character's start (~2k instructions).
            p = p.utf8.dropLast().last! < 0x80 ? Substring(p.utf8.dropLast()) : p.dropLast()
        }
        let q = query.isEmpty ? "" : queryKey
        // Appended to a String: `Substring + Substring` went through the generic operator, a character at a time.
        let site = siteAuthority
        var key = ""
        key.reserveCapacity(site.utf8.count + p.utf8.count + (q.isEmpty ? 0 : 1 + q.utf8.count))
        key.append(contentsOf: site)
        key.append(contentsOf: p)
        if !q.isEmpty { key.append("?"); key.append(q) }
        return key
    }

    /// The lowercase extension of the last path segment (`jpg` for `/a/b.JPG`), or nil.
    public var pathExtension: String? {
        var path = path
        // An ASCII path (the common case) is read as bytes: what the Character search below amounts to there.
        if path.isAllASCII { return path.withUTF8 { Self.asciiExtension(ofPath: $0) } }
        guard let lastSlash = path.lastIndex(of: "/") else { return nil }
        let segment = path[path.index(after: lastSlash)...]
        guard let dot = segment.lastIndex(of: "."), dot != segment.startIndex else { return nil }
        let ext = segment[segment.index(after: dot)...]
        return ext.isEmpty || ext.count > 8 ? nil : ext.lowercased()
    }

    /// `pathExtension` of an ASCII path's bytes.
    private static func asciiExtension(ofPath u: UnsafeBufferPointer<UInt8>) -> String? {
        guard let lastSlash = u.lastIndex(of: UInt8(ascii: "/")),
              let dot = u[(lastSlash + 1)...].lastIndex(of: UInt8(ascii: ".")), dot != lastSlash + 1 else { return nil }
        let ext = UnsafeBufferPointer(rebasing: u[(dot + 1)...])
        guard !ext.isEmpty, ext.count <= 8 else { return nil }
        return String(unsafeUninitializedCapacity: ext.count) { o in
            for (i, b) in ext.enumerated() { o[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            return ext.count
        }
    }

    /// The path and query as a request target (`/a/b?x=1`), session parameters dropped.
    public var pathAndQuery: String {
        // `target` itself when `string` is cut after ASCII scheme and authority before a `/`: there the characters
        // counted below are bytes (a parsed URL's path starts with `/`). Not made and cut again: ~4.7k instructions.
        if path.utf8.first == UInt8(ascii: "/"), scheme.isAllASCII, authority.isAllASCII {
            return target
        }
        let full = string
        let start = full.index(full.startIndex, offsetBy: scheme.count + 3 + authority.count)
        return String(full[start...])
    }
}
