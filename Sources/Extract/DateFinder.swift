import Foundation
import HTML

/// Finds the published and modified dates: rule, JSON-LD, meta, microdata, `<time>`, visible text
/// (absolute or relative), then the URL path. Every candidate must be plausible (1990 ... fetch time).
struct DateFinder {
    let metadata: PageMetadata
    let article: JSONValue.Object?
    let document: HTMLDocument
    let excluded: Set<Node>
    let contentRoots: [Node]
    let url: String
    /// Relative dates resolve against this (the server's clock when known).
    let reference: Date
    let fetchedAt: Date
    let languageHint: String?
    /// The JSON-LD node of the page itself (`WebPage`, Yoast's graph), read after the article and the meta tags.
    var pageObject: JSONValue.Object? = nil
    /// Baidu's page object (`"@context": "https://zhanzhang.baidu.com/contexts/cambrian.jsonld"`, no `@type`), which
    /// Chinese sites give with `pubDate` and `upDate`.
    var cambrianObject: JSONValue.Object? = nil
    /// The first JSON-LD node of a kind of work a page may be about (a recipe, a how-to, an episode, a video) that is no
    /// article: read after the visible text, since a post may embed such a work of another day.
    var workObject: JSONValue.Object? = nil
    /// The page's own URLs (as fetched, canonical; crawl keys too): a link to one of them is a permalink, not another post.
    var selfURLs: Set<String> = []
    /// What relative links resolve against (`<base href>` or the page URL).
    var baseURL: String? = nil
    /// The last edit a visible date line gave ("Updated: ...", "Stand: ..."), kept by the published date's scan of the
    /// page's text so that `modified` reads it without walking the page again.
    let lines = LineDates()

    final class LineDates {
        /// The first edit date a date line gave.
        var edit: DateField?
        /// The first date of a line that gives only the edit ("Last updated: ..."): the publication when no line and
        /// no URL gives one.
        var editOnly: DateField?
        /// Whether the page's footers were read for an edit stamp (`footerEdit`).
        var footersRead = false
        /// Whether the publication is the date of the work the page is about (`workObject`).
        var publishedByWork = false
        /// Whether the publication's scan of the text ran (`visibleText`): else no date line was read for an edit.
        var textScanned = false
    }

    static func isCambrian(_ o: JSONValue.Object) -> Bool {
        o["@context"]?.string.map { ByteSearch.contains($0.lowercased(), "cambrian") } ?? false
    }

    /// JSON-LD types of a node that stands for the page itself (listings' types are not among them).
    static let pageTypes: Set<String> = ["webpage", "itempage", "aboutpage", "faqpage", "qapage", "medicalwebpage"]
    /// JSON-LD types of works that are a page's whole subject on recipe, how-to, podcast and video pages.
    static let workTypes: Set<String> = ["recipe", "howto", "podcastepisode", "videoobject", "episode", "creativework",
                                         "learningresource", "course", "dataset", "softwaresourcecode", "question"]

    static let publishedMeta = ["article:published_time", "og:published_time", "article:published", "datepublished",
                                "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
                                "dcterms.created", "dc.date", "dcterms.date", "dc:date", "pubdate", "publishdate",
                                "publish-date", "publish_date", "publication_date", "sailthru.date", "article.published",
                                "article_date_original", "citation_publication_date", "citation_date",
                                "cxenseparse:recs:publishtime", "og:article:published_time", "date", "original-publish-date",
                                "bt:pubdate", "article.created", "created", "release_date",
                                // Less common spellings of the same (Dublin Core, rNews, news CMSs, share plugins).
                                "article:publicationdate", "date_published", "date_created", "dateposted",
                                "published-date", "originalpublicationdate", "displaydate", "dc.created", "dc:created",
                                "dc.date.publication", "rnews:datepublished", "shareaholic:article_published_time"]
    static let modifiedMeta = ["article:modified_time", "og:updated_time", "article:modified", "datemodified",
                               "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "article.updated",
                               "sailthru.lastmodified",
                               "og:article:modified_time", "dc.modified", "lastmodified", "modified_time", "updated_time",
                               "revision_date", "dateupdated", "date_modified"]
    /// The last part of a namespaced meta property (`five_hundred_pixels:uploaded`, `myapp:published_time`) that names
    /// the publication or the last edit: sites that define their own OpenGraph namespace reuse these words.
    static let namespacedPublished: Set<String> = ["published_time", "publish_date", "publication_date", "uploaded", "upload_date"]
    static let namespacedModified: Set<String> = ["modified_time", "updated_time"]
    /// Class/id hints of elements whose short text is a date line (also German/Dutch "datum", Spanish "fecha",
    /// and Drupal's "submitted" line: "Submitted by NAME on DATE").
    static let dateHints = ["date", "time", "posted", "published", "pubdate", "timestamp", "dateline", "byline",
                            "entry-meta", "post-meta", "article-meta", "meta", "info", "subtitle", "datum", "fecha",
                            "submitted"]
    static let modifiedHints = ["updated", "modified", "changed"]
    /// Class hints of regions whose dates are not the post's.
    static let skippedHints = ["comment", "related", "widget", "sidebar"]

    /// Which of the scan's hint lists an element's class or id holds (bit per list), both searched in one pass each.
    /// Class and id searched apart find what their "class id" would: no hint holds a space.
    struct WalkHints: OptionSet {
        let rawValue: UInt32
        static let skipped = WalkHints(rawValue: 1 << 0), modified = WalkHints(rawValue: 1 << 1)
        static let publish = WalkHints(rawValue: 1 << 2), date = WalkHints(rawValue: 1 << 3)
        static let siteHeader = WalkHints(rawValue: 1 << 4), postHeader = WalkHints(rawValue: 1 << 5)
    }
    private static let walkHintLists = NeedleSet(lists: [skippedHints, modifiedHints, ["publish"], dateHints,
                                                         siteHeaderHints, postHeaderHints])

    private static func walkHints(_ n: Node, _ metadata: PageMetadata) -> WalkHints {
        let (cls, id) = metadata.elements.classAndID(n)
        return walkHints(cls: cls, id: id)
    }

    private static func walkHints(cls: String, id: String) -> WalkHints {
        if cls.isEmpty && id.isEmpty { return [] }
        let lists = walkHintLists
        return WalkHints(rawValue: lists.mask(cls) | lists.mask(id))
    }

    func plausible(_ p: ParsedDate) -> Bool { DateParser.isPlausible(p, fetchedAt: max(fetchedAt, reference)) }

    func field(_ p: ParsedDate, raw: String, source: String) -> DateField {
        DateField(date: p.date, raw: TextNormalizer.normalize(raw), source: p.isRelative ? "relative" : source, precision: p.precision)
    }

    /// Longer text is a paragraph, not a date line.
    static let maxDateText = 300

    /// The first plausible reading of `s`: as a machine date, else as human text.
    func parseAny(_ s: String) -> ParsedDate? { parse(s, accept: plausible) }

    /// The first reading of `s` that `accept` takes: as a machine date, else as human text.
    func parse(_ s: String, accept: (ParsedDate) -> Bool) -> ParsedDate? {
        let t = s.trimmedWhitespaceAndNewlines
        guard !t.isEmpty, t.count < Self.maxDateText else { return nil }
        if let p = DateParser.parseMachine(t), accept(p) { return p }
        if let p = DateParser.parseText(t, reference: reference, languageHint: languageHint), accept(p) { return p }
        return nil
    }

    /// The first date that the rule's nodes hold. When it is implausible (before 1990, after the fetch)
    /// the answer is nil: a later node of the same rule is another date (an "Updated" line), not a
    /// better reading of this one.
    func fromRule(_ sel: RuleSelector?) -> DateField? {
        guard let sel, let nodes = try? document.select(sel.selector, from: nil) else { return nil }
        func read(_ n: Node) -> DateField?? {
            for raw in [n.attribute("datetime"), n.attribute("content"), n.attribute("title")].compactMap({ $0 }) {
                if let p = DateParser.parseMachine(raw) { return .some(plausible(p) ? field(p, raw: raw, source: "rule") : nil) }
            }
            let text = n.textContent
            if let p = parse(text, accept: { _ in true }) { return .some(plausible(p) ? field(p, raw: text, source: "rule") : nil) }
            return nil
        }
        for (i, n) in nodes.enumerated() {
            guard let found = read(n) else { continue }
            // A day the selector's first match shows (Blogger's date header "martes, 12 de marzo de 2024") yields to a
            // later match telling that day to the second (its `<abbr class="published" title="2024-03-12T19:30:00+01:00">`).
            guard let day = found, day.precision == "day" else { return found }
            for m in nodes[(i + 1)...] {
                if let later = read(m) ?? nil, later.precision != "day", later.date.hasPrefix(day.date) { return later }
            }
            return day
        }
        return nil
    }

