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

    func links() -> [String] {
        var out: [String] = []
        // Sized for every anchor once: growing a set rehashes all it holds.
        var seenRaw = Set<String>(minimumCapacity: metadata.anchors.count)
        var seen = Set<String>(minimumCapacity: metadata.anchors.count)
        for (_, href) in metadata.anchors {
            guard seenRaw.insert(href).inserted else { continue }
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
            if let rel = n.attribute("rel"), rel.fastLowercased.split(separator: " ").contains("next") { raw.append(href); continue }
            // A next-page text is short: a longer one (a card's, a teaser's) is not read into a string.
            if n.textByteCount(upTo: 120) <= 120 {
                let rawText = n.textContent
                if rawText.utf8.count <= 120 {
                    let text = TextNormalizer.normalize(rawText).fastLowercased
                    if text.utf8.count <= Self.nextTextMaxBytes, Self.nextTexts.contains(text) { raw.append(href); continue }
                }
            }
            if let cls = n.attribute("class")?.fastLowercased, ByteSearch.contains(cls, "next"),
               ByteSearch.contains(cls, "page") || ByteSearch.contains(cls, "nav"), !ByteSearch.contains(cls, "post") {
                raw.append(href)
            }
        }
        return normalized(raw)
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
