import Foundation
import HTML

/// The page's outgoing links for discovery: all links, feeds, next-page links, and the post's other identities.
struct LinkFinder {
    let metadata: PageMetadata
    /// The page's base URL, parsed once for all its links.
    let base: URLNormalizer.Base?

    init(metadata: PageMetadata, baseURL: String) {
        self.metadata = metadata
        base = URLNormalizer.Base(baseURL)
    }

    /// Link texts that mean "the next page of this listing" (compared lowercased, trimmed).
    static let nextTexts: Set<String> = ["older posts", "older entries", "older", "next page", "next", "next »", "next ›",
                                         "›", "»", "older posts »", "« older posts", "← older posts", "older posts →",
                                         "load more", "more posts", "previous posts", "next posts", "page suivante",
                                         "nächste seite", "次へ", "次のページ", "older articles", "→", "next →",
                                         "older →", "← older", "« older entries", "older entries »", "see more"]
    /// The longest of `nextTexts` in UTF-8 bytes: a longer text is none of them, and is not looked up.
    static let nextTextMaxBytes = nextTexts.map(\.utf8.count).max() ?? 0
    /// The printable ASCII bytes `nextTexts` are made of (lowercase), by byte value.
    static let nextTextASCII: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for text in nextTexts { for b in text.utf8 where b < 0x80 { t[Int(b)] = true } }
        return t
    }()

    /// False when `n`'s text cannot normalize to one of `nextTexts`, read in place. Each printable ASCII byte of a
    /// text stays one character of it normalized and lowercased (`TextNormalizer` keeps such bytes, NFC only composes
    /// one with the marks after it, lowercasing keeps a character a character), so a text with more of them than
    /// `nextTextMaxBytes`, or with one (case folded) that no next text holds, is none of them. (A composition of such
    /// a byte is non-ASCII, and the only one among the next texts' characters is "ä", whose "a" they hold.)
    static func mayBeNextText(_ n: Node) -> Bool {
        var printable = 0
        var possible = true
        n.forEachTextPiece { bytes in
            for i in bytes.indices {
                let b = bytes[i]
                guard b &- 0x21 < 0x5E else { continue }
                printable += 1
                let folded = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if printable > nextTextMaxBytes || !nextTextASCII[Int(folded)] { possible = false; return false }
            }
            return true
        }
        return possible
    }

    func links() -> [String] {
        var out: [String] = []
        // Sized for every anchor once: growing a set rehashes all it holds. A repeated href is normalized again: most
        // take `URLNormalizer`'s in-place path, cheaper than a second set of the raw hrefs to skip them.
        var seen = Set<String>(minimumCapacity: metadata.anchors.count)
        for (_, href) in metadata.anchors {
            if let u = URLNormalizer.normalize(href, against: base), seen.insert(u).inserted { out.append(u) }
        }
        return out
    }

    func feeds() -> [String] { normalized(metadata.feeds) }

    func sitemaps() -> [String] { normalized(metadata.sitemaps) }

    func translations() -> [String] { normalized(metadata.languageVersions.map(\.href)) }

    /// The target of `<meta http-equiv="refresh" content="0; url=...">` (Hugo's alias pages: a multilingual site's
    /// root sends to `/en/`, an old URL to the post's new one), whatever the delay.
    func refreshes() -> [String] {
        normalized(metadata.all("refresh").compactMap { content in
            guard let r = content.range(of: "url=", options: .caseInsensitive) else { return nil }
            let target = content[r.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
            return target.isEmpty ? nil : target
        })
    }

    func nextPages() -> [String] {
        var raw = metadata.relNext
        for (n, href) in metadata.anchors {
            if Self.namesNextPage(n) { raw.append(href); continue }
            // A next-page text is short: a longer one (a card's, a teaser's) is not read into a string. The in-place
            // test first: it stops at a title's or tag's first letter no next text holds.
            if Self.mayBeNextText(n), n.textByteCount(upTo: 120) <= 120 {
                let rawText = n.textContent
                if rawText.utf8.count <= 120 {
                    let text = TextNormalizer.normalize(rawText).fastLowercased
                    if text.utf8.count <= Self.nextTextMaxBytes, Self.nextTexts.contains(text) { raw.append(href) }
                }
            }
        }
        return normalized(raw)
    }

    /// `rel` and `class`, read together as bytes: `nextPages` tests them on every anchor.
    private static let relAndClass = AttributeQuery(["rel", "class"])

    /// Whether an anchor's `rel` or `class` names it a next page: a `rel` token (between spaces) "next", or a class
    /// holding "next" and "page" or "nav" but not "post"; letters compared ASCII case folded, which is the lowercased
    /// string's test (the only non-ASCII characters that lowercase to ASCII letters give "i" and "k", in none of these
    /// words).
    static func namesNextPage(_ n: Node) -> Bool {
        var next = false
        n.attributeBytes(relAndClass) { k, v in
            guard !next else { return }
            next = v.withUnsafeBufferPointer { u in
                if k == 0 { return u.split(separator: 0x20).contains { foldedEquals($0, Self.nextWord) } }
                return foldedContains(u, Self.nextWord) && (foldedContains(u, Self.pageWord) || foldedContains(u, Self.navWord))
                    && !foldedContains(u, Self.postWord)
            }
        }
        return next
    }

    private static let nextWord = Array("next".utf8), pageWord = Array("page".utf8), navWord = Array("nav".utf8)
    private static let postWord = Array("post".utf8)

    /// `bytes` equal to `word` (lowercase ASCII), ASCII letters case folded.
    private static func foldedEquals(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else { return false }
        var k = 0
        for b in bytes {
            guard (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == word[k] else { return false }
            k += 1
        }
        return true
    }

    /// `bytes` holding `word` (lowercase ASCII), ASCII letters case folded.
    private static func foldedContains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count else { return false }
        let first = word[0]
        for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == first {
            if foldedEquals(bytes[start..<(start + word.count)], word) { return true }
        }
        return false
    }

    func identifiers(canonical: String?, article: JSONValue.Object?) -> [String] {
        var raw: [String] = []
        if let canonical { raw.append(canonical) }
        if let og = metadata.first("og:url") { raw.append(og) }
        if let a = article {
            if let id = a["@id"]?.string { raw.append(id) }
            if let u = JSONLD.string(a["url"]) { raw.append(u) }
            if let m = a["mainEntityOfPage"] {
                if let s = m.string { raw.append(s) } else if let o = m.object, let id = o["@id"]?.string { raw.append(id) }
            }
        }
        if let s = metadata.shortlink { raw.append(s) }
        return normalized(raw)
    }

    private func normalized(_ raw: [String]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for r in raw {
            if let u = URLNormalizer.normalize(r, against: base), seen.insert(u).inserted { out.append(u) }
        }
        return out
    }
}
