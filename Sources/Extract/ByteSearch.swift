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

/// Fixed lists of needles searched together in one pass over a haystack: positions are filtered by the needles'
/// first bytes, and `mask` tells which lists have a needle in the haystack (bit k for list k).
final class NeedleSet: @unchecked Sendable {
    /// Every needle's bytes, back to back; `byFirst[b]` lists the needles starting with byte b.
    private let bytes: [UInt8]
    private let needles: [(start: Int, count: Int, bit: UInt32)]
    private let byFirst: [[Int]]
    /// Whether any needle starts with a byte: checked before touching `byFirst`, which most bytes never need.
    private let starts: [Bool]
    /// All lists' bits: the search stops once every list has matched.
    private let all: UInt32

    /// One list (`mask` is 1 when any needle occurs).
    convenience init(_ needles: [String]) { self.init(lists: [needles]) }

    /// Up to 32 lists.
    init(lists: [[String]]) {
        precondition(lists.count <= 32)
        var bytes: [UInt8] = []
        var needles: [(Int, Int, UInt32)] = []
        var byFirst = [[Int]](repeating: [], count: 256)
        for (k, list) in lists.enumerated() {
            for n in list where !n.isEmpty {
                byFirst[Int(n.utf8.first!)].append(needles.count)
                needles.append((bytes.count, n.utf8.count, 1 << UInt32(k)))
                bytes.append(contentsOf: n.utf8)
            }
        }
        self.bytes = bytes
        self.needles = needles
        self.byFirst = byFirst
        starts = byFirst.map { !$0.isEmpty }
        all = lists.isEmpty ? 0 : UInt32.max >> UInt32(32 - lists.count)
    }

    func matches(_ haystack: String) -> Bool { mask(haystack) != 0 }

    /// Bit k is set when a needle of list k occurs in `haystack` (exact bytes).
    func mask(_ haystack: String) -> UInt32 {
        var h = haystack
        return h.withUTF8 { hb in
            bytes.withUnsafeBufferPointer { nb in
                starts.withUnsafeBufferPointer { st in
                    var found: UInt32 = 0
                    let n = hb.count
                    for i in 0..<n where st[Int(hb[i])] {
                        for c in byFirst[Int(hb[i])] {
                            let needle = needles[c]
                            guard found & needle.bit == 0, i + needle.count <= n else { continue }
                            var j = 1
                            while j < needle.count && hb[i + j] == nb[needle.start + j] { j += 1 }
                            if j == needle.count {
                                found |= needle.bit
                                if found == all { return found }
                            }
                        }
                    }
                    return found
                }
            }
        }
    }
}
