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
        return flat.select(options: opts)
    }
}

/// Element kinds the scorer cares about.
enum Tag: UInt8 {
    case p, div, section, article, main, body, header, heading1, heading, pre, td, th, blockquote, ul, ol, li
    case dl, dd, dt, img, table, a, form, fieldset, input, object, embed, iframe, figure, code, br, address
    case inline, other

    static let byName: [String: Tag] = [
        "p": .p, "div": .div, "section": .section, "article": .article, "main": .main, "body": .body,
        "header": .header, "h1": .heading1, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading,
        "h6": .heading, "pre": .pre, "td": .td, "th": .th, "blockquote": .blockquote, "ul": .ul, "ol": .ol,
        "li": .li, "dl": .dl, "dd": .dd, "dt": .dt, "img": .img, "picture": .img, "table": .table, "a": .a, "form": .form,
        "fieldset": .fieldset, "input": .input, "textarea": .input, "select": .input, "object": .object,
        "embed": .embed, "iframe": .iframe, "video": .embed, "audio": .embed, "figure": .figure, "code": .code,
        "br": .br, "address": .address,
        "span": .inline, "em": .inline, "strong": .inline, "b": .inline, "i": .inline, "u": .inline,
        "s": .inline, "small": .inline, "sub": .inline, "sup": .inline, "abbr": .inline, "cite": .inline,
        "q": .inline, "mark": .inline, "time": .inline, "font": .inline, "label": .inline, "kbd": .inline,
        "samp": .inline, "var": .inline, "del": .inline, "ins": .inline, "dfn": .inline, "bdi": .inline,
        "bdo": .inline, "wbr": .inline, "data": .inline, "big": .inline, "tt": .inline, "strike": .inline,
    ]

    static func of(_ name: String) -> Tag { byName[name] ?? .other }

    /// Phrasing content: runs of these directly in a block container form an implicit paragraph.
    var isPhrasing: Bool { self == .inline || self == .a || self == .code || self == .br || self == .img }
    /// Readability's DIV_TO_P_ELEMS: a div holding none of these reads as a paragraph.
    var isBlockForDiv: Bool {
        switch self {
        case .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul, .section, .article, .heading, .heading1, .figure: return true
        default: return false
        }
    }
}

