import HTML

/// The anchor a generator puts beside a heading so readers can copy its link: Sphinx's
/// `<a class="headerlink" href="#id">¶</a>`, the `#` or `§` of others, a footnote's `↩` back-link.
/// It is navigation, not text: titles and bodies leave it out.
enum PermalinkMark {
    /// `<a href="#…">` whose shown text holds no letter or digit and which shows no picture. Text for screen
    /// readers only is not shown (Hugo Coder: `<a class="heading-link" href="#x"><i></i><span class="sr-only">Link
    /// to heading</span></a>`).
    static func matches(_ n: Node) -> Bool {
        guard n.isElement, n.hasName("a"), opensWithHashByte(n), n.attribute("href")?.hasPrefix("#") == true else { return false }
        var showsLetters = false
        n.walk { d in
            if showsLetters { return false }
            if d.isElement {
                if d != n, let c = d.attribute("class"), ClassHints.containsAny(c.fastLowercased, screenReaderOnly) { return false }
                return true
            }
            if d.isText, d.textContent.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                showsLetters = true
            }
            return false
        }
        return !showsLetters && n.firstDescendant(where: { $0.isElement && $0.hasName("img") }) == nil
    }

    /// Whether the href's first byte is "#", read in place: most links fail here without their href made a `String`
    /// (a title's walk asks this of every element of its heading). Only a first check: `hasPrefix("#")` compares
    /// characters, which a combining mark after the "#" changes.
    private static func opensWithHashByte(_ n: Node) -> Bool {
        var opens = false
        n.attributeBytes(hrefQuery) { _, v in opens = !v.isEmpty && v[0] == UInt8(ascii: "#") }
        return opens
    }

    private static let hrefQuery = AttributeQuery(["href"])

    /// Classes of text shown to screen readers only.
    static let screenReaderOnly = ["sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden"]
}
