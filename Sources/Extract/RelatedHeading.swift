/// How a heading-like text reads as the start of a related-posts section (`RelatedFinder`): it announces one
/// (`RelatedFinder.announces` of its `normalizedHeading`), it is a phrase that announces one only as a real heading
/// (`RelatedFinder.headingOnlyPhrases`), or neither.
///
/// An ASCII text is read from its bytes; any other through the `String` functions of `RelatedFinder`. Both give the
/// same reading: on ASCII, normalizing collapses whitespace, drops the other controls and lowers letters byte by
/// byte, each byte is one `Character`, and a phrase or prefix equals an ASCII text only when it is ASCII with the
/// same bytes (no phrase holds a character whose canonical form is ASCII, such as the Kelvin sign).
enum RelatedHeading: Equatable, Sendable {
    case announces, headingOnly, other

    /// The reading `RelatedFinder` makes of a short text: none (`other`) when `RelatedFinder.mayStartHeading` rules it
    /// out, else by its normalized heading.
    static func of(_ text: String) -> RelatedHeading {
        text.withUTF8Bytes { of(ascii: $0) } ?? ofCharacters(text)
    }

    /// `of(_:)` by the `String` functions, for any text.
    static func ofCharacters(_ text: String) -> RelatedHeading {
        guard RelatedFinder.mayStartHeading(text) else { return .other }
        let h = RelatedFinder.normalizedHeading(text)
        if RelatedFinder.announces(h) { return .announces }
        return RelatedFinder.headingOnlyPhrases.contains(h) ? .headingOnly : .other
    }

    /// `of(_:)` of the text of these bytes, or `nil` when one of them is not ASCII.
    static func of(ascii u: UnsafeBufferPointer<UInt8>) -> RelatedHeading? {
        for b in u where b >= 0x80 { return nil }
        guard RelatedFinder.mayStartHeading(bytes: u) else { return .other }
        return normalizedReading(u)
    }

    /// `RelatedFinder.announces(RelatedFinder.normalizedHeading(text))`, whatever the text's first letter.
    static func announces(_ text: String) -> Bool {
        let byBytes: Bool? = text.withUTF8Bytes { u in
            for b in u where b >= 0x80 { return nil }
            return normalizedReading(u) == .announces
        }
        return byBytes ?? RelatedFinder.announces(RelatedFinder.normalizedHeading(text))
    }

    /// The reading of ASCII bytes by their normalized heading, made on the stack.
    private static func normalizedReading(_ u: UnsafeBufferPointer<UInt8>) -> RelatedHeading {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(u.count, 1)) { h in
            // `TextNormalizer.normalize` of ASCII: runs of blanks one space (none first or last), other controls
            // dropped; then lowered, then trailing `: . ! ?` and spaces dropped (`isTrailingMark`).
            var w = 0
            var pendingSpace = false
            for b in u {
                if b &- 0x21 < 0x5E {
                    if pendingSpace && w > 0 { h[w] = 0x20; w += 1 }
                    pendingSpace = false
                    h[w] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    w += 1
                } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = true
                }
            }
            while w > 0, case let last = h[w - 1], last == 0x3A || last == 0x2E || last == 0x21 || last == 0x3F || last == 0x20 {
                w -= 1
            }
            let heading = UnsafeBufferPointer(rebasing: h[0..<w])
            // No ASCII text ends with a suffix (`RelatedFinder.announces`): each ends in a non-ASCII character.
            if phrases.contains(heading) || prefixes.contains(where: { heading.starts(with: $0) }) { return .announces }
            return headingOnlyPhrases.contains(heading) ? .headingOnly : .other
        }
    }

    /// `RelatedFinder.headingPhrases` that are ASCII, by length.
    private static let phrases = ByLength(RelatedFinder.headingPhrases)
    /// `RelatedFinder.headingOnlyPhrases` that are ASCII, by length.
    private static let headingOnlyPhrases = ByLength(Array(RelatedFinder.headingOnlyPhrases))
    /// `RelatedFinder.headingPrefixes` (all ASCII; `asciiTablesCoverEveryPhrase` checks).
    private static let prefixes = RelatedFinder.headingPrefixes.map { Array($0.utf8) }

    /// The ASCII strings of a list, as bytes grouped by length (most headings have no phrase of their length).
    private struct ByLength: Sendable {
        private var lists: [[[UInt8]]] = []

        init(_ strings: [String]) {
            for s in strings where s.utf8.allSatisfy({ $0 < 0x80 }) {
                let n = s.utf8.count
                if lists.count <= n { lists += Array(repeating: [], count: n + 1 - lists.count) }
                lists[n].append(Array(s.utf8))
            }
        }

        func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.count < lists.count && lists[bytes.count].contains { $0.elementsEqual(bytes) }
        }
    }
}
