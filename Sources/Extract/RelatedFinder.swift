import Foundation
import HTML

/// Finds related-post cards: sections chosen by the site rule, by class (Jetpack, YARPP, Ghost read-more...)
/// or by a heading such as "Related posts", "More like this", "Read next". Each card is the largest element
/// around a link that points to no other post; its title, summary and image are read inside it.
struct RelatedFinder {
    let document: HTMLDocument
    let body: Node?
    let baseURL: String
    /// URLs of the page itself (url, canonical): never a card.
    let selfURLs: Set<String>
    let rules: Rules
    /// `PageMetadata.relatedCandidates`.
    let candidates: [(node: Node, reason: CandidateReason)]

    /// Headings that introduce related posts (compared lowercased, without trailing punctuation).
    static let headingPhrases: [String] = [
        "related", "related posts", "related articles", "related stories", "related content", "related reading",
        "more like this", "you might also like", "you may also like", "you might like", "you may like",
        "read next", "read this next", "what to read next", "more to read", "recommended", "recommended for you",
        "recommended posts", "recommended reading", "more stories", "more posts", "keep reading", "see also",
        "similar posts", "similar articles", "further reading", "more from", "more in", "also on", "other posts",
        "popular posts", "more articles", "up next", "related episodes", "you may also enjoy", "you might also enjoy",
        "you may be interested in", "you might be interested in",
        "関連記事", "関連", "おすすめ", "こちらもおすすめ", "おすすめ記事", "verwandte artikel", "articles similaires", "artículos relacionados",
        "read also", "also read", "read more on this topic",
        // The same in the languages of news sites ("Lesen Sie auch:", "À lire aussi", "Leggi anche", "相关阅读", "관련기사").
        "lesen sie auch", "lies auch", "auch interessant", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
        "weitere artikel", "weitere beiträge", "ähnliche artikel", "ähnliche beiträge", "verwandte beiträge",
        "weiterführende links", "weiterführender link", "à lire aussi", "lire aussi", "à lire également", "sur le même sujet",
        "vous aimerez aussi", "articles liés", "voir aussi", "te puede interesar", "también te puede interesar", "lee también",
        "noticias relacionadas", "te recomendamos", "leggi anche", "potrebbe interessarti", "ti potrebbe interessare",
        "articoli correlati", "leia também", "veja também", "artigos relacionados", "notícias relacionadas", "lees ook",
        "gerelateerde artikelen", "zie ook", "czytaj także", "czytaj też", "zobacz także", "читайте также", "похожие статьи",
        "läs också", "læs også", "les også", "ilgili haberler", "相关文章", "相关阅读", "相关新闻", "相關文章", "相關新聞",
        "延伸阅读", "延伸閱讀", "推荐阅读", "あわせて読みたい", "관련기사", "관련 기사", "관련 뉴스",
        // Indonesian and Malay, Vietnamese, Arabic, Hindi, Greek, Romanian, Hungarian, Ukrainian, Czech, Polish,
        // Finnish, Spanish, Chinese and Japanese news sites' in-story boxes ("Baca juga:", "Tin liên quan", "اقرأ أيضا").
        "baca juga", "baca pula", "berita terkait", "artikel terkait", "tin liên quan", "xem thêm", "đọc thêm",
        "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "مواضيع ذات صلة", "أخبار ذات صلة", "यह भी पढ़ें", "ये भी पढ़ें",
        "διαβάστε επίσης", "διαβάστε ακόμη", "citește și", "citeste si", "kapcsolódó cikkek", "читайте також",
        "čtěte také", "čtěte též", "související články", "przeczytaj także", "przeczytaj też", "zobacz też", "lue myös",
        "lea también", "相关推荐", "関連ニュース",
    ]
    /// `headingPhrases`, looked up by hash (every short heading-like text of a page is checked).
    static let headingPhraseSet = Set(headingPhrases)
    /// Phrases that introduce related posts only as a real heading (`h2`-`h6`): Ghost's default theme (Source)
    /// heads its cards "Read more", while the same words in a `span` or `p` are the "Read more" link of an excerpt.
    /// Ghost's themes translate it (Solo's German "Weiterlesen").
    static let headingOnlyPhrases: Set<String> = ["read more", "more reading", "weiterlesen", "mehr lesen", "lire la suite",
                                                  "leer más", "leggi di più", "lees meer", "leia mais"]
    /// Labels that introduce a link to another story only as the label of a one-line "LABEL: <a>headline</a>"
    /// (`labeledLinkLine`): alone, "Read more" is an excerpt's link to the post itself.
    static let lineOnlyPhrases: Set<String> = ["read more", "more", "läs mer", "les mer", "læs mer", "lees meer",
                                               "leia mais", "lea más", "lee más", "czytaj więcej", "más información"]
    /// Heading beginnings that introduce related posts ("More from The Verge", "More articles by Priya Raman").
    static let headingPrefixes: [String] = ["more from ", "more in ", "also on ", "more stories from ", "recommended from ",
                                            "more posts from ", "related to ", "more like ",
                                            // An author's other posts ("More articles by Priya Raman" under a LinkedIn
                                            // article, "More by …").
                                            "more articles by ", "more posts by ", "more stories by ", "more by "]
    /// Heading endings that introduce related posts after a name: Korean platforms' "other posts of the category"
    /// ("'국내 여행' 카테고리의 다른 글" on Tistory and Naver Blog), note.com's "NAMEさんのおすすめ記事".
    static let headingSuffixes: [String] = ["카테고리의 다른 글", "のおすすめ記事"]
    /// `headingPrefixes` grouped for `announces`.
    static let headingPrefixLabels = LeadingLabels(headingPrefixes)

    /// Whether a normalized heading announces related posts (`headingPhrases`, `headingPrefixes`, `headingSuffixes`).
    static func announces(_ h: String) -> Bool {
        // A text ends with a suffix only when their last characters are equal (`hasSuffix` walks grapheme clusters);
        // each suffix's last character holds no ASCII scalar in any canonical form, so a text ending in an ASCII byte
        // (most headings) ends with none.
        headingPhraseSet.contains(h) || headingPrefixLabels.opens(h)
            || (h.utf8.last.map { $0 >= 0x80 } == true && headingSuffixes.contains(where: { h.last == $0.last && h.hasSuffix($0) }))
    }

    /// A related section holding more than this share of the page's text is the content itself.
    static let maxShareOfPage = 0.5

    /// Class/id hints of related-post sections.
    static let classHints = ["jp-relatedposts", "related-posts", "relatedposts", "related_posts", "related-articles",
                             "yarpp", "read-next", "readnext", "read-more-wrap", "more-like-this", "you-might",
                             "also-like", "recommended", "post-related", "related-content", "related"]
    /// Links that are not posts (taxonomy, author pages): ignored when delimiting a card. Site builders name their
    /// collections' pages freely: Webflow's blog categories live at `/blog-categories/growth`, `/post-category/x`.
    static let taxonomyPaths = ["/tag/", "/tags/", "/category/", "/categories/", "/author/", "/authors/", "/topic/",
                                "/topics/", "/label/", "/search", "/profile/", "/u/", "/series/", "-categories/",
                                "-category/"]
    /// Class hints of card parts that are neither title nor summary.
    static let metaHints = ["meta", "date", "time", "author", "byline", "tag", "footer", "context", "category",
                            "reading", "label", "badge", "avatar", "comments", "count", "primary-tag"]
    static let summaryHints = ["excerpt", "summary", "description", "desc", "dek", "snippet", "subtitle", "teaser", "blurb"]
    /// `summaryHints` searched in one pass, and `metaHints` (bit `metaHintBit`) with them: a search per hint of each
    /// class in a card was a third of `cardSummary`'s instructions.
    static let summaryHintSet = NeedleSet(summaryHints)
    static let cardPartHints = NeedleSet(lists: [metaHints, summaryHints])
    static let metaHintBit: UInt32 = 1

