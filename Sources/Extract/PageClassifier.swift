import HTML

/// Decides whether a page is a post or a listing: rule URL patterns, then JSON-LD type, then markup
/// (many article cards means a listing; `og:type=article` or an article with a title and a date means a post),
/// then URL shape.
enum PageClassifier {
    /// At least this many `<article>` elements outside the related cards make a page a listing.
    static let listingArticleCount = 3
    /// URL path pieces of listing pages.
    static let listingPaths = ["/page/", "/tag/", "/tags/", "/category/", "/categories/", "/author/", "/archive",
                               "/search", "/label/", "/topics/", "/series/"]

    static func classify(url: String, path: String, crawl: CrawlRule?, metadata m: PageMetadata,
                         jsonObjects: [[String: Any]], hasArticleObject: Bool, articleCount: Int,
                         hasTitle: Bool, published: DateField?, wordCount: Int) -> PageKind {
        if let crawl {
            if crawl.postURL.matches(path) { return .post }
            if crawl.listingURL.matches(path) { return .listing }
        }
        if articleCount >= listingArticleCount { return .listing }
        if hasArticleObject { return .post }
        let types = jsonObjects.flatMap { JSONLD.types($0).map(JSONLD.stripSchema) }
        if types.contains(where: { JSONLD.listingTypes.contains($0) }) { return .listing }
        if let og = m.first("og:type")?.lowercased() {
            if og == "article" || og.hasPrefix("article") { return .post }
        }
        let lowerPath = path.lowercased()
        if lowerPath == "/" || lowerPath.isEmpty || listingPaths.contains(where: { lowerPath.contains($0) }) { return .listing }
        if let p = published, p.source != "url", hasTitle { return .post }
        if DateParser.fromURL(url) != nil { return .post }
        return wordCount >= 150 && hasTitle ? .post : .listing
    }
}
