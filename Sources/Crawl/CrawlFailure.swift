/// The crawl could not archive anything, or had to stop (full disk, state database unwritable).
public struct CrawlFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
