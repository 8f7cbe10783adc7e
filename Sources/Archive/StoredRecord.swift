import Extract
import Foundation

/// The content part of a page record as stored once in `objects/`: every field but `fetched_at`
/// and `status`, which change on every fetch and live in the snapshot index instead. That is what
/// lets an unchanged post be stored once however many snapshots hold it.
struct StoredRecord: Codable {
    var url: String
    var canonicalURL: String
    var title: String?
    var authors: [String]
    var published: DateField?
    var modified: DateField?
    var body: Body
    var related: [RelatedLink]
    var tags: [String]
    var language: String?
    var siteName: String?
    var description: String?
    var contentHash: String

    init(_ r: PageRecord) {
        url = r.url; canonicalURL = r.canonicalURL; title = r.title; authors = r.authors
        published = r.published; modified = r.modified; body = r.body; related = r.related; tags = r.tags
        language = r.language; siteName = r.siteName; description = r.description; contentHash = r.contentHash
    }

    func pageRecord(fetchedAt: String, status: Int?) -> PageRecord {
        PageRecord(url: url, canonicalURL: canonicalURL, fetchedAt: fetchedAt, status: status, title: title,
                   authors: authors, published: published, modified: modified, body: body, related: related,
                   tags: tags, language: language, siteName: siteName, description: description,
                   contentHash: contentHash)
    }

    enum CodingKeys: String, CodingKey {
        case url, canonicalURL = "canonical_url", title, authors, published, modified, body, related, tags
        case language, siteName = "site_name", description, contentHash = "content_hash"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(canonicalURL, forKey: .canonicalURL)
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

    /// Canonical bytes of `StoredRecord(record)`: pretty, sorted keys, UTF-8, LF, trailing newline; exactly
    /// what `PageRecord.makeEncoder(pretty: true)` writes for it plus the newline, made without the encoder
    /// (from the record's compact JSON, pretty-printed the encoder's way). A record whose `contentHash` is empty
    /// gets the hash of its fields (`PageRecord.computeContentHash`), from the same JSON.
    static func canonicalBytes(of record: PageRecord) -> [UInt8] {
        let json = record.contentHash.isEmpty ? record.hashedContentFieldsJSON().json : record.contentFieldsJSON()
        var bytes = RecordBytes.prettyPrinted(json)
        bytes.append(0x0A)
        return bytes
    }
}

/// One post of a snapshot index: where its content object is and how it was fetched.
struct IndexEntry: Codable, Equatable {
    var url: String
    /// SHA-256 hex of the object's bytes (its file name in `objects/`).
    var object: String
    var fetchedAt: String
    var status: Int?
    /// True when the record was taken over from an earlier snapshot without re-extraction.
    var reused: Bool
    var fetch: FetchInfo

    enum CodingKeys: String, CodingKey {
        case url, object, fetchedAt = "fetched_at", status, reused, fetch
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url); try c.encode(object, forKey: .object)
        try c.encode(fetchedAt, forKey: .fetchedAt); try c.encode(status, forKey: .status)
        try c.encode(reused, forKey: .reused); try c.encode(fetch, forKey: .fetch)
    }
}