/// Class/id hints, as substrings of the lowercased `class id` string.
enum ClassHints {
    /// Containers that are almost never content.
    static let unlikely = ["-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
                           "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
                           "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
                           "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "newsletter",
                           "subscribe", "share", "cookie", "consent"]
    /// ...unless one of these also appears.
    static let maybeCandidate = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
                           "post", "text", "blog", "story"]
    static let negative = ["-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
                           "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                           "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "newsletter", "subscribe"]
    /// Byline containers (Readability's `byline` pattern, and "author" as German, Spanish, Portuguese, Polish, Czech and
    /// Italian ("autore") sites name it, French "auteur", German "verfasser").
    static let byline = ["byline", "author", "dateline", "writtenby", "p-author", "autor", "auteur", "verfasser"]
    /// Share buttons, dropped inside the content when short.
    static let share = ["share", "sharedaddy", "social"]
    /// Page controls that themes put inside the content column (furo's `back-to-top` link): never text.
    static let pageControls = ["back-to-top", "backtotop", "back_to_top", "scroll-to-top", "scrolltotop", "go-to-top",
                               "skip-link", "skip-to-content"]
    /// Bits shown only on paper (sphinx-book-theme's `onlyprint` title and contents, Bootstrap's `visible-print`),
    /// dropped inside the content when short: a reader never sees them. A long one can be the page's only copy
    /// of the story (a `content print-only` column that a stylesheet shows on screen too).
    static let printOnly = ["onlyprint", "only-print", "print-only", "printonly", "visible-print", "show-for-print"]
    /// ARIA roles that are never content.
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"]

    /// Why a short element (under `ContentFinder.minimumContentLength` characters) inside the content is boilerplate
    /// by its lowercased "class id" words alone (share buttons, page controls, print-only copies), or `nil`.
    /// Both the heuristic content and content chosen by a site rule drop these.
    static func shortBoilerplate(_ classAndID: String) -> String? {
        if containsAny(classAndID, share) && !containsAny(classAndID, ["content", "article"]) { return "share" }
        if containsAny(classAndID, pageControls) { return "control" }
        if containsAny(classAndID, printOnly) { return "print" }
        return nil
    }

    static func containsAny(_ s: String, _ words: [String]) -> Bool { ByteSearch.containsAny(s, words) }
    static func containsAny(_ s: String, _ words: NeedleSet) -> Bool { !s.isEmpty && words.matches(s) }

    /// Which of the scorer's hint lists occur in a lowercased class or id string.
    struct Found: OptionSet {
        let rawValue: UInt32
        static let unlikely = Found(rawValue: 1 << 0)
        static let maybeCandidate = Found(rawValue: 1 << 1)
        static let positive = Found(rawValue: 1 << 2)
        static let negative = Found(rawValue: 1 << 3)
        static let byline = Found(rawValue: 1 << 4)
    }

    /// The lists the scorer checks on every element, in `Found`'s bit order, searched in one pass.
    /// Searching the class and the id separately finds what searching "class id" finds: no needle holds a space.
    static let scorerSet = NeedleSet(lists: [unlikely, maybeCandidate, positive, negative, byline])

    static func found(in s: String) -> Found { s.isEmpty ? [] : Found(rawValue: scorerSet.mask(s)) }

    /// `s.lowercased()`, without a copy when `s` holds no uppercase or non-ASCII byte (most class and id values).
    static func lowercased(_ s: String) -> String {
        var t = s
        let plain = t.withUTF8 { u in
            for b in u where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return false }
            return true
        }
        return plain ? s : s.lowercased()
    }

    static func isHid(_ s: String) -> Bool {
        s == "hid" || s.hasPrefix("hid ") || s.hasSuffix(" hid") || ByteSearch.contains(s, " hid ")
    }

    /// Readability's class weight: -25 per negative and +25 per positive hint, for class and id separately
    /// (`clsHints` and `idHints` are `found(in:)` of each).
    static func weight(cls: String, clsHints: Found, id: String, idHints: Found) -> Int {
        func weight(_ s: String, _ f: Found) -> Int {
            if s.isEmpty { return 0 }
            return (f.contains(.negative) || isHid(s) ? -25 : 0) + (f.contains(.positive) ? 25 : 0)
        }
        return weight(cls, clsHints) + weight(id, idHints)
    }
}

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
    var inFigure: [Bool] = []
    var excluded: Set<Node> = []
    var byline: String?

    /// Elements whose whole subtree is never content.
    static let junk: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                                    "link", "meta", "button", "input", "select", "textarea", "canvas", "nav", "aside",
                                    "footer", "form", "dialog", "head", "title", "map", "applet", "frame", "frameset"]
    /// Readability scores paragraphs only above this length.
    static let minParagraphLength = 25

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
        Traversal.run(body, enter: { n in
            if !n.isElement {
                if n.isText, let p = stack.last {
                    let (len, c) = n.withOwnText(FlatTree.measure)
                    textLen[p] += len; commas[p] += c; inlineLen[p] += len
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
            let tableOrCode = pIdx >= 0 && (inTableOrCode[pIdx] || tag[pIdx] == .table || tag[pIdx] == .code || tag[pIdx] == .pre)
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
                    byline = text; excluded.insert(n); return false
                }
            }
            if !titleHeaderRemoved, t == .heading1 || facts.flags.contains(.h2), !titles.isEmpty {
                if titles.repeated(by: n, section: t != .heading1) {
                    // A print-only copy of the headline goes, but the one readers see is still to be dropped.
                    titleHeaderRemoved = !stack.contains { ClassHints.containsAny(cls[$0], ClassHints.printOnly) }
                    excluded.insert(n); return false
                }
            }
            let i = nodes.count
            nodes.append(n); parent.append(pIdx); tag.append(t); cls.append(c)
            weight.append(options.weightClasses ? classHints.weight : 0)
            textLen.append(0); linkLen.append(0); commas.append(0); inlineLen.append(0)
            pCount.append(t == .p ? 1 : 0); imgCount.append(t == .img ? 1 : 0); liCount.append(t == .li ? 1 : 0)
            inputCount.append(t == .input ? 1 : 0)
            embedCount.append(t == .embed || t == .object || t == .iframe ? 1 : 0)
            headingLen.append(0); listLen.append(0); hasBlock.append(false); childCount.append(0); end.append(0)
            inTableOrCode.append(tableOrCode)
            inFigure.append(pIdx >= 0 && (inFigure[pIdx] || tag[pIdx] == .figure))
            if pIdx >= 0 { childCount[pIdx] += 1 }
            stack.append(i)
            return true
        }, leave: { _ in
            guard let i = stack.popLast() else { return }
            end[i] = nodes.count
            let t = tag[i]
            if t == .a { linkLen[i] = textLen[i] }
            if t == .heading || t == .heading1 { headingLen[i] = textLen[i] }
            if t == .ul || t == .ol { listLen[i] = textLen[i] }
            if let p = stack.last {
                textLen[p] += textLen[i]; linkLen[p] += linkLen[i]; commas[p] += commas[i]
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
        inlineLen.reserveCapacity(n); pCount.reserveCapacity(n); imgCount.reserveCapacity(n); liCount.reserveCapacity(n)
        inputCount.reserveCapacity(n); embedCount.reserveCapacity(n); headingLen.reserveCapacity(n)
        listLen.reserveCapacity(n); hasBlock.reserveCapacity(n); childCount.reserveCapacity(n); end.reserveCapacity(n)
        inTableOrCode.reserveCapacity(n); inFigure.reserveCapacity(n)
    }

    /// Length of UTF-8 text with whitespace runs counted once, and the number of commas (ASCII, Arabic, fullwidth).
    static func measure(_ s: Span<UInt8>) -> (Int, Int) {
        var len = 0, commas = 0
        var lastSpace = true
        // The last two bytes: U+060C is D8 8C and U+FF0C is EF BC 8C (in valid UTF-8, only those scalars end so).
        var b1: UInt8 = 0, b2: UInt8 = 0
        for i in s.indices {
            let b = s[i]
            defer { b2 = b1; b1 = b }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                if !lastSpace { len += 1; lastSpace = true }
                continue
            }
            lastSpace = false
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            if b & 0xC0 != 0x80 { len += 1 }
            if b == 0x2C || (b == 0x8C && (b1 == 0xD8 || (b1 == 0xBC && b2 == 0xEF))) { commas += 1 }
        }
        return (len, commas)
    }

    static func measure(_ s: String) -> (Int, Int) {
        var s = s
        return s.withUTF8 { measure($0.span) }
    }

    static func isHidden(_ n: Node) -> Bool { Attrs(n).isHidden }

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

    func select(options: Options) -> ContentFinder.Selection {
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
            return finish(roots: [0], score: score, initialized: initialized, options: options)
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
            var bonus = 0.0
            // A sibling of the same class gets a share of the content's score; a wrapper that stands for its only child
            // carries that child's score (Drupal wraps each part of a story, lead, picture, text, in one-child
            // wrappers whose own scores are too small to let the lead's part join).
            if !cls[s].isEmpty && cls[s] == cls[top] { bonus = max(topScore, contentScore) * 0.2 }
            if initialized[s] && score[s] + bonus >= siblingThreshold { roots.append(s); continue }
            if isParagraphLike(s) {
                let ld = linkDensity(s), len = textLen[s]
                if len > 80 && ld < 0.25 { roots.append(s) }
                else if len < 80 && len > 0 && ld == 0 && endsSentence(nodes[s]) { roots.append(s) }
            }
        }
        return finish(roots: roots, score: score, initialized: initialized, options: options)
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
    private func finish(roots: [Int], score: [Double], initialized: [Bool], options: Options) -> ContentFinder.Selection {
        var ex = excluded
        var total = 0
        let rootSet = Set(roots)
        for r in roots {
            var removedLen = 0
            var i = r + 1
            let end = subtreeEnd(r)
            while i < end {
                if let reason = dropInside(i, rootSet: rootSet, score: initialized[i] ? score[i] : 0, options: options) {
                    _ = reason
                    ex.insert(nodes[i]); removedLen += textLen[i]
                    i = subtreeEnd(i); continue
                }
                i += 1
            }
            total += max(0, textLen[r] - removedLen)
        }
        return .init(roots: roots.map { nodes[$0] }, excluded: ex, byline: byline, textLength: total)
    }

    private func subtreeEnd(_ i: Int) -> Int { end[i] }

    /// Why an element inside the content is boilerplate, or `nil` to keep it.
    private func dropInside(_ i: Int, rootSet: Set<Int>, score: Double, options: Options) -> String? {
        let t = tag[i]
        if t == .heading1 || t == .heading, weight[i] < 0 { return "header" }
        if textLen[i] < ContentFinder.minimumContentLength, !cls[i].isEmpty || nodes[i].attribute("id") != nil,
           let reason = ClassHints.shortBoilerplate(cls[i] + " " + (nodes[i].attribute("id") ?? "").lowercased()) {
            return reason
        }
        if isAdLabel(i) { return "ad label" }
        // A figure that is one link around a headline (and a summary) is a teaser card for another story, not a picture.
        if t == .figure, headingLen[i] > 0, linkDensity(i) >= Self.minTeaserLinkDensity { return "teaser" }
        guard options.cleanConditionally else {
            // A short post reaches the last attempt, which keeps every block: its footer's tag, feed and comment lines
            // ("Kommentarfeed | Kommentare geschlossen | Trackback-URL") still stay out.
            return isPostFooter(i) ? "footer" : nil
        }
        switch t {
        case .form, .fieldset, .table, .ul, .ol, .div, .section: break
        default: return nil
        }
        if inTableOrCode[i] || t == .code { return nil }
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
        if !isList && w < 25 && ld > 0.2 { return "links" }
        if w >= 25 && ld > 0.5 { return "links" }
        if (embeds == 1 && contentLength < 75) || embeds > 1 { return "embeds" }
        return nil
    }

    /// Share of a figure's text inside links from which, with a heading in it, it is a teaser card.
    static let minTeaserLinkDensity = 0.9

    /// Texts of a block that only labels an ad slot inside the story ("Anzeige", "ADVERTISEMENT", "Story continues below
    /// advertisement"), lowercased, without the dashes or brackets around them.
    static let adLabels: Set<String> = ["ad", "ads", "advertisement", "advertisements", "advertising", "sponsored",
                                        "sponsored content", "paid content", "story continues below advertisement",
                                        "article continues below advertisement", "continue reading below",
                                        "content continues below", "advertisement - scroll to continue",
                                        "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "advertentie",
                                        "reklama", "реклама", "广告", "廣告", "広告", "광고"]
    /// Longest text (characters, as `textLen` counts) looked at for an ad label.
    static let maxAdLabel = 40

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
        let label = Trimming.trim(TextNormalizer.normalize(text).lowercased(), ascii: Self.isASCIINonLetter, nonLetters)
        return adLabels.contains(label)
    }

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

