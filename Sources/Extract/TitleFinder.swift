import Foundation
import HTML

/// The page title: rule, then metadata (JSON-LD headline, Dublin Core, OpenGraph, Twitter), then the
/// `<title>` with its site-name part cut, then the only `<h1>`.
enum TitleFinder {
    /// Separators between a post title and the site name in `<title>` (spaces around them are required).
    static let separators: Set<Character> = ["|", "-", "\\", "/", ">", "»", "–", "—", "·", "•"]
    /// Separators that mark a hierarchy (breadcrumb-like) rather than a site suffix.
    static let hierarchical: Set<Character> = ["\\", "/", ">", "»"]
    /// The scalars a character equal to one of `separators` holds: theirs, and U+0387 GREEK ANO TELEIA, canonically
    /// the middle dot (`separatorScalarsFindEverySeparator` asks every scalar).
    static let separatorScalars: Set<Unicode.Scalar> = Set(separators.flatMap(\.unicodeScalars) + ["\u{0387}"])

    /// False only when no character of `s` is one of `separators` (most cut titles: "Post – Site" is cut by now),
    /// decided on scalars without making `Character`s.
    static func mayHoldSeparator(_ s: String) -> Bool { s.unicodeScalars.contains { separatorScalars.contains($0) } }

    /// `tagTitle` is the cleaned `<title>`: when JSON-LD has both `name` and `headline`, the one that matches it wins.
    /// `h1s`: the page's `<h1>` texts, normalized (the full form of a truncated meta title).
    /// `siteName`: a JSON-LD headline that ends in it after a separator, as the `<title>` does ("Post | Site":
    /// AstroPaper builds its headline from the `<title>`), is the `<h1>` that shows the headline without it.
    /// (OpenGraph titles keep such a suffix: the Readability corpus expects it there.)
    static func fromMetadata(_ m: PageMetadata, article: JSONValue.Object?, tagTitle: String?, h1s: [String] = [],
                             siteName: String? = nil) -> String? {
        if let a = article {
            var name = a["name"]?.string.map(TextNormalizer.normalize) ?? ""
            let headline = a["headline"]?.string.map(TextNormalizer.normalize) ?? ""
            // A CMS's document id in `name` ("d-161500790") is no title.
            if !headline.isEmpty, isIdentifier(name) { name = "" }
            var pick = name.isEmpty ? headline : name
            if !name.isEmpty, !headline.isEmpty, name != headline, let tt = tagTitle {
                let nameMatches = similarity(name, tt) > 0.75, headlineMatches = similarity(headline, tt) > 0.75
                pick = headlineMatches && !nameMatches ? headline : name
            }
            if !pick.isEmpty {
                let cut = cutSiteName(pick, siteName: siteName)
                if cut != pick, h1s.contains(cut) { return cut }
                return withKicker(pick, h1s: h1s)
            }
        }
        // A meta title that is the site's own declared name (og:site_name: Zola's tabi writes the site title into
        // og:title too) names no post.
        let site = m.first("og:site_name").map { TextNormalizer.normalize($0).lowercased() }
        for key in metaTitleKeys {
            guard let t = m.first(key) else { continue }
            let n = TextNormalizer.normalize(t)
            if n.isEmpty || (site != nil && n.lowercased() == site && !h1s.contains(n)) { continue }
            return untruncated(n, h1s: h1s)
        }
        return nil
    }

    /// Meta titles, in order of trust.
    static let metaTitleKeys = ["dc:title", "dcterm:title", "dcterms.title", "dc.title", "og:title", "weibo:article:title",
                                "weibo:webpage:title", "title", "twitter:title", "parsely-title"]

    /// Most words of a kicker ("Nutzerbasierte Abrechnung:") before the headline in the page's `<h1>`.
    static let maxKickerWords = 5

    /// Longest bracketed label (characters, brackets included) before the headline in a `<title>`.
    static let maxBracketedLabel = 24

    /// The `<h1>` that a `<title>` part shows after a bracketed label the heading does not carry: mkdocs-blog-plugin
    /// names each post "[27/03] Letters and maps" in the navigation and the `<title>` by its day, the page's
    /// `<h1>` being "Letters and maps". Else the title part unchanged.
    static func withoutBracketedLabel(_ title: String, h1s: [String]) -> String {
        guard let open = title.first, open == "[" || open == "(" else { return title }
        for h in h1s where !h.isEmpty && title.count > h.count + 3 && title.hasSuffix(" " + h) {
            let label = String(title.dropLast(h.count)).trimmedWhitespace
            if label.count <= maxBracketedLabel, label.last == (open == "[" ? "]" : ")"),
               label.dropFirst().dropLast().allSatisfy({ $0 != "[" && $0 != "]" && $0 != "(" && $0 != ")" }) {
                return h
            }
        }
        return title
    }

