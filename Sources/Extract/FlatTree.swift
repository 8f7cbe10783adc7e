import Foundation
import HTML

/// The body's elements flattened into arrays (pre-order), with text statistics summed bottom-up.
final class FlatTree {
    var nodes: [Node] = []
    var parent: [Int] = []
    var tag: [Tag] = []
    var cls: [String] = []
    var weight: [Int] = []
    var textLen: [Int] = []
    var linkLen: [Int] = []
    var commas: [Int] = []
    /// Characters of CJK scripts (Han, kana, Hangul, CJK punctuation) in `textLen`.
    var cjkLen: [Int] = []
    var inlineLen: [Int] = []
    var pCount: [Int] = []
    var imgCount: [Int] = []
    var liCount: [Int] = []
    var inputCount: [Int] = []
    var embedCount: [Int] = []
    var headingLen: [Int] = []
    var listLen: [Int] = []
    var hasBlock: [Bool] = []
    var childCount: [Int] = []
    /// One past the last pre-order index of each element's subtree.
    var end: [Int] = []
    var inTableOrCode: [Bool] = []
    /// Whether a `<table>` is a layout wrapper of one row with one cell (`isSingleCell`).
    var singleCell: [Bool] = []
    var inFigure: [Bool] = []
    var excluded: Set<Node> = []
    /// Blocks holding an empty link to another page beside their text (`isOverlayLink`): teaser cards.
    private var overlaid: Set<Int> = []
    /// The boxes of links beside a credit line whose wrapper stays (`holdsProseBesideLinkBoxes`): dropped one by one.
    private var linkBoxes: Set<Int> = []
    var byline: String?
    /// The headline dropped from the content (the heading that repeats the title), if any.
    var headline: Node?

