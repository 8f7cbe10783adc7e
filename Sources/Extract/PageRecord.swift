import Foundation

/// The normalized record of one page: the contract shared by `extract`, the archive, export and diff.
///
/// Encoded with sorted keys and explicit `null`s, so the same input always gives the same bytes.
/// `content_hash` covers the extracted fields only (not `fetched_at` or `status`).
public struct PageRecord: Codable, Equatable, Sendable {
    /// The URL the page was fetched from (normalized).
    public var url: String
    /// `rel=canonical` / `og:url` when present and valid, else `url` (normalized).
    public var canonicalURL: String
    /// ISO 8601 UTC instant the page was fetched (the crawler's clock or `--fetched-at`).
    public var fetchedAt: String
    /// HTTP status; `nil` when the page came from a file.
    public var status: Int?
    public var title: String?
    public var authors: [String]
    public var published: DateField?
    public var modified: DateField?
    public var body: Body
    public var related: [RelatedLink]
    public var tags: [String]
    /// BCP 47 language tag, lowercase (e.g. `en`, `ja`, `pt-br`).
    public var language: String?
    public var siteName: String?
    public var description: String?
    /// `sha256:<hex>` over the extracted fields (see `computeContentHash`).
    public var contentHash: String

    public init(url: String, canonicalURL: String, fetchedAt: String, status: Int?, title: String?,
                authors: [String], published: DateField?, modified: DateField?, body: Body,
                related: [RelatedLink], tags: [String], language: String?, siteName: String?,
                description: String?, contentHash: String = "") {
        self.url = url; self.canonicalURL = canonicalURL; self.fetchedAt = fetchedAt; self.status = status
        self.title = title; self.authors = authors; self.published = published; self.modified = modified
        self.body = body; self.related = related; self.tags = tags; self.language = language
        self.siteName = siteName; self.description = description; self.contentHash = contentHash
    }

    enum CodingKeys: String, CodingKey {
        case url, canonicalURL = "canonical_url", fetchedAt = "fetched_at", status, title, authors
        case published, modified, body, related, tags, language, siteName = "site_name"
        case description, contentHash = "content_hash"
    }

    // Explicit encoding so that absent values are written as `null`, never omitted.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(canonicalURL, forKey: .canonicalURL)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(status, forKey: .status)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encode(published, forKey: .published)
        try c.encode(modified, forKey: .modified)
        try c.encode(body, forKey: .body)
        try c.encode(related, forKey: .related)
        try c.encode(tags, forKey: .tags)
        try c.encode(language, forKey: .language)
        try c.encode(siteName, forKey: .siteName)
        try c.encode(description, forKey: .description)
        try c.encode(contentHash, forKey: .contentHash)
    }
}

/// A date found on the page, with where it came from.
public struct DateField: Codable, Equatable, Sendable {
    /// `YYYY-MM-DD` when only the day is known, else a full UTC instant `YYYY-MM-DDTHH:MM:SSZ`.
    public var date: String
    /// The text the date was read from.
    public var raw: String
    /// One of `json-ld`, `meta`, `time`, `text`, `relative`, `url`, `rule`.
    public var source: String
    /// One of `day`, `minute`, `second`.
    public var precision: String

    public init(date: String, raw: String, source: String, precision: String) {
        self.date = date; self.raw = raw; self.source = source; self.precision = precision
    }
}

/// The main content of a page.
public struct Body: Codable, Equatable, Sendable {
    /// Plain text, one paragraph per block, paragraphs separated by one blank line.
    public var text: String
    /// The same content as clean HTML (allow-listed tags, absolute URLs).
    public var html: String
    public var wordCount: Int

    public init(text: String, html: String, wordCount: Int) {
        self.text = text; self.html = html; self.wordCount = wordCount
    }

    enum CodingKeys: String, CodingKey { case text, html, wordCount = "word_count" }
}

/// One related-post card ("Related", "More like this", "Read next", ...).
public struct RelatedLink: Codable, Equatable, Sendable {
    public var title: String
    public var url: String
    /// `nil` when absent or a placeholder phrase from `rules.json`.
    public var summary: String?
    public var image: String?

    public init(title: String, url: String, summary: String?, image: String?) {
        self.title = title; self.url = url; self.summary = summary; self.image = image
    }

    enum CodingKeys: String, CodingKey { case title, url, summary, image }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url)
        try c.encode(summary, forKey: .summary)
        try c.encode(image, forKey: .image)
    }
}

extension PageRecord {
    /// The encoder every writer of page records uses: sorted keys, no escaped slashes.
    public static func makeEncoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                    : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// The record as JSON bytes (UTF-8, sorted keys; pretty output ends with a newline).
    public func jsonData(pretty: Bool) throws -> Data {
        if !pretty { return Data(compactJSON()) }
        var d = try Self.makeEncoder(pretty: pretty).encode(self)
        if pretty { d.append(0x0A) }
        return d
    }
}
