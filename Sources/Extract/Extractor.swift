import Foundation
import HTML

/// Turns the bytes of one page into its page record: rules first, then metadata, then heuristics.
///
/// Parses the page once; never crashes on broken input. Thread-safe: one `Extractor` may serve many threads,
/// each call works on its own document.
public struct Extractor: Sendable {
    public let rules: Rules

    public init(rules: Rules) { self.rules = rules }

    /// Extracts the record and discovery data of one page.
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func extract(_ input: ExtractionInput) throws(ExtractError) -> ExtractedPage {
        let run = try extraction(input)
        return run.discovery(run.record(site: run.site()))
    }

    /// As `extract(_:)`, except for a page its URL alone makes a listing: the site rule's listing patterns
    /// (when its post patterns do not match), or a calendar archive path such as `/2024/05/`, which is what
    /// `extract` classifies before reading any markup. Such a page gives only its links (`listingLinks`), and
    /// none of its record is worked out; any other page gives what `extract` gives.
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func extractUnlessListing(_ input: ExtractionInput) throws(ExtractError) -> PageReading {
        let run = try extraction(input)
        let site = run.site()
        if PageClassifier.kindByURL(path: URLPath.pathAndQuery(run.pageURL), crawl: site?.crawl) == .listing {
            return .listing(run.links())
        }
        return .page(run.discovery(run.record(site: site)))
    }

    /// Extracts only the page record (what `lookback extract` prints): the same record as `extract(_:).record`,
    /// without the crawler's discovery lists (every link normalized, next pages, identifiers, page kind).
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func record(_ input: ExtractionInput) throws(ExtractError) -> PageRecord {
        let run = try extraction(input)
        return run.record(site: run.site()).record
    }

    /// Only the URLs a page leads to, for a page the caller already knows to be a listing (a site rule's
    /// URL pattern says so): the same `links`, `feedLinks` and `nextPageLinks` as `extract(_:)`, without the
    /// record, the page kind or the identifiers, so no title, body, date, author, tag or card is looked for.
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func listingLinks(_ input: ExtractionInput) throws(ExtractError) -> PageLinks {
        try extraction(input).links()
    }

    private func extraction(_ input: ExtractionInput) throws(ExtractError) -> PageExtraction {
        try InputSniffer.check(input.bytes)
        let doc: HTMLDocument
        do { doc = try HTMLDocument(bytes: input.bytes, url: input.url, contentType: input.contentType) } catch {
            throw .empty
        }
        guard doc.root != nil else { throw .empty }
        return PageExtraction(doc: doc, input: input, rules: rules)
    }
}

/// Rejects input that is not HTML before parsing.
enum InputSniffer {
    /// How many leading bytes are inspected.
    static let window = 4096

    static func check(_ bytes: [UInt8]) throws(ExtractError) {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        if i == bytes.count { throw .empty }
        if bytes.count >= 5 && bytes[0] == 0x25 && bytes[1] == 0x50 && bytes[2] == 0x44 && bytes[3] == 0x46 && bytes[4] == 0x2D {
            throw .pdf
        }
        // UTF-16 pages start with a BOM; anything else with NUL bytes or many control bytes is binary.
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) { return }
        let n = min(bytes.count, window)
        var controls = 0
        for j in 0..<n {
            let b = bytes[j]
            if b == 0 { throw .binary }
            if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) { controls += 1 }
        }
        if controls * 10 > n { throw .binary }
    }
}

/// One extraction run over a parsed document.
struct PageExtraction {
    let doc: HTMLDocument
    let input: ExtractionInput
    let rules: Rules

    /// The record, and what `discovery` reads besides it.
    struct Found {
        var record: PageRecord
        var metadata: PageMetadata
        var pageURL: String
        var base: String
        var site: SiteRule?
        var objects: [[String: Any]]
        var article: [String: Any]?
        var hasTitle: Bool
        var published: DateField?
        var wordCount: Int
        var preExcluded: Set<Node>
        /// The chosen content and what inside it is not content (for the link-list shape of listings).
        var contentRoots: [Node]
        var contentExcluded: Set<Node>
    }

    /// The page's URL, normalized: the record's `url`.
    var pageURL: String { URLNormalizer.normalize(input.url) ?? input.url }

    /// The site rule the page matches, if any.
    func site() -> SiteRule? { rules.site(for: pageURL, document: doc) }

