import Foundation
import HTML

/// Everything the page says about itself outside its visible text, gathered in one walk of the tree:
/// `<meta>` (OpenGraph, article:*, Dublin Core, Twitter, itemprop), `<link>`, `<title>`, `lang`,
/// `<base>`, JSON-LD, microdata elements, `<time>` elements and every `<a href>`.
struct PageMetadata {
    /// `<meta>` values by lowercased `name`/`property`/`itemprop`/`http-equiv`, in document order.
    var meta: [String: [String]] = [:]
    var titleTag: String?
    var lang: String?
    var baseHref: String?
    var canonical: String?
    var shortlink: String?
    var feeds: [String] = []
    /// The `title`s of the feed links (`feeds`), when given: a blog names its feeds after itself ("Site - Atom").
    var feedTitles: [String] = []
    /// `<link rel=sitemap href>` (Astro, Gatsby and others name a sitemap robots.txt may not list).
    var sitemaps: [String] = []
    var relNext: [String] = []
    /// `<link rel=alternate hreflang href>` (not feeds): the page in other languages (and its own), lowercased language tags.
    var languageVersions: [(language: String, href: String)] = []
    /// Parsed JSON-LD blocks (each a dictionary or array).
    var jsonLD: [JSONValue] = []
    /// Every `<a href>` with its node, document order.
    var anchors: [(node: Node, href: String)] = []
    var timeElements: [Node] = []
    /// Elements (not `<meta>`) carrying `itemprop`, with the lowercased property names.
    var itemprops: [(prop: String, node: Node)] = []
    var h1s: [Node] = []
    /// The proper ancestors of the `<h1>`s (`TagFinder.wrappers(of:)`), worked out once when the walk ends: tags and
    /// dates ask whether an element holds a heading, which climbing from every heading made headings x depth a question.
    var h1Wrappers: Set<Node> = []
    /// Elements that may start a related-posts section, in document order: a related-posts class/id,
    /// or a heading-like element with a short text (checked later by `RelatedFinder`).
    var relatedCandidates: [(node: Node, reason: RelatedFinder.CandidateReason)] = []
    var h2s: [Node] = []
    var articles: [Node] = []
    /// `<footer>`s and elements whose class or id holds "footer", document order (nested ones too).
    var footers: [Node] = []
    /// Elements with a microformats2 or hAtom author class (`AuthorFinder.isMicroformatAuthor`), document order.
    var microformatAuthors: [Node] = []
    var body: Node?
    /// The name and attributes of every element the walk reached outside `<head>`'s metadata elements.
    var elements = ElementFacts.Table()

    /// The elements `collect` handles apart, by name.
    enum Element: Sendable {
        case meta, link, title, base, script, skipped, body, a, time, h1, h2, article, footer, other

        static let names = ["meta", "link", "title", "base", "script", "style", "noscript", "template", "svg", "body", "a",
                            "time", "h1", "h2", "article", "footer"]

        init(_ name: String) {
            switch name {
            case "meta": self = .meta
            case "link": self = .link
            case "title": self = .title
            case "base": self = .base
            case "script": self = .script
            case "style", "noscript", "template", "svg": self = .skipped
            case "body": self = .body
            case "a": self = .a
            case "time": self = .time
            case "h1": self = .h1
            case "h2": self = .h2
            case "article": self = .article
            case "footer": self = .footer
            default: self = .other
            }
        }
    }

    func first(_ keys: String...) -> String? {
        for k in keys {
            if let vs = meta[k] {
                for v in vs {
                    let t = v.trimmedWhitespaceAndNewlines
                    if !t.isEmpty { return t }
                }
            }
        }
        return nil
    }

    func all(_ key: String) -> [String] { meta[key] ?? [] }

    /// `itemprop` names of dates (lowercased) that a body `<meta>` gives as microdata. Not `dateCreated`: as meta it is
    /// never read (rnz.de's is the CMS import of a 2015 story), and microdata would read it.
    static let dateItemprops: Set<String> = ["datepublished", "datemodified", "dateupdate"]

