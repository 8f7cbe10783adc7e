import Foundation
import HTML

/// One extraction run over a parsed document.
struct PageExtraction {
    let doc: HTMLDocument
    let input: ExtractionInput
    let rules: Rules

    /// What the page classifier reads of a page (`kind`), and what its record is finished from (`finish`):
    /// a listing needs nothing after `published`.
    struct Reading {
        var metadata: PageMetadata
        var pageURL: String
        var base: String
        var site: SiteRule?
        var objects: [JSONValue.Object]
        var article: JSONValue.Object?
        var siteName: String?
        var title: String?
        var related: [RelatedLink]
        var preExcluded: Set<Node>
        /// The chosen content and what inside it is not content (for the link-list shape of listings).
        var contentRoots: [Node]
        var contentExcluded: Set<Node>
        var byline: String?
        var language: String?
        var dateFinder: DateFinder
        /// The content rendered, and what is read from its text, worked out when first asked: the classifier
        /// calls most listings so by their `<article>` cards, before it needs a word count (FINDINGS 100).
        let text: Deferred<Text>
        /// `dateFinder.published`, worked out when first asked (as `text`); `finish` asks before `modified`.
        let publishedDate: Deferred<DateField?>
        var rendered: BodyRenderer.Output { text.value.rendered }
        var wordCount: Int { text.value.wordCount }
        /// Read after the body: an untranslated copy names its original by the body's language.
        var canonical: String { text.value.canonical }
        var published: DateField? { publishedDate.value }
        var hasTitle: Bool { title != nil }
    }

    /// What `Reading.text` works out: the content rendered, its words, and the canonical URL.
    struct Text {
        var rendered: BodyRenderer.Output
        var wordCount: Int
        var canonical: String
    }

    /// The record, and what `discovery` reads besides it.
    struct Found {
        var reading: Reading
        var record: PageRecord
    }

    /// The page's URL, normalized: the record's `url`.
    var pageURL: String { URLNormalizer.normalize(input.url) ?? input.url }

    /// The site rule the page matches, if any.
    func site() -> SiteRule? { rules.site(for: pageURL, document: doc) }

    /// - Parameter site: `site()`.
    func record(site: SiteRule?, contentHash: Bool = true) -> Found {
        finish(read(site: site), contentHash: contentHash)
    }

    /// Everything up to the publication date: what `kind` needs.
    /// - Parameter site: `site()`.
    /// The page this one copies in its own language: the `hreflang` alternate in the page's `lang` that
    /// `og:url` names too, when that is another page and the canonical link (if any) names this one. jekyll-polyglot shows an untranslated post under each
    /// other language's folder (`/de/posts/x/`, `lang="en"`) with its canonical link rewritten to the copy but
    /// og:url and the English alternate naming the post. Both must agree: some plugins print every
    /// language's front page as the alternates of every page. A translation (its `lang` another) is its own post.
    static func sameLanguageOriginal(_ m: PageMetadata, base: String, pageURL: String) -> String? {
        guard let lang = m.lang?.lowercased(), !m.languageVersions.isEmpty,
              let og = m.first("og:url").flatMap({ URLNormalizer.normalize($0, base: base) }),
              DateFinder.comparable(og) != DateFinder.comparable(pageURL) else { return nil }
        // Only against a canonical link naming this page (or none): one naming a third page (a syndicated
        // story's original) is the page's own word.
        let own = m.canonical.flatMap { URLNormalizer.normalize($0, base: base) }
        guard own.map({ DateFinder.comparable($0) == DateFinder.comparable(pageURL) }) ?? true else { return nil }
        let named = m.languageVersions.contains { v in
            v.language == lang && URLNormalizer.normalize(v.href, base: base).map { DateFinder.comparable($0) == DateFinder.comparable(og) } == true
        }
        return named ? og : nil
    }

