/// How a post was fetched: what the next crawl needs for conditional requests and reuse,
/// and what the differ needs to recognise a moved post.
public struct FetchInfo: Codable, Equatable, Sendable {
    /// The URL after redirects (equal to the requested URL when there were none).
    public var finalURL: String
    /// The redirect chain, first hop first (empty when none).
    public var redirects: [String]
    /// `ETag` response header, verbatim.
    public var etag: String?
    /// `Last-Modified` response header, verbatim.
    public var lastModified: String?
    /// `Content-Type` response header.
    public var contentType: String?
    /// `sha256:<hex>` of the (decoded) response body, as in the WARC's `WARC-Payload-Digest`.
    public var payloadDigest: String?
    /// Other names of the same post: canonical URL, JSON-LD `@id`, WordPress shortlink (normalized URLs).
    public var identifiers: [String]
    /// `WARC-Record-ID` of the response record holding the payload (for `revisit` records).
    public var warcRecordID: String?
    /// `WARC-Date` of that response record.
    public var warcDate: String?

    public init(finalURL: String, redirects: [String] = [], etag: String? = nil, lastModified: String? = nil,
                contentType: String? = nil, payloadDigest: String? = nil, identifiers: [String] = [],
                warcRecordID: String? = nil, warcDate: String? = nil) {
        self.finalURL = finalURL; self.redirects = redirects; self.etag = etag; self.lastModified = lastModified
        self.contentType = contentType; self.payloadDigest = payloadDigest; self.identifiers = identifiers
        self.warcRecordID = warcRecordID; self.warcDate = warcDate
    }

    enum CodingKeys: String, CodingKey {
        case finalURL = "final_url", redirects, etag, lastModified = "last_modified", contentType = "content_type"
        case payloadDigest = "payload_digest", identifiers, warcRecordID = "warc_record_id", warcDate = "warc_date"
    }

    // Explicit so that absent values are written as `null` (stable keys, byte-stable files).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(finalURL, forKey: .finalURL)
        try c.encode(redirects, forKey: .redirects)
        try c.encode(etag, forKey: .etag)
        try c.encode(lastModified, forKey: .lastModified)
        try c.encode(contentType, forKey: .contentType)
        try c.encode(payloadDigest, forKey: .payloadDigest)
        try c.encode(identifiers, forKey: .identifiers)
        try c.encode(warcRecordID, forKey: .warcRecordID)
        try c.encode(warcDate, forKey: .warcDate)
    }

    /// What `compactEncoder()` writes for this value (sorted keys, explicit nulls, slashes unescaped), without
    /// the encoder: a crawl writes it twice per post (journal line and index line), and `JSONEncoder` was
    /// ~1% of the crawl's CPU.
    var compactJSON: String {
        // Appended to one string: `+` chains made a string per operand (45k instructions a call).
        var s = ""
        func str(_ v: String?) { if let v { appendJSONString(v, to: &s) } else { s.append("null") } }
        func list(_ l: [String]) {
            s.append("[")
            for (i, v) in l.enumerated() {
                if i > 0 { s.append(",") }
                appendJSONString(v, to: &s)
            }
            s.append("]")
        }
        s.append("{\"content_type\":"); str(contentType)
        s.append(",\"etag\":"); str(etag)
        s.append(",\"final_url\":"); str(finalURL)
        s.append(",\"identifiers\":"); list(identifiers)
        s.append(",\"last_modified\":"); str(lastModified)
        s.append(",\"payload_digest\":"); str(payloadDigest)
        s.append(",\"redirects\":"); list(redirects)
        s.append(",\"warc_date\":"); str(warcDate)
        s.append(",\"warc_record_id\":"); str(warcRecordID)
        s.append("}")
        return s
    }
}
