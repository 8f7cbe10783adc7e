/// Selectors whose first matches one walk finds (`HTMLDocument.firstMatches(_:endingAtAnyOf:)`), prepared once:
/// the walked matchers and, for up to 64 of them, which of them an element may match by its name's first byte.
/// A caller that asks every page about the same selectors (a rule set's site fingerprints) keeps a group: made
/// per page, that table was ~0.5% of a blog post's extraction (FINDINGS 94).
public struct SelectorGroup: Sendable {
    /// The selectors, in the order `firstMatches` answers for them.
    public let selectors: [Selector]
    /// The matchers of the walked selectors, in order.
    let walked: [SelectorMatcher]
    /// `SelectorMatcher.matchersByFirstByte(walked)`, for up to 64 walked matchers.
    let byFirstByte: [UInt64]?

    public init(_ selectors: [Selector]) {
        self.selectors = selectors
        walked = selectors.compactMap(\.matcher)
        byFirstByte = walked.count <= 64 ? SelectorMatcher.matchersByFirstByte(walked) : nil
    }
}