    /// - Parameter site: `site()`.
    func record(site: SiteRule?) -> Found {
        let pageURL = self.pageURL
        let m = PageMetadata.collect(doc)
        let base = m.baseHref.flatMap { URLNormalizer.normalize($0, base: pageURL) } ?? pageURL
        let objects = JSONLD.objects(m.jsonLD)
        let article = objects.first(where: JSONLD.isArticle)

        let canonical = m.canonical.flatMap { URLNormalizer.normalize($0, base: base) }
            ?? m.first("og:url").flatMap { URLNormalizer.normalize($0, base: base) }
            ?? pageURL
        let siteName = findSiteName(m, article: article, objects: objects)

        // Title
        let headingTexts = (m.h1s + m.h2s).map(TitleFinder.headingText)
        let h1Texts = Array(headingTexts.prefix(m.h1s.count))
        var title: String?
        if let sel = site?.title, let n = (try? doc.first(sel.selector)) ?? nil {
            let t = TitleFinder.headingText(n)
            if !t.isEmpty { title = t }
        }
        var tagTitle: String?
        if let raw = m.titleTag, !TextNormalizer.normalize(raw).isEmpty {
            let name = siteName ?? TitleFinder.homeLinkName(m.anchors, pageURL: pageURL, base: base)
            var titleTexts: Set<String>? // read once, and only when a short cut part needs it
            let shownAsTitle: (String) -> Bool = { part in
                if part == name { return false }
                if headingTexts.contains(part) { return true }
                let texts = titleTexts ?? {
                    let nodes = (try? doc.select(css: TitleFinder.titleElements)) ?? []
                    return Set(nodes.filter(\.isElement).map(TitleFinder.headingText))
                }()
                titleTexts = texts
                return texts.contains(part)
            }
            tagTitle = TitleFinder.cutHostName(
                TitleFinder.cutSiteName(TitleFinder.fromTitleTag(raw, headings: headingTexts, h1s: h1Texts, shownAsTitle: shownAsTitle),
                                        siteName: name),
                pageURL: pageURL)
        }
        if title == nil {
            title = TitleFinder.fromMetadata(m, article: article, tagTitle: tagTitle, h1s: h1Texts)
        }
        // Readability's word counts cannot judge unspaced scripts (Japanese, Chinese): match a heading instead.
        // (A short Latin part keeps the whole title, as Readability does: "Mozilla - Wikipedia".)
        if let t = tagTitle, !t.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.isASCII }) {
            tagTitle = TitleFinder.headingPart(of: t, headings: headingTexts)
        }
        if title == nil { title = tagTitle }
        if title == nil, let h = m.h1s.map({ TextNormalizer.normalize($0.textContent) }).first(where: { !$0.isEmpty }) { title = h }

        // Related cards, then what is never content.
        // Cards are compared by crawl key: a session id in a card's link never makes it another post.
        let selfURLs = Set([pageURL, canonical].flatMap { [$0, URLNormalizer.crawlKey($0) ?? $0] })
        let related = RelatedFinder(document: doc, body: m.body, baseURL: base, selfURLs: selfURLs, rules: rules,
                                    candidates: m.relatedCandidates)
            .find(rule: site?.related)
        var preExcluded = Set(related.containers)
        for sel in site?.remove ?? [] {
            for n in (try? doc.select(sel.selector, from: nil)) ?? [] where n.isElement { preExcluded.insert(n) }
        }

        // Body
        let titles = TitleTokens([title, tagTitle].compactMap { $0 }, headings: headingTexts)
        var roots: [Node] = []
        var excluded = preExcluded
        var byline: String?
        if let sel = site?.body, let found = try? doc.select(sel.selector, from: nil),
           found.contains(where: { $0.isElement && !Exclusion.isInside($0, preExcluded) }) {
            roots = outermost(found.filter { $0.isElement && !Exclusion.isInside($0, preExcluded) })
            excluded.formUnion(BoilerplateMarker.mark(roots: roots, titles: titles, preExcluded: preExcluded))
        } else if let body = m.body ?? doc.root {
            let sel = ContentFinder(body: body, preExcluded: preExcluded, titles: titles, elements: m.elements).find()
            roots = sel.roots; excluded = sel.excluded; byline = sel.byline
            if byline == nil, let line = AuthorFinder.leadingByline(roots: roots, excluded: excluded) {
                excluded.insert(line.node); byline = line.text
            }
            if let line = AuthorFinder.firstLine(roots: roots, excluded: excluded),
               DateFinder.isLeadingDateLine(line, reference: input.serverDate ?? input.fetchedAt) {
                excluded.insert(line)
            }
        }
        let rendered = BodyRenderer(excluded: excluded, baseURL: base).render(roots)
        let wordCount = TextNormalizer.wordCount(rendered.text)

        let isExcluded: (Node) -> Bool = { n in Exclusion.isInside(n, preExcluded) }
        let lang = findLanguage(m, article: article)
        let dates = DateFinder(metadata: m, article: article, document: doc, excluded: preExcluded, contentRoots: roots,
                               url: pageURL, reference: input.serverDate ?? input.fetchedAt, fetchedAt: input.fetchedAt,
                               languageHint: lang,
                               pageObject: objects.first { JSONLD.types($0).contains { DateFinder.pageTypes.contains(JSONLD.stripSchema($0)) } },
                               cambrianObject: objects.first(where: DateFinder.isCambrian), selfURLs: selfURLs, baseURL: base)
        let published = dates.published(rule: site?.published)
        let modified = dates.modified(rule: site?.modified)
        let authors = AuthorFinder.withoutSiteName(
            AuthorFinder.find(rule: site?.authors, document: doc, metadata: m, article: article,
                              graph: objects, byline: byline, isExcluded: isExcluded),
            siteName: siteName)
        let tags = TagFinder.find(rule: site?.tags, document: doc, metadata: m, article: article, isExcluded: isExcluded)

        let description = (m.first("description", "og:description", "twitter:description", "dc.description")
                           ?? article.flatMap { JSONLD.string($0["description"]) })
            .map(TextNormalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }

        var record = PageRecord(
            url: pageURL, canonicalURL: canonical, fetchedAt: ISOTime.utc(input.fetchedAt), status: input.status,
            title: title, authors: authors, published: published, modified: modified,
            body: Body(text: rendered.text, html: rendered.html, wordCount: wordCount),
            related: related.cards, tags: tags, language: lang, siteName: siteName, description: description)
        record.updateContentHash()
        return Found(record: record, metadata: m, pageURL: pageURL, base: base, site: site, objects: objects,
                     article: article, hasTitle: title != nil, published: published, wordCount: wordCount,
                     preExcluded: preExcluded, contentRoots: roots, contentExcluded: excluded)
    }

    /// The page's links alone: the metadata walk `record()` starts with, and the link lists `discovery` makes.
    func links() -> PageLinks {
        let pageURL = self.pageURL
        let m = PageMetadata.collect(doc)
        let base = m.baseHref.flatMap { URLNormalizer.normalize($0, base: pageURL) } ?? pageURL
        let finder = LinkFinder(metadata: m, baseURL: base)
        return PageLinks(url: pageURL, links: finder.links(), feedLinks: finder.feeds(), nextPageLinks: finder.nextPages())
    }

    /// The record plus the crawler's discovery data: links, feeds, next pages, identifiers, page kind.
    func discovery(_ f: Found) -> ExtractedPage {
        let m = f.metadata
        let links = LinkFinder(metadata: m, baseURL: f.base)
        let cards = m.articles.filter {
            !Exclusion.isInside($0, f.preExcluded) && !nested($0, in: m.articles) && !Exclusion.inComments($0)
        }
        let articleCount = holdsTheStory(cards, f) ? 1 : cards.count
        let kind = PageClassifier.classify(
            url: f.pageURL, path: URLPath.pathAndQuery(f.pageURL), crawl: f.site?.crawl, metadata: m,
            jsonObjects: f.objects, hasArticleObject: f.article != nil, articleCount: articleCount,
            hasTitle: f.hasTitle, published: f.published, wordCount: f.wordCount,
            links: PageClassifier.linkShape(roots: f.contentRoots, excluded: f.contentExcluded,
                                           siteHost: RulesHost.host(of: f.pageURL)))
        return ExtractedPage(record: f.record, kind: kind, links: links.links(), feedLinks: links.feeds(),
                             nextPageLinks: links.nextPages(),
                             identifiers: links.identifiers(canonical: m.canonical.flatMap { URLNormalizer.normalize($0, base: f.base) },
                                                            article: f.article))
    }

    /// Whether one `<article>` holds the extracted content and outweighs every other one: a post whose
    /// page ends with "more stories" teasers marked up as articles, not a list of posts.
    private func holdsTheStory(_ cards: [Node], _ f: Found) -> Bool {
        guard cards.count >= PageClassifier.listingArticleCount, f.wordCount >= PageClassifier.storyMinWords,
              let story = cards.first(where: { card in f.contentRoots.contains { isWithin($0, card) } }) else {
            return false
        }
        let largestOther = cards.lazy.filter { $0 != story }.map { TextNormalizer.wordCount($0.textContent) }.max() ?? 0
        return f.wordCount >= PageClassifier.storyOverCardsRatio * largestOther
    }

    private func isWithin(_ n: Node, _ ancestor: Node) -> Bool {
        var cur: Node? = n
        while let c = cur {
            if c == ancestor { return true }
            cur = c.parent
        }
        return false
    }

    private func nested(_ n: Node, in list: [Node]) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 500 {
            if c.name == "article" && list.contains(c) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    private func outermost(_ nodes: [Node]) -> [Node] {
        let set = Set(nodes)
        return nodes.filter { n in
            var cur = n.parent
            var depth = 0
            while let c = cur, depth < 10_000 { if set.contains(c) { return false }; cur = c.parent; depth += 1 }
            return true
        }
    }

    private func findSiteName(_ m: PageMetadata, article: [String: Any]?, objects: [[String: Any]]) -> String? {
        var raw = m.first("og:site_name", "application-name", "twitter:site:name")
        if raw == nil, let a = article, let p = a["publisher"] as? [String: Any] { raw = JSONLD.string(p["name"]) }
        if raw == nil, let w = objects.first(where: { JSONLD.types($0).contains("website") }) { raw = JSONLD.string(w["name"]) }
        let t = raw.map(TextNormalizer.normalize)
        return t?.isEmpty == false ? t : nil
    }

    private func findLanguage(_ m: PageMetadata, article: [String: Any]?) -> String? {
        let candidates = [m.lang, m.first("content-language", "dc.language", "language", "og:locale"),
                          article.flatMap { JSONLD.string($0["inLanguage"]) }]
        for c in candidates {
            guard var t = c?.trimmedWhitespace, !t.isEmpty else { continue }
            t = t.replacingOccurrences(of: "_", with: "-").lowercased()
            if let comma = t.firstIndex(of: ",") { t = String(t[..<comma]) }
            let ok = t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if ok && t.count <= 35 && t.first?.isLetter == true { return t }
        }
        return nil
    }
}

