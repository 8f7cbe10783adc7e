/// One redirect answer in a chain: which URL answered, with which status and where it pointed.
public struct FetchHop: Sendable, Equatable {
    /// The URL that was requested on this hop.
    public var url: String
    /// The redirect status (301, 302, 303, 307 or 308).
    public var status: Int
    /// The raw `Location` header, as sent by the server (maybe relative).
    public var location: String?
    /// All headers of this redirect answer, in order, original case.
    public var headers: [HTTPHeader]

    public init(url: String, status: Int, location: String?, headers: [HTTPHeader]) {
        self.url = url
        self.status = status
        self.location = location
        self.headers = headers
    }
}
