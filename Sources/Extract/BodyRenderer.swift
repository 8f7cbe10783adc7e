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
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                                       "button", "input", "select", "textarea", "canvas", "form", "head", "title",
                                       "link", "meta", "map", "dialog"]

    struct Output { var text: String; var html: String; var paragraphs: [String] }

    func render(_ roots: [Node]) -> Output {
        var st = State(base: baseURL)
        for r in roots {
            Traversal.run(r, enter: { n in st.enter(n, excluded: excluded) }, leave: { n in st.leave(n) })
        }
        st.flush()
        st.closeImplicit()
        return Output(text: st.paragraphs.joined(separator: "\n\n"), html: st.html, paragraphs: st.paragraphs)
    }

    private struct State {
        let base: String
        var paragraphs: [String] = []
        var html = ""
        var para = ""
        var preDepth = 0
        var textBlockDepth = 0
        var implicitOpen = false
        /// Open allow-listed tags: name, html length before the open tag, content serial at open.
        var open: [(tag: String, start: String.Index, serial: Int)] = []
        var serial = 0
        var opened: [Node: String] = [:]

        init(base: String) { self.base = base }

        mutating func flush() {
            guard !para.isEmpty else { return }
            if preDepth > 0 {
                var lines = para.split(separator: "\n", omittingEmptySubsequences: false).map { TextNormalizer.normalize(String($0)) }
                while lines.first?.isEmpty == true { lines.removeFirst() }
                while lines.last?.isEmpty == true { lines.removeLast() }
                let t = lines.joined(separator: "\n")
                if !t.isEmpty { paragraphs.append(t) }
            } else {
                let t = TextNormalizer.normalize(para)
                if !t.isEmpty { paragraphs.append(t) }
            }
            para = ""
        }

        mutating func closeImplicit() {
            if implicitOpen { closeTag("p"); implicitOpen = false }
        }

        mutating func openTag(_ tag: String, attrs: String = "") {
            open.append((tag, html.endIndex, serial))
            html += "<\(tag)\(attrs)>"
        }

        mutating func closeTag(_ tag: String) {
            guard let last = open.last, last.tag == tag else { return }
            open.removeLast()
            if last.serial == serial && tag != "td" && tag != "th" {
                html.removeSubrange(last.start...)   // drop empty elements
            } else {
                html += "</\(tag)>"
            }
        }

        mutating func ensureParagraph() {
            if textBlockDepth == 0 && !implicitOpen {
                openTag("p"); implicitOpen = true
            }
        }

        mutating func enter(_ n: Node, excluded: Set<Node>) -> Bool {
            if n.isText {
                let raw = n.ownText
                guard !raw.isEmpty else { return false }
                if preDepth > 0 {
                    para += raw
                    ensureParagraph()
                    html += HTMLEscape.text(raw)
                    serial += 1
                } else {
                    para += raw
                    let collapsed = HTMLEscape.collapse(raw)
                    if !collapsed.isEmpty && collapsed != " " {
                        ensureParagraph(); serial += 1
                        html += HTMLEscape.text(collapsed)
                    } else if !collapsed.isEmpty && !html.hasSuffix(" ") && !html.hasSuffix(">") {
                        html += " "
                    }
                }
                return false
            }
            guard n.isElement else { return false }
            if excluded.contains(n) { return false }
            let name = n.name
            if BodyRenderer.skipped.contains(name) { return false }
            if name == "br" {
                para += "\n"
                if textBlockDepth > 0 || implicitOpen { html += "<br>" }
                return false
            }
            if name == "img" {
                if let src = BodyRenderer.imageSource(n), let abs = URLNormalizer.normalize(src, base: base) {
                    if textBlockDepth == 0 && !implicitOpen && open.last?.tag != "figure" { ensureParagraph() }
                    let alt = TextNormalizer.normalize(n.attribute("alt") ?? "")
                    html += "<img src=\"\(HTMLEscape.attribute(abs))\" alt=\"\(HTMLEscape.attribute(alt))\">"
                    serial += 1
                }
                return false
            }
            if BodyRenderer.blocks.contains(name) {
                flush()
                closeImplicit()
                if name == "pre" { preDepth += 1 }
                if BodyRenderer.textBlocks.contains(name) { textBlockDepth += 1 }
                if BodyRenderer.allowedBlocks.contains(name) { openTag(name); opened[n] = name }
                if name == "hr" { return false }
                return true
            }
            if let mapped = BodyRenderer.allowedInline[name] {
                if mapped == "a" {
                    if let href = n.attribute("href"), let abs = URLNormalizer.normalize(href, base: base) {
                        ensureParagraph()
                        openTag("a", attrs: " href=\"\(HTMLEscape.attribute(abs))\""); opened[n] = "a"
                    }
                } else {
                    ensureParagraph()
                    openTag(mapped); opened[n] = mapped
                }
            }
            return true
        }

        mutating func leave(_ n: Node) {
            let name = n.name
            let tag = opened.removeValue(forKey: n)
            if BodyRenderer.blocks.contains(name) {
                flush()
                closeImplicit()
                if let tag { closeTag(tag) }
                if name == "pre" { preDepth -= 1 }
                if BodyRenderer.textBlocks.contains(name) { textBlockDepth -= 1 }
                return
            }
            if let tag { closeTag(tag) }
        }
    }

    /// The image URL, preferring lazy-loading attributes over a placeholder `src`.
    static func imageSource(_ n: Node) -> String? {
        for a in ["data-src", "data-lazy-src", "data-original", "src"] {
            if let v = n.attribute(a)?.trimmingCharacters(in: .whitespaces), !v.isEmpty, !v.hasPrefix("data:") { return v }
        }
        return nil
    }
}

/// Escaping for the HTML we write.
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{2060}": break
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func attribute(_ s: String) -> String {
        text(s).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Collapses whitespace runs to one space (keeping a leading/trailing space as one).
    static func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s.unicodeScalars {
            if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" {
                if !space { out += " "; space = true }
            } else {
                out.unicodeScalars.append(c); space = false
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }
}
