/// A parsed robots.txt (RFC 9309): which paths a crawler may fetch, its crawl delay and the sitemaps listed.
///
/// Parsing never fails: unknown lines, garbage, a byte-order mark, CR/LF/CRLF line ends and comments
/// are all tolerated; at most `maxParsedBytes` are read, as RFC 9309 §2.5 allows.
public struct RobotsTxt: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        /// The normalized pattern split at its `*` wildcards (without a trailing `$`): "/a*b" -> ["/a", "b"].
        var segments: [[UInt8]]
        /// The pattern ends with `$`: it must match up to the end of the path.
        var anchored: Bool
        /// Specificity: the number of octets of the normalized pattern as written (with `*` and `$`).
        var length: Int

        init(allow: Bool, pattern: [UInt8], anchored: Bool, length: Int) {
            self.allow = allow
            self.segments = pattern.split(separator: 0x2A, omittingEmptySubsequences: false).map(Array.init)
            self.anchored = anchored
            self.length = length
        }
    }

    struct Group: Sendable, Equatable {
        /// Lowercased product tokens of the group's `User-agent` lines (`*` for any crawler).
        var agents: [String]
        var rules: [Rule] = []
        var crawlDelay: Double?
    }

    /// RFC 9309 §2.5: crawlers must parse at least 500 KiB; the rest of a bigger file is ignored.
    public static let maxParsedBytes = 500 * 1024

    var groups: [Group]
    /// The `Sitemap:` URLs, in file order, as written (resolve relative ones against the robots.txt URL).
    public var sitemaps: [String]

    /// Everything allowed: what a 4xx answer for robots.txt means (RFC 9309 §2.3.1.3).
    public static let allowAll = RobotsTxt(groups: [], sitemaps: [])
    /// Everything disallowed: what a 5xx answer or an unreachable server means (RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsTxt(
        groups: [Group(agents: ["*"], rules: [Rule(allow: false, pattern: [0x2F], anchored: false, length: 1)])],
        sitemaps: [])

    init(groups: [Group], sitemaps: [String]) {
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// The rules a robots.txt answer stands for: its body for 2xx, `allowAll` for other 4xx, and
    /// `disallowAll` for 5xx, 429 (a rate limit says the server is struggling) or no answer (`nil`).
    /// Redirects are expected to be followed already (RFC 9309 §2.3.1.2).
    public init(status: Int?, body: [UInt8]) {
        switch status {
        case .some(200..<300): self.init(parsing: String(decoding: body.prefix(Self.maxParsedBytes), as: UTF8.self))
        case .some(429): self = .disallowAll
        case .some(400..<500): self = .allowAll
        default: self = .disallowAll
        }
    }

    /// The number of user-agent groups read; 0 for an empty or garbage file (which allows everything).
    public var groupCount: Int { groups.count }

    /// Parses robots.txt text.
    public init(parsing text: String) {
        var groups: [Group] = []
        var sitemaps: [String] = []
        // A group is open for more User-agent lines until its first rule (RFC 9309 §2.1).
        var current: Group?
        var currentTakesAgents = false
        var bytes = Substring(text).utf8.prefix(Self.maxParsedBytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        for rawLine in bytes.split(omittingEmptySubsequences: true, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            var line = rawLine
            if let hash = line.firstIndex(of: 0x23) { line = line[..<hash] }
            guard let colon = line.firstIndex(of: 0x3A) else { continue }
            let key = Self.trim(line[..<colon]).lowercased()
            let value = Self.trim(line[line.index(after: colon)...])
            switch key {
            case "user-agent", "useragent", "user agent":
                let token = Self.productToken(value)
                if currentTakesAgents, current != nil {
                    current!.agents.append(token)
                } else {
                    if let g = current { groups.append(g) }
                    current = Group(agents: [token])
                    currentTakesAgents = true
                }
            case "allow", "disallow":
                guard current != nil else { continue }   // rules before any User-agent line belong to no group
                currentTakesAgents = false
                // An empty Disallow means "nothing disallowed": no rule at all.
                guard !value.isEmpty else { continue }
                current!.rules.append(Self.rule(allow: key == "allow", pattern: value))
            case "crawl-delay":
                guard current != nil else { continue }
                currentTakesAgents = false
                if let d = Double(value), d.isFinite, d >= 0, current!.crawlDelay == nil { current!.crawlDelay = d }
            case "sitemap", "site-map":
                if !value.isEmpty { sitemaps.append(value) }
            default:
                continue
            }
        }
        if let g = current { groups.append(g) }
        self.init(groups: groups, sitemaps: sitemaps)
    }

    /// Whether `pathAndQuery` (e.g. "/2024/01/post/?ref=x") may be fetched by the crawler whose
    /// User-Agent (or bare product token) is `userAgent`. The groups naming the crawler's product token
    /// (case-insensitive, duplicates merged) apply, else the `*` groups, else everything is allowed.
    /// The longest matching pattern wins, Allow wins a tie; `*` matches any run of octets and a final `$`
    /// anchors at the end; percent-encoding is normalized on both sides. `/robots.txt` is always allowed.
    public func isAllowed(_ pathAndQuery: String, userAgent: String) -> Bool {
        isAllowed(pathAndQuery, productToken: Self.productToken(userAgent))
    }

    /// `isAllowed(_:userAgent:)` for the crawler whose `productToken(userAgent)` is `token`: worked out once by
    /// a crawl, which asks for every page it queues (the token was half of the check's instructions).
    func isAllowed(_ pathAndQuery: String, productToken token: String) -> Bool {
        if groups.isEmpty { return true }
        var path = Self.normalize(Array(pathAndQuery.utf8))
        if path.isEmpty || path[0] != 0x2F { path.insert(0x2F, at: 0) }
        if path == Self.robotsPath { return true }
        let named = groups.contains { $0.agents.contains(token) }
        var best: (length: Int, allow: Bool)?
        for group in groups where group.agents.contains(named ? token : "*") {
            for rule in group.rules where Self.matches(rule, path) {
                if let b = best, b.length > rule.length || (b.length == rule.length && (b.allow || !rule.allow)) {
                    continue
                }
                best = (rule.length, rule.allow)
            }
        }
        return best?.allow ?? true
    }

    /// The `Crawl-delay` (seconds) of the groups that apply to `userAgent` (the largest, if several), or nil.
    /// Not part of RFC 9309, but widely used and honoured here.
    public func crawlDelay(userAgent: String) -> Double? {
        matchingGroups(userAgent).compactMap(\.crawlDelay).max()
    }

    // MARK: - Matching

    private static let robotsPath = Array("/robots.txt".utf8)

    private func matchingGroups(_ userAgent: String) -> [Group] {
        let token = Self.productToken(userAgent)
        let named = groups.filter { $0.agents.contains(token) }
        return named.isEmpty ? groups.filter { $0.agents.contains("*") } : named
    }

    /// `*` matches any run of octets; the pattern is a prefix unless anchored. Segments between stars are
    /// matched leftmost-first, which finds a match whenever one exists; an anchored last segment must end the path.
    static func matches(_ rule: Rule, _ path: [UInt8]) -> Bool {
        let segments = rule.segments
        // Fast path for the common rule without wildcards: a prefix (or, anchored, the whole path).
        if segments.count == 1 {
            return rule.anchored ? path == segments[0] : path.starts(with: segments[0])
        }
        guard path.starts(with: segments[0]) else { return false }
        var pos = segments[0].count
        for i in 1..<segments.count {
            let segment = segments[i]
            if i == segments.count - 1 && rule.anchored {
                return path.count - pos >= segment.count && path[(path.count - segment.count)...].elementsEqual(segment)
            }
            if segment.isEmpty { continue }
            guard let found = find(segment, in: path, from: pos) else { return false }
            pos = found + segment.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard needle.count <= hay.count - start else { return nil }
        let first = needle[0]
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Parsing helpers

    private static func rule(allow: Bool, pattern: String) -> Rule {
        var bytes = normalize(Array(pattern.utf8))
        let length = bytes.count
        let anchored = bytes.last == 0x24
        if anchored { bytes.removeLast() }
        return Rule(allow: allow, pattern: bytes, anchored: anchored, length: length)
    }

    /// RFC 9309 §2.2.2: percent-encode octets outside US-ASCII (and controls, space), decode %XX of
    /// unreserved characters, upper-case the remaining escapes, so equal paths compare equal.
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        // Most paths are plain printable ASCII without escapes: nothing to change.
        if !bytes.contains(where: { $0 == 0x25 || $0 <= 0x20 || $0 >= 0x7F }) { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                let decoded = hi << 4 | lo
                if isUnreserved(decoded) {
                    out.append(decoded)
                } else {
                    out += [0x25, hexDigits[Int(hi)], hexDigits[Int(lo)]]
                }
                i += 3
                continue
            }
            if b >= 0x80 || b <= 0x20 || b == 0x7F {
                out += [0x25, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0x0F)]]
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    private static func isUnreserved(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E
    }

    /// The product token of a User-Agent value, lowercased: "lookback/0.1 (+https://...)" -> "lookback".
    /// RFC 9309 §2.2.1 limits product tokens to letters, "_" and "-"; `*` stands for any crawler.
    static func productToken<S: StringProtocol>(_ value: S) -> String {
        var bytes = value.utf8[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = bytes.dropFirst() }
        if bytes.first == 0x2A { return "*" }
        let token = bytes.prefix { b in
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
        }
        return String(decoding: token.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func trim(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var s = bytes[...]
        while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
        return String(decoding: s, as: UTF8.self)
    }
}
