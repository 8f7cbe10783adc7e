import Foundation
import HTML

/// Why `rules.json` was refused: names the file, the JSON path and what was expected,
/// e.g. `rules.json: sites[2].related.item: invalid CSS selector at 5: unexpected ']'`.
public struct RulesError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    /// JSON path of the offending value (`sites[2].related.item`), empty for the whole file.
    public let path: String
    public let reason: String

    public init(file: String, path: String, reason: String) {
        self.file = file; self.path = path; self.reason = reason
    }

    public var description: String {
        path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)"
    }
}

/// A selector from `rules.json`: CSS, or XPath when it starts with `/`, `./`, `(` or `xpath:`.
/// Compiled to XPath (relative to a context node) when the rules are loaded.
public struct RuleSelector: Sendable, Equatable {
    /// The selector as written in the file.
    public let source: String
    /// The XPath it evaluates as.
    public var xpath: String { selector.xpath }
    /// The compiled form (CSS in the common subset runs as a tree walk, not XPath).
    public let selector: Selector

    /// Compiles `source`; `reason` describes the problem when it is invalid.
    static func compile(_ source: String) -> Result<RuleSelector, RulesReason> {
        let s = source.trimmedWhitespace
        if s.isEmpty { return .failure(RulesReason("empty selector")) }
        let selector: Selector
        if s.hasPrefix("xpath:") {
            selector = Selector(xpath: String(s.dropFirst(6)).trimmedWhitespace)
        } else if s.hasPrefix("/") || s.hasPrefix("./") || s.hasPrefix("(") {
            selector = Selector(xpath: s)
        } else {
            do throws(CSSSelectorError) {
                selector = try CSSSelector.compile(s)
            } catch {
                return .failure(RulesReason("invalid CSS selector at \(error.position): \(error.reason)"))
            }
        }
        guard XPathCheck.isValid(selector.xpath) else { return .failure(RulesReason("invalid XPath expression \"\(selector.xpath)\"")) }
        return .success(RuleSelector(source: source, selector: selector))
    }
}

struct RulesReason: Error { let text: String; init(_ t: String) { text = t } }

/// Checks XPath syntax by evaluating against a tiny document (libxml2 compiles before it evaluates).
enum XPathCheck {
    static func isValid(_ xpath: String) -> Bool {
        guard let doc = try? HTMLDocument(bytes: Array("<html><body><p>x</p></body></html>".utf8), url: nil, encoding: "utf-8"),
              let body = doc.root else { return false }
        do { _ = try doc.select(xpath: xpath, from: body); return true } catch { return false }
    }
}

/// Regular expressions from `rules.json` (`crawl.*` and `match.generator`), compiled once.
/// `NSRegularExpression` is immutable and documented thread-safe, hence the unchecked conformance.
public final class PatternList: @unchecked Sendable {
    /// The patterns as written.
    public let sources: [String]
    private let compiled: [NSRegularExpression]

    init(_ sources: [String], compiled: [NSRegularExpression]) {
        self.sources = sources; self.compiled = compiled
    }

    public var isEmpty: Bool { compiled.isEmpty }

    /// Whether any pattern matches somewhere in `s` (unanchored search).
    public func matches(_ s: String) -> Bool {
        let range = NSRange(s.startIndex..<s.endIndex, in: s)
        for r in compiled where r.firstMatch(in: s, options: [], range: range) != nil { return true }
        return false
    }
}

/// How a site rule is recognised. A site matches when any one criterion matches.
public struct SiteMatch: Sendable {
    /// Host names; `example.com` also matches `www.example.com` and other subdomains.
    public var hosts: [String]
    /// Regex searched in `<meta name="generator">`.
    public var generator: PatternList?
    /// Selectors of which at least one must find an element.
    public var markup: [RuleSelector]
}

/// Selectors for the related-post cards of a site.
public struct RelatedRule: Sendable {
    public var container: RuleSelector?
    public var item: RuleSelector?
    public var title: RuleSelector?
    public var url: RuleSelector?
    public var summary: RuleSelector?
    public var image: RuleSelector?
}

/// Crawl hints the crawler reads: regexes searched in the URL path (plus query).
public struct CrawlRule: Sendable {
    public var include: PatternList
    public var exclude: PatternList
    public var postURL: PatternList
    public var listingURL: PatternList
}

