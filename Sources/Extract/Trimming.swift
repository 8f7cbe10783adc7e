import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's bridging when the ends are ASCII.
    var trimmedWhitespaceAndNewlines: String {
        Trimming.trim(self, ascii: Trimming.isASCIIWhitespaceOrNewline, Trimming.whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)` (spaces and tabs), without Foundation's bridging when the ends are ASCII.
    var trimmedWhitespace: String { Trimming.trim(self, ascii: Trimming.isASCIISpaceOrTab, Trimming.whitespaces) }
}

enum Trimming {
    /// The predefined sets, made once: `CharacterSet.whitespacesAndNewlines` is made anew by each read (a Foundation
    /// lookup, a cast and a copy, more than the trim of an ASCII string: 0.5% of a blog post's extraction, FINDINGS 99).
    static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
    static let whitespaces = CharacterSet.whitespaces

    /// The ASCII members of `CharacterSet.whitespacesAndNewlines`.
    static func isASCIIWhitespaceOrNewline(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    /// The ASCII members of `CharacterSet.whitespaces`.
    static func isASCIISpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Drops members of `set` from both ends, ASCII ones tested by `ascii`, others by `set` one scalar at a time, as
    /// Foundation's `trimmingCharacters(in:)` (an `NSString` on Linux) tests each UTF-16 unit. Where an end reaches
    /// a scalar outside the Basic Multilingual Plane (two UTF-16 units) or U+FFFF (which `NSString`'s reader takes
    /// for the end of the text), the whole string goes through Foundation instead, so the result is always Foundation's. Bridging the string cost 1.7% of a blog post's extraction when
    /// its description ended in "…" (FINDINGS 90); pages in CJK scripts bridged nearly every value.
    static func trim(_ s: String, ascii: (UInt8) -> Bool, _ set: CharacterSet) -> String {
        let u = s.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, ascii(u[start]) { start = u.index(after: start) }
        if start == end { return "" }
        if u[start] >= 0x80 {
            let scalars = s.unicodeScalars
            var i = start
            while i < end {
                let c = scalars[i]
                if c.isASCII {
                    guard ascii(UInt8(c.value)) else { break }
                } else {
                    guard c.value < 0xFFFF else { return s.trimmingCharacters(in: set) }
                    guard set.contains(c) else { break }
                }
                i = scalars.index(after: i)
            }
            if i == end { return "" }
            start = i
        }
        while ascii(u[u.index(before: end)]) { end = u.index(before: end) }
        if u[u.index(before: end)] >= 0x80 {
            let scalars = s.unicodeScalars
            var j = end
            while j > start {
                let p = scalars.index(before: j)
                let c = scalars[p]
                if c.isASCII {
                    guard ascii(UInt8(c.value)) else { break }
                } else {
                    guard c.value < 0xFFFF else { return s.trimmingCharacters(in: set) }
                    guard set.contains(c) else { break }
                }
                j = p
            }
            end = j
        }
        if start == u.startIndex && end == u.endIndex { return s }
        return String(s[start..<end])
    }
}
