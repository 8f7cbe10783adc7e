import Extract
import Foundation

/// The coverage report's routes (for each post URL, the discovery routes that found it), stored outside the
/// manifest like the post and capture indexes: one line per URL sorted, gzipped,
///
///     "<url as a JSON string>" TAB route,route,...
///
/// in the site's `indexes/` store by content (see `Manifest.routesSHA256`). The routes are most of what a
/// manifest holds (~140 bytes a post pretty-printed) and usually the same from one crawl of a site to the
/// next, so an unchanged re-crawl shares the file instead of writing them again.
enum RoutesIndex {
    /// The gzipped file of `routes`, made by `gz` (whose `output` handler, if any, takes it instead); routes
    /// hold no tab, comma or newline (they are `DiscoveryRoute` names).
    static func encode(_ routes: [String: [String]], into gz: GzipDeflater = GzipDeflater()) throws -> Data {
        var line: [UInt8] = []
        for url in routes.keys.sorted() {
            line.removeAll(keepingCapacity: true)
            line += jsonString(url).utf8; line.append(0x09)
            line += routes[url]!.joined(separator: ",").utf8; line.append(0x0A)
            try gz.append(line)
        }
        return Data(try gz.finish())
    }

    /// Reads a routes file.
    static func read(_ url: URL) throws -> [String: [String]] {
        guard let gz = FileBytes.read(url.path),
              let bytes = gz.withUnsafeBufferPointer({ Gzip.decompressMember($0, at: 0) })?.bytes else {
            throw ArchiveError.corrupt(path: url.path, reason: "the coverage routes file is missing or not a complete gzip file")
        }
        var out: [String: [String]] = [:]
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            lineNumber += 1
            let f = line.split(separator: 0x09, maxSplits: 1, omittingEmptySubsequences: false)
            guard f.count == 2, let u = SnapshotIndex.decodeURL(f[0]) else {
                throw ArchiveError.corrupt(path: url.path, reason: "line \(lineNumber): expected a JSON string, a tab and routes")
            }
            out[u] = f[1].split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) }
        }
        return out
    }
}
