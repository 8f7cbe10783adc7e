import Foundation
import HTML

/// Turns the bytes of one page into its page record: rules first, then metadata, then heuristics.
///
/// Parses the page once; never crashes on broken input. Thread-safe: one `Extractor` may serve many threads,
/// each call works on its own document.
public struct Extractor: Sendable {
    public let rules: Rules

    public init(rules: Rules) { self.rules = rules }

    /// Extracts the record and discovery data of one page. With `contentHash` false the record's `contentHash`
    /// is left empty, for a caller that has it worked out later (`SnapshotWriter.addPost` does, while it writes
    /// the record's JSON: that JSON is then written once).
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func extract(_ input: ExtractionInput, contentHash: Bool = true) throws(ExtractError) -> ExtractedPage {
        let run = try extraction(input)
        let found = run.record(site: run.site(), contentHash: contentHash)
        return run.discovery(found, kind: run.kind(found.reading))
    }

    /// As `extract(_:)`, except for a page `extract` classifies as a listing: it gives only its links (what
    /// `listingLinks` gives), and none of its record is worked out. A page its URL alone makes a listing (the
    /// site rule's listing patterns when its post patterns do not match, or a calendar archive path such as
    /// `/2024/05/`) or a static page (the site rule's `static_page` markup, when no URL pattern says otherwise)
    /// is known before any content is looked for; any other one after what the classifier reads (title, content,
    /// word count, publication date), before the rest of the record. A post gives what `extract` gives
    /// (`contentHash` as there).
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func extractUnlessListing(_ input: ExtractionInput, contentHash: Bool = true) throws(ExtractError) -> PageReading {
        let run = try extraction(input)
        let site = run.site()
        let byURL = PageClassifier.kindByURL(path: URLPath.pathAndQuery(run.pageURL), crawl: site?.crawl)
        if byURL == .listing { return .listing(run.links()) }
        // A static page is a listing whatever else it holds (`PageClassifier.classify`): no record is made.
        // Asked once here; the classifier is told the answer rather than querying the page again.
        let staticPage = byURL == nil && site?.crawl?.marksStaticPage(run.doc) == true
        if staticPage { return .listing(run.links()) }
        let reading = run.read(site: site)
        // A post by the rule's URL patterns is one whatever its content: `classify` would ask them first.
        let kind = byURL ?? run.kind(reading, staticPage: false)
        if kind == .listing { return .contentListing(run.links(reading)) }
        return .page(run.discovery(run.finish(reading, contentHash: contentHash), kind: kind))
    }

    /// Extracts only the page record (what `lookback extract` prints): the same record as `extract(_:).record`,
    /// without the crawler's discovery lists (every link normalized, next pages, identifiers, page kind).
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func record(_ input: ExtractionInput) throws(ExtractError) -> PageRecord {
        let run = try extraction(input)
        return run.record(site: run.site()).record
    }

    /// `record(input).compactJSON()`, the line `extract --batch` prints: the fields are written once, for the
    /// content hash and for the line.
    public func recordJSON(_ input: ExtractionInput) throws(ExtractError) -> [UInt8] {
        let run = try extraction(input)
        return run.record(site: run.site(), contentHash: false).record.hashedCompactJSON().json
    }

    /// Only the URLs a page leads to, for a page the caller already knows to be a listing (a site rule's
    /// URL pattern says so): the same `links`, `feedLinks` and `nextPageLinks` as `extract(_:)`, without the
    /// record, the page kind or the identifiers, so no title, body, date, author, tag or card is looked for.
    /// - Throws: `ExtractError` when the input is not HTML at all (empty, binary, PDF).
    public func listingLinks(_ input: ExtractionInput) throws(ExtractError) -> PageLinks {
        try extraction(input).links()
    }

    private func extraction(_ input: ExtractionInput) throws(ExtractError) -> PageExtraction {
        try InputSniffer.check(input.bytes)
        let doc: HTMLDocument
        do { doc = try HTMLDocument(bytes: input.bytes, url: input.url, contentType: input.contentType) } catch {
            throw .empty
        }
        guard doc.root != nil else { throw .empty }
        return PageExtraction(doc: doc, input: input, rules: rules)
    }
}
