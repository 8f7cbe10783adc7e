import Testing
@testable import Extract

@Suite struct TitleTagTests {
    /// `fromTitleTag` as it was on an array of `Character`s: the cut on UTF-8 offsets must give its answers.
    static func reference(_ raw: String, headings: [String], h1s: [String], shownAsTitle: (String) -> Bool) -> String {
        typealias T = TitleFinder
        let orig = TextNormalizer.normalize(raw)
        var cur = orig
        var hadHierarchical = false
        let chars = Array(orig)
        var seps: [Int] = []
        if chars.count >= 3 {
            for i in 1..<(chars.count - 1) where T.separators.contains(chars[i]) && chars[i - 1] == " " && chars[i + 1] == " " {
                seps.append(i)
            }
        }
        var firstCut = false
        if let last = seps.last, let first = seps.first {
            hadHierarchical = seps.contains { T.hierarchical.contains(chars[$0]) }
            cur = String(chars[..<last]).trimmedWhitespace
            firstCut = true
            if T.wordCount(cur) < 3, !(T.isUnspaced(cur) && shownAsTitle(cur)) {
                cur = String(chars[(first + 1)...]).trimmedWhitespace; firstCut = false
            } else if first != last, case let lead = String(chars[..<first]).trimmedWhitespace, h1s.contains(lead) {
                cur = lead
            }
        } else if orig.contains(": ") {
            if !headings.contains(orig) {
                let lastColon = orig.lastIndex(of: ":")!
                let firstColon = orig.firstIndex(of: ":")!
                cur = String(orig[orig.index(after: lastColon)...]).trimmedWhitespace
                firstCut = true
                if T.wordCount(cur) < 3, !(T.isUnspaced(cur) && shownAsTitle(cur)) {
                    cur = String(orig[orig.index(after: firstColon)...]).trimmedWhitespace
                    firstCut = false
                } else if T.wordCount(String(orig[..<firstColon])) > 5 {
                    cur = orig
                }
            }
        } else if orig.count > 150 || orig.count < 15, h1s.count == 1 {
            cur = h1s[0]
        }
        let wc = T.wordCount(cur)
        if wc <= 4 {
            let stripped = String(orig.filter { !T.separators.contains($0) })
            if !hadHierarchical || wc != T.wordCount(TextNormalizer.normalize(stripped)) - 1,
               !(firstCut && cur != orig && shownAsTitle(cur)) {
                cur = orig
            }
        }
        return cur
    }

    static let rows: [(String, String)] = [
        ("site suffix", "A Quiet Morning With Maps – Field Notes"),
        ("hyphen suffix", "A Quiet Morning With Maps - Field Notes"),
        ("three parts, the first the h1", "Post Title Here - Jane Doe - 博客园"),
        ("breadcrumb", "Home » Blog » A Quiet Morning With Maps"),
        ("short cut part", "Maps | Field Notes of a Long Walk Home"),
        ("short everything", "Blog / Home"),
        ("no separator", "Just a plain title without a cut"),
        ("colon", "Field Notes: A Quiet Morning With Maps"),
        ("separator without spaces", "A–B testing in production"),
        ("separator at the start", "– A Quiet Morning With Maps"),
        ("separator at the end", "A Quiet Morning With Maps –"),
        ("separator and a combining mark", "A Quiet Morning With Maps -\u{301} Field Notes"),
        ("space with a combining mark before", "A Quiet Morning With Maps \u{301}- Field Notes"),
        ("space with a combining mark after", "A Quiet Morning With Maps - \u{301}Field Notes"),
        ("greek ano teleia", "A Quiet Morning With Maps \u{0387} Field Notes"),
        ("middle dot", "A Quiet Morning With Maps · Field Notes"),
        ("emoji and CJK", "日本語のタイトル 😀 とても長い – サイト名"),
        ("CRLF around", "A Quiet Morning\r\n- Field Notes"),
        ("hierarchical short", "Docs > API > Maps"),
        ("many separators", "a | b | c | d | e | f | g | h"),
        ("only separators", " | - | "),
        ("empty", ""),
        ("shown as title", "Field Notes | Quiet maps"),
        ("regional indicators", "🇩🇪 Reise durch Deutschland – Blog 🇩🇪"),
    ]

    @Test(arguments: rows.indices) func cutsAsTheCharacterArrayDid(_ i: Int) {
        let (name, title) = Self.rows[i]
        let h1s = ["Post Title Here", "Quiet maps"]
        let shown: (String) -> Bool = { $0 == "Quiet maps" }
        for (headings, h) in [([String](), [String]()), (["A Quiet Morning With Maps"], h1s), ([title], ["Only one"])] {
            #expect(TitleFinder.fromTitleTag(title, headings: headings, h1s: h, shownAsTitle: shown)
                    == Self.reference(title, headings: headings, h1s: h, shownAsTitle: shown), "\(name)")
        }
    }
}