    /// The post this page copies untranslated: the `hreflang` alternate in whose language the body is written
    /// (`TextLanguage.reads`) when the page's `lang` is another. Nikola shows each untranslated post under the other
    /// languages' folders (SHOW_UNTRANSLATED_POSTS, its default): `/de/posts/x/` holds the English post under
    /// `lang="de"`, its canonical link and og:url naming the copy, its English alternate the post. Asked only when
    /// the page names itself canonical: a real translation is in its own `lang`. The alternate must be this page's
    /// path without its language folder (`isInLanguageFolder`): a site whose template says `lang="en"` on every page
    /// may name its front pages as the alternates of every page.
    static func untranslatedOriginal(_ m: PageMetadata, base: String, pageURL: String, text: String) -> String? {
        guard !m.languageVersions.isEmpty, let lang = m.lang else { return nil }
        guard let own = TextLanguage.primary(lang), TextLanguage.knows(own) else { return nil }
        var counts: TextLanguage.Counts?  // the text is read once, and only for an alternate this page may copy
        for v in m.languageVersions {
            guard let language = TextLanguage.primary(v.language), language != own, TextLanguage.knows(language), let original = URLNormalizer.normalize(v.href, base: base),
                  isInLanguageFolder(pageURL, of: original) else { continue }
            let c = counts ?? TextLanguage.counts(text)
            counts = c
            if TextLanguage.reads(c, as: language, ratherThan: own) { return original }
        }
        return nil
    }

    /// Longest language folder (`/de/`, `/pt-br/`, `/zh-hant/`): a language tag's primary and region subtags.
    static let maxLanguageFolder = 7

    /// Whether `page` is `original` under one more leading folder that may name a language (letters and hyphens, at
    /// most `maxLanguageFolder`), on the same host: `/de/posts/x/` of `/posts/x/`; not the front page.
    static func isInLanguageFolder(_ page: String, of original: String) -> Bool {
        guard RulesHost.host(of: page) == RulesHost.host(of: original) else { return false }
        let p = URLPath.pathAndQuery(page), o = URLPath.pathAndQuery(original)
        guard o != "/", p.count > o.count, p.hasSuffix(o) else { return false }
        let folder = p.dropLast(o.count).dropFirst()
        return p.first == "/" && (2...maxLanguageFolder).contains(folder.count)
            && folder.allSatisfy { $0.isLetter || $0 == "-" || $0 == "_" }
    }

