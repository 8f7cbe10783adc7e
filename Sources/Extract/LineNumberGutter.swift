import HTML

/// The line-number column of a highlighted code block laid out as a table: Hugo's Chroma (`td.lntd`), Jekyll's Rouge
/// (`td.gutter`), Pygments' `linenos="table"` (`td.linenos`, Pelican, Sphinx, MkDocs). Its numbers are no text of
/// the post, so the cell leaves the body and the code cell beside it stays.
enum LineNumberGutter {
    /// Longest cell text (UTF-8 bytes) read as a column of line numbers.
    static let maxBytes = 20_000

    /// Whether `cell` is a `<td>` holding nothing but digits and whitespace (at least one digit) with a later sibling
    /// cell that holds a `<pre>`: the code it numbers.
    static func isGutter(_ cell: Node) -> Bool {
        guard cell.hasName("td"), cell.textByteCount(upTo: maxBytes + 1) <= maxBytes else { return false }
        var digits = 0
        for b in cell.textContent.utf8 {
            if b >= 0x30 && b <= 0x39 { digits += 1; continue }
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return false }
        }
        guard digits > 0 else { return false }
        var sibling = cell.nextSibling
        while let s = sibling {
            if s.isElement, s.hasName("td") { return s.firstDescendant(where: { $0.hasName("pre") }) != nil }
            sibling = s.nextSibling
        }
        return false
    }
}