    /// `set.mask` of an element's `class` lowercased (0 without one). An ASCII class is read in place: a string made
    /// and lowered for each classed element of a card was 22% of `cardSummary`'s instructions.
    static func classMask(_ n: Node, _ set: NeedleSet) -> UInt32 {
        var hasClass = false
        var byBytes: UInt32?
        n.attributeBytes(classQuery) { _, v in
            hasClass = true
            byBytes = v.withUnsafeBufferPointer { set.mask(asciiLowering: $0) }
        }
        if let byBytes { return byBytes }
        guard hasClass, let cls = n.attribute("class") else { return 0 }
        return set.mask(cls.fastLowercased)
    }
    private static let classQuery = AttributeQuery(["class"])

    struct Result { var cards: [RelatedLink]; var containers: [Node] }

    func find(rule: RelatedRule?) -> Result {
        var containers: [Node] = []
        if let rule {
            if let c = rule.container, let found = try? document.select(c.selector, from: nil) { containers = found }
            else if let item = rule.item, let found = try? document.select(item.selector, from: nil), !found.isEmpty {
                let cards = found.compactMap { card($0, rule: rule) }
                return Result(cards: dedupe(cards), containers: found)
            }
            if !containers.isEmpty {
                var cards: [RelatedLink] = []
                for c in containers {
                    if let item = rule.item, let items = try? document.select(item.selector, from: c) {
                        cards += items.compactMap { card($0, rule: rule) }
                    } else {
                        cards += heuristicCards(in: c)
                    }
                }
                return Result(cards: dedupe(cards), containers: containers)
            }
        }
        containers = heuristicContainers()
        var cards: [RelatedLink] = []
        var used: [Node] = []
        for c in containers {
            let cs = heuristicCards(in: c)
            if !cs.isEmpty { cards += cs; used.append(c) }
        }
        return Result(cards: dedupe(cards), containers: used)
    }

    /// One card per post, the first; a later card of the same post fills in the picture or summary it lacks (Tistory
    /// lists a post in the bare "카테고리의 다른 글" table and again among the theme's picture cards). Cards of one
    /// post: the same URL, or the same title and the same URL but for a query only one has ("/5042" and
    /// "/5042?category=957259").
    func dedupe(_ cards: [RelatedLink]) -> [RelatedLink] {
        var at = FirstIndex(capacity: 2 * cards.count) // two keys a card at most
        var out: [RelatedLink] = []
        for c in cards where !selfURLs.contains(c.url) {
            let sameTitle = c.title + "\u{0}" + Self.beforeQuery(c.url)
            let titled = at[sameTitle]
            // Only a URL without a query and one with it: two queries may name two things ("base.php?c=167", "?c=131").
            let queried = titled.flatMap { Self.hasQuery(out[$0].url) != Self.hasQuery(c.url) ? $0 : nil }
            guard let i = at[c.url] ?? queried else {
                at.add(c.url, out.count)
                // The title's key is still where it was looked up unless it is the URL just added.
                if titled == nil && sameTitle != c.url { at.add(sameTitle, out.count) }
                out.append(c); continue
            }
            if out[i].image == nil { out[i].image = c.image }
            if out[i].summary == nil { out[i].summary = c.summary }
        }
        return out
    }

    /// The position `dedupe` first gave each key. A related list has a few cards (3-6 on a Jetpack post): up to
    /// `FirstIndex.listedKeys` keys are looked up by `==` in a list (a dictionary hashed each long key three times a
    /// card, ~1.5% of a blog post's extraction, FINDINGS 94); more go to a dictionary, so a hostile page stays linear.
    /// Either way a key's position is the first one added for it (`==` is the dictionary's key equality).
    struct FirstIndex {
        static let listedKeys = 16
        private var listed: [(key: String, index: Int)] = []
        private var hashed: [String: Int]?

        init(capacity: Int) {
            if capacity > Self.listedKeys { hashed = Dictionary(minimumCapacity: capacity) } else { listed.reserveCapacity(capacity) }
        }

        subscript(key: String) -> Int? {
            if let hashed { return hashed[key] }
            for e in listed where e.key == key { return e.index }
            return nil
        }

        /// Adds a key not added before.
        mutating func add(_ key: String, _ index: Int) {
            if hashed != nil { hashed![key] = index } else { listed.append((key, index)) }
        }
    }

    /// `url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url`, by bytes for an ASCII URL (crawl
    /// keys are): its ASCII characters are single bytes, so the first "?" character is the first 0x3F byte.
    static func beforeQuery(_ url: String) -> String {
        // `split` omits empty parts: the first part is the first run of other bytes, up to the next "?". The bytes
        // are read in place (the UTF-8 view's iterators were ~0.3% of a blog post's extraction, FINDINGS 94).
        let cut: Range<Int>?? = url.withUTF8Bytes { u in
            guard isASCII(u) else { return .none }
            guard let start = u.firstIndex(where: { $0 != 0x3F }) else { return .some(nil) }
            return (start..<(u[start...].firstIndex(of: 0x3F) ?? u.count))
        }
        guard let asciiCut = cut else { return url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url }
        guard let part = asciiCut, part != 0..<url.utf8.count else { return url }
        return url.withUTF8Bytes { String(decoding: UnsafeBufferPointer(rebasing: $0[part]), as: UTF8.self) }
    }

    /// `url.contains("?")` (a "?" character), by bytes for an ASCII URL.
    static func hasQuery(_ url: String) -> Bool {
        let byBytes: Bool? = url.withUTF8Bytes { u in isASCII(u) ? u.contains(0x3F) : nil }
        return byBytes ?? url.contains("?")
    }

    private static func isASCII(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in u where b >= 0x80 { return false }
        return true
    }

    static func normalizedHeading(_ s: String) -> String {
        var t = TextNormalizer.normalize(s).fastLowercased
        while let last = t.last, isTrailingMark(last) { t.removeLast() }
        return t
    }

    /// False when no heading phrase or prefix can be what `normalizedHeading(text)` gives (most short texts of a
    /// page): the first byte after ASCII whitespace is ASCII and, lowercased, starts none of them. Normalizing keeps
    /// that character first (NFC may join marks to it, giving a character no phrase starts with); anything else
    /// (non-ASCII, a control character normalizing drops) is left to the full comparison. A text with a CJK lead byte
    /// (E3-ED: kana, Han, Hangul) may end with a suffix (`headingSuffixes`, all Japanese or Korean).
    static func mayStartHeading(_ text: String) -> Bool { text.withUTF8Bytes(mayStartHeading(bytes:)) }

