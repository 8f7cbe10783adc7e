import Foundation
import HTML

/// Finds the main content of a page by scoring blocks, in the manner of Readability: paragraphs give points
/// (length, commas) to their ancestors, class/id hints and link density weigh the candidates, the best one
/// is widened with related siblings, and boilerplate inside it is dropped. The tree is never modified:
/// the result is a list of root nodes plus a set of excluded subtrees.
struct ContentFinder {
    struct Options {
        var stripUnlikely = true
        var weightClasses = true
        var cleanConditionally = true
    }

    /// The chosen content.
    struct Selection {
        var roots: [Node]
        var excluded: Set<Node>
        /// Text of the first byline-like element seen (and dropped from the content).
        var byline: String?
        var textLength: Int
    }

    let body: Node
    /// Subtrees never part of the content (rule `remove`, related-card sections).
    let preExcluded: Set<Node>
    /// Titles whose duplicate heading is dropped from the content.
    let titles: TitleTokens
    /// The page's element facts (`PageMetadata.elements`).
    let elements: ElementFacts.Table
    /// The page's `<h1>`s, then its `<h2>`s: where the headline (the heading that repeats the title) is.
    let headings: [Node]

    /// Below this many characters of text the search is retried with fewer filters (Readability's 500).
    static let minimumContentLength = 500

    func find() -> Selection {
        var attempts: [Selection] = []
        var opts = Options()
        for step in 0..<4 {
            let sel = attempt(opts, titles)
            if sel.textLength >= Self.minimumContentLength { return sel }
            attempts.append(sel)
            switch step {
            case 0: opts.stripUnlikely = false
            case 1: opts.weightClasses = false
            case 2: opts.cleanConditionally = false
            default: break
            }
        }
        return attempts.max(by: { $0.textLength < $1.textLength }) ?? attempts[0]
    }

    private func attempt(_ opts: Options, _ titles: TitleTokens) -> Selection {
        let flat = FlatTree.build(body: body, preExcluded: preExcluded, titles: titles, elements: elements, options: opts)
        return flat.select(options: opts, headings: headings, titles: titles)
    }
}
