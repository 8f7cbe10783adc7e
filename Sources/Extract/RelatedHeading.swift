/// How a heading-like text reads as the start of a related-posts section (`RelatedFinder`): it announces one
/// (`RelatedFinder.announces` of its `normalizedHeading`), it is a phrase that announces one only as a real heading
/// (`RelatedFinder.headingOnlyPhrases`), or neither.
///
/// A simple text (`isSimple`: ASCII, Latin-1 letters, "©", the quotes, dashes and bullet of U+2010-2027, kana and
/// CJK ideographs) is read from its bytes; any other through the `String` functions of `RelatedFinder`. Both give
/// the same reading: on such text, normalizing collapses whitespace and drops the other controls (NFC changes none of
/// these scalars), lowering maps A-Z and U+00C0-00DE but U+00D7 each 0x20 on and leaves the rest, each scalar is one
/// `Character` (none extends another), and the text is in NFC, as every phrase and suffix is, so it equals one only
/// with the same bytes (`RelatedHeadingTests.tablesHoldForTheByteReading` checks the phrases).
enum RelatedHeading: Equatable, Sendable {
    case announces, headingOnly, other

    /// The reading `RelatedFinder` makes of a short text: none (`other`) when `RelatedFinder.mayStartHeading` rules it
    /// out, else by its normalized heading.
    static func of(_ text: String) -> RelatedHeading {
        text.withUTF8Bytes { of(bytes: $0) } ?? ofCharacters(text)
    }

    /// `of(_:)` by the `String` functions, for any text.
    static func ofCharacters(_ text: String) -> RelatedHeading {
        guard RelatedFinder.mayStartHeading(text) else { return .other }
        let h = RelatedFinder.normalizedHeading(text)
        if RelatedFinder.announces(h) { return .announces }
        return RelatedFinder.headingOnlyPhrases.contains(h) ? .headingOnly : .other
    }

    /// `of(_:)` of the text of these UTF-8 bytes, or `nil` when they hold anything but ASCII, U+00C0-00FF and "©".
    static func of(bytes u: UnsafeBufferPointer<UInt8>) -> RelatedHeading? {
        guard RelatedFinder.mayStartHeading(bytes: u) else { return isSimple(u) ? .other : nil }
        return normalizedReading(u)
    }

    /// Whether UTF-8 bytes hold only the scalars of a simple text (the texts read by bytes).
    static func isSimple(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < u.count {
            if u[i] < 0x80 { i += 1; continue }
            guard let len = simpleLength(u, at: i) else { return false }
            i += len
        }
        return true
    }

    /// The length of the simple non-ASCII scalar whose UTF-8 starts at `i`, `nil` for any other bytes: U+00C0-00FF,
    /// "©", U+2010-2027, U+3001-3002, hiragana U+3041-3096 (not the combining voicing marks after them), katakana
    /// U+30A0-30FF, CJK ideographs U+4E00-9FFF and the full-width parentheses U+FF08-FF09.
    @inline(__always) private static func simpleLength(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = u[i]
        if lead == 0xC3 || lead == 0xC2 {
            guard i + 1 < u.count, case let next = u[i + 1] else { return nil }
            return (lead == 0xC3 && next >= 0x80 && next <= 0xBF) || (lead == 0xC2 && next == 0xA9) ? 2 : nil
        }
        guard lead >= 0xE0 && lead <= 0xEF, i + 2 < u.count, case let b1 = u[i + 1], case let b2 = u[i + 2],
              b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
        let v = UInt32(lead & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
        switch v {
        case 0x2010...0x2027, 0x3001...0x3002, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0xFF08...0xFF09: return 3
        default: return nil
        }
    }

    /// `RelatedFinder.announces(RelatedFinder.normalizedHeading(text))`, whatever the text's first letter.
    static func announces(_ text: String) -> Bool {
        let byBytes: Bool? = text.withUTF8Bytes { u in normalizedReading(u).map { $0 == .announces } }
        return byBytes ?? RelatedFinder.announces(RelatedFinder.normalizedHeading(text))
    }

    /// The reading of a simple text's bytes (`isSimple`) by its normalized heading, made on the stack; `nil` for
    /// any other text.
    private static func normalizedReading(_ u: UnsafeBufferPointer<UInt8>) -> RelatedHeading? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(u.count, 1)) { h in
            // `TextNormalizer.normalize`: runs of blanks one space (none first or last), other controls dropped;
            // then lowered, then trailing `: . ! ?` and spaces dropped (`isTrailingMark`). The output is never
            // longer than the input: a space written stands for a blank read.
            var w = 0
            var pendingSpace = false
            var i = 0
            while i < u.count {
                let b = u[i]
                if b >= 0x80 {
                    guard let len = simpleLength(u, at: i) else { return nil }
                    if pendingSpace && w > 0 { h[w] = 0x20; w += 1 }
                    pendingSpace = false
                    for k in 0..<len { h[w + k] = u[i + k] }
                    if b == 0xC3, case let next = u[i + 1], next <= 0x9E && next != 0x97 { h[w + 1] = next + 0x20 }
                    w += len
                    i += len
                    continue
                }
                if b &- 0x21 < 0x5E {
                    if pendingSpace && w > 0 { h[w] = 0x20; w += 1 }
                    pendingSpace = false
                    h[w] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    w += 1
                } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = true
                }
                i += 1
            }
            // Of the trailing marks only `: . ! ?`, the space and "…" (E2 80 A6) are simple.
            while w > 0 {
                let last = h[w - 1]
                if last == 0x3A || last == 0x2E || last == 0x21 || last == 0x3F || last == 0x20 { w -= 1; continue }
                if w >= 3, last == 0xA6, h[w - 2] == 0x80, h[w - 3] == 0xE2 { w -= 3; continue }
                break
            }
            let heading = UnsafeBufferPointer(rebasing: h[0..<w])
            if phrases.contains(heading) || (heading.first.map { prefixStarts[Int($0)] } == true && prefixes.contains(where: { heading.starts(with: $0) }))
                || suffixes.contains(where: { heading.count >= $0.count && heading[(heading.count - $0.count)...].elementsEqual($0) }) {
                return .announces
            }
            return headingOnlyPhrases.contains(heading) ? .headingOnly : .other
        }
    }

    /// `RelatedFinder.headingPhrases`, by length.
    private static let phrases = ByLength(RelatedFinder.headingPhrases)
    /// `RelatedFinder.headingOnlyPhrases`, by length.
    private static let headingOnlyPhrases = ByLength(Array(RelatedFinder.headingOnlyPhrases))
    /// `RelatedFinder.headingPrefixes` (all ASCII; `tablesHoldForTheByteReading` checks).
    private static let prefixes = RelatedFinder.headingPrefixes.map { Array($0.utf8) }
    /// For each byte, whether one of `prefixes` starts with it: most headings start none, and are not compared with each.
    private static let prefixStarts: [Bool] = (0..<256).map { b in prefixes.contains { $0.first == UInt8(b) } }
    /// `RelatedFinder.headingSuffixes`.
    private static let suffixes = RelatedFinder.headingSuffixes.map { Array($0.utf8) }

    /// The strings of a list, as UTF-8 bytes grouped by length (most headings have no phrase of their length).
    private struct ByLength: Sendable {
        private var lists: [[[UInt8]]] = []

        init(_ strings: [String]) {
            for s in strings {
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