    /// `mayStartHeading` of a text's UTF-8 bytes.
    static func mayStartHeading(bytes text: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.contains(where: { $0 >= 0xE3 && $0 <= 0xED }) { return true }
        for b in text {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
            if b >= 0x80 || b < 0x20 || b == 0x7F { return true }
            return headingFirstBytes[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)]
        }
        return false
    }
    /// By byte value, not a `Set`: hashing each text's first byte was 28% of `mayStartHeading`.
    private static let headingFirstBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for p in headingPhrases + headingPrefixes + headingOnlyPhrases { if let b = p.utf8.first { table[Int(b)] = true } }
        return table
    }()

    /// Whether a character is one of `: . … ! ? » › →` or a space, which a heading's end loses. Compared by scalar
    /// (searching a string of them by `Character` was most of `normalizedHeading`): a character equals one of these
    /// single scalars only when it is that scalar, as none of them is the canonical decomposition of another.
    static func isTrailingMark(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        switch first.value {
        case 0x3A, 0x2E, 0x2026, 0x21, 0x3F, 0xBB, 0x203A, 0x2192, 0x20: return true
        default: return false
        }
    }

    /// Sections announced by a related-posts class or heading, outermost first, in page order.
    static let classHintSet = NeedleSet(classHints)
    static let headingTags: Set<String> = ["h2", "h3", "h4", "h5", "h6", "summary"]
    static let singleTextTags: Set<String> = ["header", "div", "span", "strong", "b", "p"]
    /// Longest heading text (bytes) considered.
    static let maxHeadingBytes = 60
    /// Most nodes of a heading that may announce related posts: a line of 60 bytes holds few elements, an icon's
    /// paths included. Without it, each of 512 nested unclosed `<h2>`s of no text was read to the page's end, twice.
    static let maxHeadingNodes = 1_000

    /// Why an element may start a related section, or `nil` when it cannot (called for every element by
    /// `PageMetadata.collect`). `hinted`: the element's lowercased `class` or `id` holds one of `classHints` (class and
    /// id searched apart find what "class id" would: no hint holds a space).
    static func candidacy(_ n: Node, kind: ElementKind, hinted: Bool) -> CandidateReason? {
        if kind.tag == .a || kind.tag == .li { return nil }
        if hinted { return .classHint }
        switch kind.relatedCandidate {
        case .heading?: return .tag
        case .singleText?:
            guard let c = n.firstChild, c.isText else { return nil }
            if c.nextSibling == nil { return c.withOwnText { $0.count } <= maxHeadingBytes ? .tag : nil }
            guard let a = c.nextSibling, a.hasName("a") else { return nil }
            return c.withOwnText { $0.count <= maxHeadingBytes && endsWithLabelMark($0) } ? .labeledLine : nil
        case nil: return nil
        }
    }

    /// Why an element may start a related section.
    enum CandidateReason {
        /// Its lowercased class or id holds one of `classHints`.
        case classHint
        /// Only its name (and short text).
        case tag
        /// A short text ending in a colon or bar, then a link: maybe "Baca juga: <a>...</a>" (`labeledLinkLine`).
        case labeledLine
    }

    /// Whether a label's bytes end, before trailing spaces, in ":", "|" or a full-width colon.
    static func endsWithLabelMark(_ bytes: Span<UInt8>) -> Bool {
        var i = bytes.count - 1
        while i >= 0, bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) || bytes[i] == 0xA0 || bytes[i] == 0xC2 { i -= 1 }
        guard i >= 0 else { return false }
        if bytes[i] == 0x3A || bytes[i] == 0x7C { return true }
        return i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC && bytes[i] == 0x9A // U+FF1A
    }

    /// Longest "LABEL: <a>headline</a>" line (bytes) read as a link to another story.
    static let maxLabeledLineBytes = 300

    enum CandidateTag { case heading, singleText }
    /// `headingTags` and `singleTextTags` in one table (one lookup per element).
    static let candidateTags: [String: CandidateTag] = {
        var out: [String: CandidateTag] = [:]
        for t in singleTextTags { out[t] = .singleText }
        for t in headingTags { out[t] = .heading }
        return out
    }()

    /// Sections announced by a related-posts class or heading, outermost first, in page order.
    private func heuristicContainers() -> [Node] {
        guard let body else { return [] }
        var out: [Node] = []
        var inside: Node?
        for (n, reason) in candidates {
            if let c = inside, Exclusion.isAncestor(c, of: n) { continue }
            // "class id" lowercased holds a hint only where the lowercased class or id did (the hints are ASCII and
            // hold no space), so only those candidates build the string.
            if reason == .labeledLine {
                if let line = labeledLinkLine(n) { out.append(line); inside = line }
                continue
            }
            if reason == .classHint {
                let cs = ClassHints.classAndID(n)
                if cs.count > 1, ClassHints.containsAny(cs, Self.classHintSet),
                   !ClassHints.containsAny(cs, ["related-tags", "related-links-widget"]),
                   hasForeignLink(n) {
                    out.append(n); inside = n
                    continue
                }
            }
            if ElementKind.of(n).relatedCandidate != nil,
               let bytes = n.textByteCount(upTo: Self.maxHeadingBytes, nodes: Self.maxHeadingNodes),
               bytes <= Self.maxHeadingBytes {
                let reading = Self.shortHeadingReading(n)
                if reading != .other {
                    // Both readings are of a non-empty heading: the empty one is no phrase and opens with no prefix.
                    let announces = reading == .announces
                    let headsOnly = reading == .headingOnly && ElementKind.of(n).relatedCandidate == .heading
                    if announces || headsOnly,
                       let c = containerFor(heading: n, levels: headsOnly ? Self.headingOnlyLevels : Self.headingLevels) {
                        if !out.contains(c) { out.append(c) }
                        inside = c
                    } else if announces, let (line, list) = linkListAfter(heading: n) {
                        // "<p><strong>Lesen Sie auch:</strong></p><ul>...</ul>" inside the story: no parent holds only
                        // the section, so the heading's line and the list are the containers.
                        for c in [line, list] where !out.contains(c) { out.append(c) }
                        inside = list
                    } else if announces, let (line, section) = sectionAfter(heading: n) {
                        for c in [line, section] where !out.contains(c) { out.append(c) }
                        inside = section
                    }
                }
            }
        }
        if out.isEmpty { return [] }
        // Keep only outermost containers, and never one that holds most of the page.
        // Byte counts without copying the page's text (the same numbers as `textContent.utf8.count`).
        let kept = out.filter { c in
            guard !out.contains(where: { $0 != c && Exclusion.isAncestor($0, of: c) }) else { return false }
            let own = c.textByteCount(upTo: Int.max)
            // The page's text is counted only as far as decides the test: past `limit`, `c` is not most of it.
            let limit = max(2000, Int(Double(own) / Self.maxShareOfPage) + 1)
            let pageText = body.textByteCount(upTo: limit)
            return !(pageText > 2000 && Double(own) > Self.maxShareOfPage * Double(pageText))
        }
        return groupingSiblingCards(kept)
    }

    /// Containers that are single cards side by side (Blowfish marks each card `article-link--related`, under a
    /// "Related" heading that is not their parent's) are read from their common parent, so each card is the whole
    /// element (its image too), not the part of it below the container. Only when the parent links to no other
    /// post than those cards do.
    private func groupingSiblingCards(_ containers: [Node]) -> [Node] {
        var out: [Node] = []
        for c in containers {
            guard let p = c.parent, p.isElement, !p.hasName("body"), !out.contains(p) else {
                if !out.contains(where: { Exclusion.isAncestor($0, of: c) }) { out.append(c) }
                continue
            }
            let siblings = containers.filter { $0.parent == p }
            let singles = siblings.filter { postURLs(in: $0).count == 1 }
            let cardPosts = Set(singles.flatMap { postURLs(in: $0) })
            // Cards of distinct posts: one post linked above and below the story (Tinkerer's modern5 prints its
            // "« previous post" bar twice in the <article>) is a repeated link, and its parent the whole story.
            if singles.count >= 2, singles.count == siblings.count, cardPosts.count == singles.count,
               postURLs(in: p, upTo: Self.maxGroupedCards + 1).count == cardPosts.count,
               singles.count <= Self.maxGroupedCards {
                out.append(p)
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Most single-card containers grouped under one parent (a related block shows a handful).
    static let maxGroupedCards = 12

    /// How far above its heading a related section may start.
    static let headingLevels = 3
    /// ... and above a `headingOnlyPhrases` heading: its own parent only, which must hold the cards ("Read More"
    /// over a list of the post's categories would otherwise reach the share links around it).
    static let headingOnlyLevels = 1

    /// Share of a list's text inside links from which, after a related heading, it is a list of other posts.
    static let minLinkListShare = 0.8

    /// The heading's line (the heading, or the block it is the only text of) and the list right after it, when that
    /// list is links to other pages and little else ("Auch interessant:" over four headlines at a post's end).
    private func linkListAfter(heading: Node) -> (Node, Node)? {
        var line = heading
        while RelatedFinder.inlineNames.contains(line.name),
              let p = line.parent, p.isElement, p.elementChildren.count == 1,
              p.textByteCount(upTo: Self.maxHeadingBytes + 1) <= Self.maxHeadingBytes {
            line = p
        }
        var next = line.nextSibling
        while let x = next, !x.isElement {
            if x.textContent.contains(where: { !$0.isWhitespace }) { return nil }
            next = x.nextSibling
        }
        guard let list = next, list.hasName("ul") || list.hasName("ol"), hasForeignLink(list) else { return nil }
        let total = list.textByteCount(upTo: Int.max)
        var linked = 0
        for a in descendants(Self.links, of: list) { linked += a.textByteCount(upTo: Int.max) }
        guard total > 0, Double(linked) >= Self.minLinkListShare * Double(total) else { return nil }
        return (line, list)
    }

    /// The line of a story that only points to another ("Baca juga: <a>Antrean di SPBU</a>", "READ MORE: <a>...</a>",
    /// "Also read | <a>...</a>"): a related label, then links to other pages that hold nearly all of the rest of
    /// the text. The line is the element, or the block whose only text it is.
    private func labeledLinkLine(_ n: Node) -> Node? {
        guard let first = n.firstChild, n.textByteCount(upTo: Self.maxLabeledLineBytes + 1) <= Self.maxLabeledLineBytes else {
            return nil
        }
        let label = first.textContent
        guard Self.mayStartHeading(label) else { return nil }
        var h = Self.normalizedHeading(label)
        while h.last == "|" || h.last == "：" || h.last == " " { h.removeLast() }
        guard !h.isEmpty, Self.headingPhraseSet.contains(h) || Self.lineOnlyPhrases.contains(h) else { return nil }
        let rest = n.textByteCount(upTo: Int.max) - label.utf8.count
        var linked = 0
        for a in descendants(Self.links, of: n) { linked += a.textByteCount(upTo: Int.max) }
        guard rest > 0, Double(linked) >= Self.minLinkListShare * Double(rest), hasForeignLink(n) else { return nil }
        var line = n
        while let p = line.parent, p.isElement, p.elementChildren.count == 1, !Self.lineStops.contains(p.name),
              p.textByteCount(upTo: Self.maxLabeledLineBytes + 1) == line.textByteCount(upTo: Self.maxLabeledLineBytes + 1) {
            line = p
        }
        return line
    }
    /// Where a labeled line's climb stops: the story's own containers.
    private static let lineStops: Set<String> = ["body", "main", "article", "section"]

    /// Fewest posts a section after a lone heading links to: cards side by side, not one link of the post's text.
    static let minSectionAfterPosts = 2
    /// Longest text (bytes) of the wrappers a lone heading sits in (its own text and their whitespace).
    static let maxHeadingLineBytes = 4 * maxHeadingBytes

    /// The heading's wrappers (one to `headingLevels` ancestors, each holding only the one below it) and the element right
    /// after them, when it links to `minSectionAfterPosts` posts or more: page builders put the heading and the cards in
    /// two sibling widgets (Elementor: a heading widget "You may also like", then a posts widget of cards), so no
    /// ancestor of the heading holds only the section.
    private func sectionAfter(heading: Node) -> (Node, Node)? {
        let own = TextNormalizer.normalize(heading.textContent)
        var line = heading
        var level = 0
        while level < Self.headingLevels, let p = line.parent, p.isElement,
              !p.hasName("body"), !p.hasName("main"), !p.hasName("article"), p.elementChildren.count == 1,
              p.textByteCount(upTo: Self.maxHeadingLineBytes + 1) <= Self.maxHeadingLineBytes,
              TextNormalizer.normalize(p.textContent) == own {
            line = p; level += 1
        }
        // A bare heading before its section is `containerFor`'s (or `linkListAfter`'s) to read.
        guard level > 0 else { return nil }
        var next = line.nextSibling
        while let x = next, !x.isElement {
            if x.textContent.contains(where: { !$0.isWhitespace }) { return nil }
            next = x.nextSibling
        }
        guard let section = next, hasForeignLink(section),
              postURLs(in: section, upTo: Self.minSectionAfterPosts).count >= Self.minSectionAfterPosts else { return nil }
        return (line, section)
    }

    /// The smallest ancestor of a heading, at most `levels` up, that also holds links to other pages.
    private func containerFor(heading: Node, levels: Int) -> Node? {
        var cur = heading.parent
        var level = 0
        while let c = cur, level < levels {
            if c.hasName("body") || c.hasName("main") || c.hasName("article") && level > 0 { return nil }
            if Self.textBefore(heading, in: c, upTo: Self.maxLeadBytes) > Self.maxLeadBytes { return nil }
            if hasForeignLink(c, outside: heading) { return c }
            cur = c.parent; level += 1
        }
        return nil
    }

    /// `RelatedHeading.of(n.textContent)` when that text is at most `maxHeadingBytes` bytes, else `other`, for an
    /// element whose text bytes (`Node.textByteCount`) are no more. A simple text (`RelatedHeading.isSimple`) is read
    /// from its bytes: the string made, normalized, lowered and hashed for each of a page's ~33 short headings was 14%
    /// of `find`'s instructions, and ~12,000-14,000 instructions a text with an accent, a curly quote, a dash or kana.
    static func shortHeadingReading(_ n: Node) -> RelatedHeading {
        // The text gathered on the stack: an array grown and appended to byte by byte was 40% of this function.
        let byBytes: RelatedHeading? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxHeadingBytes) { buffer in
            var count = 0
            var fits = true
            n.forEachTextPiece { piece in
                guard count + piece.count <= buffer.count else { fits = false; return false }
                // One copy of the piece, not a store a byte (the loop was a sixth of this function).
                piece.withUnsafeBufferPointer { p in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[count..<count + p.count]).initialize(fromContentsOf: p)
                }
                count += piece.count
                return true
            }
            return fits ? RelatedHeading.of(bytes: UnsafeBufferPointer(rebasing: buffer[0..<count])) : nil
        }
        if let byBytes { return byBytes }
        let text = n.textContent
        return text.utf8.count <= maxHeadingBytes ? RelatedHeading.of(text) : .other
    }

    /// Whether a link sits in the heading that announces the section ("More from <a>Ada Okafor</a>" on dev.to):
    /// the author's or site's page, not a card.
    static func inAnnouncingHeading(_ a: Node) -> Bool {
        var cur = a.parent
        var depth = 0
        while let c = cur, c.isElement, depth < 3 {
            if ElementKind.of(c).relatedCandidate == .heading {
                // `textContent` is never shorter than the bytes counted.
                guard c.textByteCount(upTo: maxHeadingBytes) <= maxHeadingBytes else { return false }
                return shortHeadingReading(c) == .announces
            }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Inline elements a link may sit in within its paragraph.
    static let inlineNames: Set<String> = ["span", "em", "strong", "b", "i", "u", "small", "mark", "cite", "q", "font"]

    /// Blocks whose text may run around a link.
    static let textBlockNames: Set<String> = ["p", "li", "dd"]

    /// Whether a link sits inside a sentence, words before and after it in its paragraph or list item ("Bailey
    /// <a>wrote a book</a> in 2014."): prose that cites a page ("Further reading" written out), not a card (a card's
    /// link opens its block or closes it after a date).
    static func inRunningText(_ a: Node) -> Bool {
        var cur = a
        var wrappers = 0
        while let p = cur.parent, p.isElement, wrappers <= maxInlineWrappers {
            if textBlockNames.contains(p.name) {
                return hasWords(beside: a, in: p, before: true) && hasWords(beside: a, in: p, before: false)
            }
            guard inlineNames.contains(p.name) else { return false }
            cur = p
            wrappers += 1
        }
        return false
    }

    /// Inline elements a link in a sentence sits in (`<em><strong><span>`); more are unclosed tags nesting each
    /// other, and climbing thousands of them from every link inside was quadratic.
    static let maxInlineWrappers = 16
    /// Nodes read beside a link for its sentence's words: they are near it. A block of thousands of wordless links
    /// (unclosed `<a>`s) read all its siblings from each link, quadratic.
    static let maxNodesBeside = 200

    /// Whether the text of `block` before (or after) `node` holds a letter or digit.
    private static func hasWords(beside node: Node, in block: Node, before: Bool) -> Bool {
        var budget = maxNodesBeside
        var n = node
        while n != block, let parent = n.parent {
            var s = before ? n.previousSibling : n.nextSibling
            while let y = s {
                if holdsWord(y, budget: &budget) { return true }
                if budget <= 0 { return false }
                s = before ? y.previousSibling : y.nextSibling
            }
            n = parent
        }
        return false
    }

    /// Whether `textContent` of `n` holds a letter or digit, read text node by text node up to the first that does:
    /// reading each sibling's whole text cost, under thousands of nested links, the rest of the page for each link
    /// (FINDINGS 73). At most `budget` nodes are read (spent as read): past it, no word.
    static func holdsWord(_ n: Node, budget: inout Int) -> Bool {
        func word(_ t: String) -> Bool { t.contains(where: { $0.isLetter || $0.isNumber }) }
        budget -= 1
        guard n.isElement else { return word(n.textContent) }
        var found = false
        n.walk(steps: { d in
            budget -= 1
            if budget < 0 { return .stop }
            if d.isText {
                if word(d.textContent) { found = true; return .stop }
                return .skip
            }
            return d.isElement ? .descend : .skip
        })
        return found
    }

    /// A related section opens with its heading: an ancestor with more text than this (bytes) before the heading
    /// is the post the section follows ("Related Stories" set inside the article's own container).
    static let maxLeadBytes = 500

    /// The text bytes inside `container` that come before `node` in document order (counted up to `limit` and a
    /// little past it).
    static func textBefore(_ node: Node, in container: Node, upTo limit: Int) -> Int {
        var total = 0
        var cur = node
        while cur != container, let p = cur.parent {
            var s = cur.previousSibling
            while let n = s, total <= limit {
                total += n.textByteCount(upTo: limit - total + 1)
                s = n.previousSibling
            }
            if total > limit { return total }
            cur = p
        }
        return total
    }

    private func hasForeignLink(_ n: Node, outside: Node? = nil) -> Bool {
        let anchors = descendants(Self.links, of: n)
        // The links inside `outside`, listed once: climbing from each link to ask was links x depth (a fuzzed page of
        // hundreds of nested unclosed links under nested headings took seconds).
        let skipped = outside.map { Set(descendants(Self.links, of: $0)) } ?? []
        for a in anchors {
            if skipped.contains(a) { continue }
            if let u = postKeys.postKey(a.attribute("href") ?? "", base: baseURL), !selfURLs.contains(u) {
                return true
            }
        }
        return false
    }

    private static func isTaxonomy(_ url: String) -> Bool {
        let l = url.fastLowercased
        return ClassHints.containsAny(l, Self.taxonomyPathSet) || isDateArchive(l)
    }
    /// `taxonomyPaths` searched in one pass: a search per path was 46% of `PostKeys.postKey`'s instructions.
    static let taxonomyPathSet = NeedleSet(taxonomyPaths)

    /// Path segments an archive's date may follow ("/archive/2024/11/09" on Hatena Blog).
    static let archiveSegments: Set<Substring> = ["archive", "archives"]
    static let archiveSegmentBytes = archiveSegments.map { Array($0.utf8) }

    /// Whether a URL is a day or month archive: its path a year (4 digits) and a month, maybe a day, and nothing else
    /// but an `archiveSegments` word before them ("/2024/11/", "/archive/2024/11/09"). A card's date links there (Hatena
    /// Blog's `<div class="urllist-date-link"><a href=".../archive/2024/11/09">`): it is no other post beside the card's.
    static func isDateArchive(_ url: String) -> Bool {
        // A year of four digits and a month: most links (a post's slug) hold fewer digits and are passed at once.
        guard Self.holdsDigits(url, atLeast: 5) else { return false }
        // Reading Characters cost a post ~8% of its extraction instructions (FINDINGS 106); nearly every URL is
        // ASCII, where a byte is a Character.
        return url.withUTF8Bytes { Self.isDateArchive(asciiBytes: $0) } ?? isDateArchiveByCharacters(url)
    }

    /// `isDateArchive` on a URL's UTF-8 bytes, or `nil` when they are not all ASCII (`isDateArchiveByCharacters`
    /// decides those, so that both read every URL alike).
    static func isDateArchive(asciiBytes u: UnsafeBufferPointer<UInt8>) -> Bool? {
        let slash = UInt8(ascii: "/"), n = u.count
        if u.contains(where: { $0 >= 0x80 }) { return nil }
        var i = 0
        while i + 2 < n, !(u[i] == UInt8(ascii: ":") && u[i + 1] == slash && u[i + 2] == slash) { i += 1 }
        guard i + 2 < n else { return false }
        i += 3
        while i < n, u[i] != slash { i += 1 }
        var end = i
        while end < n, u[end] != UInt8(ascii: "?"), u[end] != UInt8(ascii: "#") { end += 1 }
        // The path's segments one by one, empty ones skipped (`split` drops them).
        func nextSegment() -> Range<Int>? {
            while i < end, u[i] == slash { i += 1 }
            let start = i
            while i < end, u[i] != slash { i += 1 }
            return i > start ? start..<i : nil
        }
        func number(_ r: Range<Int>, maxDigits: Int) -> Int? {
            guard r.count <= maxDigits, r.allSatisfy({ u[$0] >= 0x30 && u[$0] <= 0x39 }) else { return nil }
            return r.reduce(0) { $0 * 10 + Int(u[$1] - 0x30) }
        }
        guard var year = nextSegment() else { return false }
        if archiveSegmentBytes.contains(where: { $0.elementsEqual(u[year]) }) {
            guard let next = nextSegment() else { return false }
            year = next
        }
        guard year.count == 4, number(year, maxDigits: 4) != nil,
              let month = nextSegment().flatMap({ number($0, maxDigits: 2) }), (1...12).contains(month) else { return false }
        guard let daySegment = nextSegment() else { return true }
        guard let day = number(daySegment, maxDigits: 2), (1...31).contains(day) else { return false }
        return nextSegment() == nil
    }

    /// `isDateArchive` by Characters, for URLs with non-ASCII bytes.
    static func isDateArchiveByCharacters(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return false }
        let afterHost = url[scheme.upperBound...].drop(while: { $0 != "/" })
        let path = afterHost.prefix(while: { $0 != "?" && $0 != "#" })
        var segments = path.split(separator: "/")
        if let first = segments.first, archiveSegments.contains(first) { segments.removeFirst() }
        guard segments.count == 2 || segments.count == 3,
              segments.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              segments[0].count == 4, let month = Int(segments[1]), (1...12).contains(month), segments[1].count <= 2
        else { return false }
        return segments.count == 2 || (segments[2].count <= 2 && (Int(segments[2]).map { (1...31).contains($0) } ?? false))
    }

    /// Whether `s` holds at least `count` ASCII digits. Each character `isDateArchive` reads as a digit (between "0"
    /// and "9") opens with one, and its month is read by `Int`, which takes ASCII digits alone.
    static func holdsDigits(_ s: String, atLeast count: Int) -> Bool {
        s.withUTF8Bytes { u in
            var n = 0
            for b in u where b >= 0x30 && b <= 0x39 {
                n += 1
                if n >= count { return true }
            }
            return false
        }
    }

    /// The crawl keys of this page's links that may be posts, worked out once per `href`: finding the cards asks
    /// again for every link under each ancestor of a link.
    private final class PostKeys {
        private var known: [String: String?] = [:]

        /// The crawl key of `href`, or `nil` when it has none or is a taxonomy page (tag, category, author...).
        /// `base` is the finder's base URL, the same on every call (answers are kept by `href`).
        func postKey(_ href: String, base: String) -> String? {
            if let k = known[href] { return k }
            let k = URLNormalizer.crawlKey(href, base: base).flatMap { RelatedFinder.isTaxonomy($0) ? nil : $0 }
            known[href] = .some(k)
            return k
        }
    }

    private let postKeys = PostKeys()

    /// Cards in a container: each post link grouped with the largest element around it that links nowhere else.
    private func heuristicCards(in container: Node) -> [RelatedLink] {
        let anchors = descendants(Self.links, of: container)
        // Each link's post read once, and each ancestor's posts (`postURLs(in:)`) worked out once: climbing from
        // every link through its ancestors re-read all the links below each one, which was cubic on a page of
        // thousands of unclosed links (libxml2 nests them; FINDINGS 71-72).
        var postOf: [Node: String] = [:]
        for a in anchors { if let u = postKeys.postKey(a.attribute("href") ?? "", base: baseURL) { postOf[a] = u } }
        let postsBelow = Self.postsBelow(in: container, postOf: postOf)
        var tops: [Node: Node] = [:]
        var cardRoots: [(Node, String)] = []
        var usedRoots = Set<Node>()
        for a in anchors {
            guard let u = postOf[a], !selfURLs.contains(u) else { continue }
            if let frag = a.attribute("href"), frag.hasPrefix("#") { continue }
            if Self.inRunningText(a) { continue }
            if Self.inAnnouncingHeading(a) { continue }
            let root = Self.cardRoot(of: a, post: u, in: container, postsBelow: postsBelow, tops: &tops)
            if usedRoots.insert(root).inserted { cardRoots.append((root, u)) }
        }
        var cards: [RelatedLink] = []
        for (root, u) in cardRoots {
            // A "View all" link beside the section's heading ("Related posts"): the heading is its title, no post's.
            if let c = readCard(root, url: u), !RelatedHeading.announces(c.title) { cards.append(c) }
        }
        return cards
    }

    /// For each element of `container`'s subtree, the posts (`postOf`, by link) linked below it, not by itself: all
    /// of them when there are fewer than two, else two (a card is where exactly one post is linked). Each link
    /// climbs its ancestors and stops at one that already holds its post or two posts, whose own ancestors then do
    /// too: each ancestor takes at most two posts, so thousands of nested unclosed links cost their number, not
    /// depth x page (FINDINGS 73), and a page's few cards touch only their own ancestors, not the whole subtree.
    static func postsBelow(in container: Node, postOf: [Node: String]) -> [Node: Set<String>] {
        var below: [Node: Set<String>] = [:]
        for (a, u) in postOf {
            var cur = a.parent
            while let p = cur, p != container {
                var posts = below[p] ?? []
                if posts.count >= 2 || posts.contains(u) { break }
                posts.insert(u)
                below[p] = posts
                cur = p.parent
            }
        }
        return below
    }

    /// A card link's card: its highest ancestor below `container` under which only its post `u` is linked
    /// (`postsBelow`). `tops` keeps, for each ancestor climbed through, where the climb from it ends (the post of an
    /// ancestor linking one post is that post): climbing from each of thousands of nested links to one post was links
    /// x depth (FINDINGS 73).
    static func cardRoot(of a: Node, post u: String, in container: Node, postsBelow: [Node: Set<String>],
                         tops: inout [Node: Node]) -> Node {
        var root = a
        var path: [Node] = []
        while let p = root.parent, p != container, let s = postsBelow[p], s.count == 1, s.first == u {
            if let top = tops[p] { root = top; break }
            path.append(p)
            root = p
        }
        for p in path { tops[p] = root }
        return root
    }

    private static let links = try! CSSSelector.compile("a[href]")
    private static let headings = try! CSSSelector.compile("h1, h2, h3, h4, h5, h6")
    /// Any class containing "title" (also what the card-title and "-title" forms reduce to).
    private static let titled = try! CSSSelector.compile("[class*='title']")
    private static let classed = try! CSSSelector.compile("[class]")
    private static let cardMeta = try! CSSSelector.compile("time, footer")
    private static let termLabels = try! CSSSelector.compile("dt")
    private static let images = try! CSSSelector.compile("img")

    /// Matches below `n` (not `n` itself), in document order.
    private func descendants(_ selector: Selector, of n: Node) -> [Node] {
        ((try? document.select(selector, from: n)) ?? []).filter { $0 != n }
    }

    /// The post URLs linked below `n`, counted up to `limit` (past which the set stops growing).
    private func postURLs(in n: Node, upTo limit: Int = 1) -> Set<String> {
        var out = Set<String>()
        let anchors = descendants(Self.links, of: n)
        for a in anchors {
            if let u = postKeys.postKey(a.attribute("href") ?? "", base: baseURL) { out.insert(u) }
            if out.count > limit { break }
        }
        return out
    }

    private func readCard(_ root: Node, url: String) -> RelatedLink? {
        let (title, titleNode) = cardTitle(root, url: url)
        guard !title.isEmpty else { return nil }
        return RelatedLink(title: title, url: url, summary: cardSummary(root, title: title, titleNode: titleNode),
                           image: cardImage(root))
    }

    /// A card's title, and the element it is read from: a heading, else a title-classed element, else the longest
    /// link text. Empty when the card has none (no card).
    private func cardTitle(_ root: Node, url: String) -> (title: String, node: Node?) {
        var titleNode: Node?
        var title = ""
        let headings = Self.withText((try? document.select(Self.headings, from: root)) ?? [], in: root)
        if let h = titleHeading(headings, in: root, url: url) {
            titleNode = h; title = TextNormalizer.normalizedText(of: h)
        } else if let t = Self.withText((try? document.select(Self.titled, from: root)) ?? [], in: root).first {
            titleNode = t; title = TextNormalizer.normalizedText(of: t)
        } else {
            let anchors = (try? document.select(Self.links, from: root)) ?? []
            var best: Node?
            var bestLen = 0
            for a in anchors {
                // The link's own text blocks, not a summary it wraps: the one its `title` attribute repeats (Butterfly's
                // card link wraps a date, the title and the summary), else the first that is not a date.
                let paras = BodyRenderer(excluded: [], baseURL: baseURL).render([a]).paragraphs
                let named = a.attribute("title").map { TextNormalizer.normalize($0) }
                let t = paras.first(where: { $0 == named }) ?? paras.first(where: { !Self.isDateLine($0) }) ?? ""
                if t.count > bestLen { best = a; bestLen = t.count; title = t }
            }
            _ = best // the link may wrap the summary too: keep it, the title is filtered by text
        }
        return (title, titleNode)
    }

    /// Whether `cardTitle(root, url:)` gives a title, asked without working out which: a heading with text makes one
    /// (the title is one of those headings), and only without such a heading is the title read.
    private func cardHasTitle(_ root: Node, url: String) -> Bool {
        let headings = (try? document.select(Self.headings, from: root)) ?? []
        if !Self.withText(headings, in: root).isEmpty { return true }
        return !cardTitle(root, url: url).title.isEmpty
    }

    /// Of a card's `headings` (with text, in document order): the one that links to the card's post, else the first
    /// that is not a category kicker of taxonomy links only (Hestia's `<h6 class="category"><a href="/category/…">`
    /// above `<h4 class="card-title">`), else the first; nil when there is none.
    private func titleHeading(_ headings: [Node], in root: Node, url: String) -> Node? {
        guard let first = headings.first else { return nil }
        if headings.count == 1 { return first } // each choice below falls back to it
        // A heading's links are the card's links below it: the card's links mark their ancestors once (searched
        // heading by heading, thousands of nested unclosed `<h2>`s were the card's links once per heading).
        let anchors = descendants(Self.links, of: root)
        let toPost = Self.ancestors(of: anchors.filter { postKeys.postKey($0.attribute("href") ?? "", base: baseURL) == url }, upTo: root)
        if let linking = headings.first(where: { toPost.contains($0) }) { return linking }
        let linked = Self.ancestors(of: anchors, upTo: root)
        let foreign = Self.ancestors(of: anchors.filter { !isTaxonomyLink($0) }, upTo: root)
        return headings.first { !(linked.contains($0) && !foreign.contains($0)) } ?? first
    }

    /// Whether link `a` goes to a taxonomy page (tag, category, author...).
    private func isTaxonomyLink(_ a: Node) -> Bool {
        Self.isTaxonomy(URLNormalizer.crawlKey(a.attribute("href") ?? "", base: baseURL) ?? "")
    }

    /// The elements of `nodes` (`root` or below it, in document order) whose text is not empty once normalized, in
    /// that order. Past one node, each text node below `root` is read at most once: nested elements (thousands of
    /// unclosed `<h2>`s in a card) each read whole were the rest of the card once per element (FINDINGS 96).
    /// Normalizing drops each character or not on its own, so the whole text is empty exactly when each of its
    /// text nodes is.
    static func withText(_ nodes: [Node], in root: Node) -> [Node] {
        if nodes.count < 2 { return nodes.filter { !TextNormalizer.normalizedText(of: $0).isEmpty } }
        let wanted = Set(nodes)
        var open: [Node] = []
        var marked = Set<Node>()
        root.walk(enter: { n in
            if n.isText, let inner = open.last, !marked.contains(inner), !TextNormalizer.normalize(n.ownText).isEmpty {
                // The elements around a marked one are marked: the climb stops at the first.
                for e in open.reversed() where !marked.insert(e).inserted { break }
            } else if wanted.contains(n) {
                open.append(n)
            }
            return true
        }, leave: { n in
            if open.last == n { open.removeLast() }
        })
        return nodes.filter { marked.contains($0) }
    }

    /// `nodes` and their ancestors up to `root` (included when one is below it): each element climbed through once.
    static func ancestors(of nodes: [Node], upTo root: Node) -> Set<Node> {
        var out = Set<Node>()
        for n in nodes {
            var cur: Node? = n
            while let c = cur, out.insert(c).inserted, c != root { cur = c.parent }
        }
        return out
    }

    /// A card's summary: a summary-classed element, else the first other text block that is not card metadata.
    private func cardSummary(_ root: Node, title: String, titleNode: Node?) -> String? {
        var summary: String?
        let hinted = (try? document.select(Self.classed, from: root)) ?? []
        for n in hinted {
            if Self.classMask(n, Self.summaryHintSet) != 0 {
                let t = TextNormalizer.normalizedText(of: n)
                if !t.isEmpty && t != title { summary = t; break }
            }
        }
        if summary == nil {
            var ex = Set<Node>()
            if let titleNode { ex.insert(titleNode) }
            for n in hinted where Self.classMask(n, Self.cardPartHints) == Self.metaHintBit { ex.insert(n) }
            for n in descendants(Self.cardMeta, of: root) {
                ex.insert(n)
                if let line = metaLine(around: n, in: root, title: titleNode) { ex.insert(line) }
            }
            // A card laid out as a definition list names its parts in `<dt>`s (Jetpack's Related Posts block: "Preview",
            // "Date", "Context" before the picture, date and category `<dd>`s): labels, never the summary.
            for n in descendants(Self.termLabels, of: root) { ex.insert(n) }
            let paras = BodyRenderer(excluded: ex, baseURL: baseURL).render([root]).paragraphs
            summary = paras.first(where: { $0 != title && !title.hasPrefix($0) && !Self.isDateLine($0) && !Self.isTitleLine($0, title: title) })
        }
        if let s = summary, s.isEmpty || rules.isPlaceholderSummary(s) { summary = nil }
        return summary
    }

    /// A card's picture: its first image that is no counter's icon, else a background picture.
    private func cardImage(_ root: Node) -> String? {
        if let img = descendants(Self.images, of: root).first(where: { !Self.isCounterIcon($0) }),
           let src = BodyRenderer.imageSource(img) {
            return URLNormalizer.normalize(src, base: baseURL)
        } else if let src = backgroundPicture(in: root) {
            return URLNormalizer.normalize(src, base: baseURL)
        }
        return nil
    }

    /// Whether a card's picture is the icon of a counter or date beside it: its parent's text holds digits and no
    /// letter (CSDN's `<span class="info-block read"><img class="read-img" src="readCountWhite.png">2346</span>`).
    static func isCounterIcon(_ img: Node) -> Bool {
        guard let p = img.parent, p.isElement, p.textByteCount(upTo: maxDateLineChars + 1) <= maxDateLineChars else { return false }
        let t = p.textContent
        return t.contains(where: { $0.isNumber }) && !t.contains(where: { $0.isLetter })
    }

    /// Whether a card's text block is its title with a short tail ("Title (2)", a comment count): no summary.
    static func isTitleLine(_ s: String, title: String) -> Bool {
        guard s.hasPrefix(title) else { return false }
        let rest = s.dropFirst(title.count).split(whereSeparator: { $0.isWhitespace })
        return rest.count <= maxMetaLineWords
    }

    /// Attributes lazy loaders (lozad, lazysizes' bgset aside) read a card's background picture from.
    static let backgroundAttributes = ["data-background", "data-bg", "data-background-image"]
    private static let backgrounds = try! CSSSelector.compile("[data-background], [data-bg], [data-background-image], [style*='background-image']")

    /// A card's picture given as a background, when it has no `<img>` (Ghost Liebling's `<div class="m-article-card__picture
    /// lozad" data-background="…">`): the first lazy-loading attribute or inline `background-image: url(…)`, not of an
    /// author's avatar (an element, or its parent, classed "author" or "avatar").
    private func backgroundPicture(in root: Node) -> String? {
        for n in descendants(Self.backgrounds, of: root) {
            let own = (n.attribute("class") ?? "").lowercased(), up = (n.parent?.attribute("class") ?? "").lowercased()
            if ClassHints.containsAny(own + " " + up, ["author", "avatar"]) { continue }
            for a in Self.backgroundAttributes {
                if let v = n.attribute(a)?.trimmedWhitespace, !v.isEmpty, !v.hasPrefix("data:") { return v }
            }
            if let style = n.attribute("style"), let url = Self.cssURL(style) { return url }
        }
        return nil
    }

    /// The URL of the first `url(…)` in an inline style, without quotes; nil for none or a `data:` URL.
    static func cssURL(_ style: String) -> String? {
        guard let open = style.range(of: "url(") else { return nil }
        let rest = style[open.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { return nil }
        let v = rest[..<close].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        return v.isEmpty || v.hasPrefix("data:") ? nil : v
    }

    /// Longest text (characters) read as a card's bare date line ("2023-11-05", "Posted March 3, 2024").
    static let maxDateLineChars = 32

    /// Whether a card's text block is only a date, not its title or summary.
    static func isDateLine(_ s: String) -> Bool {
        s.count <= maxDateLineChars && DateParser.parseMachine(s) != nil
    }

    /// Words a card's date line may hold besides its date ("· 4 mins", "by Ann Lee"): more is a summary that
    /// opens with a date.
    static let maxMetaLineWords = 4

    /// The block around a card's `<time>` when it is a date line: its other text no more than `maxMetaLineWords`
    /// words, such as Blowfish's "3 February 2024 · 4 mins" (the time excluded alone left "·4 mins" as summary).
    private func metaLine(around time: Node, in root: Node, title: Node?) -> Node? {
        var cur = time.parent
        while let c = cur, c != root, c.isElement, !BodyRenderer.blocks.contains(c.name) { cur = c.parent }
        guard let line = cur, line != root, line.isElement, BodyRenderer.blocks.contains(line.name) else { return nil }
        if let title, title == line || Exclusion.isAncestor(line, of: title) { return nil }
        let all = TextNormalizer.normalize(line.textContent)
        let date = TextNormalizer.normalize(time.textContent)
        let rest = date.isEmpty ? all : all.replacingOccurrences(of: date, with: " ")
        let words = rest.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        return words.count <= Self.maxMetaLineWords ? line : nil
    }

    /// A card chosen by the site rule's selectors (each optional, falling back to the heuristics).
    private func card(_ item: Node, rule: RelatedRule) -> RelatedLink? {
        func first(_ sel: RuleSelector?) -> Node? {
            guard let sel else { return nil }
            return (try? document.first(sel.selector, from: item)) ?? nil
        }
        var url: String?
        if let u = first(rule.url) {
            url = URLNormalizer.crawlKey(u.attribute("href") ?? (u.textContent), base: baseURL)
        } else if let a = (try? document.first(Self.links, from: item)) ?? nil {
            url = URLNormalizer.crawlKey(a.attribute("href") ?? "", base: baseURL)
        }
        guard let url else { return nil }
        // The heuristic reading of the card (`readCard`), only for the fields the rule does not find (a rule that
        // names them all never needs it), each field read only when asked: a card without the heuristic title has
        // none of the heuristic fields.
        var heuristicTitle: (title: String, node: Node?)?
        func fallbackTitle() -> (title: String, node: Node?)? {
            let h = heuristicTitle ?? cardTitle(item, url: url)
            heuristicTitle = h
            return h.title.isEmpty ? nil : h
        }
        let title = first(rule.title).map { TextNormalizer.normalizedText(of: $0) } ?? fallbackTitle()?.title ?? ""
        guard !title.isEmpty else { return nil }
        var summary = rule.summary != nil ? first(rule.summary).map { TextNormalizer.normalizedText(of: $0) }
            : fallbackTitle().flatMap { cardSummary(item, title: $0.title, titleNode: $0.node) }
        if let s = summary, s.isEmpty || rules.isPlaceholderSummary(s) { summary = nil }
        let image: String?
        if let i = first(rule.image) {
            let src = i.isElement ? (BodyRenderer.imageSource(i) ?? i.attribute("href")) : i.ownText
            image = src.flatMap { URLNormalizer.normalize($0, base: baseURL) }
        } else {
            let hasTitle = heuristicTitle.map { !$0.title.isEmpty } ?? cardHasTitle(item, url: url)
            image = hasTitle ? cardImage(item) : nil
        }
        return RelatedLink(title: title, url: url, summary: summary, image: image)
    }
}
