/// One redirect answer in a chain: which URL answered, with which status and where it pointed.
public struct FetchHop: Sendable, Equatable {
    /// The URL that was requested on this hop.
    public var url: String
    /// The redirect status (301, 302, 303, 307 or 308).
    public var status: Int
    /// The reason phrase of the status line ("Moved Permanently"); empty for HTTP/2.
    public var reason: String
    /// The raw `Location` header, as sent by the server (maybe relative).
    public var location: String?
    /// All headers of this redirect answer, in order, original case.
    public var headers: [HTTPHeader]
    /// The request line of this hop as sent, e.g. "GET /old HTTP/1.1" (for WARC request records).
    public var requestLine: String
    /// The request headers of this hop as sent, in order.
    public var requestHeaders: [HTTPHeader]

    public init(url: String, status: Int, reason: String = "", location: String?, headers: [HTTPHeader],
                requestLine: String = "", requestHeaders: [HTTPHeader] = []) {
        self.url = url
        self.status = status
        self.reason = reason
        self.location = location
        self.headers = headers
        self.requestLine = requestLine
        self.requestHeaders = requestHeaders
    }
}
