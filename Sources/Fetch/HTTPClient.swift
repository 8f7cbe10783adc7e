import Foundation
import Synchronization

/// An HTTP/1.1 + HTTP/2 client over one libcurl multi handle and one event-loop thread (no thread per
/// request). Keeps connections alive, decodes gzip, deflate and br (`ContentDecoding`), caps connections in total and per
/// host, and follows redirects itself so that every hop is recorded and only http/https is ever fetched.
///
/// Call `shutdown()` (or drop the last reference) when done: it cancels what is still running.
public final class HTTPClient: Sendable {
    public let config: FetchConfig
    private let loop: EventLoop
    private let nextID = Atomic<UInt64>(0)

    public init(config: FetchConfig = FetchConfig()) {
        self.config = config
        let loop = EventLoop(config: config)
        self.loop = loop
        let thread = Thread { loop.run() }
        thread.name = "lookback.fetch"
        thread.start()
    }

    deinit { loop.close() }

    /// Requests being transferred right now (at most `config.maxConnections`).
    public var runningRequests: Int { loop.runningCount.load(ordering: .relaxed) }
    /// Requests waiting for a free slot (total or per-host cap); their timeouts have not started.
    public var queuedRequests: Int { loop.queuedCount.load(ordering: .relaxed) }

    /// Stops the event loop; fetches still running, and any started later, end with `.cancelled`.
    public func shutdown() { loop.close() }

    /// Fetches `request.url`, following up to `config.maxRedirects` redirects (301, 302, 303, 307, 308).
    /// HTTP error statuses are answers, not errors. Fails with `.redirectLoop` when a redirect leads back to a
    /// URL of the same chain, `.tooManyRedirects` beyond the limit, `.disallowedScheme` for a non-http(s)
    /// target, and `.cancelled` if the calling task is cancelled.
    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        let startedAt = config.now()
        let clock = ContinuousClock()
        let start = clock.now
        var url = request.url
        guard Self.isHTTP(url) else {
            return .failure(Self.scheme(of: url) == nil ? .invalidURL(url) : .disallowedScheme(url: url))
        }
        var hops: [FetchHop] = []
        var seen: Set<String> = [Self.withoutFragment(url)]
        func response(to hop: HopOutcome, at url: String) -> FetchResponse {
            let elapsed = clock.now - start
            return FetchResponse(
                requestURL: request.url, finalURL: url, status: hop.status, httpVersion: hop.httpVersion,
                reason: hop.reason, headers: hop.headers, body: hop.body, encodedBody: hop.encodedBody, redirects: hops, bodyTruncated: hop.truncated,
                bodySkipped: hop.skipped, requestLine: hop.requestLine, requestHeaders: hop.requestHeaders,
                remoteIP: hop.remoteIP, startedAt: startedAt,
                duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        while true {
            let hop: HopOutcome
            switch await performHop(url: url, request: request).flatMap({ $0.decoded() }) {
            case .failure(let error): return .failure(error)
            case .success(let outcome): hop = outcome
            }
            if Self.redirectStatuses.contains(hop.status), let location = hop.headers.first(named: "Location") {
                hops.append(FetchHop(url: url, status: hop.status, reason: hop.reason, location: location,
                                     headers: hop.headers, requestLine: hop.requestLine,
                                     requestHeaders: hop.requestHeaders))
                if let scheme = Self.scheme(of: location), scheme != "http", scheme != "https" {
                    return .failure(.disallowedScheme(url: location))
                }
                guard let target = hop.redirectURL else {
                    return .failure(.invalidURL("\(url): redirect to unusable Location \(location)"))
                }
                guard Self.isHTTP(target) else { return .failure(.disallowedScheme(url: target)) }
                guard seen.insert(Self.withoutFragment(target)).inserted else {
                    return .failure(.redirectLoop(url: target))
                }
                guard hops.count <= config.maxRedirects else {
                    return .failure(.tooManyRedirects(url: request.url, count: hops.count))
                }
                if let follow = request.followRedirect, !follow(target) {
                    hops.removeLast()
                    return .success(response(to: hop, at: url))
                }
                url = target
                await waitForRetryAfter(of: target)
                if request.redirectPause > 0 { try? await Task.sleep(nanoseconds: UInt64(request.redirectPause * 1e9)) }
                continue
            }
            return .success(response(to: hop, at: url))
        }
    }

    /// Longest `Retry-After` that holds a host here; a longer one is left to the caller's retry policy.
    public static let maxRetryAfterHold: Double = 600

    /// A redirect hop to a host that answered 429 or 503 with `Retry-After` (to any request of this
    /// client) waits until then: the hop is a new request, and another URL's redirect may lead to the
    /// very page that was just refused.
    private func waitForRetryAfter(of url: String) async {
        let host = EventLoop.hostKey(url)
        guard let until = loop.retryAfterUntil.withLock({ $0[host] }) else { return }
        let wait = until.timeIntervalSince(config.now())
        guard wait > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
    }

    private func performHop(url: String, request: FetchRequest) async -> Result<HopOutcome, FetchError> {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        let loop = self.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || !loop.submit(.add(.init(id: id, url: url, request: request, continuation: continuation))) {
                    continuation.resume(returning: .failure(.cancelled(url: url)))
                }
            }
        } onCancel: {
            loop.submit(.cancel(id))
        }
    }

    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The lowercased scheme of an absolute URL ("http", "file"...), nil for a relative reference.
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return scheme.lowercased()
    }

    static func isHTTP(_ url: String) -> Bool {
        let s = scheme(of: url)
        return s == "http" || s == "https"
    }

    static func withoutFragment(_ url: String) -> String {
        url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
    }
}