/// One entry of `sites`.
public struct SiteRule: Sendable {
    public var name: String
    public var match: SiteMatch
    public var title: RuleSelector?
    public var body: RuleSelector?
    public var remove: [RuleSelector]
    public var published: RuleSelector?
    public var modified: RuleSelector?
    public var authors: RuleSelector?
    public var tags: RuleSelector?
    public var related: RelatedRule?
    public var crawl: CrawlRule?
}

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
    private var fingerprints: Fingerprints

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
        let t = TextNormalizer.normalize(s)
        // Lowercasing maps each scalar to one or more (never fewer): a longer text cannot become a key, and most
        // summaries are longer than every placeholder (lowercasing one is most of the cost).
        guard t.unicodeScalars.count <= longestPlaceholderKey else { return false }
        return placeholderKeys.contains(t.lowercased())
    }

    static func placeholderKey(_ s: String) -> String {
        TextNormalizer.normalize(s).lowercased()
    }

    /// The first `<meta name=generator>` (any ASCII case) with a `content`.
    private static let generatorMeta = try! CSSSelector.compile("meta[name='generator' i][content]")

    /// The document side of the site rules: whether any rule has a generator or markup criterion, and the selectors
    /// `site(for:document:)` evaluates in one walk (the generator `<meta>`, then every walkable markup fingerprint
    /// in rule order).
    struct Fingerprints: Sendable {
        let readsDocument: Bool
        let walked: [Selector]

        init(_ sites: [SiteRule]) {
            readsDocument = sites.contains { $0.match.generator != nil || !$0.match.markup.isEmpty }
            walked = [Rules.generatorMeta] + sites.flatMap { $0.match.markup.map(\.selector).filter(\.isNative) }
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
        let found = (try? document.firstMatches(fingerprints.walked)) ?? []
        let generator = found.first.flatMap { $0 }?.attribute("content") ?? ""
        var k = 1 // the position in `found` of the next walked fingerprint
        for i in sites.indices {
            if let g = sites[i].match.generator, !generator.isEmpty, g.matches(generator) { return sites[i] }
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
        return nil
    }
}

/// libxml2 evaluates a leading `//name[...]` as every node of the page, then each one's children; the equal
/// `/descendant::name[...]` walks the tree once. Equal only without positional predicates, hence the guard.
enum DescendantRewrite {
    static func rewrite(_ xpath: String) -> String {
        guard xpath.hasPrefix("//") else { return xpath }
        let rest = xpath.dropFirst(2)
        guard let first = rest.first, first.isASCII, first.isLetter,
              !rest.contains(where: { $0.isNumber }), !rest.contains("position("), !rest.contains("last("),
              let end = rest.firstIndex(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }),
              rest[end] == "[" else { return xpath }
        return "/descendant::" + rest
    }
}

enum RulesHost {
    static func host(of url: String) -> String? {
        guard let r = url.range(of: "://") else { return nil }
        var rest = url[r.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") { rest = rest[..<colon] }
        return rest.lowercased()
    }

    static func matches(host: String, rule: String) -> Bool {
        let r = rule.lowercased()
        return host == r || host.hasSuffix("." + r)
    }
}

/// Validating reader of the rules JSON; every error carries its JSON path.
private struct RulesParser {
    let file: String

    private static let siteKeys: Set<String> = ["name", "match", "title", "body", "remove", "published", "modified",
                                                "authors", "tags", "related", "crawl", "comment"]
    private static let topKeys: Set<String> = ["version", "placeholder_summaries", "sites", "comment"]

    func fail(_ path: String, _ reason: String) -> RulesError { RulesError(file: file, path: path, reason: reason) }

    mutating func parse(_ bytes: [UInt8]) throws(RulesError) -> Rules {
        let top: Any
        do { top = try JSONSerialization.jsonObject(with: Data(bytes), options: []) } catch {
            throw fail("", "not valid JSON (\(Self.jsonErrorText(error)))")
        }
        guard let obj = top as? [String: Any] else { throw fail("", "expected a JSON object at the top level") }
        for k in obj.keys where !Self.topKeys.contains(k) { throw fail(k, "unknown key (expected one of \(Self.topKeys.sorted().joined(separator: ", ")))") }
        var version = 1
        if let v = obj["version"] {
            guard let n = v as? Int else { throw fail("version", "expected an integer") }
            guard n == 1 else { throw fail("version", "unsupported version \(n) (expected 1)") }
            version = n
        }
        let placeholders = try stringArray(obj["placeholder_summaries"], "placeholder_summaries") ?? []
        var sites: [SiteRule] = []
        if let s = obj["sites"] {
            guard let arr = s as? [Any] else { throw fail("sites", "expected an array") }
            var names = Set<String>()
            for (i, item) in arr.enumerated() {
                let site = try parseSite(item, "sites[\(i)]")
                guard names.insert(site.name).inserted else { throw fail("sites[\(i)].name", "duplicate site name \"\(site.name)\"") }
                sites.append(site)
            }
        }
        return Rules(version: version, placeholderSummaries: placeholders, sites: sites,
                     sha256: "sha256:" + SHA256.hex(bytes))
    }

    static func jsonErrorText(_ error: Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return ns.localizedDescription
    }

