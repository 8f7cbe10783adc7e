import Foundation

extension PageRecord {
    /// `sha256:<hex>` over the canonical JSON (sorted keys, compact) of the extracted fields:
    /// everything but `fetched_at`, `status` and `content_hash`, so a re-fetch of an unchanged page hashes the same.
    public func computeContentHash() -> String {
        "sha256:" + SHA256.hex(hashedFieldsJSON())
    }

    /// Sets `contentHash` from the current fields.
    public mutating func updateContentHash() { contentHash = computeContentHash() }
}

/// The record's fields that the content hash covers, as `Encodable` (what `hashedFieldsJSON()` must equal).
struct HashedFields: Encodable {
    let record: PageRecord

    enum CodingKeys: String, CodingKey {
        case url, canonicalURL = "canonical_url", title, authors, published, modified, body, related, tags
        case language, siteName = "site_name", description
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(record.url, forKey: .url)
        try c.encode(record.canonicalURL, forKey: .canonicalURL)
        try c.encode(record.title, forKey: .title)
        try c.encode(record.authors, forKey: .authors)
        try c.encode(record.published, forKey: .published)
        try c.encode(record.modified, forKey: .modified)
        try c.encode(record.body, forKey: .body)
        try c.encode(record.related, forKey: .related)
        try c.encode(record.tags, forKey: .tags)
        try c.encode(record.language, forKey: .language)
        try c.encode(record.siteName, forKey: .siteName)
        try c.encode(record.description, forKey: .description)
    }
}
