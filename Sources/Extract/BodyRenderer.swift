import Foundation
import HTML

/// Turns the chosen content subtrees into `body.text` (one paragraph per block, blank line between) and
/// `body.html` (allow-listed tags, absolute URLs), in one walk.
struct BodyRenderer {
    let excluded: Set<Node>
    let baseURL: String

    /// Blocks that hold text directly; inline runs elsewhere get an implicit paragraph.
    static let textBlocks: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "td", "th",
                                          "dt", "dd", "caption", "summary"]
    /// Elements that end a paragraph.
    static let blocks: Set<String> = ["p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5",
                                      "h6", "ul", "ol", "li", "blockquote", "pre", "figure", "figcaption", "table",
                                      "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd", "hr",
                                      "address", "details", "summary", "center", "hgroup", "menu", "fieldset"]
    /// Block tags copied into `body.html`.
    static let allowedBlocks: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
                                             "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
                                             "caption", "dl", "dt", "dd"]
    /// Inline tags copied into `body.html` (b and i become strong and em).
    static let allowedInline: [String: String] = ["em": "em", "i": "em", "strong": "strong", "b": "strong", "code": "code",
                                                  "a": "a", "sub": "sub", "sup": "sup"]
    /// Tags that may hold only phrasing content.
    static let phrasingOnly: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "em", "strong", "code", "a",
                                            "sub", "sup", "caption", "dt"]
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                                       "button", "input", "select", "textarea", "canvas", "form", "head", "title",
                                       "link", "meta", "map", "dialog"]

    /// What the lists above say about one element name, looked up once per element.
    struct Role: OptionSet {
        let rawValue: UInt8
        static let textBlock = Role(rawValue: 1 << 0)
        static let block = Role(rawValue: 1 << 1)
        static let allowedBlock = Role(rawValue: 1 << 2)
        static let phrasingOnly = Role(rawValue: 1 << 3)
        static let skipped = Role(rawValue: 1 << 4)
        /// `pre`: whitespace kept.
        static let preformatted = Role(rawValue: 1 << 5)
    }

    /// Every name in the lists above with its role; names in none have the empty role.
    static let roles: [String: Role] = {
        var out: [String: Role] = [:]
        for (list, role) in [(textBlocks, Role.textBlock), (blocks, .block), (allowedBlocks, .allowedBlock),
                             (phrasingOnly, .phrasingOnly), (skipped, .skipped)] {
            for name in list { out[name, default: []].insert(role) }
        }
        out["pre", default: []].insert(.preformatted)
        return out
    }()

    /// `roles["p"]`: the implicit paragraph's.
    static let paragraphRole = roles["p"] ?? []

    struct Output {
        var text: String
        var html: String
        /// Where each paragraph is in `text` (UTF-8 offsets).
        let paragraphRanges: [Range<Int>]
        /// The paragraphs `text` joins with blank lines.
        var paragraphs: [String] {
            paragraphRanges.map { r in
                let u = text.utf8
                return String(text[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)])
            }
        }
    }

    func render(_ roots: [Node]) -> Output {
        var st = State(base: baseURL)
        for r in roots {
            r.walk(enter: { n in st.enter(n, excluded: excluded) }, leave: { n in st.leave(n) })
        }
        st.flush()
        st.closeImplicit()
        return Output(text: UTF8Decoding.string(st.text), html: st.htmlString, paragraphRanges: st.paragraphRanges)
    }

    private struct State {
        /// The page's base URL, parsed once for every link and image of the body (found again by its String a
        /// link, it was 2.2M instructions of the 350-page batch).
        let base: URLNormalizer.Base?
        /// `body.text` as UTF-8, paragraphs normalized straight into it with a blank line between: a String a
        /// paragraph, then joining them, was ~8% of the rendering's instructions.
        var text: [UInt8] = []
        var paragraphRanges: [Range<Int>] = []
        /// The HTML as UTF-8 bytes (built bytewise: string appends dominated the profile).
        var html: [UInt8] = []
        var para: [UInt8] = []
        var preDepth = 0
        var textBlockDepth = 0
        var implicitOpen = false
        /// Open allow-listed tags: name, its role, html length before the open tag, content serial at open.
        var open: [(tag: String, role: Role, start: Int, serial: Int)] = []
        var serial = 0
        /// Just after an opening block tag: leading whitespace is dropped.
        var atBlockStart = false
        /// The last thing seen was a `<br>`: a second one ends the paragraph.
        var afterBr = false
        /// For each element entered (and descended into), its role and the allow-listed tag it opened, if any.
        var opened: [(role: Role, tag: String?)] = []
        /// The table, row groups, row and cell of one-cell layout tables (`FlatTree.isSingleCell`): written as the
        /// plain blocks they are, not as a table.
        var layout: Set<Node> = []

        init(base: String) { self.base = URLNormalizer.Base(base); html.reserveCapacity(16_384) }

        var htmlString: String {
            let s = UTF8Decoding.string(html)
            return NFCCheck.isSurelyNFC(s) ? s : s.precomposedStringWithCanonicalMapping
        }

        mutating func flush() {
            guard !para.isEmpty else { return }
            let mark = text.count
            if mark > 0 { text.append(0x0A); text.append(0x0A) }
            let start = text.count
            if preDepth > 0 {
                var lines = BodyRenderer.preLines(para)
                while lines.first?.isEmpty == true { lines.removeFirst() }
                while lines.last?.isEmpty == true { lines.removeLast() }
                text.append(contentsOf: lines.joined(separator: "\n").utf8)
            } else {
                para.withUnsafeBufferPointer { TextNormalizer.appendNormalized($0, to: &text) }
            }
            // An empty paragraph is dropped with its separator.
            if text.count == start { text.removeLast(text.count - mark) } else { paragraphRanges.append(start..<text.count) }
            para.removeAll(keepingCapacity: true)
        }

        mutating func closeImplicit() {
            if implicitOpen { closeTag("p"); implicitOpen = false }
        }

        /// A tag name or short constant, byte by byte: `append(contentsOf: s.utf8)` took ~180 instructions a call
        /// (~10% of the renderer's, 167,000 calls on the 350-page batch).
        @inline(__always) mutating func appendShort(_ s: String) { for b in s.utf8 { html.append(b) } }

        /// `role`: `BodyRenderer.roles[tag]`, which the caller knows (a lookup a tag was 3% of the renderer's instructions).
        /// `href`: written as the tag's `href` attribute, escaped.
        mutating func openTag(_ tag: String, role: Role, href: String? = nil) {
            open.append((tag, role, html.count, serial))
            html.append(0x3C); appendShort(tag)
            if let href {
                appendShort(" href=\"")
                HTMLEscape.appendText(href, to: &html, collapse: false, quotes: true)
                html.append(0x22)
            }
            html.append(0x3E)
            if role.contains(.allowedBlock) { atBlockStart = true }
        }

        mutating func closeTag(_ tag: String) {
            guard let last = open.last, last.tag == tag else { return }
            open.removeLast()
            if last.serial == serial && tag != "td" && tag != "th" {
                html.removeSubrange(last.start...)   // drop empty elements
            } else {
                if last.role.contains(.allowedBlock) {
                    while html.last == 0x20 { html.removeLast() }
                    while html.count >= 4 && html[html.count - 4] == 0x3C && html[html.count - 3] == 0x62
                            && html[html.count - 2] == 0x72 && html[html.count - 1] == 0x3E { html.removeLast(4) } // <br>
                }
                html.append(0x3C); html.append(0x2F); appendShort(tag); html.append(0x3E)
            }
        }

        /// Blocks cannot sit inside paragraphs or inline tags (broken pages nest them so): close those first.
        mutating func closePhrasing() {
            while let top = open.last, top.role.contains(.phrasingOnly) { closeTag(top.tag) }
        }

        mutating func ensureParagraph() {
            if textBlockDepth == 0 && !implicitOpen {
                openTag("p", role: BodyRenderer.paragraphRole); implicitOpen = true
            }
        }

        mutating func enter(_ n: Node, excluded: Set<Node>) -> Bool {
            if n.isText {
                n.withOwnText { span in span.withUnsafeBufferPointer { enterText($0) } }
                return false
            }
            return enterElement(n, excluded: excluded)
        }

        /// A text node's UTF-8 bytes.
        mutating func enterText(_ raw: UnsafeBufferPointer<UInt8>) {
            guard !raw.isEmpty else { return }
            para.append(contentsOf: raw)
            if preDepth > 0 {
                ensureParagraph()
                HTMLEscape.appendText(raw, to: &html, collapse: false)
                serial += 1; atBlockStart = false; afterBr = false
            } else if HTMLEscape.hasVisible(raw.span) {
                ensureParagraph()
                let mark = html.count
                HTMLEscape.appendText(raw, to: &html, collapse: true)
                if atBlockStart && mark < html.count && html[mark] == 0x20 { html.remove(at: mark) }
                // Zero-width characters alone (Naver's SmartEditor fills a blank line with U+200B) write nothing: the
                // paragraph stays empty and is dropped.
                guard html.count > mark else { return }
                // No-break spaces alone right inside a block (`<div>&nbsp;</div>`, `<p>&nbsp;</p>` spacer lines) are
                // written but are no content: a block holding nothing else is dropped as empty. Inside an inline
                // element (`<strong>&nbsp;</strong>` between two words) they are the space and stay.
                let inBlock = open.last.map { $0.role.contains(.allowedBlock) } ?? true
                if !(inBlock && HTMLEscape.onlyNoBreakSpaces(html[mark...])) { serial += 1 }
                atBlockStart = false; afterBr = false
            } else if !atBlockStart, textBlockDepth > 0 || implicitOpen, let last = html.last, last != 0x20 {
                html.append(0x20)
            }
        }

        mutating func enterElement(_ n: Node, excluded: Set<Node>) -> Bool {
            guard n.isElement else { return false }
            if excluded.contains(n) { return false }
            let kind = ElementKind.of(n)
            let name = kind.name
            var role = kind.role
            if role.contains(.skipped) { return false }
            // Names compared only where the tag leaves a doubt: a String comparison a test, four an element, was 3.1M
            // instructions of the 350-page batch.
            if kind.tag == .table, FlatTree.isSingleCell(n) { markLayout(n) }
            if !layout.isEmpty, layout.contains(n) { role = BodyRenderer.roles["div"] ?? .block }
            if kind.tag == .div || (kind.tag == .inline && name == "span"), CodeBlockLabel.matches(n) { return false }
            if kind.tag == .br {
                if afterBr && preDepth == 0 {
                    // <br><br> separates paragraphs.
                    flush()
                    if implicitOpen { closeImplicit() }
                    afterBr = false
                    return false
                }
                para.append(0x0A)
                if (textBlockDepth > 0 || implicitOpen) && !atBlockStart { appendShort("<br>") }
                afterBr = true
                return false
            }
            afterBr = false
            if kind.tag == .img && name == "img" { // `Tag.img` is also `picture`
                if let src = BodyRenderer.imageSource(n), let abs = URLNormalizer.normalize(src, against: base) {
                    if textBlockDepth == 0 && !implicitOpen && open.last?.tag != "figure" { ensureParagraph() }
                    let alt = TextNormalizer.normalize(n.attribute("alt") ?? "")
                    appendShort("<img src=\""); HTMLEscape.appendText(abs, to: &html, collapse: false, quotes: true)
                    appendShort("\" alt=\""); HTMLEscape.appendText(alt, to: &html, collapse: false, quotes: true)
                    appendShort("\">")
                    serial += 1
                }
                return false
            }
            if role.contains(.block) {
                flush()
                closeImplicit()
                closePhrasing()
                if role.contains(.preformatted) { preDepth += 1 }
                if role.contains(.textBlock) { textBlockDepth += 1 }
                if kind.tag == .other && name == "hr" { return false }
                if role.contains(.allowedBlock) { openTag(name, role: role); opened.append((role, name)) } else { opened.append((role, nil)) }
                return true
            }
            var tag: String?
            if let mapped = kind.inline {
                if mapped == "a" {
                    // The href read once: `PermalinkMark.matches` reads it again and is false unless it opens with "#"
                    // (reading it twice a link: 2% of the body text's instructions on the 350-page batch).
                    let href = n.attribute("href")
                    if let href, BodyRenderer.opensWithHash(href, trimmed: false), PermalinkMark.matches(n) { return false }
                    // A link within the page (a heading's self-link wrapping its text, a footnote's number) points to
                    // an id the record does not keep: its text stays, the link goes.
                    if let href, !BodyRenderer.opensWithHash(href, trimmed: true),
                       let abs = URLNormalizer.normalize(href, against: base) {
                        ensureParagraph()
                        openTag("a", role: kind.inlineRole, href: abs); tag = "a"
                    }
                } else {
                    ensureParagraph()
                    openTag(mapped, role: kind.inlineRole); tag = mapped
                }
            }
            opened.append((role, tag))
            return true
        }

        mutating func markLayout(_ table: Node) {
            layout.insert(table)
            var c = table.firstChild
            while let x = c {
                if x.isElement, ["tbody", "thead", "tfoot", "tr", "td", "th"].contains(x.name) { markLayout(x) }
                c = x.nextSibling
            }
        }

        mutating func leave(_ n: Node) {
            let (role, tag) = opened.popLast() ?? ([], nil)
            if role.contains(.block) {
                flush()
                closeImplicit()
                if let tag { closeTag(tag) }
                if role.contains(.preformatted) { preDepth -= 1 }
                if role.contains(.textBlock) { textBlockDepth -= 1 }
                return
            }
            if let tag { closeTag(tag) }
        }
    }

    /// Attributes an image's URL is read from, lazy loaders' first (LinkedIn's `data-delayed-url` on an `<img>` with
    /// no `src`), the placeholder `src` last.
    static let imageSourceAttributes = ["data-src", "data-lazy-src", "data-original", "data-delayed-url", "src"]

    /// `href.hasPrefix("#")`, or `href.trimmedWhitespace.hasPrefix("#")` when `trimmed`, read from the bytes when they
    /// decide it: past the spaces and tabs trimmed, an ASCII byte other than "#" opens another Character, and "#" with
    /// an ASCII byte or nothing after it is a Character of its own (no two ASCII bytes but CR LF join). A non-ASCII
    /// byte there (a Unicode space, a combining mark) leaves it to the Strings: read so twice a link, they were 3M
    /// instructions of the 350-page batch.
    static func opensWithHash(_ href: String, trimmed: Bool) -> Bool {
        let byBytes: Bool? = href.withUTF8Bytes { u in
            var i = 0
            if trimmed { while i < u.count, Trimming.isASCIISpaceOrTab(u[i]) { i += 1 } }
            guard i < u.count else { return false }
            if u[i] >= 0x80 { return nil }
            if u[i] != 0x23 { return false }
            return i + 1 == u.count || u[i + 1] < 0x80 ? true : nil
        }
        return byBytes ?? (trimmed ? href.trimmedWhitespace : href).hasPrefix("#")
    }

    /// The image URL, preferring lazy-loading attributes over a placeholder `src`.
    static func imageSource(_ n: Node) -> String? {
        for a in imageSourceAttributes {
            if let v = n.attribute(a)?.trimmedWhitespace, !v.isEmpty, !v.hasPrefix("data:") { return v }
        }
        return nil
    }
}

