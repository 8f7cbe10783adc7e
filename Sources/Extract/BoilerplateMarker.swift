import Foundation
import HTML

/// Marks boilerplate inside content chosen by a site rule: scripts and hidden parts, share buttons,
/// comments, newsletter boxes, related cards, short page controls and print-only copies, ad labels, lines of tag
/// links, tables of contents, code blocks' line-number columns, and the heading that repeats the title (the drops `FlatTree` makes in heuristic content, for a rule's own content).
enum BoilerplateMarker {
    static let hints = ["share", "sharedaddy", "jp-relatedposts", "comment", "newsletter", "subscribe", "related",
                        "social", "advert", "promo", "sponsor", "author-box", "post-nav", "pagination"]

    /// Blocks that may be a line of the post's tag and category links (as in `FlatTree`).
    static let tagLineTags: Set<String> = ["ul", "ol", "p", "div", "header", "h2", "h3", "h4", "h5", "h6"]
    /// Blocks that may be a table of contents (`FlatTree.contentsTags`).
    static let contentsNames: Set<String> = ["ul", "ol", "div", "section"]
    /// Blocks whose whole text may be an ad slot's label (as in `FlatTree`).
    static let adLabelTags: Set<String> = ["p", "div", "section", "h2", "h3", "h4", "h5", "h6"]
    /// `FlatTree.maxAdLabel` characters, in UTF-8 bytes at most (the labels include CJK and Cyrillic ones).
    static let maxAdLabelBytes = FlatTree.maxAdLabel * 4

    static func mark(roots: [Node], titles titleTokens: TitleTokens, preExcluded: Set<Node>) -> Set<Node> {
        var out = Set<Node>()
        var titleDropped = false
        for r in roots {
            r.walk { n in
                guard n.isElement else { return false }
                if n == r { return true }
                let name = n.name
                if FlatTree.junk.contains(name) || FlatTree.isHidden(n) { out.insert(n); return false }
                let cs = ClassHints.classAndID(n)
                if cs.count > 1 && ClassHints.containsAny(cs, hints) && !ClassHints.containsAny(cs, ["content", "article-body", "entry"]) {
                    out.insert(n); return false
                }
                if cs.count > 1, ClassHints.shortBoilerplate(cs) != nil,
                   n.textByteCount(upTo: ContentFinder.minimumContentLength) < ContentFinder.minimumContentLength {
                    out.insert(n); return false
                }
                if Self.adLabelTags.contains(name), n.textByteCount(upTo: Self.maxAdLabelBytes + 1) <= Self.maxAdLabelBytes,
                   n.firstDescendant(where: { $0.name == "a" }) == nil, FlatTree.isAdLabel(text: n.textContent) {
                    out.insert(n); return false
                }
                if Self.tagLineTags.contains(name), TagFinder.isTagLine(n) { out.insert(n); return false }
                if Self.contentsNames.contains(name), n.textByteCount(upTo: FlatTree.maxContentsChars * 4 + 1) <= FlatTree.maxContentsChars * 4,
                   FlatTree.isContentsBox(n) {
                    out.insert(n); return false
                }
                if name == "td", LineNumberGutter.isGutter(n) { out.insert(n); return false }
                if !titleDropped, name == "h1" || name == "h2", titleTokens.repeated(by: n, section: name == "h2") {
                    titleDropped = true; out.insert(n); return false
                }
                return true
            }
        }
        return out
    }
}
