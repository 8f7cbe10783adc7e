import Synchronization

/// Page URLs (crawl keys) claimed by the frontier item that fetches them: its own URL from the moment it is
/// dispatched, and each redirect target it follows, until the item is finished (archived, a duplicate, or
/// given up), so also while it waits for a retry. Two items for one page (a `/?p=ID` shortlink and the
/// post itself, an old slug and the new one) would otherwise fetch it twice when both are in flight, and
/// the second would ask again before a 429's Retry-After had passed. Written by the crawl loop and by fetch
/// tasks (the redirect check), hence the lock.
final class InFlightPages: Sendable {
    private let owners = Mutex<[String: String]>([:])

    /// Claims `key` for the item `owner`; false when another item holds it.
    func claim(_ key: String, by owner: String) -> Bool {
        owners.withLock { o in
            if let held = o[key], held != owner { return false }
            o[key] = owner
            return true
        }
    }

    /// Whether an item other than `owner` holds `key`.
    func isHeld(_ key: String, byOtherThan owner: String) -> Bool {
        owners.withLock { o in o[key].map { $0 != owner } ?? false }
    }

    /// Releases every key `owner` holds. The map holds at most a few keys per item in flight or waiting for
    /// a retry, so a scan is cheap.
    func release(owner: String) {
        owners.withLock { o in
            for (k, v) in o where v == owner { o[k] = nil }
        }
    }
}
