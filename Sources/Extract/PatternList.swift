import Foundation

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
