import Foundation
import HTML

/// Finds the tags: rule, `article:tag`, JSON-LD `keywords`, `rel=tag` links, then links inside tag-list
/// elements of the content, then tag-page links after a "Tags:" label. Deduplicated case-insensitively, page order.
enum TagFinder {
    /// Class hints of tag lists.
    static let tagListHints = ["tags", "tag-links", "tags-links", "post-tag", "tag-list", "taglist", "entry-tags",
                               "article-tag", "post-tags", "keywords", "labels", "post-labels", "topics"]
    /// Parts of the URL of a tag page: one page per tag (`/tag/x/`), or one page of all tags with an anchor
    /// per tag (`/tags#x`, `/tags.html#x`: mkdocs-blogging-plugin, single-page tag indexes).
    /// Kakao's Brunch and news sites give each keyword a page (`/keyword/%EC%97%AC%ED%96%89`) as others do each tag.
    /// Or a page's query names the tag: WordPress' plain permalinks (`/?tag=winter`), Jekyll TeXt's archive
    /// (`/archive.html?tag=Git`); not any `tag=` (Amazon's affiliate links carry `?tag=shop-21` after a product).
    static let tagURLParts = ["/tag/", "/tags/", "/label/", "/tags#", "/tags.html#", "/keyword/", "/keywords/", "/?tag=",
                              ".html?tag="]
    /// Parts of the URL of a term of any vocabulary (Drupal's core path `/taxonomy/term/4`, tags and categories
    /// alike): a tag where a tag list holds it (`div.field--name-field-tags`).
    static let termURLParts = ["/taxonomy/term/"]
    /// Class hints of places where tag links are not the post's tags.
    static let elsewhereHints = ["cloud", "widget", "sidebar", "site-footer", "related", "similar", "comment", "menu", "nav", "card"]
    /// `elsewhereHints` inside the headline's `<article>`, where a "sidebar" is the post's own meta column and a
    /// "menu" a row of its own links (Jekyll TeXt's `ul.left-col.menu` of tag buttons under the title).
    static let elsewhereHintsInPost = elsewhereHints.filter { $0 != "sidebar" && $0 != "menu" }
    /// Words that label a line of tag links ("Tags: a, b" in Pelican's themes, which mark the line with no class).
    static let labels = ["tags", "tagged", "tagged with", "labels", "keywords", "topics", "schlagwörter", "étiquettes", "etiquetas"]
    /// Microformat class names: they mark what an element is (an hCard byline), not where it sits, so
    /// they are not read as layout hints ("vcard" is no "card").
    static let microformatClasses = ["vcard", "h-card"]

    /// Parts of the URL of a tag or category page: what a line of the post's taxonomy links points to.
    static let taxonomyURLParts = tagURLParts + termURLParts + ["/category/", "/categories/"]
    private static let taxonomyURLNeedles = NeedleSet(taxonomyURLParts)
    /// `tagURLParts` (bit 0) and `termURLParts` (bit 1), searched in one pass over each link's URL.
    private static let tagAndTermURLNeedles = NeedleSet(lists: [tagURLParts, termURLParts])
    /// Longest raw text (UTF-8 bytes, indentation included) of a block read as a line of taxonomy links.
    static let maxTagLineBytes = 1000
    /// Most nodes of a block read as a line of taxonomy links: two a byte of `maxTagLineBytes` (a line of icon-only
    /// links holds more elements than text). Blocks of thousands of unclosed tags (`<ul>` x 22,000, little text)
    /// each walked to the page's end (FINDINGS 73).
    static let maxTagLineNodes = 2 * maxTagLineBytes
    /// Share of such a line's words (normalized bytes) inside its links: "Tags: River" is 0.55.
    static let minTagLineLinkShare = 0.5
    /// Longest link URL (UTF-8 bytes) read as a tag or category page's: real ones are short, and a fuzzed link of
    /// hundreds of KB was lowercased once for each block around it that was asked (FINDINGS 88).
    static let maxTaxonomyURLBytes = 2_048

