import Fetch

/// Anything that answers a `FetchRequest` the way `HTTPClient` does: the network, or a folder on disk.
/// The crawler only talks to this protocol.
public protocol PageFetcher: Sendable {
    /// Fetches `request`, following redirects; HTTP error statuses are answers, not failures.
    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError>
}

extension HTTPClient: PageFetcher {}
