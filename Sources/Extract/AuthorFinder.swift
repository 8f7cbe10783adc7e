import Foundation
import HTML

/// Finds the authors: rule, JSON-LD, meta (author, Dublin Core, Parse.ly...), microdata, `rel=author`,
/// then the byline text found while scoring the content. Names are cleaned ("By " dropped) and deduplicated.
enum AuthorFinder {
    /// The people of a credit line without the outlet named beside them ("Dana Ford and Tom Watkins, CNN"): a name
    /// equal to the site's name is dropped when people remain.
    static func withoutSiteName(_ names: [String], siteName: String?) -> [String] {
        guard names.count > 1, let site = siteName?.lowercased(), !site.isEmpty else { return names }
        let people = names.filter { $0.lowercased() != site }
        return people.isEmpty ? names : people
    }

    static let metaKeys = ["dc.creator", "dc:creator", "dcterms.creator", "dcterm:creator", "author", "parsely-author",
                           "sailthru.author", "byl", "article:author", "og:article:author", "citation_author", "twitter:creator:name"]
    /// Words a byline starts with, in several languages.
    static let prefixes = ["written by", "posted by", "submitted by", "words by", "reviewed by", "story by", "by:", "by", "von", "par",
                           "por", "di", "door", "av", "autor:", "author:", "автор:", "作者：", "作者", "著者：", "著者", "投稿者：", "投稿者",
                           "글쓴이", "기자"]
    /// For each ASCII byte, whether a label of `prefixes` starts with it.
    static let prefixStarts: [Bool] = (0..<128).map { b in prefixes.contains { $0.utf8.first == UInt8(b) } }
    /// URL path pieces of author pages.
    static let authorPaths = ["/author/", "/authors/", "/profile/", "/people/", "/staff/", "/writers/", "/contributors/"]
    static let authorPathSet = NeedleSet(authorPaths)

    /// Whether an `href` holds one of `authorPaths` in any case (`authorPathSet.matches(href.fastLowercased)`), an ASCII
    /// one lowered on the stack: a lowered string of each of a listing's ~140 links was a third of `linkedAuthors`.
    static func leadsToAuthorPage(_ href: String) -> Bool {
        if let mask = href.withUTF8Bytes({ authorPathSet.mask(asciiLowering: $0) }) { return mask != 0 }
        return authorPathSet.matches(href.fastLowercased)
    }
    /// Places where an author link is not the post's byline.
    static let nonBylineHints = ["nav", "menu", "site-footer", "sidebar", "widget", "related", "comment", "author-box",
                                 "authorbox", "author-card", "bio", "card"]
    /// Class words that name a byline whatever else they hold: the hints above do not match inside them
    /// (boingboing's `<div class="navbyline">` is the post's byline, not a menu).
    static let bylineWords = ["byline"]
    /// Openings of a picture's credit line, which names a photographer or an agency, not the post's author.
    static let creditPrefixes = ["photograph by", "photographs by", "photo by", "photos by", "photo:", "photos:",
                                 "photo credit", "image by", "image:", "images:", "image credit", "illustration by",
                                 "illustration:", "credit:", "video by", "foto:", "fotos:", "bild:", "crédit photo",
                                 "crédits photo", "foto di"]
    /// Microdata types of pictures and recordings: an `itemprop=author` inside one credits the medium.
    static let mediaTypes = ["imageobject", "photograph", "videoobject", "audioobject", "mediaobject"]

    /// Whether a byline-like text is a picture's credit line ("Photograph by Ed Marshall").
    static func isCredit(_ text: String) -> Bool {
        let lower = text.fastLowercased
        return creditPrefixes.contains { lower.hasPrefix($0) }
    }

    /// Whether the nearest microdata item around `n` (not `n` itself) is a picture or a recording.
    static func inMediaItem(_ n: Node) -> Bool {
        var cur = n.parent
        while let c = cur, c.isElement {
            if let type = c.attribute("itemtype") {
                let lower = type.lowercased()
                return mediaTypes.contains { ByteSearch.contains(lower, $0) }
            }
            if c.attribute("itemscope") != nil { return false }
            cur = c.parent
        }
        return false
    }

    /// English byline openings that make the content's first line a byline when no class marks it
    /// (Lektor's quickstart blog: `<p class="meta">written by Ana Lima on 2021-01-04</p>` above the text).
    static let leadingPrefixes = ["written by", "posted by", "submitted by", "words by", "story by", "by:", "by"]
    /// The same openings in other languages ("Von Anna Schmidt, 3. März 2021", "Par Marie Dupont", "Door Jan de Vries");
    /// several are common words too ("di", "par", "von"), so each name after them must look like one (`looksLikeName`).
    static let foreignLeadingPrefixes = ["von", "par", "por", "di", "door", "av", "af", "autor:", "autorin:", "auteur :",
                                         "auteur:", "autore:", "yazar:", "автор:", "texte :", "text:", "tekst:",
                                         // "Written by" in other languages, often with the date after the name ("Scritto
                                         // da Mario Rossi il 5 marzo 2021", "Publié par Jean Dupont le 5 mars 2021").
                                         "scritto da", "pubblicato da", "publié par", "écrit par", "rédigé par",
                                         "escrito por", "publicado por", "geschrieben von", "verfasst von",
                                         "geschreven door", "gepubliceerd door", "skrevet af", "skrevet av", "skriven av"]
    /// Words that join a byline's names to the date after them ("NAME il 5 marzo", "NAME am 5. März", "NAME on ..."):
    /// dropped from the end of the names when a date follows.
    static let dateJoiners: Set<Substring> = ["il", "le", "el", "am", "op", "em", "on", "den", "den.", "på"]
    /// Longest abbreviated weekday before a date's comma ("Di,", "Mon,", "mer.,").
    static let maxWeekdayLength = 4
    /// "and" between two names in the languages of `foreignLeadingPrefixes` (German "und" is in `nameSeparators`).
    static let foreignNameSeparators = [" et ", " y ", " e ", " en ", " och ", " og ", " i ", " и ", " ve "]
    /// Lowercase words inside a person's name ("Jan de Vries", "Ludwig van Beethoven", "María del Mar").
    static let nameParticles: Set<String> = ["de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "dos",
                                             "das", "bin", "al", "ter", "zu"]