    /// Whether a block holds nothing but links to tag and category pages, with at most a short label ("River Birds"
    /// pills under a Hugo Ananke post, "Posted in News, Politics"): the post's taxonomy, which the record keeps in
    /// `tags`, not its text. Any other link (a post, another site) makes it content.
    static func isTagLine(_ n: Node) -> Bool {
        // Nodes and text bytes counted in one walk that ends at the first limit passed: a walk of its own counting
        // the nodes first (up to 2,000) was 3% of this function's instructions.
        guard let bytes = n.textByteCount(upTo: maxTagLineBytes, nodes: maxTagLineNodes), bytes <= maxTagLineBytes else {
            return false
        }
        var links = 0
        var linkBytes = 0
        var other = false
        n.walk { d in
            guard d.isElement, !other else { return false }
            // By the name's table place: a `String` made of every element's name was 6% of this walk's instructions.
            guard ElementKind.of(d).tag == .a else { return true }
            if let taxonomy = linksToTaxonomy(d), taxonomy || isHashtag(d) {
                links += 1
                linkBytes += TextNormalizer.normalize(d.textContent).utf8.count
            } else {
                other = true
            }
            return false
        }
        guard links > 0, !other else { return false }
        let total = TextNormalizer.normalize(n.textContent).utf8.count
        return total > 0 && Double(linkBytes) >= minTagLineLinkShare * Double(total)
    }

    /// Whether a link's `href` is a tag or category page's URL by `taxonomyURLNeedles` (lowercased, at most
    /// `maxTaxonomyURLBytes` bytes), `nil` for a link without `href`. An ASCII value is read in place: the string
    /// made and lowered for each link was 28% of `isTagLine`'s instructions.
    static func linksToTaxonomy(_ a: Node) -> Bool? {
        var hasHref = false
        var byBytes: Bool?
        a.attributeBytes(hrefQuery) { _, v in
            hasHref = true
            byBytes = v.withUnsafeBufferPointer(asciiTaxonomyURL)
        }
        guard hasHref else { return nil }
        if let byBytes { return byBytes }
        return a.attribute("href").map(taxonomyURLByCharacters)
    }

