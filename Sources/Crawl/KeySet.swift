import Synchronization

/// A set of URL keys that the crawl loop writes and fetch tasks read (e.g. to stop before a redirect
/// to a page already archived).
final class KeySet: Sendable {
    private let keys = Mutex<Set<String>>([])

    func insert(_ key: String) { keys.withLock { _ = $0.insert(key) } }

    func contains(_ key: String) -> Bool { keys.withLock { $0.contains(key) } }
}
