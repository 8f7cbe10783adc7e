import Foundation

/// One page to extract: its bytes and what is known about how it was fetched.
public struct ExtractionInput: Sendable {
    public var bytes: [UInt8]
    /// The URL the page was fetched from (or stands for, when read from a file).
    public var url: String
    /// When the page was fetched (the crawler's clock, or `--fetched-at`).
    public var fetchedAt: Date
    /// The HTTP `Content-Type` header, whose charset wins over the page's own declaration.
    public var contentType: String?
    /// The HTTP status, `nil` when the page came from a file.
    public var status: Int?
    /// The HTTP `Date` header: relative dates ("2 days ago") resolve against it when present, else `fetchedAt`.
    public var serverDate: Date?

    public init(bytes: [UInt8], url: String, fetchedAt: Date, contentType: String? = nil,
                status: Int? = nil, serverDate: Date? = nil) {
        self.bytes = bytes; self.url = url; self.fetchedAt = fetchedAt
        self.contentType = contentType; self.status = status; self.serverDate = serverDate
    }
}