/// The attributes the scorer reads, taken in one pass over the element's attribute list
/// (`xmlGetProp` per name also consults the DTD and showed up in profiles). Only `class`, `id` and `itemprop`
/// become strings; the others are tested on their bytes (every element of a page is read here).
struct Attrs {
    var cls = "", id = ""
    var itemprop: String?
    /// `hidden` is present, or an inline style hides the element.
    private var hiddenByMarkup = false
    /// Hidden by an inline style, not by the `hidden` attribute.
    private var hiddenByStyleOnly = false
    /// `aria-hidden="true"`.
    private var ariaHidden = false
    /// `role` is one of `ClassHints.unlikelyRoles` (lowercased).
    var unlikelyRole = false
    /// `role`, lowercased, is an ARIA footnote or endnote role (`doc-footnote`, `doc-endnotes`...).
    var noteRole = false
    /// `rel`, lowercased, contains `author`.
    var relAuthor = false

    /// The names read here, in the order `init` switches on.
    private static let query = AttributeQuery(["class", "id", "style", "role", "rel", "itemprop", "aria-hidden", "hidden"])

    init(_ n: Node) {
        // Look up only the attributes read here: copying every value (src, href, data-*) was measurable.
        guard n.hasAttributes else { return }
        var cls = "", id = "", itemprop: String?
        var hiddenByMarkup = false, ariaHidden = false, unlikelyRole = false, noteRole = false, relAuthor = false
        var hiddenByStyle = false, hiddenAttribute = false
        n.attributeBytes(Self.query) { k, v in
            switch k {
            case 0: cls = Self.string(v)
            case 1: id = Self.string(v)
            case 2: if Self.hidesByStyle(v) { hiddenByMarkup = true; hiddenByStyle = true }
            case 3: unlikelyRole = Self.isUnlikelyRole(v); noteRole = Self.isNoteRole(v)
            case 4: relAuthor = Self.lowercasedContains(v, Self.author)
            case 5: itemprop = Self.string(v)
            case 6: ariaHidden = Self.equals(v, Self.trueValue)
            default: hiddenByMarkup = true; hiddenAttribute = true
            }
        }
        self.cls = cls; self.id = id; self.itemprop = itemprop
        self.hiddenByMarkup = hiddenByMarkup; self.ariaHidden = ariaHidden
        self.hiddenByStyleOnly = hiddenByStyle && !hiddenAttribute
        self.unlikelyRole = unlikelyRole; self.noteRole = noteRole; self.relAuthor = relAuthor
    }

