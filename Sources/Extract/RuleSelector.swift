import Foundation
import HTML

/// A selector from `rules.json`: CSS, or XPath when it starts with `/`, `./`, `(` or `xpath:`.
/// Compiled to XPath (relative to a context node) when the rules are loaded.
public struct RuleSelector: Sendable, Equatable {
    /// The selector as written in the file.
    public var source: String { compiled.source }
    /// The XPath it evaluates as.
    public var xpath: String { selector.xpath }
    /// The compiled form (CSS in the common subset runs as a tree walk, not XPath).
    public var selector: Selector { compiled.selector }
    /// Both behind one reference: a site rule's selectors are copied with it for each page, one retain each.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let source: String
        let selector: Selector

        init(source: String, selector: Selector) {
            self.source = source
            self.selector = selector
        }
    }

    init(source: String, selector: Selector) {
        compiled = Compiled(source: source, selector: selector)
    }

    public static func == (a: RuleSelector, b: RuleSelector) -> Bool { a.source == b.source && a.selector == b.selector }

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

/// Checks XPath syntax by evaluating against a tiny document (libxml2 compiles before it evaluates).
enum XPathCheck {
    static func isValid(_ xpath: String) -> Bool {
        guard let doc = try? HTMLDocument(bytes: Array("<html><body><p>x</p></body></html>".utf8), url: nil, encoding: "utf-8"),
              let body = doc.root else { return false }
        do { _ = try doc.select(xpath: xpath, from: body); return true } catch { return false }
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