    /// Elements whose whole subtree is never content.
    static let junk: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                                    "link", "meta", "button", "input", "select", "textarea", "canvas", "nav", "aside",
                                    "footer", "form", "dialog", "head", "title", "map", "applet", "frame", "frameset"]
    /// Readability scores paragraphs only above this length.
    static let minParagraphLength = 25
    /// What one CJK character counts for in a selection's text length: a word there takes one to three characters, not
    /// six, so a short Japanese or Korean post (300 characters) would otherwise fall below
    /// `ContentFinder.minimumContentLength` and be searched again without filters, taking the masthead and comments.
    static let cjkCharacterWeight = 2

    static func build(body: Node, preExcluded: Set<Node>, titles: TitleTokens, elements: ElementFacts.Table,
                      options: Options) -> FlatTree {
        let f = FlatTree()
        f.fill(body: body, preExcluded: preExcluded, titles: titles, elements: elements, options: options)
        return f
    }

    typealias Options = ContentFinder.Options

    private func fill(body: Node, preExcluded: Set<Node>, titles: TitleTokens, elements: ElementFacts.Table,
                      options: Options) {
        var stack: [Int] = []
        var titleHeaderRemoved = false
        reserve(elements.count) // the page's elements bound the body's: one allocation per array, not a dozen
        body.walk(enter: { n in
            if !n.isElement {
                if n.isText, let p = stack.last {
                    let (len, c, cjk) = n.withOwnText(FlatTree.measure)
                    textLen[p] += len; commas[p] += c; inlineLen[p] += len; cjkLen[p] += cjk
                }
                return false
            }
            if !preExcluded.isEmpty, preExcluded.contains(n) { excluded.insert(n); return false }
            let facts = elements.facts(n)
            let t = facts.tag
            if facts.flags.contains(.junk) && !(t == .form && !options.cleanConditionally) {
                excluded.insert(n); return false
            }
            let c = facts.cls
            if facts.flags.contains(.hidden) { excluded.insert(n); return false }
            let classHints = elements.hints(n)
            let hints = classHints.found // the hints of "class id"
            let pIdx = stack.last ?? -1
            // A one-cell table is a layout wrapper (old Korean and Japanese blog platforms put the whole post in one):
            // what it holds is filtered as any block is, not kept as a data table's cells are.
            let tableOrCode = pIdx >= 0 && (inTableOrCode[pIdx] || (tag[pIdx] == .table && !singleCell[pIdx])
                                            || tag[pIdx] == .code || tag[pIdx] == .pre)
            if options.stripUnlikely, t != .body, t != .a, !tableOrCode,
               hints.contains(.unlikely), !hints.contains(.maybeCandidate) {
                excluded.insert(n); return false
            }
            if byline == nil, t != .body, facts.flags.contains(.authorAttribute) || hints.contains(.byline) {
                let text = TextNormalizer.normalize(n.textContent)
                // A picture's credit ("Photograph by ...", an "author" in a figure or an ImageObject) is no byline.
                let inPicture = pIdx >= 0 && (inFigure[pIdx] || tag[pIdx] == .figure)
                if !text.isEmpty && text.count < 100 && !inPicture && !AuthorFinder.isCredit(text)
                    && !AuthorFinder.inMediaItem(n) {
                    byline = AuthorFinder.upToLastLink(n) ?? text; excluded.insert(n); return false
                }
            }
            if !titleHeaderRemoved, t == .heading1 || facts.flags.contains(.h2) || Self.isTitleH3(n, tag: t, cls: c),
               !titles.isEmpty {
                if titles.repeated(by: n, section: t != .heading1) {
                    // A print-only copy of the headline goes, but the one readers see is still to be dropped.
                    titleHeaderRemoved = !stack.contains { ClassHints.containsAny(cls[$0], ClassHints.printOnly) }
                    if titleHeaderRemoved { headline = n }
                    excluded.insert(n); return false
                }
            }
            let i = nodes.count
            nodes.append(n); parent.append(pIdx); tag.append(t); cls.append(c)
            // `<body>`'s classes name the page's template (Bear's `post`, WordPress' `single-post`), not a block of it.
            weight.append(options.weightClasses && t != .body ? classHints.weight : 0)
            textLen.append(0); linkLen.append(0); commas.append(0); cjkLen.append(0); inlineLen.append(0)
            pCount.append(t == .p ? 1 : 0); imgCount.append(t == .img ? 1 : 0); liCount.append(t == .li ? 1 : 0)
            inputCount.append(t == .input ? 1 : 0)
            embedCount.append(t == .embed || t == .object || t == .iframe ? 1 : 0)
            headingLen.append(0); listLen.append(0); hasBlock.append(false); childCount.append(0); end.append(0)
            inTableOrCode.append(tableOrCode)
            singleCell.append(t == .table && Self.isSingleCell(n))
            inFigure.append(pIdx >= 0 && (inFigure[pIdx] || tag[pIdx] == .figure))
            if pIdx >= 0 { childCount[pIdx] += 1 }
            stack.append(i)
            return true
        }, leave: { _ in
            guard let i = stack.popLast() else { return }
            end[i] = nodes.count
            let t = tag[i]
            if t == .a {
                linkLen[i] = textLen[i]
                if textLen[i] <= 1, imgCount[i] == 0, embedCount[i] == 0, let p = stack.last, tag[p] != .p,
                   Self.isOverlayLink(nodes[i]) { overlaid.insert(p) }
            } else if !overlaid.isEmpty, overlaid.contains(i), textLen[i] <= Self.maxOverlayCard,
                      Self.textOnlyInElements(nodes[i]) {
                // The card's empty link covers it (CSS stretches it over the card): its text is link text.
                linkLen[i] = textLen[i]
            }
            if t == .heading || t == .heading1 { headingLen[i] = textLen[i] }
            if t == .ul || t == .ol { listLen[i] = textLen[i] }
            if let p = stack.last {
                textLen[p] += textLen[i]; linkLen[p] += linkLen[i]; commas[p] += commas[i]; cjkLen[p] += cjkLen[i]
                if t.isPhrasing { inlineLen[p] += textLen[i] }
                pCount[p] += pCount[i]; imgCount[p] += imgCount[i]; liCount[p] += liCount[i]
                inputCount[p] += inputCount[i]; embedCount[p] += embedCount[i]
                headingLen[p] += headingLen[i]; listLen[p] += listLen[i]
                if hasBlock[i] || t.isBlockForDiv { hasBlock[p] = true }
            }
        })
    }

    private func reserve(_ n: Int) {
        nodes.reserveCapacity(n); parent.reserveCapacity(n); tag.reserveCapacity(n); cls.reserveCapacity(n)
        weight.reserveCapacity(n); textLen.reserveCapacity(n); linkLen.reserveCapacity(n); commas.reserveCapacity(n)
        cjkLen.reserveCapacity(n)
        inlineLen.reserveCapacity(n); pCount.reserveCapacity(n); imgCount.reserveCapacity(n); liCount.reserveCapacity(n)
        inputCount.reserveCapacity(n); embedCount.reserveCapacity(n); headingLen.reserveCapacity(n)
        listLen.reserveCapacity(n); hasBlock.reserveCapacity(n); childCount.reserveCapacity(n); end.reserveCapacity(n)
        inTableOrCode.reserveCapacity(n); inFigure.reserveCapacity(n); singleCell.reserveCapacity(n)
    }

    /// Length of UTF-8 text with whitespace runs counted once, the number of commas (ASCII, Arabic, fullwidth), and the
    /// number of CJK characters (lead bytes E3-ED: U+3000-U+DFFF, CJK punctuation, kana, Han and Hangul syllables).
    static func measure(_ s: Span<UInt8>) -> (Int, Int, Int) {
        s.withUnsafeBufferPointer { u in
            var len = 0, commas = 0, cjk = 0
            var lastSpace = true
            var i = 0
            while i < u.count {
                // Eight bytes of printable ASCII and single spaces at a time (most of a page's text; byte by byte
                // this loop was 15% of `ContentFinder.find`'s instructions): each byte one character, but a space
                // after a space. 0x7F, other blanks, controls and non-ASCII bytes go byte by byte.
                if i + 8 <= u.count {
                    let w = ByteWord.load(u.baseAddress! + i)
                    if let spaces = ByteWord.singleSpaces(w) {
                        len += spaces & 0x80 != 0 && lastSpace ? 7 : 8
                        // Summed by one multiply: x86-64's baseline has no popcnt for `nonzeroBitCount`.
                        commas += TextNormalizer.highBitCount(ByteWord.mask(w, 0x2C))
                        lastSpace = spaces >> 63 != 0
                        i += 8
                        continue
                    }
                }
                let b = u[i]
                i += 1
                // Printable ASCII, most of a page's text, first: one character each.
                if b > 0x20 && b < 0x80 {
                    len += 1; lastSpace = false
                    if b == 0x2C { commas += 1 }
                    continue
                }
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                    if !lastSpace { len += 1; lastSpace = true }
                    continue
                }
                lastSpace = false
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                if b & 0xC0 != 0x80 { len += 1 }
                if b >= 0xE3 && b <= 0xED { cjk += 1 }
                // U+060C is D8 8C and U+FF0C is EF BC 8C (in valid UTF-8, only those scalars end so).
                let at = i - 1
                if b == 0x8C, at >= 1, u[at - 1] == 0xD8 || (u[at - 1] == 0xBC && at >= 2 && u[at - 2] == 0xEF) { commas += 1 }
            }
            return (len, commas, cjk)
        }
    }

    static func measure(_ s: String) -> (Int, Int, Int) {
        s.withUTF8Bytes { measure($0.span) }
    }

    static func isHidden(_ n: Node) -> Bool { Attrs(n).isHidden }

    /// Classes that name a post's own title (hAtom's `entry-title`, themes' `post-title`).
    static let titleClasses = ["entry-title", "post-title"]
    /// Whether an `<h3>` is marked as the post's title: older themes set it there (chronicle's simple theme's
    /// `<h3 class="entry-title">`, Blogger's classic `h3.post-title.entry-title`), inside the content.
    static func isTitleH3(_ n: Node, tag: Tag, cls: String) -> Bool {
        tag == .heading && n.hasName("h3") && ClassHints.containsAny(cls, titleClasses)
    }

    /// Share of a sibling's text in links above which its class, the same as the content's, brings it no bonus.
    static let maxSameClassLinkDensity = 0.5

    /// Longest text (characters) of a block read as a card under an overlay link: a headline and a short summary.
    static let maxOverlayCard = 300

    /// Whether a link is an empty overlay to another page, no text, no child element (`<a class="overlay-link"
    /// href="/story/">&nbsp;</a>`, Bootstrap's `stretched-link`): news themes lay one over a teaser card, whose headline
    /// then sits outside the link and would count as text.
    static func isOverlayLink(_ a: Node) -> Bool {
        guard let href = a.attribute("href"), let first = href.trimmedWhitespace.first, first != "#",
              !href.lowercased().hasPrefix("javascript:") else { return false }
        var c = a.firstChild
        while let x = c {
            if x.isElement { return false }
            if x.isText, !isBlank(x.textContent) { return false }
            c = x.nextSibling
        }
        return true
    }

    /// Whether text is only whitespace and no-break spaces.
    private static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == "\u{A0}" || $0.properties.isWhitespace }
    }

    /// Whether a block's text is all inside its child elements (a card's title and summary), none of it a bare run of
    /// its own: an empty link before a sentence of prose is no overlay.
    static func textOnlyInElements(_ n: Node) -> Bool {
        var c = n.firstChild
        while let x = c {
            if x.isText, !isBlank(x.textContent) { return false }
            c = x.nextSibling
        }
        return true
    }

    // MARK: selection

    func linkDensity(_ i: Int) -> Double {
        textLen[i] == 0 ? 0 : Double(linkLen[i]) / Double(textLen[i])
    }

    /// A div without block-level children reads as a paragraph.
    func isParagraphLike(_ i: Int) -> Bool {
        switch tag[i] {
        case .p: return true
        case .div: return !hasBlock[i]
        default: return false
        }
    }

    /// `headings` and `titles`: `ContentFinder`'s, to find the story the page's headline belongs to (`ownStory`).
    func select(options: Options, headings: [Node] = [], titles: TitleTokens? = nil) -> ContentFinder.Selection {
        guard !nodes.isEmpty else {
            return .init(roots: [], excluded: excluded, byline: byline, textLength: 0)
        }
        var score = [Double](repeating: 0, count: nodes.count)
        var initialized = [Bool](repeating: false, count: nodes.count)

        func initialize(_ i: Int) {
            guard !initialized[i] else { return }
            initialized[i] = true
            var s: Double
            switch tag[i] {
            case .div where !isParagraphLike(i): s = 5
            case .pre, .td, .blockquote: s = 3
            case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: s = -3
            case .heading, .heading1, .th: s = -5
            default: s = 0
            }
            score[i] = s + Double(weight[i])
        }

        func addPoints(from i: Int, points: Double, startLevel: Int) {
            var a = i, level = startLevel
            while a >= 0 && level < 5 {
                initialize(a)
                let divider: Double = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
                score[a] += points / divider
                a = parent[a]; level += 1
            }
        }

        for i in 0..<nodes.count {
            let t = tag[i]
            let scored: Bool
            switch t {
            case .p, .pre, .td, .section, .heading: scored = true
            case .div: scored = !hasBlock[i]
            default: scored = false
            }
            if scored {
                let len = textLen[i]
                guard len >= Self.minParagraphLength, parent[i] >= 0 else { continue }
                let points = 1 + Double(commas[i]) + Double(min(len / 100, 3))
                addPoints(from: parent[i], points: points, startLevel: 0)
            } else if (t == .div || t == .section || t == .article || t == .main) && hasBlock[i] {
                // Inline runs directly inside a block container form implicit paragraphs.
                let len = inlineLen[i]
                if len >= Self.minParagraphLength {
                    let points = 1 + Double(min(len / 100, 3))
                    addPoints(from: i, points: points, startLevel: 0)
                }
            }
        }

        var candidates: [Int] = []
        for i in 0..<nodes.count where initialized[i] {
            score[i] *= (1 - linkDensity(i))
            candidates.append(i)
        }
        candidates.sort { score[$0] > score[$1] || (score[$0] == score[$1] && $0 < $1) }
        let top5 = Array(candidates.prefix(5))

        guard var top = top5.first, tag[top] != .body else {
            return finish(roots: [0], score: score, initialized: initialized, options: options, headings: headings, titles: titles)
        }

        // Several near-equal candidates under one ancestor: the ancestor is the content.
        let topScore0 = score[top]
        let alternatives = top5.dropFirst().filter { score[$0] / max(topScore0, 0.0001) >= 0.75 }
        if alternatives.count >= 3 {
            let altAncestors = alternatives.map { ancestors(of: $0) }
            var p = parent[top]
            while p >= 0 && tag[p] != .body {
                let count = altAncestors.filter { $0.contains(p) }.count
                if count >= 3 { top = p; break }
                p = parent[p]
            }
        }
        initialize(top)

        // Climb while the parent scores better (a split article).
        var p = parent[top]
        var lastScore = score[top]
        let threshold = lastScore / 3
        while p >= 0 && tag[p] != .body {
            if !initialized[p] { p = parent[p]; continue }
            let ps = score[p]
            if ps < threshold { break }
            if ps > lastScore { top = p; break }
            lastScore = ps
            p = parent[p]
        }
        if let whole = documentOfSection(top) { top = whole }
        var ownStoryChosen = false
        if let titles, let own = ownStory(over: top, candidates: candidates, headings: headings, titles: titles) {
            top = own; ownStoryChosen = true
        }
        // An only child stands for its parent.
        let contentScore = score[top]
        p = parent[top]
        while p >= 0 && tag[p] != .body && childCount[p] == 1 {
            top = p; p = parent[top]
        }
        initialize(top)

        // Siblings that look like more of the same content.
        var roots: [Int] = []
        let topScore = score[top]
        let siblingThreshold = max(10, topScore * 0.2)
        let par = parent[top]
        let siblings = par >= 0 ? children(of: par) : [top]
        for s in siblings {
            if s == top { roots.append(s); continue }
            // The other stories beside the headline's are what `ownStory` left out.
            if ownStoryChosen && tag[s] == .article { continue }
            // The site's masthead scores by its class ("blog-title") alone; it is no more of the story.
            if isMasthead(s) { continue }
            var bonus = 0.0
            // A sibling of the same class gets a share of the content's score; a wrapper that stands for its only child
            // carries that child's score (Drupal wraps each part of a story, lead, picture, text, in one-child
            // wrappers whose own scores are too small to let the lead's part join).
            // A sibling mostly of links is no more of the story, whatever its class (a Bootstrap `row` of teaser cards).
            if !cls[s].isEmpty && cls[s] == cls[top] && linkDensity(s) <= Self.maxSameClassLinkDensity {
                bonus = max(topScore, contentScore) * 0.2
            }
            if initialized[s] && score[s] + bonus >= siblingThreshold {
                // One after the story that joins by its class name's weight alone and holds labelled lines only is the
                // page's colophon (Org's `div#postamble`, "post" in its name: "Date: …", "Author: …", "Created: …").
                if s > top, bonus == 0, score[s] - Double(max(weight[s], 0)) < siblingThreshold, isColophon(s) { continue }
                roots.append(s); continue
            }
            // A standfirst set as a subheading between the headline and the text (`<h2 class="subtitle">`), all three
            // in one container: a sentence, not a section's title (nor a blog's tagline, which sits in the site header).
            if s < top, tag[s] == .heading, let h = headline, h.parent == nodes[par], linkLen[s] == 0,
               textLen[s] >= Self.minStandfirstHeading, endsSentence(nodes[s]) {
                roots.append(s); continue
            }
            if isParagraphLike(s) {
                let ld = linkDensity(s), len = textLen[s]
                if len > 80 && ld < 0.25 { roots.append(s) }
                else if len < 80 && len > 0 && ld == 0 && endsSentence(nodes[s]) { roots.append(s) }
            }
        }
        return finish(roots: roots, score: score, initialized: initialized, options: options, headings: headings, titles: titles)
    }

    /// Most link density of a document whose sections' text is the top candidate (Readability's cut for a
    /// paragraph that joins the content).
    static let maxSectionDocumentLinkDensity = 0.25

    /// A document in sections (Org's export: `div.outline-2 > h2 + div.outline-text-2`; AsciiDoc's `div.sect1 > h2 +
    /// div.sectionbody`): when the top candidate is the text of one section, right after the section's heading in a
    /// wrapper that opens with that heading, and the wrapper's parent holds the document's lead paragraphs, more
    /// sections of the wrapper's class, or a lead block whose first child is of the top candidate's class beside it
    /// (AsciiDoc's `div#preamble > div.sectionbody`), that parent (not the body, mostly text) is the content: the
    /// section's own text outscores the lead by the class weight its name earns ("text", "body"). The same when the
    /// top candidate is such a lead block's first child and a section after its wrapper opens with a heading and a
    /// block of the top candidate's class (the lead outscores the sections).
    private func documentOfSection(_ top: Int) -> Int? {
        let w = parent[top]
        guard w >= 0, tag[w] != .body, case let g = parent[w], g >= 0, tag[g] != .body else { return nil }
        let kids = children(of: w)
        if kids.count >= 2, kids[1] == top, tag[kids[0]] == .heading {
            guard linkDensity(g) <= Self.maxSectionDocumentLinkDensity else { return nil }
            for c in children(of: g) where c != w {
                if tag[c] == .p, textLen[c] >= Self.minParagraphLength, linkDensity(c) < Self.maxSectionDocumentLinkDensity { return g }
                if !cls[c].isEmpty, cls[c] == cls[w] { return g }
                if c < w, !cls[top].isEmpty, c + 1 < end[c], cls[c + 1] == cls[top] { return g }
            }
        } else if kids.first == top, !cls[top].isEmpty, linkDensity(g) <= Self.maxSectionDocumentLinkDensity {
            for c in children(of: g) where c > w {
                let sectionKids = children(of: c)
                if sectionKids.count >= 2, tag[sectionKids[0]] == .heading, cls[sectionKids[1]] == cls[top] { return g }
            }
        }
        return nil
    }

    /// Two stories on one page (a news site sets the next stories after this one, each in its `<article>`): when the
    /// top candidate lies in an `<article>` and the page's headline (the first `<h1>`/`<h2>` that repeats the title) in
    /// another one beside it, the best candidate of the headline's `<article>`, if it holds a story's worth of text
    /// (`ContentFinder.minimumContentLength`). The headline is found in the document: the scorer may have stripped its
    /// header as unlikely.
    private func ownStory(over top: Int, candidates: [Int], headings: [Node], titles: TitleTokens) -> Int? {
        var a = top
        while a >= 0, tag[a] != .article { a = parent[a] }
        guard a >= 0, !titles.isEmpty,
              let headline = headings.first(where: { titles.repeated(by: $0, section: !$0.hasName("h1")) }) else { return nil }
        var up = headline.parent
        while let x = up, x.isElement, !x.hasName("article") { up = x.parent }
        guard let ownNode = up, ownNode.isElement, ownNode != nodes[a], let own = nodes.firstIndex(of: ownNode),
              !(own < a && a < end[own]), !(a < own && own < end[a]) else { return nil }
        guard let best = candidates.first(where: { $0 >= own && $0 < end[own] }),
              textLen[best] >= ContentFinder.minimumContentLength else { return nil }
        return best
    }

    /// Whether a block is the site's masthead: no paragraph, and a heading that is all one link to the site's front page
    /// (Hatena Blog's `<header id="blog-title"><h1><a href="https://x.hatenablog.com/">Name</a></h1><h2>tagline</h2>`).
    private func isMasthead(_ s: Int) -> Bool {
        guard pCount[s] == 0 else { return false }
        for i in s..<end[s] where (tag[i] == .heading1 || tag[i] == .heading) && textLen[i] > 0 && linkLen[i] == textLen[i] {
            for j in i..<end[i] where tag[j] == .a {
                if let href = nodes[j].attribute("href"), Self.isFrontPage(href) { return true }
            }
        }
        return false
    }

    /// Whether an href names a site's front page: "/", "./", or an absolute URL with no path.
    static func isFrontPage(_ href: String) -> Bool {
        let h = href.trimmedWhitespace
        if h == "/" || h == "./" { return true }
        for scheme in ["https://", "http://", "//"] where h.hasPrefix(scheme) {
            let rest = h.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(of: "/") else { return !rest.isEmpty && !rest.contains("?") && !rest.contains("#") }
            return rest.index(after: slash) == rest.endIndex && slash != rest.startIndex
        }
        return false
    }

    /// Longest line of a colophon, and the latest its label's colon may come.
    static let maxColophonLine = 80, maxColophonLabel = 24

    /// Whether a block is lines of "Label: value" only (Org's postamble "Date: 2021-01-09 Sat 08:00", "Author: …",
    /// "Created: …"): each paragraph short, no sentence, a colon early; no list, table, quote or code.
    private func isColophon(_ s: Int) -> Bool {
        var lines = 0
        for i in s..<end[s] {
            switch tag[i] {
            case .li, .td, .th, .pre, .blockquote: return false
            default: break
            }
            guard isParagraphLike(i), textLen[i] > 0 else { continue }
            if textLen[i] > Self.maxColophonLine || endsSentence(nodes[i]) { return false }
            let text = TextNormalizer.normalize(nodes[i].textContent)
            guard let colon = text.firstIndex(of: ":"),
                  (1...Self.maxColophonLabel).contains(text.distance(from: text.startIndex, to: colon)) else { return false }
            lines += 1
        }
        return lines > 0
    }

    private func endsSentence(_ n: Node) -> Bool {
        let t = n.textContent
        return ByteSearch.contains(t, ". ") || t.hasSuffix(".")
    }

    private func ancestors(of i: Int) -> Set<Int> {
        var out = Set<Int>(); var a = parent[i]
        while a >= 0 { out.insert(a); a = parent[a] }
        return out
    }

    private func children(of p: Int) -> [Int] {
        var out: [Int] = []
        var i = p + 1
        while i < end[p] { out.append(i); i = end[i] }
        return out
    }

    /// Drops boilerplate inside the chosen roots (Readability's prepArticle) and measures the result.
    /// Levels above the headline searched for the `<header>` that holds it.
    static let headlineHeaderLevels = 4

    /// Class words of a post's cover picture.
    static let coverHints = ["cover", "featured-image", "feature-image", "hero-image"]

    /// The pictures of the `<header>` around the headline (or, with none, beside it; or before that header inside the
    /// post's `<article>`) that are classed as its cover, with no caption (dev.to's
    /// `<div class="crayons-article__cover"><img class="crayons-article__cover__image">` above the title): shown with
    /// the title, not part of the text; other themes put it outside the content altogether. A news story's lead
    /// picture with its caption stays.
    private func coverPictures(headline: Node?) -> [Int] {
        guard let h = headline else { return [] }
        func isCover(_ k: Int) -> Bool {
            ClassHints.containsAny(cls[k], Self.coverHints) && (imgCount[k] > 0 || tag[k] == .img) && textLen[k] == 0
        }
        var up = h.parent, level = 0
        while let x = up, x.isElement, level < Self.headlineHeaderLevels, !x.hasName("header") { up = x.parent; level += 1 }
        guard let header = up, header.isElement, header.hasName("header") else {
            // No header: a cover beside the headline, a child of its parent (Hugo Terminal's `<img class="post-cover">`).
            guard let p = h.parent, let i = nodes.firstIndex(of: p) else { return [] }
            return children(of: i).filter(isCover)
        }
        var out: [Int] = []
        if let i = nodes.firstIndex(of: header) {
            var k = i + 1
            while k < end[i] {
                if isCover(k) { out.append(k); k = end[k]; continue }
                k += 1
            }
        }
        // None in the header: one just before it, or before a wrapper of it, inside the post's `<article>`
        // (ColorMag's `<div class="cm-featured-image">` beside `div.cm-post-content > header > h1`).
        var x: Node? = header
        var climbed = 0
        while out.isEmpty, let a = x, a.isElement, climbed < Self.headlineHeaderLevels, !a.hasName("article"), !a.hasName("body") {
            var s = a.previousSibling
            while let y = s {
                if y.isElement, let j = nodes.firstIndex(of: y), isCover(j) { out.append(j) }
                s = y.previousSibling
            }
            x = a.parent; climbed += 1
        }
        return out
    }

    private func finish(roots: [Int], score: [Double], initialized: [Bool], options: Options, headings: [Node],
                        titles: TitleTokens?) -> ContentFinder.Selection {
        var ex = excluded
        // The headline the walk dropped, else the page's `<h1>` repeating the title (one dropped with its unlikely
        // wrapper: ColorMag's `<header class="cm-entry-header">`).
        let h = headline ?? titles.flatMap { t in headings.first { $0.hasName("h1") && t.repeated(by: $0, section: false) } }
        for c in coverPictures(headline: h) where !ex.contains(nodes[c]) { ex.insert(nodes[c]) }
        var total = 0
        let rootSet = Set(roots)
        // Whether a paragraph of prose was passed: a date heading before one is the post's date line.
        var proseSeen = false
        for r in roots {
            var removedLen = 0, removedCJK = 0
            var i = r + 1
            let end = subtreeEnd(r)
            while i < end {
                if !proseSeen, tag[i] == .heading, isDateHeading(i) {
                    ex.insert(nodes[i]); removedLen += textLen[i]; removedCJK += cjkLen[i]
                    i = subtreeEnd(i); continue
                }
                if tag[i] == .p, textLen[i] >= Self.proseParagraphChars { proseSeen = true }
                if let reason = dropInside(i, rootSet: rootSet, score: initialized[i] ? score[i] : 0, options: options) {
                    _ = reason
                    ex.insert(nodes[i]); removedLen += textLen[i]; removedCJK += cjkLen[i]
                    i = subtreeEnd(i); continue
                }
                i += 1
            }
            total += max(0, textLen[r] - removedLen + (cjkLen[r] - removedCJK) * (Self.cjkCharacterWeight - 1))
        }
        return .init(roots: roots.map { nodes[$0] }, excluded: ex, byline: byline, textLength: total)
    }

    private func subtreeEnd(_ i: Int) -> Int { end[i] }

    /// A paragraph at least this long (characters) is prose: date headings after it head a diary's or changelog's entries.
    static let proseParagraphChars = 80
    /// Longest heading (characters) read as a date line.
    static let maxDateHeadingChars = 48
    /// A reference far ahead: only absolute dates count in a heading (relative ones resolve against it and are refused).
    static let dateHeadingReference = Date(timeIntervalSince1970: 4_102_444_800)

    /// Whether a subheading (h2-h6) is the post's date line: short and an absolute date to the day (Hugo Blist's
    /// `<h5>Mar 24, 2024 • 2 min read</h5>` under the title).
    private func isDateHeading(_ i: Int) -> Bool {
        guard textLen[i] > 0, textLen[i] <= Self.maxDateHeadingChars, linkLen[i] == 0 else { return false }
        let text = TextNormalizer.normalize(nodes[i].textContent)
        guard let p = DateParser.parseText(text, reference: Self.dateHeadingReference) else { return false }
        return !p.isRelative && p.precision == "day"
    }

    /// Why an element inside the content is boilerplate, or `nil` to keep it.
    /// Blocks that may be a table of contents.
    static let contentsTags = Tag.Mask([.ul, .ol, .div, .section])
    /// Longest table of contents (characters), fewest links, and the share of its text inside them (a label
    /// such as "Contents" or "目次" beside).
    static let maxContentsChars = 2000
    static let minContentsLinks = 2
    static let minContentsLinkShare = 0.6

    /// Whether a block is a table of contents: links that all point within the page (`#section`), most of its
    /// text, and no other link (Cocoon's `div.toc` of "目次" and `#toc1`... links inside the post). The record
    /// keeps no ids, so it leads nowhere; the headings it lists are in the text.
    private func isContentsBox(_ i: Int) -> Bool {
        guard Self.contentsTags.contains(tag[i]), linkLen[i] > 0, textLen[i] <= Self.maxContentsChars,
              Double(linkLen[i]) >= Self.minContentsLinkShare * Double(textLen[i]) else { return false }
        return Self.isContentsBox(nodes[i])
    }

    /// `isContentsBox` on a node (content chosen by a site rule): its text and links measured here.
    static func isContentsBox(_ n: Node) -> Bool {
        var inPage: [Node] = []
        var other = false
        n.walk(steps: { d in
            guard d.isElement else { return .skip }
            guard ElementKind.of(d).tag == .a else { return .descend }
            var toFragment = false
            d.attributeBytes(hrefQuery) { _, v in toFragment = v.count > 1 && v[0] == UInt8(ascii: "#") }
            guard toFragment else { other = true; return .stop }
            inPage.append(d)
            return .skip
        })
        guard !other, inPage.count >= minContentsLinks else { return false }
        // Texts measured only once every link is known to stay within the page: most link boxes are menus.
        let linkBytes = inPage.reduce(0) { $0 + TextNormalizer.normalize($1.textContent).utf8.count }
        let total = TextNormalizer.normalize(n.textContent).utf8.count
        return total <= maxContentsChars * 4 && Double(linkBytes) >= minContentsLinkShare * Double(total)
    }

    private func dropInside(_ i: Int, rootSet: Set<Int>, score: Double, options: Options) -> String? {
        if !linkBoxes.isEmpty, linkBoxes.contains(i) { return "links" }
        let t = tag[i]
        if t == .heading1 || t == .heading, weight[i] < 0 { return "header" }
        if textLen[i] < ContentFinder.minimumContentLength, !cls[i].isEmpty || nodes[i].attribute("id") != nil,
           let reason = ClassHints.shortBoilerplate(cls: cls[i], id: (nodes[i].attribute("id") ?? "").fastLowercased) {
            return reason
        }
        if isAdLabel(i) { return "ad label" }
        if isCopyrightLine(i) { return "copyright" }
        if isCommentCountLine(i) { return "comment count" }
        if isContentsBox(i) { return "contents" }
        if textLen[i] <= Self.maxMetaLineChars, ClassHints.containsAny(cls[i], Self.metaLineClassSet) { return "meta line" }
        if t == .td, LineNumberGutter.isGutter(nodes[i]) { return "line numbers" }
        if Self.tagLineTags.contains(t), linkLen[i] > 0,
           Double(linkLen[i]) >= TagFinder.minTagLineLinkShare * Double(textLen[i]), TagFinder.isTagLine(nodes[i]) {
            return "tags"
        }
        // A figure that is one link around a headline (and a summary) is a teaser card for another story, not a picture.
        if t == .figure, headingLen[i] > 0, linkDensity(i) >= Self.minTeaserLinkDensity { return "teaser" }
        guard options.cleanConditionally else {
            // A short post reaches the last attempt, which keeps every block: its footer's tag, feed and comment lines
            // ("Kommentarfeed | Kommentare geschlossen | Trackback-URL") still stay out.
            if isPostFooter(i) { return "footer" }
            // A box of a short label and links ("Weiterführender Link" and one link) is no text however short the
            // post; a box of links alone may be a link post's point, one of paragraphs or a list the post itself.
            if t == .div || t == .section, textLen[i] <= Self.maxShortPostLinkBox, linkLen[i] < textLen[i],
               linkDensity(i) > Self.minLinkBoxDensity, pCount[i] == 0, liCount[i] == 0, weight[i] < 25,
               !inTableOrCode[i] {
                return "links"
            }
            return nil
        }
        switch t {
        case .form, .fieldset, .table, .ul, .ol, .div, .section: break
        default: return nil
        }
        if inTableOrCode[i] || t == .code { return nil }
        if t == .div, Self.wrapsOnlyPre(nodes[i]) { return nil }
        if t == .table && isDataTable(i) { return nil }
        let isList0 = t == .ul || t == .ol
        let contentLength = textLen[i]
        let isList = isList0 || (contentLength > 0 && Double(listLen[i]) / Double(contentLength) > 0.9)
        let w = weight[i]
        // Readability's rule, except for a plain list: an `<ul>`'s score starts at -3, so a short list of
        // comma-free items (a recipe's steps) scores below zero while being the post's text.
        if Double(w) + score < 0 && !(isList0 && w >= 0 && linkDensity(i) == 0) { return "weight" }
        if commas[i] >= 10 { return nil }
        let pc = pCount[i], img = imgCount[i], li = liCount[i] - 100, input = inputCount[i]
        let headingDensity = contentLength == 0 ? 0 : Double(headingLen[i]) / Double(contentLength)
        let ld = linkDensity(i)
        let embeds = embedCount[i]
        let figure = inFigure[i]
        if img > 1 && Double(pc) / Double(img) < 0.5 && !figure { return "images" }
        if !isList && li > pc { return "list" }
        if input > pc / 3 { return "inputs" }
        if !isList && headingDensity < 0.9 && contentLength < 25 && (img == 0 || img > 2) && !figure { return "short" }
        if !isList && w < 25 && ld > 0.2 && !holdsProseBesideLinkBoxes(i) { return "links" }
        if w >= 25 && ld > 0.5 { return "links" }
        if (embeds == 1 && contentLength < 75) || embeds > 1 { return "embeds" }
        return nil
    }

    /// Shortest subheading (characters) before the content that joins it as a standfirst when it ends a sentence.
    static let minStandfirstHeading = 50

    /// Whether a wrapper's links all sit in child boxes made mostly of links (`> minLinkBoxDensity`), beside a child of
    /// link-free prose (a news story's "Additional reporting by ...; Editing by ..." line in one `<div>` with the site's
    /// "Our Standards: <a>Trust Principles</a>" box, a list of related links): the wrapper stays and those boxes go
    /// one by one (`linkBoxes`), so that the prose is not lost with the links beside it.
    private func holdsProseBesideLinkBoxes(_ i: Int) -> Bool {
        guard tag[i] == .div || tag[i] == .section else { return false }
        var prose = false
        var boxes: [Int] = []
        for c in children(of: i) {
            if linkLen[c] == 0 {
                if (tag[c] == .p || tag[c] == .div) && textLen[c] >= Self.proseParagraphChars { prose = true }
                continue
            }
            // A box mostly of links (a list of them too), no strong class, few commas: dropped as the wrapper would be.
            guard tag[c] == .div || tag[c] == .section || tag[c] == .ul || tag[c] == .ol,
                  linkDensity(c) > Self.minLinkBoxDensity, commas[c] < 10, weight[c] < 25 else { return false }
            boxes.append(c)
        }
        if prose { linkBoxes.formUnion(boxes) }
        return prose
    }

    /// Longest box of links (characters) dropped from a short post's last attempt, which keeps every other block.
    static let maxShortPostLinkBox = 200

    /// Share of a box's text in links from which, beside prose, it is cleaned on its own (`holdsProseBesideLinkBoxes`).
    static let minLinkBoxDensity = 0.5

    /// Whether a `<div>` holds one `<pre>` and nothing else but blank text: a code block's wrapper, such as a
    /// notebook cell's output (Quarto, Jupyter: `<div class="cell-output"><pre><code>[1] 31</code></pre></div>`),
    /// which is code however short, and Readability's cleaning keeps code.
    static func wrapsOnlyPre(_ n: Node) -> Bool {
        var pres = 0
        var c = n.firstChild
        while let x = c {
            if x.isElement {
                guard x.hasName("pre") else { return false }
                pres += 1
            } else if x.isText, HTMLEscape.hasVisible(x.textContent) {
                return false
            }
            c = x.nextSibling
        }
        return pres == 1
    }

    /// Blocks that may be a line of the post's tag and category links (`TagFinder.isTagLine`); a `<header>` of
    /// nothing but a category link is the kicker over a post's title (Hugo's Stack); old WordPress themes print the
    /// post's "Category: News Sports" line as an `<h2>`-`<h6>`; Hugo's Terminal a `<span class="post-tags">` of
    /// "#<a>linux</a>" links.
    static let tagLineTags = Tag.Mask([.ul, .ol, .p, .div, .header, .heading, .inline])

    /// Classes of a post's meta line (date, author, reading time) whose "post"/"entry" part cancels the negative weight
    /// of "meta" (Hugo Terminal's `<div class="post-meta"><time>2024-04-21</time><span>2 min read (312 words)</span>`),
    /// and their BEM spellings (Hugo Anatole's `<ul class="post__meta">` of date and reading time), and Joomla's
    /// `<dl class="article-info">` of author, category, date and hits.
    static let metaLineClasses = ["post-meta", "entry-meta", "article-meta", "post-date", "entry-date", "article-date",
                                  "post__meta", "entry__meta", "article__meta", "post__date", "article__date",
                                  "article-info"]
    /// `metaLineClasses` searched in one pass: one search per class was 12% of `dropInside`'s instructions.
    static let metaLineClassSet = NeedleSet(metaLineClasses)
    /// Longest such line (characters) dropped: a date, a name, a reading time, a few categories.
    static let maxMetaLineChars = 160

    /// Share of a figure's text inside links from which, with a heading in it, it is a teaser card.
    static let minTeaserLinkDensity = 0.9

    /// Texts of a block that only labels an ad slot inside the story ("Anzeige", "ADVERTISEMENT", "Story continues below
    /// advertisement"), lowercased, without the dashes or brackets around them.
    static let adLabels: Set<String> = ["ad", "ads", "advertisement", "advertisements", "advertising", "sponsored",
                                        "sponsored content", "paid content", "story continues below advertisement",
                                        "article continues below advertisement", "continue reading below",
                                        "content continues below", "advertisement - scroll to continue",
                                        "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "advertentie",
                                        "reklama", "реклама", "广告", "廣告", "広告", "광고",
                                        // Portuguese, Turkish, Scandinavian, Finnish, Hungarian, Romanian, Greek,
                                        // Indonesian, Vietnamese, Arabic, Hindi, Hebrew and Thai news sites' slots.
                                        "publicidade", "reklam", "annons", "annonse", "annonce", "mainos", "hirdetés",
                                        "publicitate", "διαφήμιση", "iklan", "quảng cáo", "إعلان", "विज्ञापन", "פרסומת",
                                        "โฆษณา"]
    /// Longest copyright line (characters) dropped from the content.
    static let maxCopyrightLine = 200

    /// Whether a paragraph or block outside a figure or caption is the site's copyright line: its class or id names
    /// "copyright" and its text opens with "©", "(c)" or "Copyright" and holds a year (`<p class="copyright">© 2024
    /// Diario. Todos los derechos reservados.</p>` closing a story). A picture's credit stays, as captions do.
    private func isCopyrightLine(_ i: Int) -> Bool {
        guard tag[i] == .p || tag[i] == .div, !inFigure[i], textLen[i] > 0, textLen[i] <= Self.maxCopyrightLine,
              ByteSearch.contains(cls[i], "copyright") || (nodes[i].attribute("id").map { ByteSearch.contains($0.lowercased(), "copyright") } ?? false)
        else { return false }
        // A picture's credit under it (`div.caption > div.copyright`, "© Bild: REUTERS") is a caption, kept.
        let p = parent[i]
        if p >= 0, ByteSearch.contains(cls[p], "caption") { return false }
        let t = TextNormalizer.normalize(nodes[i].textContent).lowercased()
        guard t.hasPrefix("©") || t.hasPrefix("(c)") || t.hasPrefix("copyright") else { return false }
        // The site's line names its year ("© 2024 Diario Ejemplo"); a credit seldom does.
        return Self.holdsYear(t)
    }

    /// Whether text holds a year 1900-2099 as four digits of their own.
    static func holdsYear(_ t: String) -> Bool {
        let b = Array(t.utf8)
        func digit(_ k: Int) -> Bool { k >= 0 && k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        var k = 0
        while k + 3 < b.count {
            if (b[k] == 0x31 && b[k + 1] == 0x39 || b[k] == 0x32 && b[k + 1] == 0x30), digit(k + 2), digit(k + 3),
               !digit(k - 1), !digit(k + 4) { return true }
            k += 1
        }
        return false
    }

    /// Longest text (characters, as `textLen` counts) looked at for an ad label.
    static let maxAdLabel = 40

    /// Longest line (characters) that can be a link to the post's comments: "(0 comments)", "12 Comments",
    /// "Leave a comment".
    static let maxCommentCountLine = 40
    /// Fragments of a link to a page's comments section (`#comments`, `#respond`, `#disqus_thread`).
    static let commentFragments = ["comment", "respond", "disqus"]

    /// `href` alone, read as bytes.
    private static let hrefQuery = AttributeQuery(["href"])

    /// A link's fragment ("#comments"), lowercased; nil when its `href` has none.
    private static func fragment(of a: Node) -> String? {
        var fragment: String?
        a.attributeBytes(hrefQuery) { _, v in
            var k = 0
            while k < v.count, v[k] != UInt8(ascii: "#") { k += 1 }
            guard k < v.count else { return }
            fragment = v.withUnsafeBufferPointer { String(decoding: $0[k...], as: UTF8.self) }.lowercased()
        }
        return fragment
    }

    /// Whether a paragraph or div is one link to the comments section below the post and little else (brackets,
    /// a count): Mezzanine prints `<p>(<a href="#comments">0 comments</a>)</p>` over the post's text.
    private func isCommentCountLine(_ i: Int) -> Bool {
        guard tag[i] == .p || tag[i] == .div, textLen[i] > 0, textLen[i] <= Self.maxCommentCountLine,
              2 * linkLen[i] >= textLen[i] else { return false }
        var links = 0
        var toComments = true
        nodes[i].walk(steps: { d in
            guard d.isElement else { return .skip }
            guard ElementKind.of(d).tag == .a else { return .descend }
            links += 1
            // The href's bytes are read in place: most such boxes are menu items, whose links have no fragment.
            let fragment = Self.fragment(of: d)
            if fragment == nil || !Self.commentFragments.contains(where: { fragment!.contains($0) }) { toComments = false }
            return links == 1 && toComments ? .skip : .stop
        })
        return links == 1 && toComments
    }

    /// Whether a block (paragraph, div, section, subheading) holds nothing but an ad slot's label.
    private func isAdLabel(_ i: Int) -> Bool {
        guard textLen[i] > 0, textLen[i] <= Self.maxAdLabel, linkLen[i] == 0 else { return false }
        switch tag[i] {
        case .p, .div, .section, .heading: break
        default: return false
        }
        return Self.isAdLabel(text: nodes[i].textContent)
    }

    /// Whether a block's whole text is an ad slot's label (one of `adLabels`, dashes and brackets aside).
    static func isAdLabel(text: String) -> Bool {
        let lowered = TextNormalizer.normalize(text).fastLowercased
        // The label is a part of the lowered text (trimming takes only its ends): a text holding no label is passed
        // without trimming and hashing.
        guard adLabelNeedles.matches(lowered) else { return false }
        return adLabels.contains(Trimming.trim(lowered, ascii: Self.isASCIINonLetter, nonLetters))
    }

    /// `adLabels` as needles.
    static let adLabelNeedles = NeedleSet(Array(adLabels))

    /// What an ad label's ends are trimmed of (made once: `inverted` builds a new set).
    private static let nonLetters = CharacterSet.letters.inverted
    /// The ASCII members of `nonLetters`: ASCII's only letters are A-Z and a-z.
    static func isASCIINonLetter(_ b: UInt8) -> Bool { b < 0x80 && !((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }

    /// Class or id words of a post's footer (`entryfooter`, `post-footer`, `entry-footer`), unless they also name content.
    private func isPostFooter(_ i: Int) -> Bool {
        guard tag[i] == .div || tag[i] == .section || tag[i] == .p else { return false }
        let ms = cls[i] + " " + (nodes[i].attribute("id") ?? "").lowercased()
        return ByteSearch.contains(ms, "footer") && !ClassHints.containsAny(ms, ClassHints.maybeCandidate)
    }

    /// Whether a table has one row (directly or in a `tbody`/`thead`/`tfoot`) with one `td`/`th` cell.
    static func isSingleCell(_ table: Node) -> Bool {
        var rows = 0, cells = 0
        func scan(_ parent: Node) -> Bool {
            var c = parent.firstChild
            while let x = c {
                defer { c = x.nextSibling }
                guard x.isElement else { continue }
                switch x.name {
                case "tbody", "thead", "tfoot": if !scan(x) { return false }
                case "tr":
                    rows += 1
                    if rows > 1 { return false }
                    var d = x.firstChild
                    while let y = d {
                        if y.isElement, y.hasName("td") || y.hasName("th") { cells += 1 }
                        d = y.nextSibling
                    }
                    if cells > 1 { return false }
                default: break
                }
            }
            return true
        }
        return scan(table) && rows == 1 && cells == 1
    }

    private func isDataTable(_ i: Int) -> Bool {
        let n = nodes[i]
        if let role = n.attribute("role"), role == "presentation" { return false }
        if let dt = n.attribute("datatable"), dt == "0" { return false }
        if n.attribute("summary") != nil { return true }
        // Tables with header cells or captions hold data; layout tables rarely do.
        var hasHeader = false
        var rows = 0
        let end = subtreeEnd(i)
        var j = i + 1
        while j < end {
            if tag[j] == .th { hasHeader = true }
            if tag[j] == .table { return false }
            let nm = nodes[j].name
            if nm == "caption" || nm == "thead" || nm == "tfoot" { hasHeader = true }
            if nm == "tr" { rows += 1 }
            j += 1
        }
        return hasHeader || rows >= 10
    }
}
