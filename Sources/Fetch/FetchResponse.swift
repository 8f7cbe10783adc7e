import Foundation

/// The final HTTP answer to a `FetchRequest`, after following redirects.
public struct FetchResponse: Sendable {
    /// The URL that was asked for.
    public var requestURL: String
    /// The URL that gave this answer (differs from `requestURL` after redirects).
    public var finalURL: String
    /// The HTTP status of the final answer (200, 304, 404, 429, 503...).
    public var status: Int
    /// The protocol of the final answer as in its status line: "HTTP/1.1", "HTTP/2"...
    public var httpVersion: String
    /// The reason phrase of the final status line ("OK", "Not Found"); empty for HTTP/2.
    public var reason: String
    /// Headers of the final answer, in order, original case (including `Content-Encoding`, even though
    /// `body` is already decoded).
    public var headers: [HTTPHeader]
    /// The body, decoded from gzip/deflate/br; at most `FetchRequest.maxBodyBytes` bytes.
    public var body: [UInt8]
    /// The body as the server sent it, when it came in a content coding (`Content-Encoding`) and `body` is
    /// all of it decoded; nil otherwise (no coding, or `body` cut at the cap or skipped).
    public var encodedBody: [UInt8]?
    /// Every redirect answer before the final one, in order.
    public var redirects: [FetchHop]
    /// The body stopped at `FetchRequest.maxBodyBytes`; the rest was never downloaded.
    public var bodyTruncated: Bool
    /// The answer was not HTML (`FetchRequest.htmlOnly`) and its body was not downloaded.
    public var bodySkipped: Bool
    /// The request line of the final hop as sent, e.g. "GET /post/ HTTP/1.1" (for WARC request records).
    public var requestLine: String
    /// The request headers of the final hop as sent, in order (User-Agent, Host, Accept-Encoding...).
    public var requestHeaders: [HTTPHeader]
    /// The IP address of the server that answered the final hop, when known.
    public var remoteIP: String?
    /// When the request started (by `FetchConfig.now`).
    public var startedAt: Date
    /// Seconds from the start of the first hop to the end of the last.
    public var duration: Double

    public init(requestURL: String, finalURL: String, status: Int, httpVersion: String, reason: String = "",
                headers: [HTTPHeader],
                body: [UInt8], encodedBody: [UInt8]? = nil, redirects: [FetchHop] = [], bodyTruncated: Bool = false,
                bodySkipped: Bool = false,
                requestLine: String = "", requestHeaders: [HTTPHeader] = [], remoteIP: String? = nil,
                startedAt: Date, duration: Double) {
        self.requestURL = requestURL
        self.finalURL = finalURL
        self.status = status
        self.httpVersion = httpVersion
        self.reason = reason
        self.headers = headers
        self.body = body
        self.encodedBody = encodedBody
        self.redirects = redirects
        self.bodyTruncated = bodyTruncated
        self.bodySkipped = bodySkipped
        self.requestLine = requestLine
        self.requestHeaders = requestHeaders
        self.remoteIP = remoteIP
        self.startedAt = startedAt
        self.duration = duration
    }

    /// The value of the first header called `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? { headers.first(named: name) }

    /// The `Content-Type` header, e.g. "text/html; charset=Shift_JIS".
    public var contentType: String? { header("Content-Type") }

    /// The `charset` parameter of `Content-Type`, unquoted, as sent (e.g. "Shift_JIS"), or nil.
    public var charset: String? {
        guard let type = contentType else { return nil }
        for param in type.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2,
                  asciiCaseInsensitiveEquals(kv[0].trimmingCharacters(in: .whitespaces), "charset") else { continue }
            let value = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The server's clock: the parsed `Date` header, or nil when missing or malformed.
    public var serverDate: Date? { header("Date").flatMap(HTTPDate.parse) }

    /// Seconds the server asks to wait (`Retry-After`: delta-seconds, or an HTTP date taken relative to
    /// the `Date` header, else to the time the answer arrived); nil when absent or malformed.
    public var retryAfter: Double? {
        guard let value = header("Retry-After") else { return nil }
        return HTTPDate.retryAfterSeconds(value, reference: serverDate ?? startedAt.addingTimeInterval(duration))
    }
}