    /// RDFa date properties of body elements and the microdata names they are read as (Drupal 7's node:
    /// `<span property="dc:date dc:created" content="2024-03-12T18:40:00+01:00">Verfasst von … am Di, 12.03.2024</span>`).
    static let rdfaDates: [String: String] = ["dc:created": "datecreated", "dcterms:created": "datecreated",
                                              "dc:issued": "datepublished", "dcterms:issued": "datepublished",
                                              "schema:datecreated": "datecreated", "schema:datepublished": "datepublished",
                                              "dc:modified": "datemodified", "dcterms:modified": "datemodified",
                                              "schema:datemodified": "datemodified"]

    /// The microdata date name an RDFa `property` value holds (`rdfaDates`), if any.
    static func rdfaDateProp(_ property: String) -> String? {
        for key in property.lowercased().split(separator: " ") { if let p = rdfaDates[String(key)] { return p } }
        return nil
    }

    /// RDFa names of a person, and the `rel` values that make the person a creator of the page around them.
    static let rdfaNames: Set<Substring> = ["foaf:name", "schema:name"]
    static let rdfaCreatorRels: Set<Substring> = ["sioc:has_creator", "schema:author", "dc:creator"]
    /// Ancestors looked at for such a `rel`.
    static let rdfaCreatorLevels = 3

    /// Whether `n` is an RDFa person's name inside a creator relation, not in comments: Drupal's submitted line
    /// (7: `<span rel="sioc:has_creator">Verfasst von <span property="foaf:name">Hannelore Kurz</span> am …</span>`;
    /// 8 and later: `<span rel="schema:author"><span property="schema:name">admin</span></span>`). Read as a microdata author.
    static func isRDFaCreatorName(_ n: Node, property: String) -> Bool {
        guard property.lowercased().split(separator: " ").contains(where: { rdfaNames.contains($0) }) else { return false }
        var cur = n.parent
        for _ in 0..<rdfaCreatorLevels {
            guard let c = cur, c.isElement else { return false }
            if let rel = c.attribute("rel"), rel.lowercased().split(separator: " ").contains(where: { rdfaCreatorRels.contains($0) }) {
                return !Exclusion.inComments(n)
            }
            cur = c.parent
        }
        return false
    }

    /// Room made in `meta` before the walk: a blog post's head names ~10 keys, ~30 with an SEO plugin's OpenGraph and
    /// Twitter tags, and growing the table from empty rehashed it about four times a page.
    static let expectedMetaKeys = 32
    /// Room made in `anchors` and `relatedCandidates` before the walk: a page of the 350-page batch holds ~60 of each,
    /// and growing them from empty moved them to a new buffer about seven times a page.
    static let expectedAnchors = 64
    /// What `collect` reads of a `<meta>`, in one pass over its attributes (seven lookups walked them seven times).
    private static let metaQuery = AttributeQuery(["content", "charset", "itemprop", "name", "property", "http-equiv"])

    /// What `collect` looks for in every element's lowercased class and id, in one pass over each (three searches
    /// of each were 2% of a blog post's extraction, FINDINGS 99): `RelatedFinder.classHints`, "footer", "author".
    private static let hintNeedles = NeedleSet(lists: [RelatedFinder.classHints, ["footer"], ["author"]])
    private static let relatedHint: UInt32 = 1, footerHint: UInt32 = 2, authorHint: UInt32 = 4