    /// `taxonomyURLByCharacters` of an ASCII URL's bytes, `nil` when one of them is not ASCII (whose lowercasing
    /// may give ASCII letters: the Kelvin sign a "k").
    static func asciiTaxonomyURL(_ u: UnsafeBufferPointer<UInt8>) -> Bool? {
        for b in u where b >= 0x80 { return nil }
        guard u.count <= maxTaxonomyURLBytes else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(u.count, 1)) { o in
            for i in 0..<u.count { let b = u[i]; o[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            return taxonomyURLNeedles.mask(UnsafeBufferPointer(rebasing: o[0..<u.count])) != 0
        }
    }

    /// Whether a URL, lowercased, holds one of `taxonomyURLNeedles` and is at most `maxTaxonomyURLBytes` bytes.
    static func taxonomyURLByCharacters(_ href: String) -> Bool {
        href.utf8.count <= maxTaxonomyURLBytes && taxonomyURLNeedles.matches(href.fastLowercased)
    }

    private static let hrefQuery = AttributeQuery(["href"])

    /// `article:tag` values as tags: OpenGraph repeats the property once per tag, but a page with one property
    /// whose value lists them with commas (Docusaurus: `content="performance,cli"`) joined them itself. With
    /// several properties a comma is part of a tag's name ("Law, Politics") and stays.
    static func splitJoined(_ values: [String]) -> [String] {
        guard values.count == 1, let only = values.first, only.contains(",") else { return values }
        return only.components(separatedBy: ",")
    }

    static func find(rule: RuleSelector?, document: HTMLDocument, metadata m: PageMetadata, article: JSONValue.Object?,
                     isExcluded: (Node) -> Bool) -> [String] {
        if let rule, let nodes = try? document.select(rule.selector, from: nil), !nodes.isEmpty {
            return dedupe(nodes.map { $0.textContent })
        }
        let metaTags = dedupe(splitJoined(m.all("article:tag") + m.all("og:article:tag")))
        if !metaTags.isEmpty { return metaTags }
        if let a = article, let k = a["keywords"] {
            var list: [String] = []
            if let s = k.string { list = s.components(separatedBy: ",") }
            else if let arr = k.array { list = arr.compactMap { JSONLD.string($0) } }
            let t = dedupe(list)
            if !t.isEmpty { return t }
        }
        var rel: [String] = []
        var hinted: [String] = []
        // Links whose own class names them tags, when no tag list holds any: a theme's "trending tags" panel
        // marks its links so too (Jekyll's Chirpy), and the post's own list is the better reading.
        var named: [String] = []
        var labelled: [String] = []
        // Tag-page links in the first list of nothing else, when no other tier holds any (AstroPaper's `<ul>` of
        // `/tags/x/` links after the article, no class, rel or label naming it). Only the first such list: later
        // ones are the tag lines of related cards.
        var lined: [String] = []
        var firstLine: Node?
        // The `<article>` of the page's first `<h1>` inside one: a "sidebar" inside it is the post's own meta column
        // (Jekyll So Simple's `div.page-sidebar` of author, date, categories and tags), not the site's sidebar.
        let postArticle = Self.firstArticle(above: m.h1s)
        let headlineWrappers = m.h1Wrappers
        func elsewhere(_ n: Node) -> Bool {
            guard inside(n, hints: elsewhereHints, tags: ["nav", "aside"], wrapping: headlineWrappers) else { return false }
            // A `<nav>` named or classed as the post's tag list (SmallWeb's `nav.article-tags` after the post) is no menu.
            if inLabelledNav(n) || inTagNav(n, wrapping: headlineWrappers) { return false }
            guard let post = postArticle, Exclusion.isAncestor(post, of: n) else { return true }
            return inside(n, hints: elsewhereHintsInPost, tags: ["nav", "aside"], wrapping: headlineWrappers)
        }
        // Each line read once, whatever the number of its links: a tag cloud's links share their parent, grandparent
        // and block, each read again for every link (~40% of `find`'s instructions on the 350-page batch).
        var labelLines: [Node: LineLabel] = [:]
        var tagLines: [Node: Bool] = [:]
        for (n, href) in m.anchors {
            let lowerHref = href.fastLowercased
            // A `rel` without "tag" in it (most links have none) is not split into its words.
            let relValue = (n.attribute("rel") ?? "").fastLowercased
            let rels = ByteSearch.contains(relValue, "tag") ? relValue.split(separator: " ") : []
            if rels.contains("tag") && !rels.contains("category") && !ByteSearch.contains(lowerHref, "/category/") {
                if !isExcluded(n) && !elsewhere(n) && !inCategoryList(n) { rel.append(n.textContent) }
                continue
            }
            if isSequenceLink(rel: relValue) { continue }
            let urlParts = tagAndTermURLNeedles.mask(lowerHref)
            let tagURL = urlParts & 1 != 0
            if (tagURL || isHashtag(n) || urlParts & 2 != 0) && inside(n, hints: tagListHints) && !elsewhere(n)
                && !isExcluded(n) {
                hinted.append(n.textContent)
            } else if (tagURL && namesTag(n) || classedTagLink(n)) && !elsewhere(n)
                        && !isExcluded(n) {
                named.append(n.textContent)
            } else if tagURL && hinted.isEmpty && labelledLine(n, lines: &labelLines) && !elsewhere(n)
                        && !isExcluded(n) {
                labelled.append(n.textContent)
            } else if tagURL && hinted.isEmpty && labelled.isEmpty, let line = tagLine(around: n, lines: &tagLines),
                      firstLine == nil || firstLine == line,
                      !elsewhere(n) && !isExcluded(n) {
                firstLine = line
                lined.append(n.textContent)
            }
        }
        let r = dedupe(rel)
        if !r.isEmpty { return r }
        let h = dedupe(hinted)
        if !h.isEmpty { return h }
        let own = dedupe(named)
        if !own.isEmpty { return own }
        let l = dedupe(labelled)
        if !l.isEmpty { return l }
        return dedupe(lined)
    }

    /// `rel` words of a link to the page before or after this one (a pager, MkDocs' "Previous"/"Next" footer):
    /// it leads to a tag page only where the sequence runs into one (a blog's newest post, then its first tag
    /// page, in MkDocs' page order), and names no tag of the post.
    static let sequenceRels: Set<Substring> = ["next", "prev", "previous"]

    static func isSequenceLink(rel: String) -> Bool {
        guard ByteSearch.contains(rel, "next") || ByteSearch.contains(rel, "prev") else { return false }
        return rel.split(separator: " ").contains { sequenceRels.contains($0) }
    }

    /// The link's nearest block above its list item when that block is a tag line (`isTagLine`) with no word
    /// outside its links: a list or paragraph of nothing but taxonomy links (a card's "20 October 2020 · SQL"
    /// line is not the post's tags).
    static func tagLine(around a: Node) -> Node? {
        var unused: [Node: Bool] = [:]
        return tagLine(around: a, lines: &unused)
    }

    /// `tagLine(around:)`, with the answer for each block kept in `lines`.
    static func tagLine(around a: Node, lines: inout [Node: Bool]) -> Node? {
        var cur = a.parent
        while let c = cur, c.isElement, !c.hasName("body") {
            if !c.hasName("li"), BodyRenderer.blocks.contains(c.name) {
                if let known = lines[c] { return known ? c : nil }
                let isLine = isTagLine(c) && !hasWordOutsideLinks(c)
                lines[c] = isLine
                return isLine ? c : nil
            }
            cur = c.parent
        }
        return nil
    }

    /// Whether some text of `n` outside its links holds a letter or digit.
    static func hasWordOutsideLinks(_ n: Node) -> Bool {
        var found = false
        n.walk { d in
            if found { return false }
            if d.isElement { return !d.hasName("a") }
            if d.isText, d.textContent.contains(where: { $0.isLetter || $0.isNumber }) { found = true }
            return false
        }
        return found
    }

    /// Longest hashtag link text, in characters.
    static let maxHashtag = 50
    /// Most words after the "#": themes print a tag's display name ("#Diät Tipps").
    static let maxHashtagWords = 3
    /// How deep inside the link its leading "#" may be wrapped.
    static let maxHashtagNesting = 2

    /// Whether a link reads as one hashtag ("#cooking"): blogs that link each tag to a search (Bear's
    /// `/blog/?q=cooking`) or a feed rather than a tag page write it so. The first text byte is checked before
    /// any text is built (every link of a page is asked).
    static func isHashtag(_ a: Node) -> Bool {
        // The "#" may sit in an inline prefix element (dev.to: `<a><span class="crayons-tag__prefix">#</span>rust</a>`).
        var lead = a.firstChild
        var depth = 0
        while let e = lead, e.isElement, depth < maxHashtagNesting { lead = e.firstChild; depth += 1 }
        guard let first = lead, first.isText, first.withOwnText({ s in
            var i = 0
            while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D { i += 1 }
            return i < s.count && s[i] == UInt8(ascii: "#")
        }) else { return false }
        let t = TextNormalizer.normalize(a.textContent)
        guard t.count >= 2, t.count <= maxHashtag else { return false }
        let name = t.dropFirst()
        return name.first.map { $0.isLetter || $0.isNumber } == true && name.split(separator: " ").count <= maxHashtagWords
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " }
    }

    /// Endings of a class word naming a list of the post's categories (`entry-categories`, `category`), not a post
    /// filed in one (WordPress' `category-news` on the `<article>`).
    static let categoryListEndings = ["category", "categories"]
    /// How far above a link its category list may start (`<div class="entry-categories"><ul><li><a>`).
    static let categoryListDepth = 3

    /// Whether a `rel=tag` link sits in a list of categories that no tag-list hint names (Movable Type marks its
    /// category links `rel="tag"` inside `div.entry-categories`, next to the real tags in `div.entry-tags`): a
    /// category, which the record does not count among the tags.
    static func inCategoryList(_ a: Node) -> Bool {
        var cur = a.parent, depth = 0
        while let c = cur, c.isElement, depth < categoryListDepth {
            let s = ClassHints.classAndID(c)
            if ClassHints.containsAny(s, tagListHints) { return false }
            if s.split(separator: " ").contains(where: { w in categoryListEndings.contains { w.hasSuffix($0) } }) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Whether the link's own class names it a tag by the word "tag" or "tags" between dashes or underscores, whatever
    /// its URL (Habr links each tag to a search: `<a href="/ru/search/?…q=[postgresql]" class="tm-tags-list__link">`),
    /// and its text is short enough to be one (`maxHashtag` characters, `maxHashtagWords` words).
    static func classedTagLink(_ a: Node) -> Bool {
        // Most classes hold no "tag" at all: their words are not split out (every link of a page is asked).
        guard let c = a.attribute("class"), case let lower = c.fastLowercased, ByteSearch.contains(lower, "tag"),
              lower.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).contains(where: { $0 == "tag" || $0 == "tags" })
        else { return false }
        let t = TextNormalizer.normalize(a.textContent)
        return !t.isEmpty && t.count <= maxHashtag && t.split(separator: " ").count <= maxHashtagWords
    }

    /// Whether the link's own class names it a tag (`<a class="post-tag">`: eleventy-base-blog).
    static func namesTag(_ a: Node) -> Bool {
        guard let c = a.attribute("class"), !c.isEmpty else { return false }
        return ClassHints.containsAny(c.lowercased(), tagListHints)
    }

    /// Whether the link's parent is a `<nav>` or `<aside>` named as a tag list (`<nav class="tags">`, ikiwiki's
    /// post footer) with no layout hint above it: the post's tags, not site navigation.
    /// Whether the link is in a `<nav>` whose accessible name is a tag label (Wix: `<nav aria-label="Tags"><ul>…`):
    /// the post's tag list, not the site's navigation.
    static func inLabelledNav(_ n: Node) -> Bool {
        var cur = n.parent, depth = 0
        while let c = cur, c.isElement, depth < 4 {
            if c.hasName("nav") {
                let label = TextNormalizer.normalize(c.attribute("aria-label") ?? "").lowercased()
                return labels.contains(label)
            }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// `wrapping`: `wrappers(of:)` the page's `<h1>`s.
    static func inTagNav(_ n: Node, wrapping: Set<Node>) -> Bool {
        guard let p = n.parent, p.hasName("nav") || p.hasName("aside") else { return false }
        let s = ClassHints.classAndID(p)
        return ClassHints.containsAny(s, tagListHints) && !inside(n, hints: elsewhereHints, wrapping: wrapping)
    }

    /// The nearest `<article>` above the first of `headings` inside one. Each ancestor is climbed to once: one
    /// already climbed from an earlier heading has none above it (climbing from each of thousands of nested headings
    /// was headings x depth, FINDINGS 73).
    static func firstArticle(above headings: [Node]) -> Node? {
        var climbed = Set<Node>()
        for h in headings {
            var up = h.parent
            while let x = up, x.isElement, climbed.insert(x).inserted {
                if x.hasName("article") { return x }
                up = x.parent
            }
        }
        return nil
    }

    /// The proper ancestors of `nodes`, for `inside(_:wrapping:)`: worked out once per page, as testing each link's
    /// ancestors against every `<h1>`'s was links x headings x depth (minutes on a page of thousands of unclosed
    /// headings, FINDINGS 72).
    static func wrappers(of nodes: [Node]) -> Set<Node> {
        var out = Set<Node>()
        for n in nodes {
            var cur = n.parent
            var depth = 0
            // An ancestor already in the set brought its own ancestors with it.
            while let c = cur, depth < 10_000, out.insert(c).inserted { cur = c.parent; depth += 1 }
        }
        return out
    }

    /// Whether the link's parent (or grandparent) line starts with a tag label ("Tags: ...", "tagged ..."), or its
    /// list item follows an item that is the label (Zola's tabi: `<li>Tags:</li><li><a>linux</a>,</li>…` inside a
    /// line that starts with the date).
    static func labelledLine(_ n: Node) -> Bool {
        var unused: [Node: LineLabel] = [:]
        return labelledLine(n, lines: &unused)
    }

    /// What `labelledLine` reads of a parent or grandparent line: too long to be read, or whether it opens with a label.
    enum LineLabel { case tooLong, labelled, unlabelled }

    /// `labelledLine(_:)`, with what it reads of each line kept in `lines`.
    static func labelledLine(_ n: Node, lines: inout [Node: LineLabel]) -> Bool {
        if let item = n.parent, item.hasName("li") {
            var prev = item.previousSibling
            while let p = prev {
                if p.isElement {
                    guard p.hasName("li") else { break }
                    if p.firstDescendant(where: { $0.hasName("a") }) == nil {
                        let t = TextNormalizer.normalize(p.textContent).lowercased()
                        let bare = t.hasSuffix(":") ? String(t.dropLast()).trimmedWhitespace : t
                        return labels.contains(bare)
                    }
                }
                prev = p.previousSibling
            }
        }
        for line in [n.parent, n.parent?.parent].compactMap({ $0 }) {
            let label = lines[line] ?? {
                let l = lineLabel(line)
                lines[line] = l
                return l
            }()
            switch label {
            case .tooLong: return false
            case .labelled: return true
            case .unlabelled: continue
            }
        }
        return false
    }

    /// Whether a line is too long to be a tag line, else whether its text opens with one of `labels` and ":" or " ".
    static func lineLabel(_ line: Node) -> LineLabel {
        guard line.textByteCount(upTo: 2000) <= 2000 else { return .tooLong }
        let t = TextNormalizer.normalize(line.textContent).fastLowercased
        for l in labels where t.hasPrefix(l) {
            let rest = t.dropFirst(l.count)
            if rest.first == ":" || rest.first == " " { return .labelled }
        }
        return .unlabelled
    }

    /// Whether an ancestor (up to 6 levels) has one of the class/id hints. An ancestor in `wrapping` (`wrappers(of:)`
    /// the page's `<h1>`s: it holds one) is the post's layout wrapper, whatever its name (readthedocs'
    /// `div.wy-nav-content` holds the page), and is passed over. A class or id word holding one of `sparing`
    /// matches no hint (a `navbyline` is a byline, not a menu).
    /// `s.count > 1`, reading two Characters only: `count` found every grapheme break of an ancestor's class and id
    /// (~600 instructions an ancestor; `inside` was ~25% of `linkedAuthors`' instructions on the 350-page batch).
    static func hasTwoCharacters(_ s: String) -> Bool { !s.isEmpty && s.index(after: s.startIndex) < s.endIndex }

    static func inside(_ n: Node, hints: [String], tags: Set<String> = [], wrapping: Set<Node> = [],
                       sparing: [String] = []) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 6 {
            if !wrapping.isEmpty, wrapping.contains(c) { cur = c.parent; depth += 1; continue }
            var s = ClassHints.classAndID(c)
            for mf in microformatClasses where ByteSearch.contains(s, mf) { s = s.replacingOccurrences(of: mf, with: " ") }
            if sparing.contains(where: { ByteSearch.contains(s, $0) }) {
                s = s.split(separator: " ").filter { w in !sparing.contains { w.contains($0) } }.joined(separator: " ")
            }
            if hasTwoCharacters(s) && ClassHints.containsAny(s, hints) { return true }
            if !tags.isEmpty && tags.contains(c.name) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    static func dedupe(_ raws: [String]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for raw in raws {
            var t = TextNormalizer.normalize(raw)
            if t.hasPrefix("#") { t = String(t.dropFirst()).trimmedWhitespace }
            guard !t.isEmpty, t.count <= 100 else { continue }
            if seen.insert(t.lowercased()).inserted { out.append(t) }
        }
        return out
    }
}