/// Escaping for the HTML we write.
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out: [UInt8] = []
        appendText(s, to: &out, collapse: false)
        return String(decoding: out, as: UTF8.self)
    }

    static func attribute(_ s: String) -> String {
        var out: [UInt8] = []
        appendText(s, to: &out, collapse: false, quotes: true)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text holds anything but whitespace.
    static func hasVisible(_ s: String) -> Bool {
        for b in s.utf8 where !(b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C) { return true }
        return false
    }

    /// Whether written HTML text is only spaces and no-break spaces (U+00A0 as C2 A0, or the `&nbsp;` entity).
    static func onlyNoBreakSpaces(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x20 { i += 1; continue }
            if b == 0xC2, i + 1 < bytes.endIndex, bytes[i + 1] == 0xA0 { i += 2; continue }
            if b == 0x26, bytes[i...].starts(with: "&nbsp;".utf8) { i += 6; continue }
            return false
        }
        return true
    }

    /// Whether UTF-8 text holds anything but whitespace.
    static func hasVisible(_ s: Span<UInt8>) -> Bool {
        for i in s.indices where !(s[i] == 0x20 || s[i] == 0x0A || s[i] == 0x09 || s[i] == 0x0D || s[i] == 0x0C) { return true }
        return false
    }

    /// Appends escaped UTF-8, optionally collapsing whitespace runs to one space; drops zero-width characters.
    static func appendText(_ s: String, to out: inout [UInt8], collapse: Bool, quotes: Bool = false) {
        s.withUTF8Bytes { appendText($0, to: &out, collapse: collapse, quotes: quotes) }
    }

    /// Bytes `appendText` does more with than copy: whitespace (when collapsing), `&`, `<`, `>`, `"`, control
    /// characters, and the first bytes of the zero-width characters and C1 controls it drops.
    private static let special = specialBytes(whitespace: true)
    private static let specialKeepingWhitespace = specialBytes(whitespace: false)
    private static func specialBytes(whitespace: Bool) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        for b: UInt8 in [0x26, 0x3C, 0x3E, 0x22, 0xE2, 0xEF, 0xC2] { t[Int(b)] = true }
        if whitespace { for b: UInt8 in [0x20, 0x0A, 0x09, 0x0D, 0x0C] { t[Int(b)] = true } }
        for b in controls { t[Int(b)] = true }
        return t
    }
    /// C0 controls other than whitespace, and DEL: never text (body.text drops them too).
    private static let controls: [UInt8] = Array(0x01...0x08) + [0x0B] + Array(0x0E...0x1F) + [0x7F]

    /// Whether eight bytes hold nothing special but whitespace: printable ASCII or spaces, no `&`, `<`, `>`, `"`.
    @inline(__always) private static func isPlain(_ w: UInt64) -> Bool {
        !(ByteWord.hasHigh(w) || ByteWord.hasBelow(w, 0x20) || ByteWord.has(w, 0x7F) || hasMarkup(w))
    }

    /// Whether a byte of `w` (printable ASCII) is `&`, `<`, `>` or `"`: `<` and `>` differ in one bit only, as `"`
    /// and `&` do, so two tests cover the four.
    @inline(__always) private static func hasMarkup(_ w: UInt64) -> Bool {
        ByteWord.has(w & 0xFDFD_FDFD_FDFD_FDFD, 0x3C) || ByteWord.has(w & 0xFBFB_FBFB_FBFB_FBFB, 0x22)
    }

    @inline(__always) private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
    }

    /// `appendText` of UTF-8 bytes.
    static func appendText(_ s: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], collapse: Bool, quotes: Bool = false) {
        // Whether the last thing written was a space whitespace collapsed to: more whitespace right after it is dropped.
        var space = false
        let n = s.count
        var i = 0
        var copied = 0 // s[..<copied] is written (or dropped); the bytes up to i are copied as one run
        (collapse ? special : specialKeepingWhitespace).withUnsafeBufferPointer { special in
            while i < n {
                // Eight bytes that are all kept in the run (ASCII, none special; collapsing: single spaces, each kept
                // in the run as below, a first one only after a byte of the run that is no space).
                if i + 8 <= n {
                    let w = ByteWord.load(s.baseAddress! + i)
                    if collapse {
                        if let spaces = ByteWord.singleSpaces(w), !hasMarkup(w),
                           spaces & 0x80 == 0 || (copied < i && s[i - 1] != 0x20) { i += 8; continue }
                    } else if isPlain(w) { i += 8; continue }
                }
                let b = s[i]
                if !special[Int(b)] { i += 1; continue }
                if collapse && isWhitespace(b) {
                    if copied < i {
                        // A space inside the run stays in it (one append a run, not one a word); whitespace right
                        // after such a space ends the run and is dropped.
                        if s[i - 1] == 0x20 {
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<i]))
                            space = true
                            i += 1
                            while i + 8 <= n, ByteWord.isBlank(ByteWord.load(s.baseAddress! + i)) { i += 8 }
                            copied = i
                            continue
                        }
                        if b == 0x20 { i += 1; continue }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<i]))
                        space = false
                    }
                    if !space { out.append(0x20); space = true }
                    i += 1
                    // Whitespace after it is dropped: the rest of a run of blanks (a line break and indentation of the
                    // page's source), eight bytes at a time.
                    while i + 8 <= n, ByteWord.isBlank(ByteWord.load(s.baseAddress! + i)) { i += 8 }
                    copied = i
                    continue
                }
                if copied < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<i])); space = false }
                i += 1
                switch b {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])       // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])             // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])             // &gt;
                case 0x22 where quotes: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
                case 0xE2, 0xEF:
                    // U+200B-200D, U+2060 (E2 80 8B-8D, E2 81 A0) and U+FEFF (EF BB BF) render as nothing.
                    // (Curly quotes and dashes start with E2 too.)
                    guard i < n else { out.append(b); break }
                    let b1 = s[i]
                    i += 1
                    guard i < n else { out.append(b); out.append(b1); break }
                    let b2 = s[i]
                    i += 1
                    let zeroWidth = (b == 0xE2 && b1 == 0x80 && (0x8B...0x8D).contains(b2))
                        || (b == 0xE2 && b1 == 0x81 && b2 == 0xA0)
                        || (b == 0xEF && b1 == 0xBB && b2 == 0xBF)
                    if !zeroWidth { out.append(b); out.append(b1); out.append(b2) }
                case 0xC2:
                    // U+0080-009F (C2 80-9F) are C1 controls, dropped, but NEL (U+0085), a line break as body.text reads
                    // it; NBSP and Latin-1 signs start with C2 too.
                    guard i < n else { out.append(b); break }
                    let b1 = s[i]
                    i += 1
                    if b1 == 0x85 { out.append(0x20) } else if !(0x80...0x9F).contains(b1) { out.append(b); out.append(b1) }
                case 0x01...0x08, 0x0B, 0x0E...0x1F, 0x7F: break
                default: out.append(b)
                }
                copied = i
                space = false
            }
        }
        if copied < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[copied..<n])) }
    }
}

