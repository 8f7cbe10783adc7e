import HTML

/// The anchor a generator puts beside a heading so readers can copy its link: Sphinx's
/// `<a class="headerlink" href="#id">¶</a>`, the `#` or `§` of others, a footnote's `↩` back-link.
/// It is navigation, not text: titles and bodies leave it out.
enum PermalinkMark {
    /// `<a href="#…">` whose text holds no letter or digit and which shows no picture.
    static func matches(_ n: Node) -> Bool {
        guard n.isElement, n.name == "a", n.attribute("href")?.hasPrefix("#") == true else { return false }
        let showsLetters = n.textContent.unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        return !showsLetters && n.firstDescendant(where: { $0.isElement && $0.name == "img" }) == nil
    }
}
