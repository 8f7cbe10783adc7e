import Foundation

/// Substring search over UTF-8 bytes. `String.contains(String)` goes through Foundation's
/// locale-aware `range(of:)` when Foundation is imported, which dominated the extractor's profile.
enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (exact bytes, so compare lowercased strings for case-insensitivity).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in contains(hb, nb) } }
    }

    static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        let hn = h.count, nn = n.count
        if nn == 0 { return true }
        if nn > hn { return false }
        guard let hp = h.baseAddress, let np = n.baseAddress else { return false }
        let first = Int32(n[0])
        var i = 0
        let last = hn - nn
        // memchr finds each candidate start; memcmp checks the rest.
        while i <= last {
            guard let hit = memchr(hp + i, first, last - i + 1) else { return false }
            let at = hp.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if nn == 1 || memcmp(hp + at + 1, np + 1, nn - 1) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// Whether any needle occurs in `haystack`.
    static func containsAny(_ haystack: String, _ needles: [String]) -> Bool {
        if haystack.isEmpty { return false }
        var h = haystack
        return h.withUTF8 { hb in
            for var n in needles where n.withUTF8({ contains(hb, $0) }) { return true }
            return false
        }
    }
}

/// A fixed set of needles searched in one pass: positions are filtered by the needles' first bytes.
final class NeedleSet: @unchecked Sendable {
    private let byFirst: [[[UInt8]]]
    /// Whether any needle starts with a byte: checked before touching `byFirst`, which most bytes never need.
    private let starts: [Bool]

    init(_ needles: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for n in needles where !n.isEmpty { let b = Array(n.utf8); table[Int(b[0])].append(b) }
        byFirst = table
        starts = table.map { !$0.isEmpty }
    }

    func matches(_ haystack: String) -> Bool {
        var h = haystack
        return h.withUTF8 { hb in
            let n = hb.count
            for i in 0..<n {
                guard starts[Int(hb[i])] else { continue }
                let cands = byFirst[Int(hb[i])]
                if cands.isEmpty { continue }
                for c in cands where i + c.count <= n {
                    var j = 1
                    while j < c.count && hb[i + j] == c[j] { j += 1 }
                    if j == c.count { return true }
                }
            }
            return false
        }
    }

}