    /// The publication, from the site rule's selector first (what the page classifier reads). Call it before
    /// `modified(rule:)`: the edit that a visible date line gives is kept by the publication's scan of the text (`lines`).
    func published(rule: RuleSelector?) -> DateField? {
        if let f = fromRule(rule) { return Self.toldMoreExactly(f, by: self.publishedInMetadata()) }
        // A day-only meta date (pelican-bootstrap3's and Seafoam's `article:published_time`) beside the
        // post's `<time datetime>` with the time of that day: the same publication, told to the second.
        if let f = publishedInMetadata() { return Self.toldMoreExactly(f, by: self.timeElement(modified: false)) }
        if let o = pageObject, let raw = JSONLD.string(o["datePublished"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        if let o = cambrianObject, let raw = JSONLD.string(o["pubDate"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        if let f = microdata(["datepublished", "datecreated"]) { return f }
        if let f = timeElement(modified: false) { return f }
        if let f = visibleText(modified: false) { return f }
        if let o = workObject {
            for k in ["datePublished", "uploadDate", "dateCreated"] {
                if let raw = JSONLD.string(o[k]), let p = parseAny(raw) {
                    lines.publishedByWork = true
                    return field(p, raw: raw, source: "json-ld")
                }
            }
        }
        if let p = DateParser.fromURL(url), plausible(p) { return field(p, raw: url, source: "url") }
        return lines.editOnly
    }

    /// The publication the page's article object (JSON-LD) or its meta tags give.
    private func publishedInMetadata() -> DateField? {
        if let a = article {
            for k in ["datePublished", "dateCreated", "uploadDate"] {
                if let raw = JSONLD.string(a[k]), let p = parseAny(raw) { return field(p, raw: raw, source: "json-ld") }
            }
        }
        for k in Self.publishedMeta {
            for raw in metadata.all(k) { if let p = parseAny(raw) { return field(p, raw: raw, source: "meta") } }
        }
        return namespacedMeta(Self.namespacedPublished)
    }

    /// The first date of a namespaced meta property whose last part is one of `names`, keys in sorted order.
    private func namespacedMeta(_ names: Set<String>) -> DateField? {
        for k in metadata.meta.keys.sorted() {
            guard let colon = k.lastIndex(of: ":"), colon != k.startIndex, names.contains(String(k[k.index(after: colon)...])) else { continue }
            for raw in metadata.all(k) { if let p = parseAny(raw) { return field(p, raw: raw, source: "meta") } }
        }
        return nil
    }

    /// The last edit the page's article object (JSON-LD) or its meta tags give.
    private func modifiedInMetadata() -> DateField? {
        if let a = article, let raw = JSONLD.string(a["dateModified"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        for k in Self.modifiedMeta {
            for raw in metadata.all(k) { if let p = parseAny(raw) { return field(p, raw: raw, source: "meta") } }
        }
        return namespacedMeta(Self.namespacedModified)
    }

    /// A day-only date (a theme's `<time datetime="2024-06-02">`) yields to the page's metadata when that names
    /// an instant on the same day: the same publication, told to the second. Only the same day as written: a
    /// UTC instant that falls on the next day is kept out, since a record's first ten characters are the day the
    /// page shows (docs/page-record.md).
    /// `exact` is read only for a day-only date (a rule's date with a time, WordPress's, needs no metadata).
    static func toldMoreExactly(_ day: DateField, by exact: @autoclosure () -> DateField?) -> DateField {
        guard day.precision == "day", let exact = exact(), exact.precision != "day", exact.date.hasPrefix(day.date) else { return day }
        return exact
    }

    /// The last edit, from the site rule's selector first. Reads `lines`, which only `published(rule:)` fills: call that first.
    func modified(rule: RuleSelector?) -> DateField? {
        if let f = fromRule(rule) { return Self.toldMoreExactly(f, by: self.modifiedInMetadata()) }
        if let f = modifiedInMetadata() { return f }
        if let o = pageObject, let raw = JSONLD.string(o["dateModified"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        if let o = cambrianObject, let raw = JSONLD.string(o["upDate"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        if let f = microdata(["datemodified", "dateupdate"]) { return f }
        if let f = timeElement(modified: true) ?? lines.edit ?? editAfterHeadline() ?? footerEdit() { return f }
        // The work's edit only with its publication: an embedded video's edit is not the post's.
        if lines.publishedByWork, let o = workObject, let raw = JSONLD.string(o["dateModified"]), let p = parseAny(raw) {
            return field(p, raw: raw, source: "json-ld")
        }
        return nil
    }

    /// An element's text without the parts shown to screen readers only (`PermalinkMark.screenReaderOnly`).
    static func shownText(_ n: Node) -> String {
        var text = ""
        n.walk { d in
            if d.isText { text += d.textContent; return false }
            guard d.isElement else { return false }
            if d != n, let c = d.attribute("class"), ClassHints.containsAny(c.fastLowercased, PermalinkMark.screenReaderOnly) {
                return false
            }
            return true
        }
        return text
    }

    private func microdata(_ props: Set<String>) -> DateField? {
        var inComments: [Node: Bool] = [:]
        for (prop, n) in metadata.itemprops where props.contains(prop) && !isExcluded(n) && !Exclusion.inComments(n, known: &inComments) {
            // A card of another story (`div[itemscope]` with its headline link and `<meta itemprop=datePublished>`).
            if inCardItem(n) { continue }
            // Shown text first: OceanWP's `<li itemprop="datePublished"><span class="screen-reader-text">Post published:</span>
            // March 3, 2024</li>` otherwise gives the raw "Post published:March 3, 2024".
            for raw in [n.attribute("datetime"), n.attribute("content"), Self.shownText(n), n.textContent].compactMap({ $0 }) {
                if let p = parseAny(raw) { return field(p, raw: raw, source: n.hasName("time") ? "time" : "meta") }
            }
        }
        return nil
    }

    /// Whether a node lies in an excluded subtree (related cards, comments...).
    func isExcluded(_ n: Node) -> Bool {
        var cur: Node? = n
        var depth = 0
        while let c = cur, depth < 200 {
            if excluded.contains(c) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    private func timeElement(modified: Bool) -> DateField? {
        var fallback: DateField?
        // A <time> in a <blockquote> dates the quoted or embedded post (Instagram's and Twitter's embeds), not the page.
        var inComments: [Node: Bool] = [:]
        for n in metadata.timeElements where !isExcluded(n) && !Exclusion.inComments(n, known: &inComments)
            && !Exclusion.hasAncestor(n, named: "blockquote") {
            var hint = ClassHints.classAndID(n)
            if let p = n.parent { hint += " " + ClassHints.classAndID(p) }
            let isModified = ClassHints.containsAny(hint, Self.modifiedHints) || labelledModified(n)
            if isModified != modified { if modified { continue } else if fallback != nil { continue } }
            // Another post's teaser (a card in a list, a link to another page, an aside) dates that post.
            if isTeaser(n) { continue }
            var raw = n.attribute("datetime") ?? n.textContent
            // No `datetime`: a script's attribute (`<time data-published="2021-03-05T10:00">vor 3 Tagen</time>`) before the text.
            let scripted = n.attribute("datetime") == nil ? scriptedDate(n) : nil
            if let scripted { raw = scripted.raw }
            guard var p = scripted?.date ?? parseAny(raw) ?? parseAny(n.textContent) else { continue }
            if let shown = shownDay(n, over: p) { p = shown; raw = n.textContent }
            let f = field(p, raw: raw, source: "time")
            if n.attribute("pubdate") != nil || ByteSearch.containsAny(hint, ["publish", "entry-date"]) { return f }
            if modified { return f }
            if fallback == nil && !isModified { fallback = f }
        }
        return fallback
    }

    /// Labels that, just before a `<time>`, say it is the last edit ("Last edited <time>": ikiwiki's page footer).
    static let modifiedLabels = ["last edited", "last modified", "last updated", "updated", "edited", "modified",
                                 "aktualisiert", "mis à jour", "actualizado"]

    /// Whether the text just before the `<time>` (in its parent) ends with one of `modifiedLabels`.
    private func labelledModified(_ n: Node) -> Bool {
        var text = ""
        var cur = n.previousSibling
        while let c = cur, text.count < 40 {
            if c.isElement {
                guard ["span", "em", "strong", "b", "i"].contains(c.name) else { break }
                text = c.textContent + text
            } else if c.isText {
                text = c.textContent + text
            }
            cur = c.previousSibling
        }
        var t = TextNormalizer.normalize(text).fastLowercased
        while let last = t.last, last == ":" || last == " " || last == "-" { t.removeLast() }
        return Self.modifiedLabels.contains { label in
            t.hasSuffix(label) && (t.count == label.count || !(t.dropLast(label.count).last?.isLetter ?? false))
        }
    }

    /// The full date (day, month, year) a `<time>` shows when its `datetime` names another day: the attribute is
    /// often the last edit or a UTC instant, the text the page's own day ("Publié le 29 juin 2019" on 2019-07-03).
    private func shownDay(_ n: Node, over p: ParsedDate) -> ParsedDate? {
        guard n.attribute("datetime") != nil, n.textByteCount(upTo: Self.maxHintedDateLine * 4) <= Self.maxHintedDateLine * 4 else { return nil }
        let text = TextNormalizer.normalize(n.textContent)
        let day = p.date.prefix(10)
        guard !text.isEmpty, let t = DateParser.parseText(text, reference: reference, languageHint: languageHint), !t.isRelative,
              plausible(t), t.date.prefix(10) != day else { return nil }
        // A numeric text that reads both ways ("05/06/2019") and names the attribute's day one way agrees with it.
        if DateParser.absoluteDays(text).contains(String(day)) { return nil }
        return t
    }

    /// Ancestors climbed from a `<time>` to the card or link that holds it.
    static let teaserDepth = 8
    /// Longest text (UTF-8 bytes) of a list item or `<article>` that is a teaser card (headline, date, a few lines of
    /// summary); a post's own text is longer.
    static let maxCardText = 1_500
    /// Shortest link text read as another post's headline, in characters or in words (tag and author links are shorter).
    static let minHeadlineLink = 20
    static let minHeadlineWords = 3

    /// Whether a `<time>` dates another post: it sits in an `<aside>`, in a link to another page, or in a short
    /// list item or `<article>` that links another page by its headline ("Le fil du blog", "More stories").
    func isTeaser(_ n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, c.isElement, depth < Self.teaserDepth {
            if holdsContent(c) { return false }
            switch c.name {
            case "aside":
                return true
            case "a":
                if let href = c.attribute("href"), linksElsewhere(href) { return true }
            case "li", "article":
                guard c.textByteCount(upTo: Self.maxCardText) <= Self.maxCardText else { break }
                if holdsLinkElsewhere(c, headline: true) { return true }
                // One of a list of dated items that link elsewhere: a list of posts, whatever their titles' length.
                if c.hasName("li"), holdsLinkElsewhere(c, headline: false), Self.hasSiblingWithTime(c) { return true }
            default:
                break
            }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Whether a date line sits in a card of another story: a short element (`maxCardText`) up to `teaserDepth`
    /// levels above it that links another page by a headline, or an `<aside>`, and holds neither the headline nor
    /// the content. Any element, not only a list item or `<article>`: a ticker's or a "most read" box's cards are
    /// often bare `<div>`s. Asked only before the headline, where a post's own meta line holds no such link.
    func inTeaserCard(_ n: Node) -> Bool {
        var cur: Node? = n
        var depth = 0
        while let c = cur, c.isElement, !c.hasName("body"), depth < Self.teaserDepth {
            if holdsContent(c) || holdsHeading(c) { return false }
            if c.hasName("aside") { return true }
            if c.hasName("a"), let href = c.attribute("href"), linksElsewhere(href) { return true }
            if c.textByteCount(upTo: Self.maxCardText + 1) > Self.maxCardText { return false }
            if holdsHeadlineLink(c) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Whether the microdata item (`itemscope`) nearest above `n`, within `teaserDepth` levels, is a card of another
    /// story: short, holding neither the headline nor the content, and linking another page by a headline. A date in
    /// the post's own item (an `<article itemscope>` whose `<aside>` dates it) is not.
    func inCardItem(_ n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, c.isElement, !c.hasName("body"), depth < Self.teaserDepth {
            if c.attribute("itemscope") != nil {
                return !holdsContent(c) && !holdsHeading(c)
                    && c.textByteCount(upTo: Self.maxCardText + 1) <= Self.maxCardText && holdsHeadlineLink(c)
            }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// Whether a short element holds an element whose class or id says "updated" (`modifiedHints`) and another whose
    /// class says "published" (hAtom's `updated` and `published`).
    private func holdsEditAndPublishedParts(_ n: Node, limit: Int) -> Bool {
        guard n.textByteCount(upTo: limit * 4 + 64) <= limit * 4 + 64 else { return false }
        var edit = false, published = false
        _ = n.firstDescendant { c in
            guard c.isElement, c != n else { return false }
            let (cls, id) = metadata.elements.classAndID(c)
            let inClass = Self.walkHints(cls: cls, id: ""), inEither = inClass.union(Self.walkHints(cls: "", id: id))
            if inClass.contains(.publish) { published = true } else if inEither.contains(.modified) { edit = true }
            return edit && published
        }
        return edit && published
    }

    /// Whether a subtree holds a link to another page by its headline: not a taxonomy or author link (a post's own
    /// meta line links "› Geschenk ❤", "Hinterlasse einen Kommentar" to its own comments).
    private func holdsHeadlineLink(_ n: Node) -> Bool {
        n.firstDescendant { c in
            guard c.hasName("a"), let href = c.attribute("href"), !(c.attribute("rel") ?? "").lowercased().contains("tag"),
                  !(c.attribute("rel") ?? "").lowercased().contains("author"),
                  !ByteSearch.containsAny(href.lowercased(), RelatedFinder.taxonomyPaths) else { return false }
            let text = TextNormalizer.normalize(c.textContent)
            let words = text.split(separator: " ").filter { $0.contains(where: \.isLetter) }.count
            return (text.count >= Self.minHeadlineLink || words >= Self.minHeadlineWords) && linksElsewhere(href)
        } != nil
    }

    /// Whether `href` leads to another page than this one (scheme and a trailing slash aside).
    func linksElsewhere(_ href: String) -> Bool {
        guard let key = URLNormalizer.crawlKey(href, base: baseURL ?? url) else { return false }
        let own = Self.comparable(key)
        return !selfURLs.contains { Self.comparable($0) == own }
    }

    /// `url` without `https://` or `http://` and without trailing slashes: two URLs that name one page.
    static func comparable(_ url: String) -> Substring {
        // An ASCII URL by bytes (most are: normalized URLs are percent-encoded): Substring's prefix and suffix tests
        // and `dropFirst` walk Characters (0.7% of a blog post's extraction, FINDINGS 99). In ASCII every Character
        // is one byte but CR LF, and neither the prefixes nor "/" hold a CR or LF.
        let u = url.utf8
        if u.allSatisfy({ $0 < 0x80 }) {
            var start = u.startIndex, end = u.endIndex
            if u.starts(with: "https://".utf8) { start = u.index(start, offsetBy: 8) }
            else if u.starts(with: "http://".utf8) { start = u.index(start, offsetBy: 7) }
            while end > start, u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
            return url[start..<end]
        }
        return characterComparable(url)
    }

    /// `comparable` read by Characters, as for any URL (tests compare the byte reading with it).
    static func characterComparable(_ url: String) -> Substring {
        var s = Substring(url)
        if s.hasPrefix("https://") { s = s.dropFirst(8) } else if s.hasPrefix("http://") { s = s.dropFirst(7) }
        while s.hasSuffix("/") { s = s.dropLast() }
        return s
    }

    /// Whether a subtree holds a link to another page (with `headline`, one whose text is long enough to be a headline).
    private func holdsLinkElsewhere(_ n: Node, headline: Bool) -> Bool {
        n.firstDescendant { c in
            guard c.hasName("a"), let href = c.attribute("href") else { return false }
            let long = !headline || {
                let text = TextNormalizer.normalize(c.textContent)
                return text.count >= Self.minHeadlineLink || text.split(separator: " ").count >= Self.minHeadlineWords
            }()
            return long && linksElsewhere(href)
        } != nil
    }

    /// Whether another item of the list holds a `<time>`.
    static func hasSiblingWithTime(_ item: Node) -> Bool {
        for next in [true, false] {
            var cur = next ? item.nextSibling : item.previousSibling
            var seen = 0
            while let s = cur, seen < maxSiblingsChecked {
                if s.isElement {
                    seen += 1
                    if s.firstDescendant(where: { $0.hasName("time") }) != nil { return true }
                }
                cur = next ? s.nextSibling : s.previousSibling
            }
        }
        return false
    }

    /// List items looked at on each side of a dated one (a list of posts dates its neighbours).
    static let maxSiblingsChecked = 2

    /// Words that open a line giving the publication date, lowercased ("Published: ...", "Veröffentlicht am ...").
    static let dateLabels = ["date:", "datum:", "published:", "published on", "posted on", "posted:", "publication date", "created:", "created on",
                             "written on", "geschrieben am", "geplaatst op", "rédigé le", "écrit le", "escrito el", "scritto il",
                             "投稿日", "公開日", "掲載日", "配信日", "作成日", "发表于", "發表於", "发布于", "发布时间", "發佈時間",
                             "发布日期", "發布日期", "기사입력", "입력", "등록", "발행",
                             "veröffentlicht", "erschienen am", "publié le", "publiée le", "publicado el", "publicado em",
                             "fecha:", "pubblicato il", "gepubliceerd op", "opublikowano", "опубликовано",
                             // The publication labels of `lineLabels` in other languages, opening a date line.
                             "publicerad", "publiceret", "publisert", "julkaistu", "publikováno", "yayınlanma", "yayın tarihi",
                             "yayınlandı", "publicat", "diterbitkan", "ngày đăng", "เผยแพร่", "प्रकाशित", "تاريخ النشر", "نشر في",
                             "δημοσιεύθηκε", "közzétéve", "опубліковано", "פורסם", "objavljeno", "paskelbta", "avaldatud",
                             "publicēts", "публикувано", "تاریخ انتشار"]

    /// Byline openings: a short paragraph that opens with one and names people ("Von Anna Schmidt, 03.03.2021") is a
    /// date line, whose date is the post's.
    static let bylineLabels = AuthorFinder.leadingPrefixes + AuthorFinder.foreignLeadingPrefixes
    /// Every label above, of dates and of bylines: for each first byte, whether one starts with it.
    static let labelStarts: [Bool] = {
        let all = dateLabels + lineLabels.filter { !$0.published }.map(\.label) + bylineLabels
        var starts = [Bool](repeating: false, count: 256)
        for l in all { if let b = l.utf8.first { starts[Int(b)] = true } }
        return starts
    }()

    /// Whether a normalized line opens with a date label (of the publication or of the last edit) or is a byline naming
    /// people; most lines are passed on their first byte, which starts no label.
    static func isLabelledText(_ t: String) -> Bool {
        guard let b = t.utf8.first, b >= 0x80 || labelStarts[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)] else { return false }
        let lower = t.fastLowercased
        if openingLabels.opens(lower) || opensWithDatedUpdate(lower.utf8) { return true }
        // Names must follow the label: "By March 2021, the plant had closed" is prose.
        return AuthorFinder.foreignByline(t, prefixes: AuthorFinder.allLeadingLabels) != nil
    }

    /// Elements read for an edit line after the publication's (the rest of a header block, the first paragraphs).
    static let editLookahead = 40

    /// Edit labels, for `opensWithEditLabel`.
    static let editLabels = lineLabels.filter { !$0.published }.map(\.label)
    /// `editLabels` grouped for `opensWithEditLabel`.
    static let editLabelSet = LeadingLabels(editLabels)
    /// The date labels and the edit labels, grouped for `isLabelledText`.
    static let openingLabels = LeadingLabels(dateLabels + editLabels)

    /// Whether the short text of `n` (at most `maxHintedDateLine` characters) opens with an edit label ("Last updated
    /// on ...", "Zuletzt aktualisiert: ...").
    static func opensWithEditLabel(_ n: Node) -> Bool {
        let bound = maxHintedDateLine * 4 + 64
        guard n.textByteCount(upTo: bound) <= bound else { return false }
        return opensWithEditLabel(text: TextNormalizer.normalize(n.textContent))
    }

    /// `opensWithEditLabel` on a short element's normalized text.
    static func opensWithEditLabel(text t: String) -> Bool {
        guard let b = t.utf8.first, b >= 0x80 || labelStarts[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)] else { return false }
        let lower = t.fastLowercased
        return editLabelSet.opens(lower) || opensWithDatedUpdate(lower.utf8)
    }

    /// Longest paragraph (UTF-8 bytes) read line by line at its `<br>`s: an address block or a page footer, not a poem.
    static let maxBrokenParagraph = 1_024

    /// The lines a paragraph's `<br>`s split ("Quelle: Landeshauptstadt<br>[Stand: 09.10.2017, 01:40 Uhr]"), normalized,
    /// with an opening bracket dropped; nil when no `<br>` is a child of `n` or its text is longer than `maxBrokenParagraph`.
    static func brokenLines(_ n: Node) -> [String]? {
        var child = n.firstChild
        var broken = false
        while let c = child, !broken {
            broken = c.isElement && c.hasName("br")
            child = c.nextSibling
        }
        guard broken, n.textByteCount(upTo: maxBrokenParagraph) <= maxBrokenParagraph else { return nil }
        var lines: [String] = [], current = ""
        child = n.firstChild
        while let c = child {
            if c.isElement && c.hasName("br") { lines.append(current); current = "" } else if c.isText || c.isElement { current += c.textContent }
            child = c.nextSibling
        }
        lines.append(current)
        return lines.compactMap { line in
            var t = Substring(TextNormalizer.normalize(line))
            if let open = t.first, open == "[" || open == "(" {
                t = t.dropFirst()
                if t.last == (open == "[" ? "]" : ")") { t = t.dropLast() }
            }
            return t.isEmpty ? nil : String(t)
        }
    }

    /// Whether the content's first line (`AuthorFinder.firstLine`) is the post's date line and not text: at most
    /// `maxHintedDateLine` characters, opening with a date label (of the publication or the edit) and holding a date
    /// ("Published: 3 March 2021. Updated: 5 March 2021"), or a date alone in at most `maxDateOnlyWords` words
    /// ("Tuesday, 4 December 2018"). The body leaves it out, as it leaves out a byline.
    static func isLeadingDateLine(_ n: Node, reference: Date) -> Bool {
        let bound = maxHintedDateLine * 4 + 64
        guard n.textByteCount(upTo: bound) <= bound else { return false }
        return isLeadingDateLine(text: TextNormalizer.normalize(n.textContent), reference: reference)
    }

    /// A first line that is a definition list's term (`<dt>Published</dt><dd><time>…</time></dd>`: a theme's list
    /// of the post's metadata, pelican-engineering-theme's `dl.pet-content-metadata`, Joomla's `dl.article-info`):
    /// the term's row, when it reads as the date line (`isLeadingDateLine`): the `<div>` grouping the pair (HTML
    /// allows one around each row), else the term and the descriptions right after it.
    static func leadingDateTerm(_ dt: Node, reference: Date) -> [Node]? {
        guard dt.hasName("dt"), let list = dt.parent else { return nil }
        if list.hasName("div"), list.parent?.hasName("dl") == true {
            return isLeadingDateLine(list, reference: reference) ? [list] : nil
        }
        guard list.hasName("dl") else { return nil }
        var row = [dt]
        var next = dt.nextSibling
        while let x = next, row.count <= maxTermDescriptions {
            if x.isElement {
                guard x.hasName("dd") else { break }
                row.append(x)
            }
            next = x.nextSibling
        }
        let bound = maxHintedDateLine * 4 + 64
        guard row.count > 1, row.reduce(0, { $0 + $1.textByteCount(upTo: bound) }) <= bound else { return nil }
        let text = row.map { TextNormalizer.normalize($0.textContent) }.joined(separator: " ")
        return isLeadingDateLine(text: text, reference: reference) ? row : nil
    }

    /// Most descriptions of one term read as its row (a date, its time).
    static let maxTermDescriptions = 3

    private static func isLeadingDateLine(text: String, reference: Date) -> Bool {
        guard text.count <= maxHintedDateLine, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let lower = text.fastLowercased
        let labelled = dateLabels.contains(where: { lower.hasPrefix($0) }) || lineLabels.contains(where: { lower.hasPrefix($0.label) })
        guard labelled || dateLineWords(text) <= maxDateOnlyWords,
              let p = DateParser.parseText(text, reference: reference), !p.isRelative else { return false }
        return true
    }

    /// Words that name the date after them in a date line, lowercased, with whether that date is the publication
    /// (else the last edit): a line may give both, in either order ("Publié le 3 mars, mis à jour le 5 mars";
    /// "Aktualisiert am 05.03. | Erstellt am 03.03."), and a line giving only the edit is no publication date.
    static let lineLabels: [(label: String, published: Bool)] =
        ["published", "posted", "originally published", "first published", "publication", "created", "publié", "publiée",
         "veröffentlicht", "erschienen", "erstellt am", "publicado", "publicada", "pubblicato", "gepubliceerd",
         "publicerad", "publiceret", "publisert", "julkaistu", "opublikowano", "publikacja", "publikováno",
         "опубликовано", "yayınlanma", "yayın tarihi", "publicat", "发布时间", "發佈時間", "발행", "입력",
         "diterbitkan", "dipublikasikan", "ngày đăng", "เผยแพร่", "प्रकाशित", "تاريخ النشر", "نشر في", "δημοσιεύθηκε",
         "közzétéve", "опубліковано", "פורסם", "发表于", "yayınlandı", "objavljeno", "paskelbta", "avaldatud", "publicēts",
         "публикувано", "تاریخ انتشار"].map { ($0, true) }
        + ["last updated", "updated", "last modified", "modified", "last edited", "edited", "aktualisiert", "stand:",
           "geändert", "mis à jour", "modifié le", "actualizado", "actualización", "aggiornato", "aggiornamento",
           "atualizado", "atualização", "bijgewerkt", "uppdaterad", "opdateret", "oppdatert", "päivitetty",
           "aktualizacja", "zaktualizowano", "aktualizováno", "обновлено", "обновление", "güncelleme", "güncellendi",
           "actualitzat", "更新时间", "更新時間", "更新日", "最終更新", "수정", "آخر تحديث",
           // Indonesian, Vietnamese, Thai, Hindi, Arabic, Greek, Hungarian, Romanian, Ukrainian, Hebrew, Chinese, Korean.
           "diperbarui", "cập nhật", "อัปเดต", "अपडेटेड", "अपडेट", "تم التحديث", "ενημερώθηκε", "frissítve",
           "actualizat", "оновлено", "עודכן", "更新于", "업데이트",
           // Dutch, Turkish, Croatian/Serbian/Bosnian, Slovenian, Slovak, Lithuanian, Estonian, Latvian, Bulgarian, Malay,
           // Thai ("last edited"), Persian (with and without its ZWNJ, which normalizing drops).
           "aangepast", "güncellenme", "ažurirano", "posodobljeno", "aktualizované", "atnaujinta", "uuendatud",
           "atjaunināts", "обновено", "dikemas kini", "dikemaskini", "แก้ไขล่าสุด", "بهروزرسانی", "به روزرسانی", "بروزرسانی",
           // Openings that hold no label above: Korean "last edit", Chinese "last update", Greek, Czech, Bulgarian.
           "최종수정", "최종 수정", "最后更新", "最後更新", "τελευταία ενημέρωση", "aktualizace", "обновена",
           // An editor's note opening a paragraph ("Update (March 6, 2021): ...", "Update: ...") and Drupal's label.
           "update (", "update:", "update,", "update –", "update -", "last changed",
           // German editors' notes: "Update vom 6. März 2021:", "Nachtrag (06.03.2021):", "Aktualisierung vom ...".
           "update vom", "update am", "nachtrag vom", "nachtrag (", "nachtrag:", "aktualisierung vom", "aktualisierung:",
           // Legal and reference pages stamp their last revision or review ("Date of Last Revision: August 9, 2017",
           // "Page last reviewed: 5 March 2021", "This page was last edited on ...", "Letzte Änderung: ...").
           "date of last revision", "last revised", "last revision", "revised", "last reviewed", "page last",
           "this page was last", "letzte änderung", "zuletzt bearbeitet", "mise à jour", "gewijzigd",
           "ultima modifica",
           // Openings of the same in other languages, so that a paragraph opening with one is read as a date line.
           "dernière mise à jour", "dernière modification", "última actualización", "última atualização",
           "ultimo aggiornamento", "zuletzt aktualisiert", "zuletzt geändert", "laatst bijgewerkt", "laatst gewijzigd"].map { ($0, false) }

    static let lineLabelBytes: [(label: [UInt8], published: Bool)] = lineLabels.map { (Array($0.label.utf8), $0.published) }

    /// The byte offsets in `lower` (a lowercased, NFC line) where the earliest label of each kind starts: a label that
    /// opens with an ASCII letter must not continue a word ("credited" holds no "edited"). Bytes, not Foundation: NFC
    /// text holds an NFC label only as its bytes.
    static func labelOffsets(_ lower: [UInt8]) -> (published: Int?, modified: Int?) {
        var pub: Int?, mod: Int?
        for (label, isPublished) in lineLabelBytes where label.count <= lower.count {
            let first = label[0]
            var i = 0
            while i + label.count <= lower.count {
                defer { i += 1 }
                guard lower[i] == first, lower[i..<(i + label.count)].elementsEqual(label) else { continue }
                // The byte before: an ASCII letter, or the last byte of a multi-byte letter ("é"), continues a word.
                if first < 0x80 && (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A && i > 0 {
                    let b = lower[i - 1]
                    if (b >= 0x61 && b <= 0x7A) || b >= 0x80 { continue }
                }
                if isPublished { if pub.map({ i < $0 }) ?? true { pub = i } } else if mod.map({ i < $0 }) ?? true { mod = i }
                break
            }
        }
        if opensWithDatedUpdate(lower) { mod = 0 }
        return (pub, mod)
    }

    /// An editor's note opening with "update" and a number ("UPDATE 2021-03-06: ...", "Update 6.3.2021 – ..."): an
    /// edit label that no fixed label list holds (the date is the label's end).
    static let datedUpdate = Array("update ".utf8)
    static func opensWithDatedUpdate<C: Collection<UInt8>>(_ lower: C) -> Bool {
        guard lower.starts(with: datedUpdate), let next = lower.dropFirst(datedUpdate.count).first else { return false }
        return next >= 0x30 && next <= 0x39
    }

    /// The publication and the last edit a date line gives, read apart by its labels: the part after a publication
    /// label (up to an edit label after it) is the publication, the part after an edit label the edit; with no edit
    /// label the whole line is the publication, and a line that opens with an edit label gives no publication.
    func readLine(_ text: String, whole: ParsedDate) -> (published: ParsedDate?, modified: ParsedDate?) {
        func read(_ bytes: ArraySlice<UInt8>) -> ParsedDate? {
            guard let p = DateParser.parseText(String(decoding: bytes, as: UTF8.self), reference: reference,
                                               languageHint: languageHint), plausible(p) else { return nil }
            return p
        }
        let lower = Array(text.fastLowercased.utf8)
        let (pub, mod) = Self.labelOffsets(lower)
        guard let mod else { return (whole, nil) }
        let modified = read(pub.map { $0 > mod ? lower[mod..<$0] : lower[mod...] } ?? lower[mod...])
        if let pub { return (read(pub > mod ? lower[pub...] : lower[pub..<mod]), modified) }
        return (mod == 0 ? nil : read(lower[..<mod]), modified)
    }

    /// Most words (month and weekday names count) a paragraph may hold besides numbers to be a date line by
    /// itself: "Dienstag, 4. Dezember 2016, 14:30 Uhr" is one, "Born 12 March 1980 in Leeds." is prose.
    static let maxDateOnlyWords = 3
    /// A paragraph of at least this many UTF-8 bytes is prose (`scanText`'s `proseSeen`).
    static let proseParagraph = 200

    /// Words that join a date's parts ("5 de marzo de 2021", "March 5th, 2021 at 10:00 am"), and ordinal endings: not
    /// counted as words of a date line.
    static let dateJoiners: Set<String> = ["de", "del", "of", "at", "am", "pm", "um", "à", "le", "el", "den", "der", "do",
                                           "da", "il", "op", "om", "st", "nd", "rd", "th", "er", "ngày",
                                           // "at" before the time: "a las 14:05", "às 14h05", "alle 14:05", "kl. 14.05", "в 14:05".
                                           "a", "las", "les", "às", "alle", "ore", "kl", "klo", "o", "ob", "u", "v", "в", "о"]

    /// Zone names after a date line's time ("14:05 WIB", "2:05 PM ET", "(GMT+7)"): part of the date, not words.
    static let zoneWords: Set<String> = ["gmt", "utc", "wib", "wita", "wit", "cet", "cest", "mez", "mesz", "est", "edt", "cst",
                                         "cdt", "pst", "pdt", "et", "pt", "ist", "jst", "kst", "bst", "msk", "ict", "hkt", "sgt",
                                         "eet", "eest", "aest", "aedt"]
    static let uncountedWords = dateJoiners.union(zoneWords)
    /// CJK and Hangul characters that mark a date's parts ("2024年11月23日 14時05分", "2024년 11월 23일"): not words.
    static let cjkDateMarks: Set<Unicode.Scalar> = ["年", "月", "日", "时", "時", "分", "秒", "년", "월", "일", "시", "분", "초"]

    /// The words of `text` that count against `maxDateOnlyWords` (month and weekday names count, joiners and zone
    /// names do not). The tokenizer makes each CJK or Hangul character a word: a run of them counts as one word per
    /// two characters (the usual length of a Chinese word), so "星期四" (Thursday) or "(목)" is a word or two, not three.
    static func dateLineWords(_ text: String) -> Int {
        var count = 0, run = 0
        for token in DateParser.tokenize(text) {
            guard let w = token.word else { count += (run + 1) / 2; run = 0; continue }
            let scalars = w.unicodeScalars
            if let c = scalars.first, DateParser.isCJKIdeograph(c), scalars.index(after: scalars.startIndex) == scalars.endIndex {
                if cjkDateMarks.contains(c) { count += (run + 1) / 2; run = 0 } else { run += 1 }
                continue
            }
            count += (run + 1) / 2; run = 0
            if !uncountedWords.contains(w) { count += 1 }
        }
        return count + (run + 1) / 2
    }

    /// Whether a short element holds an author link (`rel=author`, or a class naming the author): a byline.
    static func holdsAuthorLink(_ n: Node, limit: Int) -> Bool {
        guard n.textByteCount(upTo: limit) <= limit else { return false }
        return n.firstDescendant { c in
            c.hasName("a") && ((c.attribute("rel") ?? "").lowercased().contains("author")
                || (c.attribute("class") ?? "").lowercased().contains("author"))
        } != nil
    }

    /// Class or id words of a site's header or top bar (Newspaper's `td-header-top-menu`, `#masthead`, Jannah's
    /// `topbar-today-date`). A bare "header" is not one: `div.post-header` and `div.detailheader` hold the post's date.
    static let siteHeaderHints = ["masthead", "topbar", "top-bar", "top-menu", "topmenu", "site-header", "header-top",
                                  "top-header"]
    /// Class or id words of a post's own `<header>` (`header.entry-header`, `header.post-meta`).
    static let postHeaderHints = ["post", "entry", "article", "story", "meta", "byline", "date", "time"]

    /// Whether an element is the site's header or top bar: a `<header>` or `role=banner` not named for the post, or
    /// an element named for the site's header (`siteHeaderHints`).
    /// `hints`: `walkHints` of its class and id.
    static func isSiteHeader(_ n: Node, name: String, hints: WalkHints) -> Bool {
        if hints.contains(.siteHeader) { return true }
        guard name == "header" || n.attribute("role") == "banner" else { return false }
        return !hints.contains(.postHeader)
    }

    /// Whether `n` holds one of the page's `<h1>`s.
    func holdsHeading(_ n: Node) -> Bool {
        metadata.h1Wrappers.contains(n)
    }

    /// The text of `n` with a space where two pieces of text meet at an element boundary, when they meet without
    /// one ("Mai<span>06</span>2018" reads "Mai062018" as one string); nil when no two pieces meet so.
    static func textWithBreaks(_ n: Node) -> String? {
        var parts: [String] = []
        var glued = false
        n.walk { c in
            if c.isText {
                let t = c.ownText
                guard !t.isEmpty else { return false }
                if let a = parts.last?.unicodeScalars.last, let b = t.unicodeScalars.first,
                   !a.properties.isWhitespace, !b.properties.isWhitespace {
                    glued = true
                }
                parts.append(t)
                return false
            }
            return c.isElement
        }
        return glued ? parts.joined(separator: " ") : nil
    }

    /// Whether `n` is an ancestor of (or is) one of the content roots.
    func holdsContent(_ n: Node) -> Bool {
        contentRoots.contains { $0 == n || Exclusion.isAncestor(n, of: $0) }
    }

    /// Short text lines whose class says "date"; failing that, any short text line of the article that holds a date.
    private func visibleText(modified: Bool) -> DateField? {
        guard let body = metadata.body else { return nil }
        lines.textScanned = true
        if let f = scanText(in: body, hinted: true) { return f }
        var inComments: [Node: Bool] = [:]  // thousands of nested `<article>`s would each climb the same ancestors
        let region = metadata.articles.first(where: { !isExcluded($0) && !Exclusion.inComments($0, known: &inComments) }) ?? body
        if let f = scanText(in: region, hinted: false) { return f }
        // The region was the page's first `<article>` (a home page of teasers): the page footer's edit stamp
        // ("[Stand: 09.10.2017, 01:40 Uhr]", "Page last updated: ...") still dates the page; a footer's other dates do not.
        if region != body { _ = footerEdit() }
        return nil
    }

    /// With the publication from metadata or a `<time>` (the text scan did not run), the edit line of the post's header
    /// block: the next `editLookahead` elements after the headline, read as the scan reads them after a date line (a
    /// short element opening with an edit label, or one whose class says "updated"/"changed": Drupal's
    /// `field--name-changed`, "Updated March 6, 2021" under the `<time>`). Cheap: a bounded walk, once a page.
    private func editAfterHeadline() -> DateField? {
        var inComments: [Node: Bool] = [:]
        guard !lines.textScanned, lines.edit == nil,
              let h1 = metadata.h1s.first(where: { !isExcluded($0) && !Exclusion.inComments($0, known: &inComments) }) else { return nil }
        var budget = Self.editLookahead
        var cur = Self.following(h1, descend: false)
        // The node after a short element read for a label: its descendants' text is a part of that line, not read again.
        var lineEnd: Node?
        while let n = cur, budget > 0, lines.edit == nil {
            var descend = false
            if n == lineEnd { lineEnd = nil }
            if n.isElement, !excluded.contains(n), !ElementKind.of(n).isJunk {
                budget -= 1
                descend = true
                let bound = Self.maxHintedDateLine * 4 + 64
                if lineEnd == nil, n.textByteCount(upTo: bound) <= bound {
                    let text = TextNormalizer.normalize(n.textContent)
                    if Self.opensWithEditLabel(text: text) {
                        descend = false
                        if text.count <= Self.maxHintedDateLine,
                           let p = DateParser.parseText(text, reference: reference, languageHint: languageHint), plausible(p),
                           let mod = readLine(text, whole: p).modified {
                            lines.edit = field(mod, raw: text, source: "text")
                        }
                    } else if !Self.editWords.matches(text.fastLowercased) {
                        // No edit word in it: nothing inside it is an edit line either. (A meta block with one, "<time>…
                        // </time><div>Last changed: …</div>", is walked into.)
                        lineEnd = Self.following(n, descend: false)
                    }
                }
                let hints = descend ? Self.walkHints(n, metadata) : []
                if hints.contains(.modified) && !hints.contains(.publish) {
                    descend = false
                    if n.textByteCount(upTo: bound) <= bound {
                        if let f = machineAttribute(in: n) { lines.edit = f; break }
                        let text = TextNormalizer.normalize(n.textContent)
                        if text.count <= Self.maxHintedDateLine,
                           let p = DateParser.parseText(text, reference: reference, languageHint: languageHint), plausible(p) {
                            lines.edit = field(p, raw: text, source: "text")
                        }
                    }
                }
            }
            cur = Self.following(n, descend: descend)
        }
        return lines.edit
    }

    /// The node after `n` in document order: its first child (with `descend`), else the next sibling of it or of its
    /// nearest ancestor that has one.
    static func following(_ n: Node, descend: Bool) -> Node? {
        if descend, let c = n.firstChild { return c }
        var cur: Node? = n
        while let x = cur {
            if let s = x.nextSibling { return s }
            guard let p = x.parent, p.isElement else { return nil }
            cur = p
        }
        return nil
    }

    /// The first labelled edit stamp in the page's footers (`footers(in:)`), read once per page: a page footer's
    /// "Page last updated: ...", a post footer's "Last modified: ...".
    private func footerEdit() -> DateField? {
        guard !lines.footersRead, lines.edit == nil else { return lines.edit }
        lines.footersRead = true
        for footer in footers() where lines.edit == nil {
            guard footer.textByteCount(upTo: Self.maxFooterText) <= Self.maxFooterText,
                  Self.editWords.matches(footer.textContent.fastLowercased) else { continue }
            _ = scanText(in: footer, hinted: false, editsOnly: true)
        }
        return lines.edit
    }

    /// The outermost `<footer>`s and footer-classed elements (`PageMetadata.footers`), outside excluded subtrees and
    /// comments.
    private func footers() -> [Node] {
        var outer = Set<Node>()
        var out: [Node] = []
        var inComments: [Node: Bool] = [:]
        for f in metadata.footers where !Exclusion.isInside(f, outer) {
            outer.insert(f)
            if !isExcluded(f) && !Exclusion.inComments(f, known: &inComments) { out.append(f) }
        }
        return out
    }

    /// Longest footer text (UTF-8 bytes) searched for an edit stamp: a page footer, not a page wrapped in one.
    static let maxFooterText = 16_384

    /// A word of every edit label but those that hold another ("page last updated" holds "updated"): a footer whose
    /// lowercased text holds none gives no edit and is not scanned.
    static let editWords = NeedleSet(Array(Set(editLabels.compactMap { label -> String? in
        let words = label.split(separator: " ").map(String.init).filter { !["page", "last", "this", "was", "date", "of"].contains($0) }
        return words.max { $0.count < $1.count }
    })).sorted())

    /// Characters of a long paragraph opening with an edit label read for the edit's date (the label and the date).
    static let editNoteHead = 80
    /// Longest text of an unhinted element read as a date line ("Sep 23, 2024 • Subscribe").
    static let maxPlainDateLine = 48
    /// Longest text of a date-hinted element.
    static let maxHintedDateLine = 120

    /// Attributes that hold a machine-readable date in a date line: `datetime` and `title` (hAtom's `<abbr>`), what
    /// scripts fill the shown date from (`data-timestamp="1614938400"`, `data-date`; the text may be empty or "2 hours
    /// ago"). Not microdata's `content`: a line's `<meta itemprop="dateModified">` or an event's `startDate` is no
    /// publication (the microdata read takes `datePublished` by name).
    static let machineAttributes = ["datetime", "title", "data-date", "data-time", "data-timestamp", "data-datetime",
                                    "data-published", "data-publish-date", "data-pubdate"]

    /// Attributes that hold the last edit beside a date line's publication (`<div class="story-meta"
    /// data-published="…" data-modified="…">`).
    static let editMachineAttributes = ["data-modified", "data-updated", "data-date-modified", "data-last-modified",
                                        "data-update-date", "data-modified-date"]

    /// The first of `machineAttributes` past `datetime` and `title` (a script's) on `n` itself that is a date.
    private func scriptedDate(_ n: Node) -> (date: ParsedDate, raw: String)? {
        guard n.hasAttributes else { return nil }
        for name in Self.machineAttributes.dropFirst(2) {
            if let raw = n.attribute(name), let p = DateParser.parseMachine(raw), plausible(p) { return (p, raw) }
        }
        return nil
    }

    /// The first of `editMachineAttributes` in a date line's (short) subtree.
    private func editMachineAttribute(in n: Node) -> DateField? { firstMachineDate(in: n, names: Self.editMachineAttributes) }

    /// The first of `machineAttributes` in a (short) subtree that is a machine-readable date.
    private func machineAttribute(in n: Node) -> DateField? { firstMachineDate(in: n, names: Self.machineAttributes) }

    /// Most elements of a subtree read for a machine-readable date attribute.
    private static let maxMachineDateElements = 64

    /// The first attribute of `names`, element by element in document order (within `maxMachineDateElements`), that
    /// holds a plausible machine-readable date.
    private func firstMachineDate(in n: Node, names: [String]) -> DateField? {
        var out: DateField?
        var visited = 0
        n.walk { c in
            guard out == nil, c.isElement, visited < Self.maxMachineDateElements else { return false }
            visited += 1
            guard c.hasAttributes else { return true }
            for name in names {
                guard let raw = c.attribute(name) else { continue }
                if let p = DateParser.parseMachine(raw), plausible(p) { out = field(p, raw: raw, source: "meta"); return false }
            }
            return true
        }
        return out
    }

    /// Phrases after which a post footer's sentence names the post's date: WordPress themes' "This entry was posted on
    /// Monday, December 14th, 2015 at 2:48 pm and is filed under ...", "Dieser Artikel wurde am 14. Dezember 2015 um
    /// 14:48 von NAME geschrieben und unter ... abgelegt". Lowercased; each names the post itself, so prose ("the
    /// company was founded on ...") does not match.
    static let postedPhrases = ["entry was posted on", "post was posted on", "article was posted on", "entry was published on",
                                "post was published on", "article was published on", "story was published on",
                                "artikel wurde am", "beitrag wurde am", "eintrag wurde am",
                                "article a été publié le", "article a été posté le", "billet a été publié le",
                                "entrada fue publicada el", "artículo fue publicado el", "articolo è stato pubblicato il",
                                "articolo è stato scritto il", "bericht werd geplaatst op", "bericht is geplaatst op",
                                "artikel werd geplaatst op", "artigo foi publicado em", "post foi publicado em",
                                "article was originally published on", "post was originally published on",
                                "story was originally published on"]
    /// Longest sentence (characters) read for a posted phrase: a footer of one or two sentences, not a paragraph.
    static let maxPostedSentence = 400
    /// Characters after the phrase read for the date ("Monday, December 14th, 2015 at 2:48 pm").
    static let postedDateWindow = 48

    /// The longest ASCII run of each posted phrase without its last character ("culo fue publicado e" of "artículo
    /// fue publicado el"): that character could be matched by the first part of a precomposed one ("ń").
    static let postedPhraseRuns = NeedleSet(postedPhrases.map { p in
        let run = p.utf8.split(whereSeparator: { $0 >= 0x80 }).max(by: { $0.count < $1.count }) ?? []
        return String(decoding: run.dropLast(), as: UTF8.self)
    })

    /// False only where no posted phrase can occur in `text`'s lowercase. A phrase's ASCII characters have no other
    /// canonical form, and lowercasing makes ASCII only from ASCII (but for U+0130 and U+212A, which send the text to
    /// the full search): where Foundation would find a phrase, the ASCII-lowercased bytes hold its run above.
    static func mayHoldPostedPhrase(_ text: String) -> Bool {
        var lowered = Array(text.utf8)
        let n = lowered.count
        for i in 0..<n {
            let b = lowered[i]
            if b >= 0x41 && b <= 0x5A { lowered[i] = b | 0x20; continue }
            // U+0130 (C4 B0) lowercases to "i" and a dot, U+212A (E2 84 AA) to "k".
            if b == 0xC4, i + 1 < n, lowered[i + 1] == 0xB0 { return true }
            if b == 0xE2, i + 2 < n, lowered[i + 1] == 0x84, lowered[i + 2] == 0xAA { return true }
        }
        return lowered.withUnsafeBufferPointer { postedPhraseRuns.mask($0) } != 0
    }

    /// The absolute date right after a posted phrase in `text`.
    private func postedSentence(_ text: String) -> DateField? {
        guard text.count <= Self.maxPostedSentence, Self.mayHoldPostedPhrase(text) else { return nil }
        let lower = text.fastLowercased
        for phrase in Self.postedPhrases {
            guard let r = lower.range(of: phrase) else { continue }
            let window = String(lower[r.upperBound...].prefix(Self.postedDateWindow))
            guard let p = DateParser.parseText(window, reference: reference, languageHint: languageHint), !p.isRelative,
                  plausible(p) else { return nil }
            return field(p, raw: text, source: "text")
        }
        return nil
    }

    /// With `editsOnly`, only the edits of labelled lines are kept (`lines`), and nothing is returned.
    private func scanText(in region: Node, hinted: Bool, editsOnly editsOnlyScan: Bool = false) -> DateField? {
        // `found != nil`, kept beside it: asking the optional itself copied the field for each node walked after it.
        var isFound = false
        var found: DateField? { didSet { isFound = found != nil } }
        // Once the publication is found, the next `editLookahead` elements are still read for an edit line
        // ("March 5, 2021</p><p>Last updated on March 6, 2021"): only labelled edits are kept then.
        var tail = 0
        var editsOnly: Bool { editsOnlyScan || isFound }
        // Whether a paragraph of prose was passed: a date heading after one heads a section (a changelog's entry).
        var proseSeen = false
        // Whether the walk passed the page's first `<h1>`: before it, the site's header may show today's date.
        var headlineSeen = metadata.h1s.isEmpty
        var seen = 0
        var checked = Set<Node>()
        // Elements with a "comment" or "sidebar" class that were walked into: they hold the post.
        var wrappers = Set<Node>()
        let limit = hinted ? Self.maxHintedDateLine : Self.maxPlainDateLine
        // A date line's publication, else (a line giving only the edit) its edit, kept for `modified` and as a fallback.
        func take(_ p: ParsedDate, _ text: String) {
            let (pub, mod) = readLine(text, whole: p)
            if let mod, lines.edit == nil { lines.edit = field(mod, raw: text, source: "text") }
            if editsOnly {
                if pub == nil, let mod, lines.editOnly == nil { lines.editOnly = field(mod, raw: text, source: "text") }
                return
            }
            if let pub { found = field(pub, raw: text, source: "text"); tail = Self.editLookahead }
            else if let mod, lines.editOnly == nil { lines.editOnly = field(mod, raw: text, source: "text") }
        }
        // The date of a short element whose class says "updated" (its machine attribute first) is the last edit.
        func readEdit(_ n: Node, limit: Int) {
            guard lines.edit == nil, n.textByteCount(upTo: limit * 4 + 64) <= limit * 4 + 64 else { return }
            if let f = machineAttribute(in: n) { lines.edit = f; return }
            let text = TextNormalizer.normalize(n.textContent)
            if text.count <= limit, let p = DateParser.parseText(text, reference: reference, languageHint: languageHint), plausible(p) {
                lines.edit = field(p, raw: text, source: "text")
            }
        }
        // `labelledLong`: a labelled text over the plain limit is read up to the hinted one (the element that holds
        // the text, not its parent: a byline's wrapper would give the author's name as the date's raw text).
        // `read`: `n`'s text and its normalized form when the caller read them already (for `isLabelledText`).
        func check(_ n: Node, maxWords: Int = Int.max, lineLimit: Int? = nil, labelledLong: Bool = false,
                   read: (raw: String, text: String)? = nil) {
            let limit = lineLimit ?? limit
            guard checked.insert(n).inserted else { return }
            // hAtom's `<abbr class="published" title="2021-01-15T16:45:00-05:00">` (Pelican's notmyidea): the
            // attribute has the time that the text gives only to the day; it may sit inside the hinted line.
            if hinted, !editsOnly, n.textByteCount(upTo: limit * 4 + 64) <= limit * 4 + 64, let f = machineAttribute(in: n) {
                // "Last updated: <time datetime=…>" (VitePress's page footer): the attribute dates the edit, not the post.
                let labels = Self.labelOffsets(Array(TextNormalizer.normalize(n.textContent).lowercased().utf8))
                if labels.modified != nil, labels.published == nil {
                    if lines.edit == nil { lines.edit = f }
                    return
                }
                found = f
                tail = Self.editLookahead
                if lines.edit == nil { lines.edit = editMachineAttribute(in: n) }
                return
            }
            // Cheap byte bound before normalizing: four bytes per character at most (counted before copying the text).
            let bound = limit * 4 + 64, sentenceBound = Self.maxPostedSentence * 4 + 64
            guard n.textByteCount(upTo: sentenceBound) <= sentenceBound else { return }
            let raw = read?.raw ?? n.textContent
            guard raw.utf8.count <= sentenceBound else { return }
            let text = read?.text ?? TextNormalizer.normalize(raw)
            guard !text.isEmpty else { return }
            // Too long for a date line: a post footer's sentence may still say when the post was written. A labelled
            // line is as long as a hinted one, also in a bare `<span>` ("Publié le 27 novembre 2026 à 14:05 (heure de Paris)").
            guard (raw.utf8.count <= bound && text.count <= limit)
                    || (labelledLong && !editsOnly && limit < Self.maxHintedDateLine && raw.utf8.count <= Self.maxHintedDateLine * 4 + 64
                        && text.count <= Self.maxHintedDateLine && Self.isLabelledText(text)) else {
                if !editsOnly, let f = postedSentence(text) { found = f; tail = Self.editLookahead }
                // An editor's note opening a paragraph ("UPDATE 2021-03-06: a correction ..."): the date after its label.
                else if editsOnly, lines.edit == nil, Self.opensWithEditLabel(text: text) {
                    let head = String(text.prefix(Self.editNoteHead))
                    if let p = DateParser.parseText(head, reference: reference, languageHint: languageHint), plausible(p) { take(p, head) }
                }
                return
            }
            // Only a line naming an edit can give one: the others are not parsed.
            if editsOnly, Self.labelOffsets(Array(text.fastLowercased.utf8)).modified == nil { return }
            if maxWords < Int.max, Self.dateLineWords(text) > maxWords {
                // A short sentence may still name the post's date after a posted phrase ("This article was originally
                // published on March 5, 2021.").
                if !editsOnly, let f = postedSentence(text) { found = f; tail = Self.editLookahead }
                return
            }
            if let p = DateParser.parseText(text, reference: reference, languageHint: languageHint), plausible(p) {
                take(p, text)
            } else if text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let spaced = Self.textWithBreaks(n).map(TextNormalizer.normalize),
                      let p = DateParser.parseText(spaced, reference: reference, languageHint: languageHint), plausible(p) {
                take(p, spaced)
            }
        }
        region.walk { n in
            if isFound {
                guard tail > 0, lines.edit == nil, n.isElement, !excluded.contains(n) else { return false }
                tail -= 1
                // A short element opening with an edit label, or one whose class says "updated"; nothing else is read.
                if Self.opensWithEditLabel(n) { check(n, lineLimit: Self.maxHintedDateLine); return false }
                let hints = Self.walkHints(n, metadata)
                if hints.contains(.modified) && !hints.contains(.publish) {
                    if hinted { readEdit(n, limit: limit) }
                    return false
                }
                return true
            }
            if n.isText {
                // Unhinted: the element that directly holds a piece of text, and its parent (a date split in spans).
                if !hinted, let p = n.parent, n.withOwnText(HTMLEscape.hasVisible) {
                    if !headlineSeen, inTeaserCard(p) { return false }
                    check(p, labelledLong: true)
                    if !isFound, let pp = p.parent, pp != region { check(pp) }
                }
                return false
            }
            guard n.isElement else { return false }
            if excluded.contains(n) { return false }
            let kind = ElementKind.of(n)
            let name = kind.name // empty for names in no list, none of which are tested here
            // The names below by tag, each a tag of its own but for the subheadings (`Tag.heading` is h2-h6): comparing
            // every element's name with eight strings was ~2M instructions of the batch's scans.
            let tag = kind.tag
            let subheading = tag == .heading && (name == "h2" || name == "h3")
            // A form that holds the post is the page's wrapper (ASP.NET's `<form id="aspnetForm">`), not a form.
            if kind.isJunk && name != "footer" && !(name == "form" && holdsContent(n)) { return false }
            // A paragraph or subheading is prose, unless it is labelled as the date ("Datum: 22.12.2012, Rubrik: USA"),
            // is a byline ("von <a rel=author>Name</a>, 8.5.12"), or is a paragraph of little but the date ("Dienstag, 4. Dezember 2016").
            // A heading that holds a date and little else is the post's date line (Blogger's `<h2 class="date-header">`).
            if hinted, subheading {
                if Self.walkHints(n, metadata).contains(.date) { check(n, maxWords: Self.maxDateOnlyWords) }
                return false
            }
            if !hinted, tag == .p || subheading || (tag == .heading && name == "h4") {
                // A labelled line is as long as a hinted one ("Publié le 3 mars 2021 à 10h00, mis à jour le 5 mars 2021").
                // Its text, read for the label, is handed to the check (which reads the same text).
                let labelBound = Self.maxHintedDateLine * 4 + 64
                let read = n.textByteCount(upTo: labelBound) <= labelBound
                    ? { let raw = n.textContent; return (raw: raw, text: TextNormalizer.normalize(raw)) }() : nil
                if let read, Self.isLabelledText(read.text) {
                    check(n, lineLimit: Self.maxHintedDateLine, read: read)
                } else if Self.holdsAuthorLink(n, limit: limit * 4 + 64) {
                    check(n, read: read)
                } else if tag == .p {
                    check(n, maxWords: Self.maxDateOnlyWords, read: read)
                    if !proseSeen { proseSeen = n.textByteCount(upTo: Self.proseParagraph) >= Self.proseParagraph }
                } else if !proseSeen {
                    // A heading of a date alone before the text (blosxom's day headers); after prose it heads a log's entry.
                    check(n, maxWords: Self.maxDateOnlyWords, read: read)
                }
                // A labelled line of a paragraph split by `<br>`s (a print footer's "[Stand: 09.10.2017, 01:40 Uhr]").
                if !isFound || lines.edit == nil, tag == .p, let broken = Self.brokenLines(n) {
                    // Every line is read ("Created: ...<br>Last modified: ..."): the first publication stays, the first edit is kept.
                    for line in broken where line.count <= Self.maxHintedDateLine && Self.isLabelledText(line) {
                        guard let p = DateParser.parseText(line, reference: reference, languageHint: languageHint), plausible(p) else { continue }
                        let first = found
                        take(p, line)
                        if let first { found = first }
                    }
                }
                return false
            }
            if tag == .heading1 { headlineSeen = true }
            if tag == .a || tag == .heading1 || subheading || tag == .blockquote { return false }
            seen += 1
            if seen > 5000 { return false }
            // The region's own classes describe the whole page (Drupal's `<body class="one-sidebar sidebar-second">`).
            if n == region { return true }
            // Hidden markup (a slider's slides, `display:none`) is not what the reader sees as the post's date line.
            if metadata.elements.facts(n).flags.contains(.hidden) { return false }
            // Class and id searched apart find what their "class id" would: no hint holds a space.
            let (cls, id) = metadata.elements.classAndID(n)
            let hints = Self.walkHints(cls: cls, id: id)
            // The site's header or top bar before the headline, apart from the post: its date is today's (a news
            // theme's `<div class="td_data_time">Friday, November 20, 2026</div>`), not the post's.
            if !headlineSeen, Self.isSiteHeader(n, name: name, hints: hints), !holdsHeading(n), !holdsContent(n) {
                return false
            }
            if cls.isEmpty && id.isEmpty { return true }
            func has(_ list: WalkHints) -> Bool { hints.contains(list) }
            // A "sidebar" or "comment" class on an element that holds the post's content is a layout wrapper
            // (`<div class="mainwrap single-default sidebar">`), not the aside itself.
            // Nor is one that holds the page's heading (an opinion piece's `<div class="PageArticle_commentHeader">`),
            // nor a part of such a wrapper that repeats its name (`<div class="ArticleHeaderComment_publishDate">`).
            if has(.skipped) {
                if holdsContent(n) || holdsHeading(n) {
                    wrappers.insert(n)
                } else if !Exclusion.isInside(n, wrappers) {
                    return false
                }
            }
            // An "updated" line is never the published date, unless it also says "published"; its date is the last edit
            // (`<span class="updated">March 5, 2024</span>`).
            if has(.modified) && !has(.publish) {
                if hinted { readEdit(n, limit: limit) }
                return false
            }
            // A wrapper of the headline and its meta line (Divi's `div.et_post_meta_wrapper`) is no date line: its
            // meta line, read next, is.
            if hinted, has(.date), !holdsHeading(n) {
                // Before the headline, a card of another story (a ticker's item, a "most read" box) dates that story.
                if !headlineSeen, inTeaserCard(n) { return false }
                // A line holding an "updated" part and a "published" one (`<span class="updated">` before
                // `<span class="published">`): its parts are read one by one, below. Asked only of the line that
                // gave the date, once per page.
                let edit = lines.edit, editOnly = lines.editOnly
                check(n)
                if isFound, holdsEditAndPublishedParts(n, limit: limit) {
                    found = nil; tail = 0; lines.edit = edit; lines.editOnly = editOnly
                }
            }
            return true
        }
        return found
    }

}
