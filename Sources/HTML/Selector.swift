/// A compiled selector: an XPath expression, or a CSS selector with its XPath translation. A CSS selector in the
/// common subset (type, `.class`, `#id`, attribute operators, combinators, groups, `:not()`) is matched by a walk
/// over the tree instead of XPath; either way `HTMLDocument.select(_:from:)` returns the same nodes.
public struct Selector: Sendable, Equatable {
    /// The XPath expression this selector evaluates as.
    public var xpath: String { compiled.xpath }
    var matcher: SelectorMatcher? { compiled.matcher }
    /// Both behind one reference: rules hand their selectors to each page's passes, and a copy is one retain.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let xpath: String
        let matcher: SelectorMatcher?

        init(xpath: String, matcher: SelectorMatcher?) {
            self.xpath = xpath
            self.matcher = matcher
        }
    }

    /// An XPath expression, evaluated by libxml2.
    public init(xpath: String) {
        compiled = Compiled(xpath: xpath, matcher: nil)
    }

    /// A CSS selector (see `CSSSelector`).
    /// - Throws: `CSSSelectorError` for a selector that does not parse.
    public init(css: String) throws(CSSSelectorError) {
        self = try CSSSelector.compile(css)
    }

    init(xpath: String, matcher: SelectorMatcher?) {
        compiled = Compiled(xpath: xpath, matcher: matcher)
    }

    /// Whether the tree walk (not XPath) evaluates this selector (with a context node only without `+`/`~`).
    public var isNative: Bool { matcher != nil }

    public static func == (a: Selector, b: Selector) -> Bool { a.xpath == b.xpath }
}
