import HTML

/// The language label a theme prints beside a code block (VitePress: `<div class="language-sh"><button class="copy">
/// </button><span class="lang">sh</span><pre>…</pre></div>`): chrome of the block, not text of the post.
enum CodeBlockLabel {
    /// Longest label text, in characters ("typescript", "powershell").
    static let maxLength = 16

    /// A `<span>` or `<div>` (the caller checks the name) whose class holds "lang", holding one short word and no element, with a `<pre>` after
    /// it among its siblings.
    static func matches(_ n: Node) -> Bool {
        guard let cls = n.attribute("class"),
              ByteSearch.contains(cls.fastLowercased, "lang") else { return false }
        var c = n.firstChild
        while let x = c {
            if x.isElement { return false }
            c = x.nextSibling
        }
        let text = TextNormalizer.normalize(n.textContent)
        guard !text.isEmpty, text.count <= maxLength, !text.contains(" ") else { return false }
        var s = n.nextSibling
        while let x = s {
            if x.isElement { if x.hasName("pre") { return true } }
            s = x.nextSibling
        }
        return false
    }
}
