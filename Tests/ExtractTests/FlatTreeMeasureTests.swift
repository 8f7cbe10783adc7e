import Testing
import HTML
@testable import Extract

/// The scorer's text measure: scalars (not bytes) with whitespace runs counted once, commas in ASCII,
/// Arabic (U+060C) and fullwidth (U+FF0C) form, but not other characters that share their last byte, and CJK
/// characters (Han, kana, Hangul syllables, CJK punctuation), not Latin, Greek or emoji.
@Test func measureCountsCharactersAndAllThreeCommas() {
    #expect(FlatTree.measure("") == (0, 0, 0))
    #expect(FlatTree.measure("  a  b \n") == (4, 0, 0))
    #expect(FlatTree.measure("a,b") == (3, 1, 0))
    #expect(FlatTree.measure("\u{65E5}\u{FF0C}\u{672C}\u{060C}x, y") == (8, 3, 2))
    // U+030C (CC 8C), U+FF8C (EF BE 8C), U+070C (DC 8C), U+FC8C (EF B2 8C), U+0F0C (E0 BC 8C) are not commas.
    #expect(FlatTree.measure("a\u{030C}\u{FF8C}\u{070C}\u{FC8C}\u{0F0C}") == (6, 0, 0))
    // Kana, a Hangul syllable, the ideographic full stop; then é, Ω, an em dash and an emoji.
    #expect(FlatTree.measure("\u{3042}\u{30AB}\u{AE40}\u{3002}\u{E9}\u{3A9}\u{2014}\u{1F600}") == (8, 0, 4))
}

/// A masthead's heading links to the site's front page: "/", "./" or an absolute URL with no path; a post or a
/// section is no front page.
@Test func frontPageLinks() {
    for href in ["/", "./", "https://x.hatenablog.com/", "https://x.hatenablog.com", "//x.example/", " http://x.example/ "] {
        #expect(FlatTree.isFrontPage(href), "\(href)")
    }
    for href in ["", "#", "/about/", "https://x.example/blog/", "https://x.example/?p=3", "https:///", "index.html"] {
        #expect(!FlatTree.isFrontPage(href), "\(href)")
    }
}

/// Inline styles hide an element with `display:none` or `visibility:hidden` in any case and with spaces anywhere;
/// other whitespace and combining marks still break the words.
@Test func hiddenStylesAreFoundInAnyCaseAndSpacing() {
    for style in ["display:none", "DISPLAY : None", "color:red; visibility: Hidden;", "d isplay:n one x"] {
        #expect(Attrs.hidesByStyle(style), "\(style)")
    }
    for style in ["", "display:block", "display:\tnone", "display:\u{301}none", "display: \u{301}none", "visibility:visible"] {
        #expect(!Attrs.hidesByStyle(style), "\(style)")
    }
}

/// The scorer's attribute flags read from bytes: `hidden`, `aria-hidden="true"` (not on the lazy-image fallback),
/// an inline style, an unlikely ARIA role and `rel` mentioning author, in any ASCII case; other values do not count.
@Test func attrsFlagsAreReadFromAttributeBytes() throws {
    let html = """
    <html><body><div id="0" hidden>a</div><div id="1" aria-hidden="true">b</div>
    <div id="2" aria-hidden="true" class="fallback-image">c</div><div id="3" aria-hidden="TRUE">d</div>
    <div id="4" style="Display: None">e</div><div id="5" role="Navigation">f</div><div id="6" role="navigation x">g</div>
    <a id="7" rel="Author nofollow" itemprop="Name">h</a><a id="8" rel="authors">i</a><a id="9" rel="auth">j</a>
    <div id="10" aria-hidden="true" class="Fallback-Image">k</div><p id="11" class="Post-Title \u{C9}T\u{C9}">l</p></body></html>
    """
    let doc = try HTMLDocument(bytes: Array(html.utf8))
    // `Attrs` is not copyable: what the test reads of each is taken as it is made.
    struct Read { let isHidden, unlikelyRole, relAuthor: Bool; let itemprop: String?; let lowerClass, lowerID: String }
    var attrs: [String: Read] = [:]
    doc.root?.walk { n in
        if n.isElement, let id = n.attribute("id") {
            let a = Attrs(n)
            attrs[id] = Read(isHidden: a.isHidden, unlikelyRole: a.unlikelyRole, relAuthor: a.relAuthor,
                             itemprop: a.itemprop, lowerClass: a.lowerClass, lowerID: a.lowerID)
        }
        return true
    }
    #expect(attrs.count == 12)
    // The class is matched as written: "Fallback-Image" spares no aria-hidden element.
    #expect(attrs.filter { $0.value.isHidden }.keys.sorted() == ["0", "1", "10", "4"])
    #expect(attrs.filter { $0.value.unlikelyRole }.keys.sorted() == ["5"])
    #expect(attrs.filter { $0.value.relAuthor }.keys.sorted() == ["7", "8"])
    #expect(attrs["7"]?.itemprop == "Name")
    #expect(attrs["2"]?.lowerClass == "fallback-image")
    #expect(attrs["11"]?.lowerClass == "post-title \u{E9}t\u{E9}" && attrs["11"]?.lowerID == "11")
}