/// Subtree membership by climbing parents.
enum Exclusion {
    /// Whether a node lies in a comment thread (an ancestor's class or id mentions "comment").
    static func inComments(_ n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000 {
            let s = ((c.attribute("class") ?? "") + " " + (c.attribute("id") ?? "")).lowercased()
            if ByteSearch.contains(s, "comment") && !ByteSearch.contains(s, "comments-link") && !ByteSearch.contains(s, "comment-count") { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Whether `a` is a proper ancestor of `n`.
    static func isAncestor(_ a: Node, of n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000 { if c == a { return true }; cur = c.parent; depth += 1 }
        return false
    }

    /// Whether a proper ancestor of `n` is a `name` element.
    static func hasAncestor(_ n: Node, named name: String) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000 { if c.name == name { return true }; cur = c.parent; depth += 1 }
        return false
    }

    static func isInside(_ n: Node, _ set: Set<Node>) -> Bool {
        if set.isEmpty { return false }
        var cur: Node? = n
        var depth = 0
        while let c = cur, depth < 10_000 {
            if set.contains(c) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }
}

/// Marks boilerplate inside content chosen by a site rule: scripts and hidden parts, share buttons,
/// comments, newsletter boxes, related cards, short page controls and print-only copies, ad labels, and the
/// heading that repeats the title (the drops `FlatTree` makes in heuristic content, for a rule's own content).
enum BoilerplateMarker {
    static let hints = ["share", "sharedaddy", "jp-relatedposts", "comment", "newsletter", "subscribe", "related",
                        "social", "advert", "promo", "sponsor", "author-box", "post-nav", "pagination"]

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
                let cs = ((n.attribute("class") ?? "") + " " + (n.attribute("id") ?? "")).lowercased()
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
                if !titleDropped, name == "h1" || name == "h2", titleTokens.repeated(by: n, section: name == "h2") {
                    titleDropped = true; out.insert(n); return false
                }
                return true
            }
        }
        return out
    }
}

/// The path (plus query) of an absolute URL, for rule patterns.
enum URLPath {
    static func pathAndQuery(_ url: String) -> String {
        guard let r = url.range(of: "://") else { return url }
        let rest = url[r.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
