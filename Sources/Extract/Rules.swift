import Foundation
import HTML

/// The parsed and validated `rules.json`.
public struct Rules: Sendable {
    public var version: Int
    /// Related-card summaries that mean "no summary" (compared after normalization, case-insensitively).
    public var placeholderSummaries: [String]
    public var sites: [SiteRule] { didSet { fingerprints = Fingerprints(sites) } }
    /// `sha256:<hex>` of the file bytes, recorded in snapshot manifests.
    public var sha256: String
    private var placeholderKeys: Set<String>
    /// The most Unicode scalars a placeholder key has (-1 without placeholders).
    private var longestPlaceholderKey: Int
    /// What `site(for:document:)` asks of a document, worked out once (it was rebuilt, and every `SiteRule` copied,
    /// for each page).
    private(set) var fingerprints: Fingerprints

    /// No site rules and no placeholders: heuristics only.
    public static let empty = Rules(version: 1, placeholderSummaries: [], sites: [], sha256: "sha256:" + SHA256.hex(""))

    init(version: Int, placeholderSummaries: [String], sites: [SiteRule], sha256: String) {
        self.version = version; self.placeholderSummaries = placeholderSummaries
        self.sites = sites; self.sha256 = sha256
        self.placeholderKeys = Set(placeholderSummaries.map { Rules.placeholderKey($0) })
        self.longestPlaceholderKey = placeholderKeys.map(\.unicodeScalars.count).max() ?? -1
        self.fingerprints = Fingerprints(sites)
    }

    /// Reads and validates a rules file.
    /// - Throws: `RulesError` naming the file, the JSON path and the reason.
    public static func load(path: String) throws(RulesError) -> Rules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulesError(file: path, path: "", reason: "cannot read the file")
        }
        return try parse(Array(data), file: path)
    }

    /// Parses and validates rules from bytes; `file` names the source in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(RulesError) -> Rules {
        var p = RulesParser(file: file)
        return try p.parse(bytes)
    }

    /// Whether a related-card summary is one of the placeholder phrases.
    public func isPlaceholderSummary(_ s: String) -> Bool {
        // Each printable ASCII character of `s` stays one scalar of its normalized text: normalizing keeps it, and NFC
        // composes nothing into the character before it (no canonical decomposition has an ASCII scalar after its
        // first, `noCanonicalDecompositionHasASCIIAfterItsFirst`). So more of them than the longest key answers before
        // the text is normalized and lowercased (most summaries: 0.5% of a blog post's extraction, FINDINGS 99).
        if Self.printableASCIICount(s, upTo: longestPlaceholderKey + 1) > longestPlaceholderKey { return false }
        let t = TextNormalizer.normalize(s)
        // Lowercasing maps each scalar to one or more (never fewer): a longer text cannot become a key, and most
        // summaries are longer than every placeholder (lowercasing one is most of the cost).
        guard t.unicodeScalars.count <= longestPlaceholderKey else { return false }
        return placeholderKeys.contains(t.lowercased())
    }

    /// How many bytes of `s` are printable ASCII (U+0021-U+007E), counted up to `limit`.
    static func printableASCIICount(_ s: String, upTo limit: Int) -> Int {
        // The bytes in place: the UTF-8 view's iterator was ~25 instructions a byte.
        s.withUTF8Bytes { u in
            var n = 0
            for b in u where b &- 0x21 < 0x5E {
                n += 1
                if n >= limit { break }
            }
            return n
        }
    }

    static func placeholderKey(_ s: String) -> String {
        TextNormalizer.normalize(s).lowercased()
    }

    /// The first `<meta name=generator>` (any ASCII case) with a `content`.
    private static let generatorMeta = try! CSSSelector.compile("meta[name='generator' i][content]")

    /// The document side of the site rules: whether any rule has a generator or markup criterion, and per rule the
    /// markup fingerprints `site(for:document:)` evaluates in one walk (those the native matcher takes).
    struct Fingerprints: Sendable {
        let readsDocument: Bool
        let walked: [[Selector]]
        /// `groups[k]`: the walked fingerprints of the first `k` rules, flattened, as one group (the walk's tables
        /// made once per rule set, not per page).
        let groups: [SelectorGroup]

        init(_ sites: [SiteRule]) {
            readsDocument = sites.contains { $0.match.generator != nil || !$0.match.markup.isEmpty }
            let walked = sites.map { $0.match.markup.map(\.selector).filter(\.isNative) }
            self.walked = walked
            groups = (0...walked.count).map { SelectorGroup(walked[..<$0].flatMap { $0 }) }
        }
    }

    /// The site rule for a page: a rule whose `hosts` match the URL wins; otherwise the first rule whose
    /// generator or markup fingerprint matches the document. `nil` when none matches.
    public func site(for url: String, document: HTMLDocument?) -> SiteRule? {
        let host = RulesHost.host(of: url)
        // By index: iterating `sites` copies each rule (a dozen selectors and patterns) only to test a field.
        if let host {
            for i in sites.indices where sites[i].match.hosts.contains(where: { RulesHost.matches(host: host, rule: $0) }) {
                return sites[i]
            }
        }
        guard let document, fingerprints.readsDocument else { return nil }
        // The generator first: its `<meta>` is in the head, so that walk ends early, and a generator that names a rule
        // leaves only the markup of the rules before it to look for (none for WordPress, the first rule).
        let generator = ((try? document.first(Self.generatorMeta)) ?? nil)?.attribute("content") ?? ""
        let claimed = generator.isEmpty ? nil : sites.indices.first { sites[$0].match.generator?.matches(generator) == true }
        let before = 0..<(claimed ?? sites.count)
        // The first rule's fingerprints decide alone once one matches: the walk ends there (WordPress, rule 0, marks
        // the top of the body).
        let found = (try? document.firstMatches(fingerprints.groups[before.upperBound],
                                                endingAtAnyOf: before.isEmpty ? 0 : fingerprints.walked[0].count)) ?? []
        var k = 0 // the position in `found` of the next walked fingerprint
        for i in before {
            for m in sites[i].match.markup {
                if m.selector.isNative {
                    let hit = k < found.count && found[k] != nil
                    k += 1
                    if hit { return sites[i] }
                } else if let found = try? document.select(xpath: DescendantRewrite.rewrite(m.xpath), from: nil), !found.isEmpty {
                    return sites[i]
                }
            }
        }
        return claimed.map { sites[$0] }
    }
}