    /// Whether `name` reads as a person's name in a cased script: every word opens with a capital letter, but for the
    /// particles above ("Montag an gilt" and "ailleurs" are prose after "Von", "Par").
    static func looksLikeName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard !words.isEmpty, words.count <= 5 else { return false }
        return words.allSatisfy { w in
            guard let c = w.first else { return false }
            return c.isUppercase || (!c.isLowercase && c.isLetter) || nameParticles.contains(String(w))
        } && (words.first?.first.map { $0.isUppercase || !$0.isLowercase } ?? false)
    }

    /// The names of a line that opens with one of `foreignLeadingPrefixes` followed by names that look like names; nil
    /// otherwise. The names run to the first comma, date or separator ("Von Anna Schmidt und Peter Müller, 03.03.2021").
    static func foreignByline(_ text: String, prefixes: LeadingLabels = foreignLeadingLabels) -> [String]? {
        let lower = text.fastLowercased
        guard let p = prefixes.candidates(for: lower).first(where: { lower.hasPrefix($0 + " ") || ($0.hasSuffix(":") && lower.hasPrefix($0)) })
        else { return nil }
        var rest = String(text.dropFirst(p.count).drop(while: { $0 == " " }))
        if let cut = rest.firstIndex(where: { $0 == "," || $0 == "(" || $0.isNumber }) {
            // "Mario Rossi il " before the date: the joiner goes; after a one-word label only when two name words stay
            // ("Von Montag am 5. März ..." is prose).
            var dated = rest[cut].isNumber
            let after = rest[rest.index(after: cut)...].drop(while: { $0 == " " })
            rest = String(rest[..<cut])
            var words = rest.split(separator: " ")
            let count = words.count
            // "Verfasst von NAME am Di, 12.03.2024" (Drupal 7): a short weekday between the joiner and the date's comma.
            if !dated, rest.last != " ", after.first?.isNumber == true, count >= 3,
               dateJoiners.contains(words[count - 2]), words[count - 1].count <= maxWeekdayLength {
                words.removeLast()
                dated = true
            }
            if dated, let last = words.last, dateJoiners.contains(last), p.contains(" ") || words.count >= 3 {
                words.removeLast()
            }
            if words.count != count { rest = words.joined(separator: " ") }
        }
        if let r = rest.range(of: ". ") { rest = String(rest[..<r.lowerBound]) }
        // "By Jane Doe — March 5, 2021": the names end at a separator too (the month name before the cut date is none).
        for sep in segmentSeparators where sep.count > 1 {
            if let r = rest.range(of: sep) { rest = String(rest[..<r.lowerBound]) }
        }
        for sep in foreignNameSeparators where rest.contains(sep) { rest = rest.replacingOccurrences(of: sep, with: ", ") }
        let names = split(rest).filter { $0.count >= 3 }
        guard !names.isEmpty, names.allSatisfy(looksLikeName) else { return nil }
        return names
    }
    /// At most this many words in such a line: a name and a date ("Posted by Jane Doe on March 3, 2024"),
    /// not the post's first sentence.
    static let leadingBylineMaxWords = 12

    /// Whether `text.split(separator: " ").count <= limit`, read no further than the word past the limit: the first
    /// block of a post's content is often a long paragraph, which splitting into substrings only to count them copied.
    static func hasAtMostWords(_ text: String, _ limit: Int) -> Bool {
        // ASCII bytes first: up to the first other byte each is a Character (CR LF is one, and no space), and a word
        // counted there is one of the Characters' (its space is followed by its ASCII first byte, so no mark joins them).
        let byBytes: Bool? = text.withUTF8Bytes { u in
            var words = 0, inWord = false
            for b in u {
                if b >= 0x80 { return nil }
                if b == 0x20 { inWord = false; continue }
                if !inWord { words += 1; inWord = true; if words > limit { return false } }
            }
            return true
        }
        if let byBytes { return byBytes }
        var words = 0, inWord = false
        for c in text {
            if c == " " { inWord = false; continue }
            if !inWord { words += 1; inWord = true; if words > limit { return false } }
        }
        return true
    }
    /// Elements inside a line of text: the line is the block around them.
    static let inlineNames: Set<String> = ["a", "span", "em", "strong", "b", "i", "time", "abbr", "small", "font"]

    /// The block of the content's first line of text (headings and excluded subtrees passed over), and whether it
    /// is a root itself; nil when it is the only root.
    static func firstLine(roots: [Node], excluded: Set<Node>) -> Node? {
        for root in roots where !excluded.contains(root) {
            switch firstTextBlock(in: root, rootCount: roots.count, excluded: excluded) {
            case .noText: continue
            case .notABlock: return nil
            case .block(let line): return line
            }
        }
        return nil
    }

    /// Where the first line of text under a content root sits.
    enum FirstText {
        /// The root holds no text outside headings and excluded subtrees.
        case noText
        /// Its block is an inline element, or the root itself when the root is the only one.
        case notABlock
        case block(Node)
    }

    /// The block (the nearest non-inline ancestor below `root`) of the first text under `root`, headings and
    /// excluded subtrees passed over. The block may be `root` itself when the content has other roots (the scorer
    /// keeps a sibling of the content's parent).
    static func firstTextBlock(in root: Node, rootCount: Int, excluded: Set<Node>) -> FirstText {
        var firstText: Node?
        root.walk(steps: { n in
            // A heading above the first line is the title (the content may keep it when another heading matched first).
            if n.isElement {
                let tag = ElementKind.of(n).tag // h1-h6 are `heading1` and `heading`, and only they are
                return !excluded.contains(n) && tag != .heading1 && tag != .heading ? .descend : .skip
            }
            if n.isText, holdsNonWhitespace(n) { firstText = n; return .stop }
            return .skip
        })
        guard var line = firstText?.parent else { return .noText }
        while inlineNames.contains(line.name), let up = line.parent, up != root { line = up }
        guard line != root || rootCount > 1, line.isElement, !inlineNames.contains(line.name) else { return .notABlock }
        return .block(line)
    }

    /// Whether a text node holds a character that is not whitespace (`Character.isWhitespace`), decided on its bytes
    /// when they can: an ASCII byte that is not whitespace starts (or joins a non-whitespace one) such a character,
    /// and ASCII whitespace alone is none; other text is read as characters (most text nodes between elements are
    /// a line break and indentation, and each character's properties were looked up).
    static func holdsNonWhitespace(_ t: Node) -> Bool {
        let decided: Bool? = t.withOwnText { s in
            var ascii = true
            for i in s.indices {
                let b = s[i]
                if b >= 0x80 { ascii = false } else if b != 0x20 && !(b >= 0x09 && b <= 0x0D) { return true }
            }
            return ascii ? false : nil
        }
        return decided ?? t.textContent.contains(where: { !$0.isWhitespace })
    }

    /// The content's first line of text, when it is a byline that no class or attribute marks: its block
    /// (not a root itself; headings before it are passed over), opening with one of `leadingPrefixes`, of at most `leadingBylineMaxWords` words,
    /// naming someone. The caller drops it from the body and reads it as the byline.
    static func leadingByline(roots: [Node], excluded: Set<Node>) -> (node: Node, text: String)? {
        guard let root = roots.first else { return nil }
        let line: Node
        switch firstTextBlock(in: root, rootCount: roots.count, excluded: excluded) {
        case .noText: return lineBefore(root, excluded: excluded)
        case .notABlock: return nil
        case .block(let block): line = block
        }
        let text = TextNormalizer.normalize(line.textContent)
        if hasAtMostWords(text, leadingBylineMaxWords) {
            if opensWithByline(text.fastLowercased), !split(text).isEmpty { return (line, text) }
            if let names = foreignByline(text) { return (line, names.joined(separator: ", ")) }
            if let names = datedByline(text) { return (line, names.joined(separator: ", ")) }
        }
        return lineBefore(root, excluded: excluded) ?? droppedLineBefore(root, excluded: excluded)
    }

    /// A byline among the blocks the content's filtering dropped before its first text, inside the root: the post's
    /// meta line under a headline that sits outside the article (Drupal's Olivero: `<div class="node__meta"><span>Door
    /// <span>Henk van Beek</span>,</span> <span>za, 03/22/2025 - 09:30</span></div>`, dropped for its "meta" class).
    /// Read as `lineBefore` reads a line: a byline label in any of our languages and names that look like names, or a
    /// date and then "by" names, in the block's smallest element that does; at most `maxLinesBefore` dropped blocks.
    static func droppedLineBefore(_ root: Node, excluded: Set<Node>) -> (node: Node, text: String)? {
        var dropped: [Node] = []
        var reachedText = false
        root.walk { n in
            if reachedText || dropped.count >= maxLinesBefore { return false }
            if n.isElement {
                guard excluded.contains(n) else { return !PageClassifier.headingNames.contains(n.name) }
                if !PageClassifier.headingNames.contains(n.name), !inlineNames.contains(n.name) { dropped.append(n) }
                return false
            }
            if n.isText, n.textContent.contains(where: { !$0.isWhitespace }) { reachedText = true }
            return false
        }
        for block in dropped where block.textByteCount(upTo: maxLineBeforeBytes) <= maxLineBeforeBytes {
            // Its smallest element that reads as a byline, children first: the block's whole text may run the byline
            // into a share button's ("By Jane DoeFacebook").
            var found: (node: Node, text: String)?
            func visit(_ x: Node) {
                var c = x.firstChild
                while let child = c, found == nil {
                    if child.isElement { visit(child) }
                    c = child.nextSibling
                }
                guard found == nil else { return }
                let text = TextNormalizer.normalize(x.textContent)
                guard hasAtMostWords(text, leadingBylineMaxWords),
                      let names = foreignByline(text, prefixes: allLeadingLabels) ?? datedByline(text) else { return }
                found = (block, names.joined(separator: ", "))
            }
            visit(block)
            if let found { return found }
        }
        return nil
    }

    /// At most this many words before the " by " of a dated byline ("Posted on March 3, 2024").
    static let datedBylineMaxLeadWords = 6

    /// The names of a line that gives the date first and the author after " by " ("Posted on March 3, 2024 by Jane
    /// Doe", "Published 2024-03-03 by Ann and Bob"): a short lead holding a digit, then names that look like names;
    /// nil otherwise ("Updated in 2024 by the team" names no one).
    static func datedByline(_ text: String) -> [String]? {
        guard let r = text.range(of: " by ", options: .caseInsensitive) else { return nil }
        let lead = text[..<r.lowerBound]
        guard hasDecimalDigit(String(lead)), lead.split(separator: " ").count <= datedBylineMaxLeadWords else { return nil }
        let names = split(String(text[r.upperBound...]))
        guard !names.isEmpty, names.allSatisfy(looksLikeName) else { return nil }
        return names
    }

    /// Elements looked at before the content root, and levels of its ancestors climbed, for a byline between the
    /// headline and the text (`<h1>`, `<p>Von Anna Schmidt, 3. März 2021</p>`, `<div class="text">` the root).
    static let maxLinesBefore = 3
    static let maxLevelsBefore = 2
    /// Longest text (UTF-8 bytes) of such a line.
    static let maxLineBeforeBytes = 300

    /// A byline just before the content root, up to the headline: a short block opening with a byline label in any of
    /// our languages and naming people who look like people (`foreignByline`), or giving the date and then "by" names
    /// (`datedByline`), since no content surrounds it.
    static func lineBefore(_ root: Node, excluded: Set<Node>) -> (node: Node, text: String)? {
        var cur = root
        var looked = 0
        /// A byline in `x`, or whether the headline (where the search ends) was reached.
        func read(_ x: Node) -> (line: (node: Node, text: String)?, headline: Bool) {
            if PageClassifier.headingNames.contains(x.name) { return (nil, true) }
            looked += 1
            guard !inlineNames.contains(x.name), x.textByteCount(upTo: maxLineBeforeBytes) <= maxLineBeforeBytes else { return (nil, false) }
            let text = TextNormalizer.normalize(x.textContent)
            if hasAtMostWords(text, leadingBylineMaxWords),
               let names = foreignByline(text, prefixes: allLeadingLabels) ?? datedByline(text) {
                return ((x, names.joined(separator: ", ")), false)
            }
            return (nil, false)
        }
        for _ in 0...maxLevelsBefore {
            var s = cur.previousSibling
            while let x = s, looked < maxLinesBefore {
                s = x.previousSibling
                guard x.isElement, !excluded.contains(x) else { continue }
                // The post's `<header>` holds the headline and, after it, the byline (Hugo's Ananke: `<h1>`,
                // `<p>By <strong>Name</strong></p>`, `<time>`): its lines are read from the last up to the headline.
                if x.hasName("header") {
                    var c = x.lastChild
                    while let line = c, looked < maxLinesBefore {
                        c = line.previousSibling
                        guard line.isElement, !excluded.contains(line) else { continue }
                        let r = read(line)
                        if let found = r.line { return found }
                        if r.headline { return nil }
                    }
                    continue
                }
                let r = read(x)
                if let found = r.line { return found }
                if r.headline { return nil }
            }
            guard let up = cur.parent, up.isElement, !up.hasName("body"), looked < maxLinesBefore else { return nil }
            cur = up
        }
        return nil
    }

    static let allLeadingPrefixes = leadingPrefixes + foreignLeadingPrefixes
    /// `foreignLeadingPrefixes` and `allLeadingPrefixes` grouped for `foreignByline`.
    static let foreignLeadingLabels = LeadingLabels(foreignLeadingPrefixes)
    static let allLeadingLabels = LeadingLabels(allLeadingPrefixes)

    /// Above this many words a byline is a sentence, not names.
    static let maxWords = 10
    static let itempropName = try! CSSSelector.compile("[itemprop='name']")

    static func find(rule: RuleSelector?, document: HTMLDocument, metadata m: PageMetadata, article: JSONValue.Object?,
                     graph: [JSONValue.Object], byline: String?, isExcluded: (Node) -> Bool) -> [String] {
        // Each text split into names once: a post names its author in JSON-LD and again in its byline's link, and
        // `split` cost ~45,000 instructions a text (~25% of `find`'s on the 350-page batch).
        var splits: [String: [String]] = [:]
        if let rule, let nodes = try? document.select(rule.selector, from: nil), !nodes.isEmpty {
            let texts = nodes.map { $0.textContent }
            let names = clean(texts, splits: &splits)
            // A rule's meta line with no byline label in any part (the hugo rule's `post-meta` on Hugo Coder: "February
            // 25, 2024 · 3-minute read · Programming · Go • Cli") yields to the names the page's metadata gives.
            // Each text once: a rule matching a byline and its link gives the same text twice.
            var asked = Set<String>()
            if !names.isEmpty, !texts.contains(where: { asked.insert($0).inserted && isUnlabelledMetaLine($0) })
                || metaNames(m).isEmpty { return names }
        }
        // The names of the page's `rel=author` links, and of those that lead to author pages, read once, when an
        // answer needs them.
        var relRead: (all: [String], toAuthorPages: [String])?
        func relAuthors() -> (all: [String], toAuthorPages: [String]) {
            if let r = relRead { return r }
            var rel: [String] = []
            var toPages: [String] = []
            for (n, href) in m.anchors {
                // Not an author box's "View all of NAME's posts" link (Twenty Twenty-One's `div.author-bio`).
                // A rel without "author" in it (most links) is not split into its words.
                if let r = n.attribute("rel"), case let lower = r.fastLowercased, ByteSearch.contains(lower, "author"),
                   lower.split(separator: " ").contains("author"), !isExcluded(n),
                   !TagFinder.inside(n, hints: nonBylineHints, tags: ["nav", "aside"], sparing: bylineWords) {
                    let text = n.textContent
                    rel.append(text)
                    if leadsToAuthorPage(href) { toPages.append(text) }
                }
            }
            let r = (all: clean(rel, splits: &splits), toAuthorPages: clean(toPages, splits: &splits))
            relRead = r
            return r
        }
        // The author links are read only when an answer needs them (the metadata names most pages' authors first).
        var linkedRead: [String]?
        func linked() -> [String] {
            if let l = linkedRead { return l }
            let l = linkedAuthors(m, isExcluded: isExcluded, splits: &splits)
            linkedRead = l
            return l
        }
        // An author that JSON-LD gives only as an Organization (the publisher standing in) yields to a person named
        // by the page's other sources; it is the answer only when they name no one.
        var organizations: [String] = []
        if let a = article {
            let names = clean(JSONLD.names(a["author"], graph: graph) + JSONLD.names(a["creator"], graph: graph), splits: &splits)
            if !names.isEmpty, JSONLD.onlyOrganizations(a["author"], graph: graph), a["creator"] == nil {
                organizations = names
            } else if !names.isEmpty {
                // Some platforms (Ghost) list only the primary author in JSON-LD; the byline links have them all.
                let linked = linked()
                let lower = Set(linked.map { $0.lowercased() })
                if linked.count > names.count && names.allSatisfy({ lower.contains($0.lowercased()) }) { return linked }
                return names
            }
        }
        // A newsroom desk in the meta author ("Redacción El Diario") yields to a person the page names, as an
        // Organization does.
        var desks: [String] = []
        for k in metaKeys {
            // A social handle ("@NatGeoUK") names an account, not a person.
            let vals = m.all(k).filter { !looksLikeURL($0) && !$0.trimmedWhitespace.hasPrefix("@") }
            let names = clean(vals, splits: &splits)
            if !names.isEmpty, names.allSatisfy(isDesk) { if desks.isEmpty { desks = names }; continue }
            if !names.isEmpty {
                // A theme's site-wide author in the head (Pelican's AUTHOR on every page: Plumage) yields to the post's
                // `rel=author` links to author pages when they name someone else, or that author and more (co-authors).
                // Links to author pages only: WriteFreely's blog title is a `rel=author` link home.
                if k == "author", case let relNames = relAuthors().toAuthorPages, !relNames.isEmpty {
                    let lower = Set(relNames.map { $0.lowercased() })
                    let named = names.filter { lower.contains($0.lowercased()) }.count
                    if named == 0 || (named == names.count && relNames.count > names.count) { return relNames }
                }
                return names
            }
        }
        if !desks.isEmpty, organizations.isEmpty { organizations = desks }
        var micro: [String] = []
        for (prop, n) in m.itemprops where prop == "author" || prop == "creator" {
            if isExcluded(n) || inMediaItem(n) { continue }
            if let c = n.attribute("content") { micro.append(c); continue }
            let inner = ((try? document.select(Self.itempropName, from: n)) ?? []).filter { $0 != n }
            if let first = inner.first { micro.append(first.attribute("content") ?? first.textContent) }
            else { micro.append(n.textContent) }
        }
        let microNames = clean(micro, splits: &splits)
        if !microNames.isEmpty { return microNames }
        let relNames = relAuthors().all
        if !relNames.isEmpty { return relNames }
        if case let linked = linked(), !linked.isEmpty { return linked }
        if let byline, case let names = clean([byline], splits: &splits), !names.isEmpty { return names }
        if let names = markedByline(document, elements: m.elements, isExcluded: isExcluded) { return names }
        if let names = noteAuthor(document, isExcluded: isExcluded) { return names }
        if let names = microformatAuthor(m) { return names }
        return organizations
    }

    /// First words of a newsroom's desk named as the author ("Redacción Clarín", "Redaktion", "Staff").
    static let deskWords: Set<String> = ["redacción", "redaccion", "redaktion", "rédaction", "redazione", "redação",
                                         "redacao", "redactie", "redakcja", "redakce", "redaksi", "редакция", "newsroom",
                                         "staff", "newsdesk", "desk"]

    /// Whether a name is a newsroom's desk (`deskWords` first: "Redacción El Diario", "Staff Reporter").
    static func isDesk(_ name: String) -> Bool {
        guard let first = name.split(separator: " ").first else { return false }
        return deskWords.contains(first.lowercased())
    }

    /// Openings of an author's note after the post, which some themes print instead of a byline (Gatsby's starter
    /// blog: `<p>Written by <strong>Jonas Reed</strong> who lives and works in Kiel…</p>` in the article's footer).
    static let noteOpenings: Set<String> = ["written by", "posted by", "published by"]
    /// Elements a note may be: a paragraph, a block, or a span in the post's footer line (Typepad: `<p class=
    /// "entry-footer-info"><span class="post-footers">Posted by <a>Margaret Owen</a> at 04:12 PM in …</span> | …`).
    static let noteLines: Set<String> = ["p", "div", "span"]
    /// Elements that set a name apart in running text.
    static let noteEmphasis: Set<String> = ["strong", "b", "a", "em"]
    /// Where such a note is not about the post: menus, sidebars, widgets, cards, related posts, comments.
    static let noteOutside = ["nav", "menu", "sidebar", "widget", "related", "comment", "card"]

    /// The name an author's note sets apart right after its opening: a `noteLines` element whose first text is one of
    /// `noteOpenings` and whose next element (`noteEmphasis`) holds a name that looks like one. Read only when no
    /// other source names anyone.
    /// `noteLines.contains` of the kind's name. Every element is asked: its name as a `String` hashed into the set was
    /// 9.0M of `noteAuthor`'s 16.5M instructions on the 350-page batch; the kind is found by bytes, its name compared.
    /// The tag first: `p` and `div` are tags of their own, `span` an inline one (comparing every element's name with
    /// three strings was half of `noteAuthor`'s walk).
    static func isNoteLine(_ kind: ElementKind) -> Bool {
        switch kind.tag {
        case .p, .div: return true
        case .inline: return kind.name == "span"
        default: return false
        }
    }

    /// `noteEmphasis.contains` of the kind's name, read as `isNoteLine` is.
    static func isNoteEmphasis(_ kind: ElementKind) -> Bool {
        switch kind.tag {
        case .a: return true
        case .inline:
            let name = kind.name
            return name == "strong" || name == "b" || name == "em"
        default: return false
        }
    }

    static func noteAuthor(_ document: HTMLDocument, isExcluded: (Node) -> Bool) -> [String]? {
        guard let root = document.root else { return nil }
        var found: [String]?
        root.walk { n in
            guard found == nil, n.isElement else { return false }
            guard isNoteLine(ElementKind.of(n)), let first = n.firstChild, first.isText,
                  let emphasis = first.nextSibling, emphasis.isElement, isNoteEmphasis(ElementKind.of(emphasis)),
                  noteOpenings.contains(TextNormalizer.normalize(first.ownText).lowercased())
            else { return true }
            let person = TextNormalizer.normalize(emphasis.textContent)
            guard looksLikeName(person), !isExcluded(n), !Exclusion.inComments(n),
                  !TagFinder.inside(n, hints: noteOutside, tags: ["nav", "aside"]) else { return true }
            found = [person]
            return false
        }
        return found
    }

    /// Classes of a microformats2 author, which IndieWeb platforms and themes (Micro.blog, IndieWeb Hugo/Jekyll
    /// themes) give instead of any meta author, often hidden: `<a class="u-author h-card">Ana Rao</a>`.
    static let microformatAuthorClasses: Set<Substring> = ["p-author", "u-author"]

    /// Whether a lowercased class attribute holds one of `microformatAuthorClasses`, or is an hAtom (microformats 1)
    /// author, both "author" and "vcard" (Hatena Blog's `<span class="author vcard"><span class="fn">id</span></span>`).
    static func isMicroformatAuthor(_ cls: String) -> Bool {
        // An ASCII class by bytes (Substrings split by Character and hashed into the set were 0.3% of a blog post's
        // extraction, FINDINGS 99): in ASCII every Character is one byte but CR LF, and " " is the byte 0x20.
        // All of it first: a space that a combining mark follows is no " " Character, so no split there.
        let ascii: Bool? = cls.withUTF8Bytes { u in
            for b in u where b >= 0x80 { return nil }
            var author = false, vcard = false
            var i = 0
            while i < u.count {
                if u[i] == 0x20 { i += 1; continue }
                var j = i
                while j < u.count, u[j] != 0x20 { j += 1 }
                let word = UnsafeBufferPointer(rebasing: u[i..<j])
                if microformatAuthorClasses.contains(where: { word.elementsEqual($0.utf8) }) { return true }
                if word.elementsEqual("author".utf8) { author = true } else if word.elementsEqual("vcard".utf8) { vcard = true }
                i = j
            }
            return author && vcard
        }
        return ascii ?? characterMicroformatAuthor(cls)
    }

    /// `isMicroformatAuthor` read by Characters, as for any class (tests compare the byte reading with it).
    static func characterMicroformatAuthor(_ cls: String) -> Bool {
        let words = cls.split(separator: " ")
        return words.contains { microformatAuthorClasses.contains($0) } || (words.contains("author") && words.contains("vcard"))
    }

    /// Microformats roots of a post (microformats2 and hAtom).
    static let entryRoots: Set<Substring> = ["h-entry", "hentry"]
    /// Classes of the name inside an author's card (microformats2 and hCard).
    static let cardNames: Set<Substring> = ["p-name", "fn"]

    /// Whether a name is an account's handle ("yamanote_walk"), what platforms that show ids print as the author: one
    /// word of letters, digits, "_", "-" and ".", a letter among them.
    static func isHandle(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && name.contains(where: \.isLetter)
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// The name of the first microformats author (`PageMetadata.microformatAuthors`) whose nearest microformats root
    /// is the post's `h-entry`/`hentry` (not a comment's `h-cite` or a card's `h-entry` in a menu or sidebar); its
    /// `p-name`/`fn` when it has one. A name so marked may be a handle (`isHandle`). An author inside one already read
    /// is not read again. Read only when no other source names anyone.
    static func microformatAuthor(_ m: PageMetadata) -> [String]? {
        var read = Set<Node>()
        for n in m.microformatAuthors where !Exclusion.isInside(n, read) {
            var cur = n.parent
            var entry: Node?
            while let c = cur, !c.hasName("body") {
                let classes = (c.attribute("class") ?? "").split(separator: " ")
                if classes.contains(where: { $0.hasPrefix("h-") || entryRoots.contains($0) }) {
                    if classes.contains(where: { entryRoots.contains($0) }) { entry = c }
                    break
                }
                cur = c.parent
            }
            guard let entry, !Exclusion.inComments(n),
                  !TagFinder.inside(entry, hints: noteOutside, tags: ["nav", "aside"]) else { continue }
            read.insert(n)
            var name = n.textContent
            n.walk { d in
                guard d.isElement else { return false }
                if d != n, (d.attribute("class") ?? "").split(separator: " ").contains(where: { cardNames.contains($0) }) {
                    name = d.textContent; return false
                }
                return true
            }
            let names = clean([name])
            if !names.isEmpty, names.allSatisfy({ looksLikeName($0) || isHandle($0) }) { return names }
        }
        return nil
    }

    /// A byline that the content walk never reads because a container it skips holds it (National Geographic's
    /// `ng-sharekit__contributors--author`, "By Michael Hingston", inside the share bar): the first element whose
    /// class or id names a byline, outside menus, cards and comments, reading "By" and names that look like names.
    /// Looked for only when no other source names a person.
    /// Where such a byline is not the post's: `nonBylineHints`, and the page's footer, which credits the site's
    /// owner on every page (sphinx-book-theme's `footer-item` "By Ana Lima", on listings too).
    static let markedBylineOutside = nonBylineHints + ["footer"]
    /// Most words of an `<address>` opening the content read as a byline (names, not a street address).
    static let maxAddressWords = 6
    /// Most words of a bare name in an author-classed element.
    static let maxBareNameWords = 4

    /// `elements`: the page's (`PageMetadata.elements`), whose class hints and lowercased class and id are read
    /// (searched apart, they find what their "class id" would: no needle holds a space).
    static func markedByline(_ document: HTMLDocument, elements: ElementFacts.Table, isExcluded: (Node) -> Bool) -> [String]? {
        guard let root = document.root else { return nil }
        var found: [String]?
        root.walk { n in
            guard found == nil, n.isElement else { return false }
            guard elements.hints(n).found.contains(.byline),
                  n.textByteCount(upTo: maxLineBeforeBytes) <= maxLineBeforeBytes else { return true }
            var text = TextNormalizer.normalize(n.textContent)
            let lower = text.fastLowercased
            var words = text.split(separator: " ").count
            let (cls, id) = elements.classAndID(n)
            let authorNamed = ByteSearch.contains(cls, "author") || ByteSearch.contains(id, "author")
            var overDate = false
            if authorNamed, words > maxBareNameWords, !opensWithByline(lower), let name = nameOverDateLine(n, text: text) {
                text = name; words = name.split(separator: " ").count; overDate = true
            }
            // Without "By", only an element named for the author holding a bare name (Hugo Mainroad's
            // `<div class="meta__item-author"><svg/><span>Marcus Webb</span></div>` in the post's meta line).
            guard words <= leadingBylineMaxWords,
                  opensWithByline(lower) || (words <= maxBareNameWords && authorNamed),
                  !isCredit(text), !isExcluded(n), !Exclusion.inComments(n), !inMediaItem(n),
                  !TagFinder.inside(n, hints: markedBylineOutside, tags: ["nav", "aside", "figure", "footer"], sparing: bylineWords)
            else { return true }
            let names = split(overDate ? text : upToLastLink(n) ?? text)
            if !names.isEmpty, names.allSatisfy(looksLikeName) { found = names }
            return false
        }
        return found
    }

    /// Most words of the date line under an author's name ("Mar 24, 2025 • 6 min read").
    static let maxDateLineWords = 8

    /// In an author-classed element, a first block holding a bare name over a line that holds a digit (a date, a
    /// reading time) and nothing longer: the name (Webflow's `blog-post-header_author-text`: `<div>Dana Whitfield</div>
    /// <div><div>Mar 24, 2025</div><div>•</div><div>6 min read</div></div>`).
    static func nameOverDateLine(_ n: Node, text: String) -> String? {
        guard let first = n.firstDescendant(where: { $0.isElement && !inlineNames.contains($0.name)
                  && $0.firstChild?.isText == true && !TextNormalizer.normalize($0.textContent).isEmpty }),
              case let name = TextNormalizer.normalize(first.textContent),
              name.split(separator: " ").count <= maxBareNameWords, !hasDecimalDigit(name), text.hasPrefix(name)
        else { return nil }
        let rest = String(text.dropFirst(name.count))
        guard hasDecimalDigit(rest), rest.split(separator: " ").count <= maxDateLineWords else { return nil }
        return name
    }

    /// Names of links to author pages in the post's first byline (not in menus, cards or comments): the links
    /// that share the first such link's parent or grandparent.
    static func linkedAuthors(_ m: PageMetadata, isExcluded: (Node) -> Bool) -> [String] {
        var unused: [String: [String]] = [:]
        return linkedAuthors(m, isExcluded: isExcluded, splits: &unused)
    }

    /// `linkedAuthors(_:isExcluded:)`, its names split with `clean(_:splits:)`.
    static func linkedAuthors(_ m: PageMetadata, isExcluded: (Node) -> Bool, splits: inout [String: [String]]) -> [String] {
        var qualifying: [Node] = []
        for (n, href) in m.anchors {
            guard leadsToAuthorPage(href) else { continue }
            if isExcluded(n) || Exclusion.inComments(n) || TagFinder.inside(n, hints: nonBylineHints, tags: ["nav", "aside"], sparing: bylineWords) { continue }
            let t = TextNormalizer.normalize(n.textContent)
            if !t.isEmpty && !hasDecimalDigit(t) && t.split(separator: " ").count <= 5 { qualifying.append(n) }
        }
        guard let first = qualifying.first else { return [] }
        let parents = [first.parent, first.parent?.parent].compactMap { $0 }
        let group = qualifying.filter { a in
            guard let p = a.parent else { return false }
            return parents.contains(p) || (p.parent.map { parents.contains($0) } ?? false)
        }
        return clean(group.map { $0.textContent }, splits: &splits)
    }

    /// Openings (lowercased) of a text that is a link, not a name.
    static let urlOpenings = ["http://", "https://", "www.", "/"]
    /// For each ASCII byte, whether one of `urlOpenings` starts with it.
    static let urlOpeningStarts: [Bool] = (0..<128).map { b in urlOpenings.contains { $0.utf8.first == UInt8(b) } }

    static func looksLikeURL(_ s: String) -> Bool {
        // A text whose first byte is ASCII starts its lowercase with that byte lowered: when no opening starts so (most
        // names, lowered through the Unicode tables when they hold an accent), none is its prefix.
        if let b = s.utf8.first, b < 0x80, !urlOpeningStarts[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)] { return false }
        let t = s.fastLowercased // the same bytes as lowercased(), without the Unicode tables for ASCII (~4,000 instructions a name)
        return urlOpenings.contains { t.hasPrefix($0) }
    }

    /// Cleans raw byline strings into distinct names.
    static func clean(_ raws: [String]) -> [String] {
        var unused: [String: [String]] = [:]
        return clean(raws, splits: &unused)
    }

    /// `clean(_:)`, each normalized text's `split` kept in `splits` (keyed by that text) and read from it.
    static func clean(_ raws: [String], splits: inout [String: [String]]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        // A raw text given twice (a rule matching a byline and its link) gives the same names, all seen by then; a
        // lone one is not hashed.
        var read = Set<String>()
        for raw in raws where raws.count < 2 || read.insert(raw).inserted {
            let text = TextNormalizer.normalize(raw)
            let names: [String]
            if let known = splits[text] { names = known } else { names = split(text); splits[text] = names }
            for name in names {
                let key = name.fastLowercased
                if seen.insert(key).inserted { out.append(name) }
            }
        }
        // "Ryan Merkley, CEO", "Jane Doe, Staff Writer", "Martin Gerecke, CMS": after a name, a job title or an
        // organization's acronym names no one ("CDU - Fraktion Erfurt" opens with its acronym and stays).
        guard out.count > 1 else { return out }
        return [out[0]] + out.dropFirst().filter { !isRoleOrAcronym($0) }
    }

    /// Last words of a job title given after an author's name (lowercased).
    static let roleWords: Set<String> = ["ceo", "cto", "cfo", "coo", "founder", "co-founder", "editor", "editor-in-chief",
                                         "writer", "reporter", "correspondent", "columnist", "contributor", "journalist",
                                         "photographer", "president", "redakteur", "redakteurin", "korrespondent",
                                         "korrespondentin", "rédacteur", "rédactrice", "journaliste", "periodista",
                                         "redactor", "redactora", "giornalista", "corrispondente", "jornalista", "repórter"]
    /// Most letters of an organization's acronym ("CMS", "AFP", "DPA").
    static let maxAcronymLetters = 5

    /// Whether a name part is a job title (`roleWords` last, at most four words) or an acronym of capitals alone.
    static func isRoleOrAcronym(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        if words.count == 1, name.count >= 2, name.count <= maxAcronymLetters,
           name.unicodeScalars.allSatisfy({ $0.value >= 0x41 && $0.value <= 0x5A }) { return true }
        guard let last = words.last, words.count <= 4 else { return false }
        return roleWords.contains(last.lowercased())
    }

    /// Separators between the parts of a meta line ("By Jane Doe · March 3, 2024 · 5 min read").
    static let segmentSeparators: [String] = [" | ", " • ", " · ", " — ", " – ", " - ", "|", "•", "·", "\n"]

    /// Whether a text is a meta line of several parts none of which opens with a byline label ("February 25, 2024
    /// · 3-minute read · Go • Cli"), not a bare name or "July 13 · by Sam O'Brien".
    static func isUnlabelledMetaLine(_ text: String) -> Bool {
        let segments = metaLineSegments(TextNormalizer.normalize(text))
        return segments.count > 1 && !segments.contains { opensWithByline($0.trimmedWhitespace.lowercased()) }
    }

    /// The names of the page's author meta tags.
    static func metaNames(_ m: PageMetadata) -> [String] {
        for k in metaKeys {
            let names = clean(m.all(k).filter { !looksLikeURL($0) && !$0.trimmedWhitespace.hasPrefix("@") })
            if !names.isEmpty { return names }
        }
        return []
    }

    /// A byline's text up to its last link when what follows that link is a comma and unlinked words: the linked
    /// names' place or role ("Von <a>Anna Roth</a>, Frankfurt", "By <a>Ann Lee</a>, Staff Writer"), which the
    /// name list would read as one more name. `nil` when the line ends otherwise.
    static func upToLastLink(_ n: Node) -> String? {
        var pieces: [(text: String, linked: Bool)] = []
        n.walk { c in
            if c.isText { pieces.append((c.textContent, false)); return false }
            guard c.isElement else { return false }
            if c.hasName("a") { pieces.append((c.textContent, true)); return false }
            return true
        }
        guard let last = pieces.lastIndex(where: \.linked), last < pieces.count - 1 else { return nil }
        let tail = pieces[(last + 1)...].map(\.text).joined().trimmedWhitespace
        guard tail.hasPrefix(","), tail.contains(where: \.isLetter) else { return nil }
        return TextNormalizer.normalize(pieces[...last].map(\.text).joined())
    }

    /// Whether a lowercased line opens with one of `leadingPrefixes` and a space ("by jane doe", "written by jane doe").
    static func opensWithByline(_ lower: String) -> Bool {
        leadingPrefixes.contains { lower.hasPrefix($0 + " ") }
    }

    static func split(_ s: String) -> [String] {
        var segments = metaLineSegments(s)
        // "By Jane Doe | Senior Reporter", "By Jane Doe · Berlin": when one part of a meta line opens with a byline
        // label, that part names the authors and the others are their role, place, date or section.
        if segments.count > 1 {
            let labelled = segments.filter { opensWithByline($0.trimmedWhitespace.lowercased()) }
            if !labelled.isEmpty { segments = labelled }
        }
        var parts: [String] = []
        for var seg in segments {
            // "Jane Doe on March 3": cut the trailing date phrase.
            for stop in trailingStops where mayContainCaseInsensitive(seg, stop) {
                if let r = seg.range(of: stop, options: .caseInsensitive), r.lowerBound > seg.startIndex { seg = String(seg[..<r.lowerBound]) }
            }
            let t = stripPrefix(seg.trimmedWhitespace)
            guard !t.isEmpty else { continue }
            // A date after a comma ("Jane Doe, March 3 2021") leaves the names before it; any other digit ends the segment.
            if hasDecimalDigit(t) {
                guard let name = t.split(separator: ",", maxSplits: 1).first, name.count < t.count,
                      !hasDecimalDigit(String(name)) else { continue }
                parts.append(contentsOf: split(String(name)))
                continue
            }
            // "in Essays": the category part of a meta line ("May 3 · by Jane Doe · in Essays").
            if t.hasPrefix("in ") || t.hasPrefix("In ") { continue }
            let lower = t.fastLowercased
            if lower.hasSuffix(" read") || lower.hasSuffix(" min") || lower == "share" || lower == "subscribe" { continue }
            var names = [t]
            for sep in nameSeparatorFacts { names = names.flatMap { pieces($0, ascii: $0.isAllASCII, separatedBy: sep) } }
            for p in names {
                let n = stripPrefix(Trimming.trim(p, ascii: isNameEdge, nameEdges))
                // A name of 80 bytes or fewer has no more Characters; the words are counted without splitting the name.
                guard !n.isEmpty, n.utf8.count <= 80 || n.count <= 80, hasAtMostWords(n, maxWords) else { continue }
                if !hasLetter(n) { continue }
                if looksLikeURL(n) { continue }
                parts.append(n)
            }
        }
        return parts
    }

    /// Phrases that open the date after a byline's names ("Jane Doe on March 3").
    static let trailingStops = [" on ", " at ", " updated ", " published ", " in "]

    /// Separators between the names of one segment ("Ann and Bob", "Ann, Bob").
    static let nameSeparators = [" and ", " & ", ", ", " und "]

    static let nameEdges = CharacterSet(charactersIn: " ,;:.@")
    /// The members of `nameEdges`, all ASCII.
    static func isNameEdge(_ b: UInt8) -> Bool { b == 0x20 || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x2E || b == 0x40 }

    /// The separators above whose characters have no other canonical form: Foundation finds them only where their
    /// bytes are. The middle dot is left out: U+0387 GREEK ANO TELEIA is canonically the same character.
    static let separatorsWithoutEquivalents = Set((segmentSeparators + nameSeparators).filter { !$0.unicodeScalars.contains("\u{00B7}") })

    /// A separator with what `surelyWhole` asks of it: whether it is in `separatorsWithoutEquivalents`, whether it
    /// holds a middle dot.
    typealias SeparatorFacts = (text: String, withoutEquivalents: Bool, middleDot: Bool)

    static func facts(of sep: String) -> SeparatorFacts {
        (sep, separatorsWithoutEquivalents.contains(sep), ByteSearch.contains(sep, "\u{00B7}"))
    }

    /// `segmentSeparators` and `nameSeparators` with their facts, worked out once: hashing each separator into
    /// `separatorsWithoutEquivalents` for each part of a byline, and reading the part again for `isASCII`, was ~75%
    /// of `metaLineSegments`' instructions.
    static let segmentSeparatorFacts = segmentSeparators.map(facts(of:))
    static let nameSeparatorFacts = nameSeparators.map(facts(of:))

    /// `s.components(separatedBy: sep)`, without Foundation for a string that does not hold `sep`'s bytes (most
    /// bylines): Foundation's search compares canonically equivalent forms, which ASCII text has only as itself, and
    /// which the characters of `separatorsWithoutEquivalents` have only as themselves in any text.
    static func pieces(_ s: String, separatedBy sep: String) -> [String] {
        pieces(s, ascii: s.isAllASCII, separatedBy: facts(of: sep))
    }

    /// `pieces(s, separatedBy: sep.text)`; `ascii` is `s.isAllASCII`.
    static func pieces(_ s: String, ascii: Bool, separatedBy sep: SeparatorFacts) -> [String] {
        surelyWhole(s, ascii: ascii, separatedBy: sep) ? [s] : s.components(separatedBy: sep.text)
    }

    /// Whether `s.components(separatedBy: sep)` is surely `[s]`, asked without Foundation (see `pieces`).
    static func surelyWhole(_ s: String, separatedBy sep: String) -> Bool {
        surelyWhole(s, ascii: s.isAllASCII, separatedBy: facts(of: sep))
    }

    /// `surelyWhole(s, separatedBy: sep.text)`; `ascii` is `s.isAllASCII`.
    static func surelyWhole(_ s: String, ascii: Bool, separatedBy sep: SeparatorFacts) -> Bool {
        if (ascii || sep.withoutEquivalents) && !ByteSearch.contains(s, sep.text) { return true }
        // A middle dot is found only where the text holds it or its one canonical equivalent (`middleDots`).
        return !ascii && sep.middleDot && !middleDots.contains(where: { ByteSearch.contains(s, $0) })
    }

    /// `s` cut by `pieces` at each of `segmentSeparators` in turn; the list is made again only for a separator
    /// that may cut one of its parts (most bylines hold none).
    static func metaLineSegments(_ s: String) -> [String] {
        var segments = [(text: s, ascii: s.isAllASCII)]
        for sep in segmentSeparatorFacts where segments.contains(where: { !surelyWhole($0.text, ascii: $0.ascii, separatedBy: sep) }) {
            segments = segments.flatMap { seg in
                surelyWhole(seg.text, ascii: seg.ascii, separatedBy: sep) ? [seg]
                    : seg.text.components(separatedBy: sep.text).map { (text: $0, ascii: $0.isAllASCII) }
            }
        }
        return segments.map(\.text)
    }

    /// U+00B7 MIDDLE DOT and U+0387 GREEK ANO TELEIA: the only characters Foundation's search matches to a middle dot
    /// (`foundationMatchesSpacesAndMiddleDotsOnlyAsThemselves` asks it of every scalar).
    static let middleDots = ["\u{00B7}", "\u{0387}"]

    /// False only when a case-insensitive search for the ASCII `needle` surely fails: `s` is ASCII and its
    /// ASCII-lowercased bytes do not hold the needle.
    static func mayContainCaseInsensitive(_ s: String, _ needle: String) -> Bool {
        // No character but the space itself matches a space, even case-insensitively (asked of every scalar
        // in `foundationMatchesSpacesAndMiddleDotsOnlyAsThemselves`): a match covers as many spaces of `s` as the needle holds.
        guard s.isAllASCII else { return spaces(in: s) >= spaces(in: needle) }
        let lower = s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var n = needle
        return lower.withUnsafeBufferPointer { h in n.withUTF8 { ByteSearch.contains(h, $0) } }
    }

    /// How many spaces (U+0020) `s` holds.
    static func spaces(in s: String) -> Int {
        s.withUTF8Bytes { u in
            var n = 0
            for b in u where b == 0x20 { n += 1 }
            return n
        }
    }

    /// `rangeOfCharacter(from: .decimalDigits) != nil`, by bytes unless the text holds scalars from U+0660 up.
    static func hasDecimalDigit(_ s: String) -> Bool {
        if s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return true }
        if s.unicodeScalars.allSatisfy({ $0.value < firstNonASCIIDigit }) { return false }
        return s.rangeOfCharacter(from: .decimalDigits) != nil
    }

    /// U+0660 ARABIC-INDIC DIGIT ZERO: `CharacterSet.decimalDigits` holds no scalar from U+0080 up to it
    /// (`foundationMatchesSpacesAndMiddleDotsOnlyAsThemselves`), so text of Latin, Greek, Cyrillic, Hebrew letters needs no Foundation search.
    static let firstNonASCIIDigit: UInt32 = 0x660

    /// `rangeOfCharacter(from: .letters) != nil`, by bytes for ASCII text or text holding an ASCII letter.
    static func hasLetter(_ s: String) -> Bool {
        if s.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) { return true }
        if s.isAllASCII { return false }
        return s.rangeOfCharacter(from: .letters) != nil
    }

    static func stripPrefix(_ s: String) -> String {
        // A text whose first byte is ASCII starts its lowercase with that byte's lowercase: when no label starts so,
        // none can match (most names), and lowercasing the name is the cost.
        if let b = s.utf8.first, b < 0x80, !prefixStarts[Int(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)] { return s }
        var t = s
        let lower = t.lowercased()
        for p in prefixes where lower.hasPrefix(p + " ") || (p.hasSuffix(":") && lower.hasPrefix(p)) || (p.hasSuffix("：") && lower.hasPrefix(p)) {
            t = String(t.dropFirst(p.count)).trimmedWhitespace
            break
        }
        return t
    }
}
