/// One GET request: a URL, extra headers and what the caller is willing to download.
public struct FetchRequest: Sendable {
    /// The absolute `http` or `https` URL to fetch. Any other scheme fails with `FetchError.disallowedScheme`.
    public var url: String
    /// Extra request headers, e.g. `If-None-Match` / `If-Modified-Since` for a conditional re-fetch.
    /// They are sent on every hop of a redirect chain, sorted by name; CR and LF are removed from values,
    /// and headers with an empty value are not sent.
    public var headers: [String: String]
    /// The most body bytes kept, counted after content decoding (so a gzip bomb stops here too).
    /// A longer answer is aborted as soon as the cap is reached (an encoded one when its bytes as sent reach
    /// it): `FetchResponse.bodyTruncated` is then `true` and the body holds the first `maxBodyBytes` bytes
    /// (of an encoded answer cut on the wire, as many as its bytes decode to).
    public var maxBodyBytes: Int
    /// When `true` (the default), an answer that is not HTML is not downloaded past its headers
    /// (`FetchResponse.bodySkipped`). Not HTML means a `Content-Type` other than `text/html` or
    /// `application/xhtml+xml`; or a body starting with a binary signature (PDF, PNG, JPEG, GIF, ZIP,
    /// gzip...) whatever the type says; or, when the type is missing (or `unknown/unknown`), control bytes
    /// in the first 512 bytes. `application/octet-stream` is not HTML. Redirect answers are never skipped.
    public var htmlOnly: Bool
    /// Asked with each redirect target before it is requested; `false` ends the fetch there, and the
    /// redirect answer (with its `Location`) is the response. `nil` follows every redirect.
    public var followRedirect: (@Sendable (String) -> Bool)?
    /// Seconds to wait after a redirect answer before requesting its target: the per-host politeness
    /// pause (robots.txt `Crawl-delay`), since each hop is a new request. 0 follows at once.
    public var redirectPause: Double = 0
    /// Leaves `HTTPClient`'s queue (requests waiting for a connection) ahead of every request that is not urgent;
    /// first come, first served among urgent ones. For requests that others wait on (a listing's next page).
    public var urgent = false

    /// The inverse of `htmlOnly`: `true` for robots.txt, sitemaps and feeds (XML or text), whose bodies
    /// are downloaded whatever their type, still capped by `maxBodyBytes`.
    public var acceptAnyContent: Bool {
        get { !htmlOnly }
        set { htmlOnly = !newValue }
    }

    /// The default body cap: 10 MB.
    public static let defaultMaxBodyBytes = 10_000_000

    /// A GET of `url`, HTML only unless `acceptAnyContent` is set.
    public init(url: String, headers: [String: String] = [:],
                maxBodyBytes: Int = FetchRequest.defaultMaxBodyBytes, acceptAnyContent: Bool = false) {
        self.url = url
        self.headers = headers
        self.maxBodyBytes = maxBodyBytes
        self.htmlOnly = !acceptAnyContent
    }
}
