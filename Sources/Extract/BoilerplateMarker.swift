import Foundation
import HTML

/// Marks boilerplate inside content chosen by a site rule: scripts and hidden parts, share buttons,
/// comments, newsletter boxes, related cards, short page controls and print-only copies, ad labels, lines of tag
/// links, tables of contents, code blocks' line-number columns, and the heading that repeats the title (the drops `FlatTree` makes in heuristic content, for a rule's own content).
enum BoilerplateMarker {
    static let hints = ["share", "sharedaddy", "jp-relatedposts", "comment", "newsletter", "subscribe", "related",
                        "social", "advert", "promo", "sponsor", "author-box", "post-nav", "pagination"]
    /// Words that make a hinted class the content's own.
    static let contentWords = ["content", "article-body", "entry"]
    /// `hints` (bit 0) and `contentWords` (bit 1), searched in one pass.
    static let hintLists = NeedleSet(lists: [hints, contentWords])

    /// Blocks that may be a line of the post's tag and category links (as in `FlatTree`): ul, ol, p, div, header,
    /// h2-h6 (`Tag.heading`; h1 is `heading1`). Kinds, not name sets: the walk reads each element's kind once.
    static let tagLineTags = Tag.Mask([.ul, .ol, .p, .div, .header, .heading])
    /// Blocks that may be a table of contents (`FlatTree.contentsTags`): ul, ol, div, section.
    static let contentsTags = Tag.Mask([.ul, .ol, .div, .section])
    /// Blocks whose whole text may be an ad slot's label (as in `FlatTree`): p, div, section, h2-h6.
    static let adLabelTags = Tag.Mask([.p, .div, .section, .heading])
    /// `FlatTree.maxAdLabel` characters, in UTF-8 bytes at most (the labels include CJK and Cyrillic ones).
    static let maxAdLabelBytes = FlatTree.maxAdLabel * 4

    /// `elements`: the page's element facts (`PageMetadata.elements`), which hold each element's hiding, class and
    /// id already (reading them again was ~1% of a blog post's extraction, FINDINGS 94).
    static func mark(roots: [Node], titles titleTokens: TitleTokens, preExcluded: Set<Node>, elements: ElementFacts.Table) -> Set<Node> {
        var out = Set<Node>()
        var titleDropped = false
        for r in roots {
            r.walk { n in
                guard n.isElement else { return false }
                if n == r { return true }
                let kind = ElementKind.of(n), tag = kind.tag
                if kind.isJunk || elements.isHidden(n) { out.insert(n); return false }
                let cs = elements.joinedClassAndID(n)
                // More than one character: a class or an id (`count` would count them all).
                let named = !cs.dropFirst().isEmpty
                if named, case let found = hintLists.mask(cs), found & 0b1 != 0, found & 0b10 == 0 {
                    out.insert(n); return false
                }
                if named, ClassHints.shortBoilerplate(cs) != nil,
                   n.textByteCount(upTo: ContentFinder.minimumContentLength) < ContentFinder.minimumContentLength {
                    out.insert(n); return false
                }
                if Self.adLabelTags.contains(tag), n.textByteCount(upTo: Self.maxAdLabelBytes + 1) <= Self.maxAdLabelBytes,
                   n.firstDescendant(where: { ElementKind.of($0).tag == .a }) == nil, FlatTree.isAdLabel(text: n.textContent) {
                    out.insert(n); return false
                }
                if Self.tagLineTags.contains(tag), TagFinder.isTagLine(n) { out.insert(n); return false }
                if Self.contentsTags.contains(tag), n.textByteCount(upTo: FlatTree.maxContentsChars * 4 + 1) <= FlatTree.maxContentsChars * 4,
                   FlatTree.isContentsBox(n) {
                    out.insert(n); return false
                }
                if tag == .td, LineNumberGutter.isGutter(n) { out.insert(n); return false }
                if !titleDropped, tag == .heading1 || kind.name == "h2", titleTokens.repeated(by: n, section: kind.name == "h2") {
                    titleDropped = true; out.insert(n); return false
                }
                return true
            }
        }
        return out
    }
}
