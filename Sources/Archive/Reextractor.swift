import Extract
import Fetch
import Foundation

/// Rebuilds a snapshot's records from its WARC captures with the current rules, without network, into a
/// new snapshot: when the rules improve, old captures improve too.
public enum Reextractor {
    /// What a re-extraction did.
    public struct Outcome: Sendable {
        /// The new snapshot's id.
        public var id: String
        /// Posts extracted again from their captured response.
        public var reextracted: Int
        /// Posts whose capture was not found or could not be extracted: their old record is kept.
        public var kept: [String]
    }

    /// Re-extracts every post of `source` with `extractor`. Payloads are found by the `WARC-Record-ID` in
    /// each post's fetch info (following `revisit` records to the response they refer to), in the WARC
    /// files of `source` and then of the site's earlier snapshots, newest first; a post without one is
    /// matched by its final URL. The new snapshot keeps the source's fetch info, listings, errors and
    /// coverage, and names the source in `reextracted_from`.
    public static func run(store: ArchiveStore, source: Snapshot, extractor: Extractor, rulesSHA256: String,
                           toolVersion: String, startedAt: Date, endedAt: () -> Date) throws -> Outcome {
        let site = source.site
        // Which post each wanted record id (or final URL) stands for.
        var wantedID: [String: [String]] = [:]
        var wantedURL: [String: [String]] = [:]
        for e in source.entries {
            let fetch = try e.fetch()
            if let id = fetch.warcRecordID { wantedID[id, default: []].append(e.url) } else { wantedURL[fetch.finalURL, default: []].append(e.url) }
        }
        // Search order: the source's WARC files, then earlier snapshots' (revisits point backwards in time).
        let ids = try store.snapshots(site: site).filter { $0.status == .complete && $0.id <= source.id }.map(\.id).reversed()
        var files: [URL] = []
        for id in ids { files += id == source.id ? source.warcFiles : try store.open(site: site, snapshot: id).warcFiles }

        let writer = try SnapshotWriter.open(store: store, site: site, seedURL: source.manifest.seedURL, startedAt: startedAt,
                                             rulesSHA256: rulesSHA256, toolVersion: toolVersion, resume: false)
        var done = Set<String>()
        var reextracted = 0
        for file in files where !(wantedID.isEmpty && wantedURL.isEmpty) {
            try WARCReader(url: file).forEachRecord { record in
                guard let rid = record.recordID else { return }
                if record.type == "revisit", let posts = wantedID.removeValue(forKey: rid), let target = record.header("WARC-Refers-To") {
                    wantedID[target, default: []] += posts
                    return
                }
                guard record.type == "response", let http = record.httpResponse?.contentDecoded() else { return }
                var posts = wantedID.removeValue(forKey: rid) ?? []
                if let uri = record.targetURI, let byURL = wantedURL.removeValue(forKey: uri) { posts += byURL }
                for url in posts where !done.contains(url) {
                    guard let old = source.entry(url: url), let oldRecord = try source.record(url: url) else { continue }
                    let input = ExtractionInput(bytes: http.body, url: oldRecord.url, fetchedAt: parseISO(old.fetchedAt) ?? startedAt,
                                                contentType: http.header("Content-Type"), status: http.status,
                                                serverDate: http.header("Date").flatMap(HTTPDate.parse))
                    guard let record = try? extractor.record(input) else { continue }
                    try writer.addPost(record, fetch: old.fetch)
                    done.insert(url)
                    reextracted += 1
                }
            }
        }
        var kept: [String] = []
        for e in source.entries where !done.contains(e.url) {
            try writer.reusePost(url: e.url, from: source)
            kept.append(e.url)
        }
        for l in source.manifest.listings { try writer.addListing(url: l) }
        for err in source.manifest.errors { try writer.addError(url: err.url, status: err.status, reason: err.reason) }
        let id = try writer.commit(endedAt: endedAt(), coverage: source.manifest.coverage, reextractedFrom: source.id)
        return Outcome(id: id, reextracted: reextracted, kept: kept)
    }
}

private func parseISO(_ s: String) -> Date? {
    let f = ISO8601DateFormatter()
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.date(from: s)
}