    /// Collects the metadata of a document in one iterative walk.
    static func collect(_ doc: HTMLDocument) -> PageMetadata {
        var m = PageMetadata()
        guard let root = doc.root else { return m }
        m.meta.reserveCapacity(Self.expectedMetaKeys)
        m.anchors.reserveCapacity(Self.expectedAnchors)
        m.relatedCandidates.reserveCapacity(Self.expectedAnchors)
        if let l = root.attribute("lang") ?? root.attribute("xml:lang") { m.lang = l }
        // The table by a constant: through `m`, which the closure changes, each call retained and released it.
        let elements = m.elements
        // Statics read once, not once per element (each read asks `swift_once`).
        let needles = Self.hintNeedles
        root.walk { n in
            guard n.isElement else { return false }
            let kind = ElementKind.of(n)
            switch kind.metadata {
            case .meta:
                var content: String?, charset = false, itemprop: String?, name: String?, property: String?, httpEquiv: String?
                n.attributes(Self.metaQuery) { k, v in
                    switch k {
                    case 0: content = v
                    case 1: charset = true
                    case 2: itemprop = v
                    case 3: name = v
                    case 4: property = v
                    default: httpEquiv = v
                    }
                }
                let value = content ?? ""
                if charset, value.isEmpty { return false }
                // A date `<meta itemprop>` in the body dates the item around it, maybe a teaser card of another story
                // in a "most read" box: read as microdata, whose reader tells cards apart, not as the page's meta.
                if let ip = itemprop, name == nil, property == nil,
                   n.parent?.hasName("head") != true, case let prop = ip.lowercased(), Self.dateItemprops.contains(prop) {
                    m.itemprops.append((prop, n))
                    return false
                }
                // The names of the value, recorded in this order (an array of the four was made and freed per `<meta>`).
                Self.record(value, under: property, in: &m.meta)
                Self.record(value, under: name, in: &m.meta)
                Self.record(value, under: itemprop, in: &m.meta)
                Self.record(value, under: httpEquiv, in: &m.meta)
                return false
            case .link:
                let rel = (n.attribute("rel") ?? "").lowercased()
                guard let href = n.attribute("href") else { return false }
                let rels = SpaceWords.split(rel)
                if rels.contains("canonical"), m.canonical == nil { m.canonical = href }
                if rels.contains("shortlink"), m.shortlink == nil { m.shortlink = href }
                if rels.contains("next") { m.relNext.append(href) }
                if rels.contains("sitemap") { m.sitemaps.append(href) }
                if rels.contains("alternate") {
                    let type = (n.attribute("type") ?? "").lowercased()
                    if ByteSearch.containsAny(type, ["rss", "atom"]) {
                        m.feeds.append(href)
                        if let t = n.attribute("title") { m.feedTitles.append(t) }
                    } else if let lang = n.attribute("hreflang") {
                        // A feed's `hreflang` names the feed's language: it is no version of the page.
                        m.languageVersions.append((lang.lowercased(), href))
                    }
                }
                return false
            case .title:
                if m.titleTag == nil, n.parent?.hasName("svg") != true { m.titleTag = n.textContent }
                return false
            case .base:
                if m.baseHref == nil, let h = n.attribute("href") { m.baseHref = h }
                return false
            case .script:
                let type = (n.attribute("type") ?? "").lowercased()
                if ByteSearch.contains(type, "ld+json") {
                    let text = n.textContent
                    if let obj = JSONLD.parse(text) { m.jsonLD.append(obj) }
                }
                return false
            case .skipped:
                return false
            case .body:
                m.body = n
            case .a:
                if let h = n.attribute("href") { m.anchors.append((n, h)) }
            case .time:
                m.timeElements.append(n)
            case .h1:
                m.h1s.append(n)
            case .h2:
                m.h2s.append(n)
            case .article:
                m.articles.append(n)
            default:
                break
            }
            let attrs = Attrs(n)
            if let ip = attrs.itemprop {
                for p in ip.lowercased().split(separator: " ") {
                    m.itemprops.append((String(p), n))
                    if p == "articlebody" { keepAsides(around: n, in: elements) }
                }
            }
            if let p = attrs.rdfaProperty {
                if let prop = Self.rdfaDateProp(p) { m.itemprops.append((prop, n)) }
                else if Self.isRDFaCreatorName(n, property: p) { m.itemprops.append(("author", n)) }
            }
            let clsHints = needles.mask(attrs.lowerClass), hints = clsHints | needles.mask(attrs.lowerID)
            if kind.metadata == .footer || hints & Self.footerHint != 0 { m.footers.append(n) }
            if clsHints & Self.authorHint != 0, AuthorFinder.isMicroformatAuthor(attrs.lowerClass) { m.microformatAuthors.append(n) }
            elements.add(n, kind: kind, attrs: attrs)
            if let reason = RelatedFinder.candidacy(n, kind: kind, hinted: hints & Self.relatedHint != 0) {
                m.relatedCandidates.append((n, reason))
            }
            return true
        }
        m.h1Wrappers = TagFinder.wrappers(of: m.h1s)
        return m
    }

