import Foundation
import HTML

/// Validating reader of the rules JSON; every error carries its JSON path.
struct RulesParser {
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
        for k in obj.keys.sorted() where !Self.topKeys.contains(k) { throw fail(k, "unknown key (expected one of \(Self.topKeys.sorted().joined(separator: ", ")))") }
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
        for k in o.keys.sorted() where !Self.siteKeys.contains(k) { throw fail("\(path).\(k)", "unknown key") }
        guard let name = o["name"] as? String, !name.isEmpty else { throw fail("\(path).name", "required, a non-empty string") }
        guard let m = o["match"] else { throw fail("\(path).match", "required, an object with hosts, generator or markup") }
        let match = try parseMatch(m, "\(path).match")
        var related: RelatedRule?
        if let r = o["related"] {
            guard let ro = r as? [String: Any] else { throw fail("\(path).related", "expected an object") }
            let keys: Set<String> = ["container", "item", "title", "url", "summary", "image"]
            for k in ro.keys.sorted() where !keys.contains(k) { throw fail("\(path).related.\(k)", "unknown key") }
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
            let keys: Set<String> = ["include", "exclude", "post_url", "listing_url", "static_page"]
            for k in co.keys.sorted() where !keys.contains(k) { throw fail("\(path).crawl.\(k)", "unknown key") }
            crawl = CrawlRule(include: try patterns(co["include"], "\(path).crawl.include"),
                              exclude: try patterns(co["exclude"], "\(path).crawl.exclude"),
                              postURL: try patterns(co["post_url"], "\(path).crawl.post_url"),
                              listingURL: try patterns(co["listing_url"], "\(path).crawl.listing_url"),
                              staticPage: try selectors(co["static_page"], "\(path).crawl.static_page"))
        }
        let remove = try selectors(o["remove"], "\(path).remove")
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
        for k in o.keys.sorted() where !keys.contains(k) { throw fail("\(path).\(k)", "unknown key (expected hosts, generator or markup)") }
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

    /// An optional array of selectors (`remove`, `crawl.static_page`); each error names the item's index.
    func selectors(_ any: Any?, _ path: String) throws(RulesError) -> [RuleSelector] {
        guard let any else { return [] }
        guard let arr = any as? [Any] else { throw fail(path, "expected an array of selectors") }
        var out: [RuleSelector] = []
        for (i, s) in arr.enumerated() {
            if let sel = try selector(s, "\(path)[\(i)]") { out.append(sel) }
        }
        return out
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