    func read(site: SiteRule?) -> Reading {
        let pageURL = self.pageURL
        let m = PageMetadata.collect(doc)
        let base = m.baseHref.flatMap { URLNormalizer.normalize($0, base: pageURL) } ?? pageURL
        let objects = JSONLD.objects(m.jsonLD)

        let canonical = Self.sameLanguageOriginal(m, base: base, pageURL: pageURL)
            ?? m.canonical.flatMap { URLNormalizer.normalize($0, base: base) }
            ?? m.first("og:url").flatMap { URLNormalizer.normalize($0, base: base) }
            ?? pageURL
        var article = objects.first(where: JSONLD.isArticle)
        var blog: JSONValue.Object?
        if article == nil, let found = JSONLD.postInBlog(objects, isPage: { id in
            guard let u = URLNormalizer.normalize(id, base: base) else { return false }
            return u == canonical || u == pageURL
        }) {
            (article, blog) = (found.post, found.blog)
        }
        var siteName = findSiteName(m, article: article, objects: objects, blog: blog)

        // Title
        let headingTexts = TitleFinder.headingTexts(m.h1s + m.h2s)
        let h1Texts = Array(headingTexts.prefix(m.h1s.count))
        var title: String?
        if let sel = site?.title, let n = (try? doc.first(sel.selector)) ?? nil {
            let t = TitleFinder.headingText(n)
            if !t.isEmpty { title = t }
        }
        var tagTitle: String?
        if let raw = m.titleTag, case let whole = TextNormalizer.normalize(raw), !whole.isEmpty {
            let homeName = siteName == nil ? TitleFinder.homeLinkName(m.anchors, pageURL: pageURL, base: base) : nil
            let name = siteName ?? homeName
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
            let fromTag = TitleFinder.fromTitleTag(raw, headings: headingTexts, h1s: h1Texts, shownAsTitle: shownAsTitle)
            let cut = TitleFinder.cutSiteName(fromTag, siteName: name)
            // With no metadata naming the site, the home link's text that the <title> also carries as its separated
            // part ("Broad beans in the rain – Plot 14"), or a feed's title opens with ("Plot 14 - Atom", "Plot 14 »
            // Feed"), is the site's name: two places of the page agree.
            if let homeName, TitleFinder.cutSiteName(whole, siteName: homeName) != whole
                || m.feedTitles.contains(where: { TitleFinder.feedTitle($0, isOf: homeName) }) {
                siteName = homeName
            }
            tagTitle = TitleFinder.withoutBracketedLabel(TitleFinder.cutHostName(cut, pageURL: pageURL), h1s: h1Texts)
        }
        if title == nil {
            title = TitleFinder.fromMetadata(m, article: article, tagTitle: tagTitle, h1s: h1Texts, siteName: siteName)
        }
        // Readability's word counts cannot judge unspaced scripts (Japanese, Chinese): match a heading instead.
        // (A short Latin part keeps the whole title, as Readability does: "Mozilla - Wikipedia".)
        if let t = tagTitle, TitleFinder.isUnspaced(t) {
            tagTitle = TitleFinder.headingPart(of: t, headings: headingTexts)
        }
        if title == nil { title = tagTitle }
        if title == nil, let h = m.h1s.lazy.map({ TextNormalizer.normalize($0.textContent) }).first(where: { !$0.isEmpty }) { title = h }

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
            excluded.formUnion(BoilerplateMarker.mark(roots: roots, titles: titles, preExcluded: preExcluded,
                                                          elements: m.elements))
        } else if let body = m.body ?? doc.root {
            let sel = ContentFinder(body: body, preExcluded: preExcluded, titles: titles, elements: m.elements,
                                    headings: m.h1s + m.h2s).find()
            roots = sel.roots; excluded = sel.excluded; byline = sel.byline
            if byline == nil, let line = AuthorFinder.leadingByline(roots: roots, excluded: excluded) {
                excluded.insert(line.node); byline = line.text
            }
            // Only a second copy: another `<h1>`/`<h2>` of the page shows the title too (Readability keeps a lone one).
            if let title, case let lower = title.fastLowercased,
               headingTexts.lazy.filter({ $0.fastLowercased == lower }).count >= 2,
               let copy = TitleFinder.leadingTitleCopy(roots: roots, excluded: excluded, title: title) {
                excluded.insert(copy)
            }
            // An `<address>` names the post's author (HTML's meaning): a short one opening the content is its byline
            // (Telegraph's editor repeats the title and `<address>NAME</address>` at the top of the article).
            if let line = AuthorFinder.firstLine(roots: roots, excluded: excluded), line.hasName("address"),
               AuthorFinder.hasAtMostWords(TextNormalizer.normalize(line.textContent), AuthorFinder.maxAddressWords) {
                excluded.insert(line)
            }
            if let line = AuthorFinder.firstLine(roots: roots, excluded: excluded) {
                let reference = input.serverDate ?? input.fetchedAt
                if DateFinder.isLeadingDateLine(line, reference: reference) {
                    excluded.insert(line)
                } else if let row = DateFinder.leadingDateTerm(line, reference: reference) {
                    excluded.formUnion(row)
                }
            }
        }
        let text = Deferred { [roots, excluded] in
            let rendered = BodyRenderer(excluded: excluded, baseURL: base).render(roots)
            var named = canonical
            if DateFinder.comparable(canonical) == DateFinder.comparable(pageURL),
               let original = Self.untranslatedOriginal(m, base: base, pageURL: pageURL, text: rendered.text) {
                named = original
            }
            return Text(rendered: rendered, wordCount: TextNormalizer.wordCount(rendered.text), canonical: named)
        }

