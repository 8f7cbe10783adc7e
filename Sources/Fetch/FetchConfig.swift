import Foundation

/// Settings shared by every request of one `HTTPClient`.
public struct FetchConfig: Sendable {
    /// lookback's version, as announced in the default User-Agent.
    public static let lookbackVersion = "0.1.0"
    /// The honest default User-Agent: names lookback and its version. No contact URL: lookback has no
    /// address of its own to vouch for, and the operator's is theirs to add (`crawl --user-agent`). Every
    /// request of a crawl is archived, so its bytes also count in each re-crawl's size.
    public static let defaultUserAgent = "lookback/\(lookbackVersion)"

    /// Sent as `User-Agent` on every request.
    public var userAgent: String
    /// Requests in flight (and connections) across all hosts; more requests wait in a queue, and their
    /// timeouts start only when they leave it.
    public var maxConnections: Int
    /// Requests in flight (and connections) to one host (scheme, host and port): the per-host politeness cap.
    public var maxConnectionsPerHost: Int
    /// Seconds allowed to establish a connection (DNS + TCP + TLS) of one hop.
    public var connectTimeout: Double
    /// Seconds allowed for one hop of a request, from start to last byte.
    public var totalTimeout: Double
    /// Redirects followed before `FetchError.tooManyRedirects`; a chain of exactly this many is fine.
    public var maxRedirects: Int
    /// A PEM file of CA certificates to trust instead of the system's (`CURLOPT_CAINFO`); nil = system store.
    public var caBundlePath: String?
    /// The wall clock used for `FetchResponse.startedAt` (injected so tests and callers stay deterministic).
    public var now: @Sendable () -> Date
    /// When true, a 429 or 503 answer with `Retry-After` (up to `HTTPClient.maxRetryAfterHold`) holds every
    /// request to that host that has not started yet in the queue until then, as a polite crawler must
    /// (the answer is seen here before the caller can act on it); redirect hops wait either way.
    public var holdsHostOnRetryAfter = false

    public init(userAgent: String = FetchConfig.defaultUserAgent,
                maxConnections: Int = 16,
                maxConnectionsPerHost: Int = 4,
                connectTimeout: Double = 10,
                totalTimeout: Double = 30,
                maxRedirects: Int = 10,
                caBundlePath: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.userAgent = userAgent
        self.maxConnections = maxConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxRedirects = maxRedirects
        self.caBundlePath = caBundlePath
        self.now = now
    }
}