/// A quick check that lets most text skip Foundation's NFC normalization (slow on Linux).
enum NFCCheck {
    /// True when every scalar is in a range whose characters are all NFC quick-check "yes" and never
    /// combine with a previous character: below U+0300, general punctuation and symbols, CJK and kana
    /// (without the combining voiced marks U+3099/U+309A), Hangul syllables.
    static func isSurelyNFC(_ s: String) -> Bool {
        // Over the UTF-8 bytes, eight ASCII bytes at a time; only three-byte sequences are decoded: a lead byte below
        // 0xCC starts a scalar below U+0300 (continuation bytes are below it too), one from 0xCC to 0xDF a scalar in
        // U+0300-07FF, and one from 0xF0 a scalar outside the BMP, none of them in the ranges.
        s.withUTF8Bytes { u in
            let n = u.count
            var i = 0
            while i < n {
                if i + 8 <= n, !ByteWord.hasHigh(ByteWord.load(u.baseAddress! + i)) {
                    i += 8
                    continue
                }
                let b = u[i]
                if b < 0xCC { i += 1; continue }
                guard b >= 0xE0 && b < 0xF0 && i + 2 < n else { return false }
                let v = UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                guard (0x2000...0x2BFF).contains(v) || (0x3000...0x3098).contains(v) || (0x309B...0x9FFF).contains(v)
                    || (0xAC00...0xD7A3).contains(v) || (0xFF00...0xFFEF).contains(v) else { return false }
                i += 3
            }
            return true
        }
    }
}

extension BodyRenderer {
    /// The lines of a preformatted paragraph, each normalized: `String(decoding:)` split at `"\n"` Characters.
    /// ASCII text is cut at its LF bytes in place (the split and a String per line were ~0.5% of a blog post's
    /// extraction, FINDINGS 94): a `"\n"` Character is an LF alone, CR LF being one Character (`preLinesAreTheCharacterSplit`).
    static func preLines(_ para: [UInt8]) -> [String] {
        para.withUnsafeBufferPointer { u in
            guard u.allSatisfy({ $0 < 0x80 }) else {
                return String(decoding: u, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { TextNormalizer.normalize(String($0)) }
            }
            var lines: [String] = []
            var start = 0
            for i in 0..<u.count where u[i] == 0x0A && (i == 0 || u[i - 1] != 0x0D) {
                lines.append(TextNormalizer.normalize(bytes: UnsafeBufferPointer(rebasing: u[start..<i])))
                start = i + 1
            }
            lines.append(TextNormalizer.normalize(bytes: UnsafeBufferPointer(rebasing: u[start...])))
            return lines
        }
    }
}