    /// The `<h1>` that shows `headline` after a kicker and a colon ("Nutzerbasierte Abrechnung: Musik-Stars fordern ..."),
    /// which the JSON-LD headline leaves out: the reader sees the kicker as part of the title.
    static func withKicker(_ headline: String, h1s: [String]) -> String {
        for h in h1s where h.count > headline.count + 2 && h.hasSuffix(" " + headline) {
            let kicker = h.dropLast(headline.count).trimmingCharacters(in: .whitespaces)
            if kicker.count > 1, kicker.hasSuffix(":"), kicker.split(separator: " ").count <= maxKickerWords { return h }
        }
        return headline
    }

    /// One ASCII word with a digit: an id, not a headline (unspaced scripts write titles without spaces).
    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 > 0x20 && $0 < 0x80 } && s.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Quotes where a meta tag's value ends early when the page left them unescaped in the attribute
    /// (`content="写"救命啊"纸团"` keeps only `写`).
    static let quoteMarks: Set<Character> = ["\"", "'", "“", "„", "«", "「"]

    /// The `<h1>` that a meta title is a cut-off start of: cut at an unescaped quote, or ending in "..." / "…".
    static func untruncated(_ title: String, h1s: [String]) -> String {
        var stem = title
        let ellipsis = title.hasSuffix("...") || title.hasSuffix("…")
        if ellipsis { stem = String(title.dropLast(title.hasSuffix("...") ? 3 : 1)).trimmedWhitespace }
        guard !stem.isEmpty else { return title }
        // The prefix test first: counting a long heading's characters for each of thousands of headings was
        // quadratic (fuzzed pages of unclosed `<h1>`s).
        for h in h1s where h.hasPrefix(stem) {
            guard let next = h.dropFirst(stem.count).first else { continue }
            if ellipsis || quoteMarks.contains(next) { return h }
        }
        return title
    }

    /// `separators`, and the two-character ones some sites use ("Post -- Site"), in a fixed order: a `Set`'s iteration
    /// order changes from one process to the next (`cutSiteName` tries every suffix before any prefix, so the order
    /// among them decides nothing there; it keeps the array the same in every process).
    static let siteSeparators: [String] = separators.sorted().map { String($0) } + ["--", "::"]

    /// Cuts a trailing (or else a leading) site-name part when it equals the known site name.
    static func cutSiteName(_ title: String, siteName: String?) -> String {
        guard let site = siteName?.fastLowercased, !site.isEmpty, title.count > site.count + 3 else { return title }
        let lower = title.fastLowercased
        // An ASCII title and name that meet at neither end: no separator's part can be cut, and the ten suffixes and
        // prefixes are not made (0.6% of a blog post's extraction, FINDINGS 99). An ASCII separator's test is of
        // bytes that end (start) with the name's; no other separator is canonically equivalent to ASCII text, so its
        // Character comparison with an ASCII title fails (`siteSeparatorsAreNotASCIIEquivalents`).
        if lower.isAllASCII, site.isAllASCII,
           !lower.utf8.starts(with: site.utf8), !lower.utf8.reversed().starts(with: site.utf8.reversed()) {
            return title
        }
        for sep in siteSeparators {
            let suffix = " \(sep) \(site)"
            if lower.hasSuffix(suffix) { return String(title.dropLast(suffix.count)).trimmedWhitespace }
        }
        for sep in siteSeparators {
            let prefix = "\(site) \(sep) "
            if lower.hasPrefix(prefix) { return String(title.dropFirst(prefix.count)).trimmedWhitespace }
        }
        return title
    }

    /// Cuts a trailing (or leading) part that spells the page's host ("Post | creativecommons" on
    /// www.creativecommons.at, "Sott.net - Post"): letters and digits compared, without "www." and the suffix.
    static func cutHostName(_ title: String, pageURL: String) -> String {
        // Without a separator there is no part to cut (`separatorPositions` finds none).
        guard mayHoldSeparator(title), var host = RulesHost.host(of: pageURL) else { return title }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let labels = host.split(separator: ".")
        guard labels.count >= 2 else { return title }
        func squash<S: StringProtocol>(_ s: S) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let names: Set<String> = [squash(host), squash(labels[labels.count - 2])]
        let chars = Array(title)
        guard chars.count >= 3 else { return title }
        let seps = separatorPositions(chars, spaced: true)
        if let last = seps.last, names.contains(squash(String(chars[(last + 1)...]))) {
            return String(chars[..<last]).trimmedWhitespace
        }
        if let first = seps.first, names.contains(squash(String(chars[..<first]))) {
            return String(chars[(first + 1)...]).trimmedWhitespace
        }
        return title
    }

    /// Where `chars` (at least 3) has one of `separators`, not at either end; `spaced`: only with a space on
    /// both sides ("Post - Site").
    static func separatorPositions(_ chars: [Character], spaced: Bool) -> [Int] {
        (1..<(chars.count - 1)).filter { i in
            separators.contains(chars[i]) && (!spaced || (chars[i - 1] == " " && chars[i + 1] == " "))
        }
    }

    /// Link texts that name the home page rather than the site.
    static let homeWords: Set<String> = ["home", "homepage", "home page", "start", "index", "back to index", "blog", "main page",
                                          "startseite", "accueil", "inicio", "главная", "首页", "ホーム"]
    /// How many of the page's first links are looked at for the home link (a site header comes early).
    static let homeLinkScan = 40

    /// The site's name as its header prints it: the text (else the `title`) of one of the first links to the
    /// site's root (or, when no early link goes there, to the page's first folder), else the alt text of the first
    /// such link that is only a picture (a logo). Used only to cut the
    /// site name from `<title>` when no metadata names the site (Pelican, MkDocs: `<title>Field Notes - Post</title>`
    /// under `<h1><a href="/">Field Notes</a></h1>`), or with a feed title that agrees.
    static func homeLinkName(_ anchors: [(node: Node, href: String)], pageURL: String, base: String) -> String? {
        guard let r = pageURL.range(of: "://"), let slash = pageURL[r.upperBound...].firstIndex(of: "/") else { return nil }
        let root = String(pageURL[..<slash]) + "/"
        // Each of the first links normalized at most once, for the root and then for the folder.
        var targets = [String??](repeating: nil, count: min(anchors.count, homeLinkScan))
        func target(_ i: Int) -> String? {
            if let known = targets[i] { return known }
            let t = URLNormalizer.normalize(anchors[i].href, base: base)
            targets[i] = .some(t)
            return t
        }
        if let name = linkName(anchors, to: root, target: target) { return name }
        // A blog living in a folder (`/blog/`, a GitHub project page `/project/`) links its header to the folder,
        // and often nowhere to the host's root: then the folder is its home. A link there that only names the
        // folder ("Posts" for `/posts/`) is a section's label, no site name.
        let path = pageURL[pageURL.index(after: slash)...]
        guard let end = path.firstIndex(of: "/"), end > path.startIndex,
              !targets.indices.contains(where: { target($0) == root })
        else { return nil }
        let folder = String(path[..<end])
        guard let name = linkName(anchors, to: root + folder + "/", target: target),
              name.lowercased() != folder.lowercased().replacingOccurrences(of: "-", with: " ") else { return nil }
        return name
    }

    /// The name the first links to `home` print (`homeLinkName`); `target(i)` is the i-th link's normalized URL.
    private static func linkName(_ anchors: [(node: Node, href: String)], to home: String,
                                 target: (Int) -> String?) -> String? {
        func usable(_ name: String) -> Bool { name.count >= 2 && name.count <= 80 && !homeWords.contains(name.lowercased()) }
        var logo: String?
        for i in 0..<min(anchors.count, homeLinkScan) {
            guard target(i) == home else { continue }
            let n = anchors[i].node
            // A link around the site's title and its tagline (Joomla Protostar's `a.brand > span.site-title +
            // div.site-description`): the title part.
            let titlePart = n.firstDescendant { d in
                d.isElement && ClassHints.containsAny((d.attribute("class") ?? "").fastLowercased, siteTitleClasses)
            }
            var name = TextNormalizer.normalize((titlePart ?? n).textContent)
            if name.isEmpty { name = TextNormalizer.normalize(n.attribute("title") ?? "") }
            if usable(name) { return name }
            // A logo link (Divi's `<a href="/"><img alt="Holloway Joinery"></a>`): its alt text, if no link has text.
            if name.isEmpty, logo == nil, let img = n.firstDescendant(where: { $0.isElement && $0.hasName("img") }),
               case let alt = TextNormalizer.normalize(img.attribute("alt") ?? ""), usable(alt), !logoWords.contains(alt.lowercased()) {
                logo = alt
            }
        }
        return logo
    }

    /// The heading the content opens with when it shows the title exactly: a second copy of the headline (Avada
    /// prints the title in its title bar's `<h1>` and again as the post's `<h2 class="fusion-post-title">`; the
    /// content's filtering drops only the first copy it meets). Screen-reader text before it is passed over.
    static func leadingTitleCopy(roots: [Node], excluded: Set<Node>, title: String) -> Node? {
        let want = title.fastLowercased
        var found: Node?
        var done = false
        for root in roots where !done && !excluded.contains(root) {
            root.walk { n in
                if done { return false }
                if n.isElement {
                    if excluded.contains(n) { return false }
                    if n != root, let c = n.attribute("class"), ClassHints.containsAny(c.fastLowercased, PermalinkMark.screenReaderOnly) {
                        return false
                    }
                    if leadingCopyHeadings.contains(n.name) {
                        done = true
                        if headingText(n).fastLowercased == want { found = n }
                        return false
                    }
                    return true
                }
                if n.isText, n.textContent.contains(where: { !$0.isWhitespace }) { done = true }
                return false
            }
        }
        return found
    }
    static let leadingCopyHeadings: Set<String> = ["h1", "h2", "h3"]

    /// Classes of the part of a home link that holds the site's name.
    static let siteTitleClasses = ["site-title", "site-name", "sitename", "site__title", "blog-title"]

    /// Alt texts of header pictures that name no site.
    static let logoWords: Set<String> = ["logo", "avatar", "site logo", "profile", "profile picture", "header", "banner"]

    /// Whether a feed link's title is the feed of the site named `name`: the name alone or followed by a separator
    /// and more ("High Country Crumb - Atom", "Plot 14 » Feed", "Plot 14 » Comments Feed").
    static func feedTitle(_ title: String, isOf name: String) -> Bool {
        let t = TextNormalizer.normalize(title)
        guard t.hasPrefix(name) else { return false }
        let rest = t.dropFirst(name.count)
        return rest.isEmpty || rest.hasPrefix(" - ") || rest.hasPrefix(" » ") || rest.hasPrefix(" | ") || rest.hasPrefix(" – ")
    }

    /// A heading's text without its permalink anchor (`PermalinkMark`); empty for a heading of more than
    /// `TitleTokens.maxHeadingBytes` of text or `maxHeadingNodes` nodes, which is no title (only a heading left
    /// unclosed holds that much), read no further than the bound.
    static func headingText(_ heading: Node) -> String {
        headingText(heading, aroundOver: []) ?? ""
    }

    /// `headingText` of each heading. A heading past the bounds makes every heading around it past them too (its walk
    /// reads all the inner one's walk reads, unless the inner one is a permalink anchor it skips), so the headings
    /// are read last first and a walk that meets one known past them stops there: each of hundreds of nested
    /// unclosed `<h2>`s read up to `maxHeadingNodes` was headings x bound (fuzz finding-1104, FINDINGS 96).
    static func headingTexts(_ headings: [Node]) -> [String] {
        var over = Set<Node>()
        var out = [String](repeating: "", count: headings.count)
        for i in headings.indices.reversed() {
            if let t = headingText(headings[i], aroundOver: over) { out[i] = t } else { over.insert(headings[i]) }
        }
        return out
    }

    /// `headingText`, nil past the bounds; `overs` are headings known past them.
    private static func headingText(_ heading: Node, aroundOver overs: Set<Node>) -> String? {
        var text = ""
        var nodes = 0
        var over = false
        heading.walk(steps: { n in
            nodes += 1
            if nodes > maxHeadingNodes { over = true; return .stop }
            if !overs.isEmpty, n != heading, overs.contains(n), !PermalinkMark.matches(n) { over = true; return .stop }
            if n.isText {
                text += n.textContent
                if text.utf8.count > TitleTokens.maxHeadingBytes { over = true; return .stop }
                return .skip
            }
            guard n.isElement else { return .skip }
            return n == heading || !PermalinkMark.matches(n) ? .descend : .skip
        })
        return over ? nil : TextNormalizer.normalize(text)
    }

    /// The most nodes a heading's text is read from: two a byte of `TitleTokens.maxHeadingBytes` (a title set one
    /// letter an element). Without it, each of up to 512 nested unclosed headings was read to the page's end.
    static let maxHeadingNodes = 2 * TitleTokens.maxHeadingBytes

    /// When a heading of the page equals one part of a separated `<title>` ("Post - Site"), that part.
    /// Unspaced scripts often set the separator without spaces ("标题-新华网"): then any separator splits, and so
    /// does an underscore, Chinese portals' separator ("标题_网易新闻", "标题_新浪新闻").
    static func headingPart(of title: String, headings: [String]) -> String {
        let chars = Array(title)
        guard chars.count >= 3 else { return title }
        let set = Set(headings)
        for spaced in [true, false] {
            var parts: [String] = []
            var start = 0
            let positions = spaced ? separatorPositions(chars, spaced: true)
                : (1..<(chars.count - 1)).filter { separators.contains(chars[$0]) || chars[$0] == "_" }
            for i in positions {
                parts.append(String(chars[start..<(spaced ? i - 1 : i)]).trimmedWhitespace)
                start = spaced ? i + 2 : i + 1
            }
            guard !parts.isEmpty else { continue }
            parts.append(String(chars[start...]).trimmedWhitespace)
            if let p = parts.first(where: { !$0.isEmpty && set.contains($0) }) { return p }
        }
        return title
    }

    static func wordCount(_ s: String) -> Int {
        // ASCII by bytes, without the pieces (`<title>` parts are counted up to five times a page: 0.4% of a blog post's
        // extraction, FINDINGS 99): every ASCII Character is one byte but CR LF, and " " is the byte 0x20.
        var count = 0, inWord = false
        for b in s.utf8 {
            if b >= 0x80 { return characterWordCount(s) }
            let space = b == 0x20
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// `wordCount` read by Characters, as for any text (tests compare the byte reading with it).
    static func characterWordCount(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " }).count }

    /// No ASCII letter: Japanese or Chinese, whose titles are written without spaces, so word counts cannot
    /// judge a cut part ("Field Notes: 東京の冬 17").
    static func isUnspaced(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
    }

    /// Elements whose text can name the post on the page besides `h1`/`h2`: a lower heading, a fieldset's
    /// legend, or an element whose class names a title (chronicle's `div.title` and `<legend>`, blosxom's
    /// `span.blosxomTitle`). Read only when the cut part of `<title>` is short.
    static let titleElements = "h3, legend, [class*=title i]"

    /// Readability's cleanup of `<title>`: keep the part before the last separator unless that leaves too little.
    /// A cut part of four words or fewer is kept only when `shownAsTitle` says the page prints it as a title
    /// (Readability keeps the whole `<title>` then, for "Mozilla - Wikipedia"; "Field Notes: Quiet morning
    /// and maps" under `<div class="title">Quiet morning and maps</div>` is the post's four words).
    static func fromTitleTag(_ raw: String, headings: [String], h1s: [String],
                             shownAsTitle: (String) -> Bool = { _ in false }) -> String {
        let orig = TextNormalizer.normalize(raw)
        var cur = orig
        var hadHierarchical = false
        // Without a separator, no position below is one and nothing is filtered out.
        let separated = mayHoldSeparator(orig)
        // The separator characters with a space character on each side, with their UTF-8 offsets: the text is cut
        // at those offsets (the same bytes as joining the characters before or after).
        var seps: [(at: Int, sep: Character)] = []
        if separated {
            var offset = 0, lastAt = 0
            var beforeLast: Character?, last: Character?
            for c in orig {
                if let l = last, beforeLast == " ", c == " ", separators.contains(l) { seps.append((lastAt, l)) }
                beforeLast = last; last = c; lastAt = offset
                offset += c.utf8.count
            }
        }
        func at(_ offset: Int) -> String.Index { orig.utf8.index(orig.utf8.startIndex, offsetBy: offset) }
        // The first cut (before the last separator, after the last colon), before any fallback.
        var firstCut = false
        if let last = seps.last, let first = seps.first {
            hadHierarchical = seps.contains { hierarchical.contains($0.sep) }
            cur = String(orig[..<at(last.at)]).trimmedWhitespace
            firstCut = true
            if wordCount(cur) < 3, !(isUnspaced(cur) && shownAsTitle(cur)) {
                cur = String(orig[at(first.at + first.sep.utf8.count)...]).trimmedWhitespace; firstCut = false
            } else if first.at != last.at, case let lead = String(orig[..<at(first.at)]).trimmedWhitespace, h1s.contains(lead) {
                // Three parts or more, the first the page's headline ("Post - Author - 博客园", "Post | Section | Site"):
                // the parts after it name who and where, as the last one does.
                cur = lead
            }
        } else if orig.contains(": ") {
            if !headings.contains(orig) {
                let lastColon = orig.lastIndex(of: ":")!
                let firstColon = orig.firstIndex(of: ":")!
                cur = String(orig[orig.index(after: lastColon)...]).trimmedWhitespace
                firstCut = true
                if wordCount(cur) < 3, !(isUnspaced(cur) && shownAsTitle(cur)) {
                    cur = String(orig[orig.index(after: firstColon)...]).trimmedWhitespace
                    firstCut = false
                } else if wordCount(String(orig[..<firstColon])) > 5 {
                    cur = orig
                }
            }
        } else if orig.count > 150 || orig.count < 15, h1s.count == 1 {
            cur = h1s[0]
        }
        let wc = wordCount(cur)
        if wc <= 4 {
            // The text without separators is asked for only after a hierarchical separator.
            if !hadHierarchical
                || wc != wordCount(TextNormalizer.normalize(separated ? String(orig.filter { !separators.contains($0) }) : orig)) - 1,
               !(firstCut && cur != orig && shownAsTitle(cur)) {
                cur = orig
            }
        }
        return cur
    }

    /// Readability's text similarity: the share of `b`'s token text also found in `a`.
    static func similarity(_ a: String, _ b: String) -> Double {
        asciiSimilarity(a, b) ?? unicodeSimilarity(a, b)
    }

    static func unicodeSimilarity(_ a: String, _ b: String) -> Double {
        let ta = tokens(a), tb = tokens(b)
        guard !ta.isEmpty, !tb.isEmpty else { return 0 }
        let setA = Set(ta)
        let uniqB = tb.filter { !setA.contains($0) }
        let total = tb.joined(separator: " ").count
        guard total > 0 else { return 0 }
        return 1 - Double(uniqB.joined(separator: " ").count) / Double(total)
    }

    /// `similarity` for two ASCII strings by bytes (letters, digits and `_` are the ASCII token characters, each
    /// one byte, so counts are byte counts); nil when either is not ASCII.
    static func asciiSimilarity(_ a: String, _ b: String) -> Double? {
        guard let ta = asciiTokens(a), let tb = asciiTokens(b) else { return nil }
        return similarity(Set(ta), tb, ascii: true)
    }

    /// `similarity` with `a` already tokenized; `ascii` says `tb` came from an ASCII string (counts are byte counts).
    static func similarity(_ setA: Set<String>, _ tb: [String], ascii: Bool) -> Double {
        guard !setA.isEmpty, !tb.isEmpty else { return 0 }
        guard ascii else {
            let uniqB = tb.filter { !setA.contains($0) }
            let total = tb.joined(separator: " ").count
            guard total > 0 else { return 0 }
            return 1 - Double(uniqB.joined(separator: " ").count) / Double(total)
        }
        var total = tb.count - 1, uniq = 0, uniqCount = 0
        for t in tb {
            total += t.utf8.count
            if !setA.contains(t) { uniq += t.utf8.count; uniqCount += 1 }
        }
        guard total > 0 else { return 0 }
        if uniqCount > 0 { uniq += uniqCount - 1 }
        return 1 - Double(uniq) / Double(total)
    }

    /// `tokens`, by bytes when the string is ASCII.
    static func anyTokens(_ s: String) -> (tokens: [String], ascii: Bool) {
        if let t = asciiTokens(s) { return (t, true) }
        return (tokens(s), false)
    }

    /// `tokens` for an ASCII string; nil when it is not ASCII.
    static func asciiTokens(_ s: String) -> [String]? {
        var lower = Array(s.utf8)
        var out: [String] = []
        var start = -1
        for i in 0...lower.count {
            let b: UInt8 = i < lower.count ? lower[i] : 0x20
            if b >= 0x80 { return nil }
            if b >= 0x41 && b <= 0x5A { lower[i] = b | 0x20 }
            let isToken = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
            if isToken {
                if start < 0 { start = i }
            } else if start >= 0 {
                out.append(String(decoding: lower[start..<i], as: UTF8.self)); start = -1
            }
        }
        return out
    }

    static func tokens(_ s: String) -> [String] {
        s.fastLowercased.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
    }
}

/// Titles tokenized once for comparing with many headings.
struct TitleTokens {
    private let titles: [(set: Set<String>, tokens: [String], ascii: Bool)]
    /// The titles (lowercased) that a heading of the page shows word for word. When there is one, only such a
    /// heading repeats the title: a site-name `<h1>` whose words the title also holds ("Field Notes" over
    /// "River notes and field") is not the headline, and dropping it kept the real one in the body.
    let shownExactly: Set<String>

    /// `headings`: the texts (`TitleFinder.headingText`) of the page's `<h1>` and `<h2>` elements.
    init(_ titles: [String], headings: [String] = []) {
        self.titles = titles.map { let (t, ascii) = TitleFinder.anyTokens($0); return (Set(t), t, ascii) }
        let lowered = Set(titles.map { $0.fastLowercased })
        // An ASCII heading lowers to ASCII, equal (`==`) to an ASCII title only byte for byte: compared in place, not
        // lowered and hashed (~25 headings a page; a lowered copy and a hash each were a fifth of this init). A title
        // that is not ASCII may still equal it (canonical equivalence: "a\u{37E}" == "a;"): then each is lowered.
        let asciiTitles = lowered.allSatisfy(\.isAllASCII) ? Array(lowered) : nil
        var shown = Set<String>()
        for h in headings {
            if let asciiTitles, h.isAllASCII {
                if let t = asciiTitles.first(where: { Self.equalsLowered(h, $0) }) { shown.insert(t) }
            } else {
                let l = h.fastLowercased
                if lowered.contains(l) { shown.insert(l) }
            }
        }
        shownExactly = shown
    }

    /// Whether ASCII `s` lowered is the bytes of ASCII lowercase `lower`.
    static func equalsLowered(_ s: String, _ lower: String) -> Bool {
        s.utf8.count == lower.utf8.count && s.withUTF8Bytes { a in
            lower.withUTF8Bytes { b in
                for i in 0..<a.count {
                    let x = a[i]
                    if (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) != b[i] { return false }
                }
                return true
            }
        }
    }

    /// Whether `heading` repeats one of the titles: its text is one the page shows word for word, else (no
    /// heading shows one) `anyRepeated`.
    func repeated(by heading: Node, section: Bool) -> Bool {
        if titles.isEmpty { return false }
        guard heading.textByteCount(upTo: Self.maxHeadingBytes) <= Self.maxHeadingBytes else { return false }
        if !shownExactly.isEmpty { return shownExactly.contains(TitleFinder.headingText(heading).fastLowercased) }
        return anyRepeated(in: TextNormalizer.normalize(heading.textContent), section: section)
    }

    var isEmpty: Bool { titles.isEmpty }

    /// A heading holding more text than this (bytes) repeats no title: titles are a line, and only a heading left
    /// unclosed holds more. Reading all of each such heading's text cost the page's size per heading (pages of
    /// thousands of unclosed headings took seconds).
    static let maxHeadingBytes = 4_096

    /// How much of a title an `<h2>` must also hold to repeat it. Readability's test alone asks only that the
    /// heading's words be the title's, so a section heading ("The restless part") sharing two words with
    /// "Against the Restless Studio" was dropped as the title. An `<h1>` is the page's headline however it
    /// rewords a long `<title>`, so it needs no coverage.
    static let titleCoverage = 0.5

    /// Whether a heading repeats one of the titles: Readability's `similarity(title, text) > 0.75`, and for a
    /// `section` heading (`<h2>`) the heading also holds more than `titleCoverage` of that title.
    func anyRepeated(in text: String, section: Bool) -> Bool {
        if titles.isEmpty { return false }
        let (tb, ascii) = TitleFinder.anyTokens(text)
        let setB = section ? Set(tb) : []
        return titles.contains {
            TitleFinder.similarity($0.set, tb, ascii: ascii) > 0.75
                && (!section || TitleFinder.similarity(setB, $0.tokens, ascii: $0.ascii) > Self.titleCoverage)
        }
    }
}