    func parseSite(_ any: Any, _ path: String) throws(RulesError) -> SiteRule {
        guard let o = any as? [String: Any] else { throw fail(path, "expected an object") }
        for k in o.keys where !Self.siteKeys.contains(k) { throw fail("\(path).\(k)", "unknown key") }
        guard let name = o["name"] as? String, !name.isEmpty else { throw fail("\(path).name", "required, a non-empty string") }
        guard let m = o["match"] else { throw fail("\(path).match", "required, an object with hosts, generator or markup") }
        let match = try parseMatch(m, "\(path).match")
        var related: RelatedRule?
        if let r = o["related"] {
            guard let ro = r as? [String: Any] else { throw fail("\(path).related", "expected an object") }
            let keys: Set<String> = ["container", "item", "title", "url", "summary", "image"]
            for k in ro.keys where !keys.contains(k) { throw fail("\(path).related.\(k)", "unknown key") }
            related = RelatedRule(container: try selector(ro["container"], "\(path).related.container"),
                                  item: try selector(ro["item"], "\(path).related.item"),
                                  title: try selector(ro["title"], "\(path).related.title"),
                                  url: try selector(ro["url"], "\(path).related.url"),
                                  summary: try selector(ro["summary"], "\(path).related.summary"),
                                  image: try selector(ro["image"], "\(path).related.image"))
            if related?.container == nil && related?.item == nil {
                throw fail("\(path).related", "needs \"container\" or \"item\"")
            }
        }
        var crawl: CrawlRule?
        if let c = o["crawl"] {
            guard let co = c as? [String: Any] else { throw fail("\(path).crawl", "expected an object") }
            let keys: Set<String> = ["include", "exclude", "post_url", "listing_url"]
            for k in co.keys where !keys.contains(k) { throw fail("\(path).crawl.\(k)", "unknown key") }
            crawl = CrawlRule(include: try patterns(co["include"], "\(path).crawl.include"),
                              exclude: try patterns(co["exclude"], "\(path).crawl.exclude"),
                              postURL: try patterns(co["post_url"], "\(path).crawl.post_url"),
                              listingURL: try patterns(co["listing_url"], "\(path).crawl.listing_url"))
        }
        var remove: [RuleSelector] = []
        if let r = o["remove"] {
            guard let arr = r as? [Any] else { throw fail("\(path).remove", "expected an array of selectors") }
            for (i, s) in arr.enumerated() {
                if let sel = try selector(s, "\(path).remove[\(i)]") { remove.append(sel) }
            }
        }
        return SiteRule(name: name, match: match,
                        title: try selector(o["title"], "\(path).title"),
                        body: try selector(o["body"], "\(path).body"),
                        remove: remove,
                        published: try selector(o["published"], "\(path).published"),
                        modified: try selector(o["modified"], "\(path).modified"),
                        authors: try selector(o["authors"], "\(path).authors"),
                        tags: try selector(o["tags"], "\(path).tags"),
                        related: related, crawl: crawl)
    }

    func parseMatch(_ any: Any, _ path: String) throws(RulesError) -> SiteMatch {
        guard let o = any as? [String: Any] else { throw fail(path, "expected an object") }
        let keys: Set<String> = ["hosts", "generator", "markup"]
        for k in o.keys where !keys.contains(k) { throw fail("\(path).\(k)", "unknown key (expected hosts, generator or markup)") }
        let hosts = try stringArray(o["hosts"], "\(path).hosts") ?? []
        for (i, h) in hosts.enumerated() where h.isEmpty || h.contains("/") || h.contains(" ") {
            throw fail("\(path).hosts[\(i)]", "expected a host name like example.com")
        }
        var generator: PatternList?
        if let g = o["generator"] {
            guard let gs = g as? String else { throw fail("\(path).generator", "expected a regular expression string") }
            generator = try patterns([gs], "\(path).generator", single: true)
        }
        var markup: [RuleSelector] = []
        if let mk = o["markup"] {
            guard let arr = mk as? [Any] else { throw fail("\(path).markup", "expected an array of selectors") }
            for (i, s) in arr.enumerated() { if let sel = try selector(s, "\(path).markup[\(i)]") { markup.append(sel) } }
        }
        if hosts.isEmpty && generator == nil && markup.isEmpty {
            throw fail(path, "needs at least one of hosts, generator, markup")
        }
        return SiteMatch(hosts: hosts, generator: generator, markup: markup)
    }

    func selector(_ any: Any?, _ path: String) throws(RulesError) -> RuleSelector? {
        guard let any, !(any is NSNull) else { return nil }
        guard let s = any as? String else { throw fail(path, "expected a selector string (CSS, or XPath starting with / ./ ( or xpath:)") }
        switch RuleSelector.compile(s) {
        case .success(let sel): return sel
        case .failure(let r): throw fail(path, r.text)
        }
    }

    func stringArray(_ any: Any?, _ path: String) throws(RulesError) -> [String]? {
        guard let any else { return nil }
        guard let arr = any as? [Any] else { throw fail(path, "expected an array of strings") }
        var out: [String] = []
        for (i, v) in arr.enumerated() {
            guard let s = v as? String else { throw fail("\(path)[\(i)]", "expected a string") }
            out.append(s)
        }
        return out
    }

    func patterns(_ any: Any?, _ path: String, single: Bool = false) throws(RulesError) -> PatternList {
        let list = try stringArray(any, path) ?? []
        var compiled: [NSRegularExpression] = []
        for (i, p) in list.enumerated() {
            do { compiled.append(try NSRegularExpression(pattern: p, options: [])) } catch {
                throw fail(single ? path : "\(path)[\(i)]", "invalid regular expression \"\(p)\"")
            }
        }
        return PatternList(list, compiled: compiled)
    }
}
