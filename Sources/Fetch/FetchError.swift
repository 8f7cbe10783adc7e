/// Why a request produced no HTTP answer. HTTP error statuses (404, 429, 503...) are not errors:
/// they arrive as a `FetchResponse` with that `status`.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be parsed (message names the URL).
    case invalidURL(String)
    /// The host name did not resolve.
    case dns(String)
    /// The TCP connection failed (refused, unreachable).
    case connect(String)
    /// TLS handshake or certificate verification failed.
    case tls(String)
    /// The connect or total timeout of `FetchConfig` expired.
    case timeout(String)
    /// The redirect chain starting at `url` was longer than `FetchConfig.maxRedirects`.
    case tooManyRedirects(url: String, count: Int)
    /// A redirect pointed back to `url`, already visited in the same chain.
    case redirectLoop(url: String)
    /// The request or a redirect target used a scheme other than http or https (e.g. `file:`).
    case disallowedScheme(url: String)
    /// The request was cancelled (task cancellation or `HTTPClient.shutdown()`).
    case cancelled(url: String)
    /// Any other transfer failure: the libcurl error code and message.
    case network(code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidURL(let m): return "invalid URL: \(m)"
        case .dns(let m): return "DNS failure: \(m)"
        case .connect(let m): return "connection failed: \(m)"
        case .tls(let m): return "TLS failure: \(m)"
        case .timeout(let m): return "timed out: \(m)"
        case .tooManyRedirects(let url, let count): return "\(url): more than \(count - 1) redirects"
        case .redirectLoop(let url): return "redirect loop: \(url) reached twice"
        case .disallowedScheme(let url): return "\(url): only http and https are fetched"
        case .cancelled(let url): return "\(url): cancelled"
        case .network(let code, let m): return "network error \(code): \(m)"
        }
    }
}
