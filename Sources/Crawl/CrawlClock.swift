import Foundation

/// The crawl's source of time. Injected from the command so that `fetched_at`, politeness
/// schedules and the manifest's times are never read deep inside the pipeline.
public protocol CrawlClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Suspends until `deadline` (returns at once when it has passed). Throws on task cancellation.
    func sleep(until deadline: Date) async throws
}

/// The wall clock: `Date()` and `Task.sleep`.
public struct SystemClock: CrawlClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        try Task.checkCancellation()
    }
}