    /// Appends a `<meta>`'s value under each lowercased name `key` holds (RDFa's `property` may hold several,
    /// space-separated); nothing without a key.
    private static func record(_ value: String, under key: String?, in meta: inout [String: [String]]) {
        guard let key else { return }
        for k in SpaceWords.split(key.fastLowercased) { meta[String(k), default: []].append(value) }
    }

    /// The `<aside>`s that hold the story's body are content (`ElementFacts.Table.keepAside`); ancestors are recorded
    /// before their descendants, so they are in the table already.
    private static func keepAsides(around n: Node, in elements: ElementFacts.Table) {
        var cur = n.parent
        var depth = 0
        while let c = cur, c.isElement, depth < 64 {
            if c.hasName("aside") { elements.keepAside(c) }
            cur = c.parent; depth += 1
        }
    }
}

/// JSON-LD parsing and lookup of the page's main article object.
enum JSONLD {
    static func parse(_ text: String) -> JSONValue? {
        var t = text.trimmedWhitespaceAndNewlines
        // Some CMSs wrap JSON-LD in CDATA or HTML comments.
        for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")] {
            if t.hasPrefix(open) && t.hasSuffix(close) {
                t = String(t.dropFirst(open.count).dropLast(close.count))
            }
        }
        return JSONValue.parse(t)
    }

    /// Schema.org types that describe one article or post.
    static let articleTypes: Set<String> = [
        "article", "blogposting", "newsarticle", "analysisnewsarticle", "askpublicnewsarticle",
        "backgroundnewsarticle", "opinionnewsarticle", "reportagenewsarticle", "reviewnewsarticle",
        "report", "satiricalarticle", "scholarlyarticle", "medicalscholarlyarticle", "socialmediaposting",
        "liveblogposting", "discussionforumposting", "techarticle", "apireference", "advertisercontentarticle",
        "review", "posting",
    ]
    /// Types of listing pages.
    static let listingTypes: Set<String> = ["collectionpage", "itemlist", "blog", "searchresultspage", "profilepage"]

    /// All objects in the blocks, flattening arrays and `@graph`.
    static func objects(_ blocks: [JSONValue]) -> [JSONValue.Object] {
        var out: [JSONValue.Object] = []
        var stack: [JSONValue] = blocks.reversed()
        var budget = 10_000 // bound the work on hostile input
        while let x = stack.popLast(), budget > 0 {
            budget -= 1
            if case .array(let arr) = x { stack.append(contentsOf: arr.reversed()) }
            else if case .object(let o) = x {
                out.append(o)
                if let g = o["@graph"] { stack.append(g) }
            }
        }
        return out
    }

    /// The post a `Blog` object lists in `blogPost` when that post is the page itself (its `url`, `@id` or
    /// `mainEntityOfPage` is the page's URL by `isPage`), with that `Blog`: a post page that describes its
    /// blog first and the post inside it (Hashnode's blog starter kit). A blog's home lists other pages' posts.
    static func postInBlog(_ objects: [JSONValue.Object], isPage: (String) -> Bool) -> (post: JSONValue.Object, blog: JSONValue.Object)? {
        for blog in objects where types(blog).contains(where: { stripSchema($0) == "blog" }) {
            var posts: [JSONValue] = []
            for key in ["blogPost", "blogPosts"] {
                if let list = blog[key]?.array { posts += list } else if let one = blog[key] { posts.append(one) }
            }
            for case .object(let post) in posts.prefix(1_000) where isArticle(post) {
                let entity = post["mainEntityOfPage"]
                let ids = [post["url"]?.string, post["@id"]?.string,
                           entity?.string ?? entity?.object?["@id"]?.string]
                if ids.contains(where: { $0.map(isPage) ?? false }) { return (post, blog) }
            }
        }
        return nil
    }

    static func types(_ o: JSONValue.Object) -> [String] {
        switch o["@type"] {
        case .string(let t)?: return [t.lowercased()]
        case .array(let ts)?: return ts.compactMap { $0.string?.lowercased() }
        default: return []
        }
    }

    static func isArticle(_ o: JSONValue.Object) -> Bool { types(o).contains { articleTypes.contains(stripSchema($0)) } }

    static func stripSchema(_ t: String) -> String {
        // ASCII by bytes: Foundation's search is NSString's (0.9% of a blog post's extraction, FINDINGS 90). It
        // could differ only where a mark combines with "/" or ":", which needs a non-ASCII character.
        // One pass over the bytes finds both marks and asks ASCII: the view's `allSatisfy` and two `lastIndex` were
        // 1.6M of 1,800 calls' instructions on the 350-page batch.
        let ascii: String? = t.withUTF8Bytes { b in
            var slash = -1, colon = -1
            for i in 0..<b.count {
                let c = b[i]
                if c >= 0x80 { return nil }
                if c == 0x2F { slash = i } else if c == 0x3A { colon = i }
            }
            let at = slash >= 0 ? slash : colon
            return at < 0 ? t : String(decoding: UnsafeBufferPointer(rebasing: b[(at + 1)...]), as: UTF8.self)
        }
        if let ascii { return ascii }
        if let r = t.range(of: "/", options: .backwards) { return String(t[r.upperBound...]) }
        if let r = t.range(of: ":", options: .backwards) { return String(t[r.upperBound...]) }
        return t
    }

    /// A string value (a string, a number as written by `NSNumber.stringValue`, the first string of an array,
    /// or `@value`/`name` of an object).
    static func string(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: return s
        case .number(let n)?: return n
        case .array(let a)?:
            for x in a { if let s = string(x) { return s } }
            return nil
        case .object(let o)?: return o["@value"]?.string ?? o["name"]?.string
        default: return nil
        }
    }

    /// Types of a JSON-LD node that is an organization, not a person.
    static let organizationTypes: Set<String> = ["organization", "newsmediaorganization", "corporation",
                                                 "educationalorganization", "governmentorganization", "ngo"]

    /// Whether every item of an `author` value is typed as an organization (an `@id` reference by its graph node,
    /// the first of that `@id`).
    static func onlyOrganizations<Graph: Collection<JSONValue.Object>>(_ v: JSONValue?, graph: Graph) -> Bool {
        var list: [JSONValue] = []
        if let a = v?.array { list = a } else if let v { list = [v] }
        guard !list.isEmpty else { return false }
        // The graph is read once, at the first reference: a list of thousands of references searching a graph of
        // thousands of nodes each was quadratic.
        var byID: [String: JSONValue.Object]?
        return list.allSatisfy { item in
            guard var o = item.object else { return false }
            if types(o).isEmpty, let id = o["@id"]?.string {
                if byID == nil { byID = firstByID(graph) }
                if let ref = byID?[id] { o = ref }
            }
            return types(o).contains { organizationTypes.contains(stripSchema($0)) }
        }
    }

    /// The first object of each `@id` in the graph: the node an `@id` reference names.
    static func firstByID<Graph: Collection<JSONValue.Object>>(_ graph: Graph) -> [String: JSONValue.Object] {
        var out: [String: JSONValue.Object] = [:]
        for o in graph { if let id = o["@id"]?.string, out[id] == nil { out[id] = o } }
        return out
    }

    /// Names of people in an `author`/`creator` value, resolving `@id` references against the graph.
    static func names(_ v: JSONValue?, graph: [JSONValue.Object]) -> [String] {
        var out: [String] = []
        var list: [JSONValue] = []
        if let a = v?.array { list = a } else if let v { list = [v] }
        for item in list.prefix(50) {
            if let s = item.string { out.append(s) }
            else if let o = item.object {
                if let n = string(o["name"]) { out.append(n) }
                else if let id = o["@id"]?.string,
                        let ref = graph.first(where: { $0["@id"]?.string == id && $0["name"] != nil }),
                        let n = string(ref["name"]) { out.append(n) }
            }
        }
        return out
    }
}