/// The measure's ASCII fast path counts as the byte loop it replaced: every byte class, commas split across the
/// start of a text, whitespace runs at both ends.
@Test func measureEqualsTheByteLoop() {
    func byteLoop(_ s: String) -> (Int, Int, Int) {
        var len = 0, commas = 0, cjk = 0, lastSpace = true
        var b1: UInt8 = 0, b2: UInt8 = 0
        for b in s.utf8 {
            defer { b2 = b1; b1 = b }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                if !lastSpace { len += 1; lastSpace = true }
                continue
            }
            lastSpace = false
            if b & 0xC0 != 0x80 { len += 1 }
            if b >= 0xE3 && b <= 0xED { cjk += 1 }
            if b == 0x2C || (b == 0x8C && (b1 == 0xD8 || (b1 == 0xBC && b2 == 0xEF))) { commas += 1 }
        }
        return (len, commas, cjk)
    }
    let pieces = ["a", ",", " ", "\n", "\t", "\r", "\u{1}", "\u{7F}", "\u{060C}", "\u{FF0C}", "\u{030C}", "\u{FF8C}", "\u{65E5}",
                  "\u{AE40}", "\u{E9}", "\u{1F600}", "  ", "x,y"]
    var texts = pieces
    for a in pieces { for b in pieces { texts.append(a + b); for c in pieces { texts.append(a + b + c) } } }
    for t in texts { #expect(FlatTree.measure(t) == byteLoop(t), "\(Array(t.utf8))") }
}

/// `FlatTree.measure` reads eight bytes of printable ASCII and single spaces at a time: each row, and random texts
/// of spaces, blanks, commas, 0x7F and multi-byte characters across the eight-byte steps, measure as a byte-by-byte
/// reading does.
@Suite struct FlatTreeMeasureWordTests {
    /// The byte-by-byte reading `measure` had before it read words.
    static func byBytes(_ s: String) -> (Int, Int, Int) {
        let u = Array(s.utf8)
        var len = 0, commas = 0, cjk = 0
        var lastSpace = true
        for i in 0..<u.count {
            let b = u[i]
            if b > 0x20 && b < 0x80 { len += 1; lastSpace = false; if b == 0x2C { commas += 1 }; continue }
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { if !lastSpace { len += 1; lastSpace = true }; continue }
            lastSpace = false
            if b & 0xC0 != 0x80 { len += 1 }
            if b >= 0xE3 && b <= 0xED { cjk += 1 }
            if b == 0x8C, i >= 1, u[i - 1] == 0xD8 || (u[i - 1] == 0xBC && i >= 2 && u[i - 2] == 0xEF) { commas += 1 }
        }
        return (len, commas, cjk)
    }

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String, text: String, measure: (Int, Int, Int)
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "one word of eight", text: "abcdefgh", measure: (8, 0, 0)),
        Row(name: "space first after the start", text: " bcdefgh", measure: (7, 0, 0)),
        Row(name: "space first after a word", text: "abcdefgh ijklmnop", measure: (17, 0, 0)),
        Row(name: "space last then space first", text: "abcdefg  ijklmno", measure: (15, 0, 0)),
        Row(name: "commas in words", text: "a,b,c,d,e,f,g,h,", measure: (16, 8, 0)),
        Row(name: "two spaces inside a word", text: "ab  cdefgh", measure: (9, 0, 0)),
        Row(name: "newline inside a word", text: "abc\ndefgh", measure: (9, 0, 0)),
        Row(name: "DEL inside a word", text: "abc\u{7F}defgh", measure: (9, 0, 0)),
        Row(name: "fullwidth comma after a word", text: "abcdefgh\u{FF0C}x", measure: (10, 1, 0)),
        Row(name: "Arabic comma across a step", text: "abcdefg\u{060C}", measure: (8, 1, 0)),
    ]

    @Test(arguments: rows) func rowsMeasureAsBytesDo(_ row: Row) {
        let got = FlatTree.measure(row.text)
        #expect(got == row.measure)
        #expect(got == Self.byBytes(row.text))
    }

    @Test func randomTextsMeasureAsBytesDo() {
        let pieces = ["a", "word", "Longer", " ", "  ", "\n", "\t", "\r", ",", "\u{7F}", "\u{1}", "é", "\u{FF0C}", "\u{060C}",
                      "\u{65E5}", "\u{1F600}", "x,y", "\u{A0}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let got = FlatTree.measure(text), want = Self.byBytes(text)
            #expect(got == want, "\(text.debugDescription)")
        }
    }
}
