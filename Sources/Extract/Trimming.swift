import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's bridging when the ends are ASCII.
    var trimmedWhitespaceAndNewlines: String { Trimming.trim(self, ascii: Trimming.isASCIIWhitespaceOrNewline, .whitespacesAndNewlines) }

    /// `trimmingCharacters(in: .whitespaces)` (spaces and tabs), without Foundation's bridging when the ends are ASCII.
    var trimmedWhitespace: String { Trimming.trim(self, ascii: Trimming.isASCIISpaceOrTab, .whitespaces) }
}

enum Trimming {
    /// The ASCII members of `CharacterSet.whitespacesAndNewlines`.
    static func isASCIIWhitespaceOrNewline(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    /// The ASCII members of `CharacterSet.whitespaces`.
    static func isASCIISpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Drops ASCII members of `set` from both ends by bytes; where an end stops on a non-ASCII byte (which may be a
    /// Unicode space), the whole string goes through Foundation instead, so the result is always Foundation's.
    static func trim(_ s: String, ascii: (UInt8) -> Bool, _ set: CharacterSet) -> String {
        let u = s.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, ascii(u[start]) { start = u.index(after: start) }
        if start == end { return "" }
        guard u[start] < 0x80 else { return s.trimmingCharacters(in: set) }
        while ascii(u[u.index(before: end)]) { end = u.index(before: end) }
        guard u[u.index(before: end)] < 0x80 else { return s.trimmingCharacters(in: set) }
        if start == u.startIndex && end == u.endIndex { return s }
        return String(s[start..<end])
    }
}