        let lang = findLanguage(m, article: article)
        let dateFinder = DateFinder(metadata: m, article: article, document: doc, excluded: preExcluded, contentRoots: roots,
                               url: pageURL, reference: input.serverDate ?? input.fetchedAt, fetchedAt: input.fetchedAt,
                               languageHint: lang,
                               pageObject: objects.first { JSONLD.types($0).contains { DateFinder.pageTypes.contains(JSONLD.stripSchema($0)) } },
                               cambrianObject: objects.first(where: DateFinder.isCambrian),
                               workObject: objects.first { JSONLD.types($0).contains { DateFinder.workTypes.contains(JSONLD.stripSchema($0)) } },
                               selfURLs: selfURLs, baseURL: base)
        let publishedRule = site?.published
        return Reading(metadata: m, pageURL: pageURL, base: base, site: site, objects: objects, article: article,
                       siteName: siteName, title: title, related: related.cards,
                       preExcluded: preExcluded, contentRoots: roots, contentExcluded: excluded, byline: byline,
                       language: lang, dateFinder: dateFinder, text: text,
                       publishedDate: Deferred { dateFinder.published(rule: publishedRule) })
    }

    /// The record of a page `read` has read: what only a post needs. With `contentHash` false the record's
    /// `contentHash` is left empty.
    /// `r` is consumed: `Found` takes it over (a copy retained each of its fields, FINDINGS 90).
    func finish(_ r: consuming Reading, contentHash: Bool = true) -> Found {
        let m = r.metadata, site = r.site, preExcluded = r.preExcluded
        // Before `modified`, which reads the edit date the published date's scan of the text kept.
        let published = r.published
        let modified = r.dateFinder.modified(rule: site?.modified)
        let isExcluded: (Node) -> Bool = { n in Exclusion.isInside(n, preExcluded) }
        let authors = AuthorFinder.withoutSiteName(
            AuthorFinder.find(rule: site?.authors, document: doc, metadata: m, article: r.article,
                              graph: r.objects, byline: r.byline, isExcluded: isExcluded),
            siteName: r.siteName)
        let tags = TagFinder.find(rule: site?.tags, document: doc, metadata: m, article: r.article, isExcluded: isExcluded)

        let description = (m.first("description", "og:description", "twitter:description", "dc.description")
                           ?? r.article.flatMap { JSONLD.string($0["description"]) })
            .map(TextNormalizer.normalize).flatMap { $0.isEmpty ? nil : $0 }

        var record = PageRecord(
            url: r.pageURL, canonicalURL: r.canonical, fetchedAt: ISOTime.utc(input.fetchedAt), status: input.status,
            title: r.title, authors: authors, published: published, modified: modified,
            body: Body(text: r.rendered.text, html: r.rendered.html, wordCount: r.wordCount),
            related: r.related, tags: tags, language: r.language, siteName: r.siteName, description: description)
        if contentHash { record.updateContentHash() }
        return Found(reading: r, record: record)
    }

    /// The page's links alone: the metadata walk `read()` starts with, and the link lists `discovery` makes.
    func links() -> PageLinks {
        let pageURL = self.pageURL
        let m = PageMetadata.collect(doc)
        let base = m.baseHref.flatMap { URLNormalizer.normalize($0, base: pageURL) } ?? pageURL
        return links(metadata: m, pageURL: pageURL, base: base)
    }

    /// The link lists of a page `read` has read (the same as `links()`, without walking the page again).
    func links(_ r: Reading) -> PageLinks { links(metadata: r.metadata, pageURL: r.pageURL, base: r.base) }

    private func links(metadata m: PageMetadata, pageURL: String, base: String) -> PageLinks {
        let finder = LinkFinder(metadata: m, baseURL: base)
        return PageLinks(url: pageURL, links: finder.links(), feedLinks: finder.feeds(), nextPageLinks: finder.nextPages(),
                         sitemapLinks: finder.sitemaps(), translationLinks: finder.translations(), refreshLinks: finder.refreshes())
    }

    /// The page's kind (`PageClassifier.classify`).
    /// `staticPage`: whether the site rule's `static_page` markup is on the page, when the caller already asked.
    func kind(_ r: Reading, staticPage known: Bool? = nil) -> PageKind {
        let m = r.metadata
        let cards = m.articles.filter {
            !Exclusion.isInside($0, r.preExcluded) && !nested($0, in: m.articles) && !Exclusion.inComments($0)
        }
        let articleCount = holdsTheStory(cards, r) ? 1 : cards.count
        return PageClassifier.classify(
            url: r.pageURL, path: URLPath.pathAndQuery(r.pageURL), crawl: r.site?.crawl,
            staticPage: known ?? r.site?.crawl?.marksStaticPage(doc) ?? false, metadata: m,
            jsonObjects: r.objects, hasArticleObject: r.article != nil, articleCount: articleCount,
            hasTitle: r.hasTitle, published: r.published, wordCount: r.wordCount,
            links: PageClassifier.linkShape(roots: r.contentRoots, excluded: r.contentExcluded,
                                           siteHost: RulesHost.host(of: r.pageURL)))
    }

    /// The record plus the crawler's discovery data: links, feeds, next pages, identifiers; `kind` is `kind(f.reading)`.
    func discovery(_ f: borrowing Found, kind: PageKind) -> ExtractedPage {
        let links = LinkFinder(metadata: f.reading.metadata, baseURL: f.reading.base)
        let base = f.reading.base
        return ExtractedPage(record: f.record, kind: kind, links: links.links(), feedLinks: links.feeds(),
                             nextPageLinks: links.nextPages(),
                             identifiers: links.identifiers(canonical: f.reading.metadata.canonical.flatMap { URLNormalizer.normalize($0, base: base) },
                                                            article: f.reading.article),
                             sitemapLinks: links.sitemaps(), translationLinks: links.translations(),
                             refreshLinks: links.refreshes())
    }

    /// Whether the page is one story among teaser `<article>`s, not a list of posts: the story is the card that
    /// holds the extracted content, else the largest card inside the content (a story page whose own
    /// `<article>` sits in a wrapper the content finder chose), else the content itself when no card touches it
    /// (teasers in a sidebar or footer). The story must outweigh every other card; listings have cards of
    /// like sizes, or content that is their sum.
    private func holdsTheStory(_ cards: [Node], _ f: Reading) -> Bool {
        guard cards.count >= PageClassifier.listingArticleCount else { return false }
        func words(_ n: Node) -> Int { TextNormalizer.wordCount(n.textContent) }
        let story: Node?
        let storyWords: Int
        if let holding = cards.first(where: { card in f.contentRoots.contains { isWithin($0, card) } }) {
            (story, storyWords) = (holding, f.wordCount)
        } else if let largest = cards.filter({ card in f.contentRoots.contains { isWithin(card, $0) } })
                    .map({ ($0, words($0)) }).max(by: { $0.1 < $1.1 }) {
            (story, storyWords) = largest
        } else {
            (story, storyWords) = (nil, f.wordCount)
        }
        // The date is read only when it decides: between the two thresholds.
        guard storyWords >= PageClassifier.datedStoryMinWords else { return false }
        if storyWords < PageClassifier.storyMinWords {
            guard f.hasTitle && f.published.map({ $0.source != "url" }) == true else { return false }
        }
        let largestOther = cards.lazy.filter { $0 != story }.map(words).max() ?? 0
        return storyWords >= PageClassifier.storyOverCardsRatio * largestOther
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
            if c.hasName("article") && list.contains(c) { return true }
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

    /// `blog`: the `Blog` object whose `blogPost` is the page's article, if that is where it was found.
    private func findSiteName(_ m: PageMetadata, article: JSONValue.Object?, objects: [JSONValue.Object],
                              blog: JSONValue.Object?) -> String? {
        var raw = m.first("og:site_name", "application-name", "twitter:site:name")
        // A publisher named as the page's generator is the platform hosting the blog (Blogger's JSON-LD says
        // `"publisher": {"name": "Blogger"}` on every blogspot post), not the site.
        if raw == nil, let a = article, let p = a["publisher"]?.object, let name = JSONLD.string(p["name"]),
           !Self.namesGenerator(name, m.first("generator")) {
            raw = name
        }
        if raw == nil, let b = blog { raw = JSONLD.string(b["name"]) }
        if raw == nil, let w = objects.first(where: { JSONLD.types($0).contains("website") }) { raw = JSONLD.string(w["name"]) }
        let t = raw.map(TextNormalizer.normalize)
        return t?.isEmpty == false ? t : nil
    }

    /// Whether `name` is the product a `<meta name=generator>` names ("Blogger" for "blogger", "Ghost" for "Ghost 5.8").
    static func namesGenerator(_ name: String, _ generator: String?) -> Bool {
        guard let g = generator?.trimmedWhitespace.lowercased(), !g.isEmpty else { return false }
        let n = TextNormalizer.normalize(name).lowercased()
        return !n.isEmpty && (g == n || g.hasPrefix(n + " "))
    }

    private func findLanguage(_ m: PageMetadata, article: JSONValue.Object?) -> String? {
        let candidates = [m.lang, m.first("content-language", "dc.language", "language", "og:locale"),
                          article.flatMap { JSONLD.string($0["inLanguage"]) }]
        for c in candidates {
            guard var t = c?.trimmedWhitespace, !t.isEmpty else { continue }
            // "_" to "-" by bytes, not through Foundation's NSString (0.4% of a blog post's extraction, FINDINGS 90).
            // Its search could differ only at a "_" followed by a combining mark, which leaves a non-ASCII character
            // that the test below refuses either way, or the comma cut drops.
            if t.utf8.contains(0x5F) { t = String(decoding: t.utf8.map { $0 == 0x5F ? 0x2D : $0 }, as: UTF8.self) }
            if let tag = Self.languageTag(t) { return tag }
        }
        return nil
    }

    /// Longest language tag `findLanguage` takes (characters).
    static let maxLanguageTag = 35

    /// The language tag one of `findLanguage`'s candidates gives (after its "_" to "-" step): the lowercased text before
    /// any comma, when that is ASCII letters, digits and "-" only, opens with a letter and is at most `maxLanguageTag`
    /// long. An ASCII text is read by bytes: reading Characters (`isLetter`, `isNumber`, `count`: Unicode property
    /// lookups and grapheme breaks) was 0.4% of a blog post's extraction (FINDINGS 99). Both readings agree there, as
    /// every ASCII Character is one byte but CR LF, which is neither a letter, a number nor "-" (refused both ways).
    static func languageTag(_ t: String) -> String? {
        let u = t.utf8
        guard u.allSatisfy({ $0 < 0x80 }) else { return characterLanguageTag(t) }
        var tag: [UInt8] = []
        for b in u {
            if b == 0x2C { break } // ,
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2D else { return nil }
            tag.append(lower)
        }
        guard tag.count <= maxLanguageTag, let first = tag.first, first >= 0x61 && first <= 0x7A else { return nil }
        return String(decoding: tag, as: UTF8.self)
    }

    /// `languageTag` read by Characters, as for any text (tests compare the byte reading with it).
    static func characterLanguageTag(_ text: String) -> String? {
        var t = text.lowercased()
        if let comma = t.firstIndex(of: ",") { t = String(t[..<comma]) }
        let ok = t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return ok && t.count <= maxLanguageTag && t.first?.isLetter == true ? t : nil
    }
}