    /// `hidden`, `aria-hidden=true` (except Readability's lazy-image fallback) or an inline `display:none`/`visibility:hidden`
    /// (except on the story's own body, see `revealedBodyHints`).
    var isHidden: Bool {
        (hiddenByMarkup && !(hiddenByStyleOnly && isStoryBody)) || (ariaHidden && !ByteSearch.contains(cls, "fallback-image"))
    }

    /// Names of the story's own text container: a paywall script shows it after a check, so the served page
    /// hides it with an inline style (`<div id="articleBody" style="display: none">`); the text is the story.
    static let revealedBodyHints = ["articlebody", "article-body", "article__body", "story-body", "storybody"]

    /// `itemprop=articleBody`, or an id or class naming the story's body.
    private var isStoryBody: Bool {
        if itemprop == "articleBody" { return true }
        return ClassHints.containsAny(ClassHints.lowercased(id), Self.revealedBodyHints)
            || ClassHints.containsAny(ClassHints.lowercased(cls), Self.revealedBodyHints)
    }

    private static func string(_ v: Span<UInt8>) -> String {
        v.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    private static func equals(_ v: Span<UInt8>, _ want: [UInt8]) -> Bool {
        guard v.count == want.count else { return false }
        for i in v.indices where v[i] != want[i] { return false }
        return true
    }
    private static let trueValue = Array("true".utf8)
    private static let author = Array("author".utf8)

    /// ASCII lowercasing is enough for these tests: the only non-ASCII characters that lowercase to ASCII letters
    /// are the Kelvin sign (`k`) and `İ` (`i` plus a combining dot), and no role name or `author` holds a `k`, nor
    /// can a string with a combining dot equal a role name.
    private static func lowercasedASCII(_ v: Span<UInt8>) -> [UInt8] {
        var s = [UInt8]()
        s.reserveCapacity(v.count)
        for i in v.indices { let b = v[i]; s.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return s
    }

    private static func lowercasedContains(_ v: Span<UInt8>, _ needle: [UInt8]) -> Bool {
        let s = lowercasedASCII(v)
        return s.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }

    private static func isUnlikelyRole(_ v: Span<UInt8>) -> Bool {
        let s = lowercasedASCII(v)
        return unlikelyRoleBytes.contains(s)
    }
    private static let unlikelyRoleBytes = Set(ClassHints.unlikelyRoles.map { Array($0.utf8) })

    private static func isNoteRole(_ v: Span<UInt8>) -> Bool {
        let s = lowercasedASCII(v)
        return noteRolePrefixes.contains { s.starts(with: $0) }
    }
    private static let noteRolePrefixes = [Array("doc-footnote".utf8), Array("doc-endnote".utf8)]

    /// An inline style with `display:none` or `visibility:hidden`, compared lowercased and without spaces.
    /// ASCII lowercasing is enough: no non-ASCII character lowercases into these needles' letters (the Kelvin sign
    /// gives `k`; `İ` gives `i` with a combining dot that breaks the match, as a kept combining mark does).
    static func hidesByStyle(_ style: String) -> Bool {
        var style = style
        return style.withUTF8 { hidesByStyle($0.span) }
    }

    static func hidesByStyle(_ style: Span<UInt8>) -> Bool {
        var s = [UInt8]()
        s.reserveCapacity(style.count)
        for i in style.indices where style[i] != 0x20 { let b = style[i]; s.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return s.withUnsafeBufferPointer { h in
            Self.hiddenStyles.contains { needle in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
        }
    }
    private static let hiddenStyles: [[UInt8]] = [Array("display:none".utf8), Array("visibility:hidden".utf8)]
}

/// Iterative pre-order traversal with enter/leave callbacks, so depth never grows the call stack.
enum Traversal {
    /// `enter` returns whether to descend into the node's children; `leave` runs after the children of
    /// every element that was descended into (including the root).
    static func run(_ root: Node, enter: (Node) -> Bool, leave: (Node) -> Void) {
        var cur: Node? = root
        while let n = cur {
            let descend = enter(n)
            if descend, n.isElement || n == root, let c = n.firstChild { cur = c; continue }
            if descend && n.isElement { leave(n) }
            if n == root { return }
            var m = n
            cur = nil
            while true {
                if let s = m.nextSibling { cur = s; break }
                guard let p = m.parent else { break }
                leave(p)
                if p == root { break }
                m = p
            }
        }
    }
}