/// The host of a URL as rules match it, and the `hosts` test (the host itself or a subdomain of it).
enum RulesHost {
    static func host(of url: String) -> String? {
        let u = url.utf8
        if u.allSatisfy({ $0 < 0x80 }) { return asciiHost(u) }
        guard let r = url.range(of: "://") else { return nil }
        var rest = url[r.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") { rest = rest[..<colon] }
        return rest.lowercased()
    }

    /// `host(of:)` of an ASCII URL, by bytes (through Foundation's `range(of:)` and `Character`s it was 0.8% of a blog
    /// post's extraction, FINDINGS 90). The same answer: on ASCII text that search finds the first "://" as bytes do,
    /// every `Character` is one byte but CR LF, which holds none of the bytes looked for, and lowercasing is ASCII's.
    private static func asciiHost(_ u: String.UTF8View) -> String? {
        var i = u.startIndex, start: String.Index?
        while let colon = u[i...].firstIndex(of: 0x3A) {
            let next = u.index(after: colon)
            if u[next...].starts(with: [0x2F, 0x2F]) { start = u.index(next, offsetBy: 2); break }
            i = next
        }
        guard var start else { return nil }
        var end = u[start...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? u.endIndex
        if let at = u[start..<end].lastIndex(of: 0x40) { start = u.index(after: at) }
        if let colon = u[start..<end].lastIndex(of: 0x3A), u[start..<end].first != 0x5B { end = colon }
        return String(decoding: u[start..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func matches(host: String, rule: String) -> Bool {
        let r = rule.lowercased()
        return host == r || host.hasSuffix("." + r)
    }
}
