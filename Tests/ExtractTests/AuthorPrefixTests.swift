import Testing
import Foundation
import HTML
@testable import Extract

/// Byline labels are dropped from author names, in several languages.
@Suite struct AuthorPrefixTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "English By", input: "By Jane Doe", expected: "Jane Doe"),
        Case(name: "English written by", input: "Written by Jane Doe", expected: "Jane Doe"),
        Case(name: "German von", input: "von Max Muster", expected: "Max Muster"),
        Case(name: "Japanese label with space", input: "著者 佐藤 健", expected: "佐藤 健"),
        Case(name: "Japanese label with full-width colon", input: "著者：佐藤 健", expected: "佐藤 健"),
        Case(name: "Chinese label", input: "作者 李明", expected: "李明"),
        Case(name: "name that starts like a label stays", input: "Byron Katie", expected: "Byron Katie"),
        Case(name: "no label", input: "Jane Doe", expected: "Jane Doe"),
        Case(name: "non-ASCII name, no label", input: "Zoë Ångström", expected: "Zoë Ångström"),
        Case(name: "label in capitals", input: "BY Zoë Ångström", expected: "Zoë Ångström"),
        Case(name: "French label before an accented name", input: "Par Ève Dubois", expected: "Ève Dubois"),
        Case(name: "Cyrillic label in capitals", input: "АВТОР: Иван Петров", expected: "Иван Петров"),
        Case(name: "name starting with a digit", input: "2 Chainz", expected: "2 Chainz"),
    ]

    @Test(arguments: cases)
    func stripsLabel(_ c: Case) {
        #expect(AuthorFinder.stripPrefix(c.input) == c.expected)
    }
}

/// The byline splitter's shortcuts must answer what Foundation answers: `pieces` as `components(separatedBy:)`,
/// the digit and letter checks as `rangeOfCharacter(from:)`, and a case-insensitive miss only where Foundation misses,
/// on ASCII and non-ASCII text (a Greek ano teleia is canonically a middle dot, so it must still split).
@Test func bylineShortcutsAnswerAsFoundation() {
    let samples = ["By Jane Doe", "Jane Doe · March 3", "A | B", "x\u{0387}y", "Jane ON Monday", "José Ñúñez",
                   "Posted by admin at 10:00", "", "  ", "Ann and Bob", "Ann & Bob", "123", "\u{0661}\u{0662}", "é", "@@@",
                   "Writers\u{2014}Two", "Written by K\u{212A}", "Zoë Ångström", "Zoë and José", "Zoë & Ann", "Zoë, Ann",
                   "Zoë und Ann", "Zoë | Ann", "Zoë|Ann", "Zoë • Ann", "Zoë·Ann", "Zoë · Ann", "Zoë\u{0387}Ann", "Zoë — Ann",
                   "Zoë – Ann", "Zoë - Ann", "Zoë\nAnn", "Zoë\r\nAnn", "Zoe\u{301} and Ann", "Zoë and\u{301} Ann", "Ann an\u{303}d Bob",
                   "Zoë Ångström on Monday", "Tomás Ibáñez at Home", "Ingrid Sæther, 3 May", "Zoë Ångström.", ", Zoë Ångström",
                   "@Zoë Ångström :", ".\u{301}Zoë", "Zoë.\u{301}", "Zoë .", "Ζωή Ανδρέου", "Иван Петров", "Zoë \u{0660}",
                   "Zoë \u{0E51}", "\u{0130}stanbul Zoë", "Zoë İN Ann", "Zoë\u{00A0}on\u{00A0}Monday"]
    for s in samples {
        for sep in AuthorFinder.segmentSeparators + [" and ", " & ", ", ", " und "] {
            #expect(AuthorFinder.pieces(s, separatedBy: sep) == s.components(separatedBy: sep), "\(s) / \(sep)")
        }
        for stop in [" on ", " at ", " updated ", " published ", " in "] where !AuthorFinder.mayContainCaseInsensitive(s, stop) {
            #expect(s.range(of: stop, options: .caseInsensitive) == nil, "\(s) / \(stop)")
        }
        #expect(AuthorFinder.hasDecimalDigit(s) == (s.rangeOfCharacter(from: .decimalDigits) != nil), "\(s)")
        #expect(AuthorFinder.hasLetter(s) == (s.rangeOfCharacter(from: .letters) != nil), "\(s)")
        #expect(Trimming.trim(s, ascii: AuthorFinder.isNameEdge, AuthorFinder.nameEdges) == s.trimmingCharacters(in: AuthorFinder.nameEdges), "\(s)")
    }
    #expect(AuthorFinder.pieces("x\u{0387}y", separatedBy: "·") == "x\u{0387}y".components(separatedBy: "·"))
}

/// What the byline splitter's shortcuts assume of Foundation, asked of every Unicode scalar: nothing but a space
/// matches a space, even case-insensitively; nothing but U+00B7 and U+0387 matches a middle dot; and
/// `CharacterSet.decimalDigits` holds no scalar from U+0080 below `AuthorFinder.firstNonASCIIDigit`.
@Test func foundationMatchesSpacesAndMiddleDotsOnlyAsThemselves() {
    var noSpace = String.UnicodeScalarView(), noDot = String.UnicodeScalarView()
    for v in UInt32(0)...0x10FFFF {
        guard let c = Unicode.Scalar(v) else { continue }
        // Each scalar after a letter: combining marks attach to it, as they would in a name.
        if v != 0x20 { noSpace.append("a"); noSpace.append(c) }
        if v != 0xB7 && v != 0x387 { noDot.append("a"); noDot.append(c) }
    }
    #expect(String(noSpace).range(of: " ", options: .caseInsensitive) == nil)
    #expect(String(noDot).components(separatedBy: "\u{00B7}").count == 1)
    #expect(String(noDot).components(separatedBy: " \u{00B7} ").count == 1)
    #expect("a\u{0387}b".components(separatedBy: "\u{00B7}").count == 2)
    #expect((0x80..<AuthorFinder.firstNonASCIIDigit).allSatisfy { !CharacterSet.decimalDigits.contains(Unicode.Scalar($0)!) })
    #expect(CharacterSet.decimalDigits.contains(Unicode.Scalar(AuthorFinder.firstNonASCIIDigit)!))
}

/// An author's note after the post names the author when nothing else does; notes that name no person, or sit in a
/// sidebar or a comment, do not.
@Suite struct AuthorNoteTests {
    static let lorem = "The water was cold, the boat came up easily, and the fear I had carried for a decade weighed almost nothing. "

    static func page(_ note: String) -> String {
        "<html><body><main><article><header><h1>Learning to sail</h1><p>June 3, 2023</p></header><section><p>\(lorem)\(lorem)</p>"
            + "<p>\(lorem)\(lorem)</p></section><footer>\(note)</footer></article></main></body></html>"
    }

    @Test(arguments: [
        ("a Gatsby starter bio", #"<div class="bio"><p>Written by <strong>Jonas Reed</strong> who lives and works in Kiel. <a href="https://x.example/">Follow</a></p></div>"#,
         ["Jonas Reed"]),
        ("a linked name", #"<p>Posted by <a href="/about/">Mara Lind</a> in Notes</p>"#, ["Mara Lind"]),
        ("no name after the opening", #"<p>Written by <em>hand</em>, on paper, then typed.</p>"#, []),
        ("a handle, not a name", #"<p>Posted by <a href="/u/admin">admin</a></p>"#, []),
        ("a note in a sidebar widget", #"<aside class="widget"><p>Written by <strong>Jonas Reed</strong></p></aside>"#, []),
        ("the opening inside a sentence", #"<p>The book, written by <strong>Jonas Reed</strong>, is good.</p>"#, []),
    ] as [(String, String, [String])])
    func readsNote(_ name: String, _ note: String, _ authors: [String]) throws {
        let input = ExtractionInput(bytes: Array(Self.page(note).utf8), url: "https://x.example/learning-to-sail/",
                                    fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try Extractor(rules: .empty).record(input).authors == authors, "\(name)")
    }
}

/// A microformats2 (or hAtom) author of the post's `h-entry` names the author when nothing else does; one of a comment's
/// `h-cite` or of a card in a sidebar does not.
@Test(arguments: [
    ("a hidden u-author h-card", #"<div class="h-entry"><h1 class="p-name">Swim</h1><a class="u-author h-card" href="/" style="display:none">Ana Rao</a><div class="e-content"><p>\#(AuthorNoteTests.lorem)\#(AuthorNoteTests.lorem)</p></div></div>"#, ["Ana Rao"]),
    ("a p-author with a p-name", #"<div class="h-entry"><span class="p-author h-card"><img class="u-photo" src="/a.jpg" alt=""><span class="p-name">Ana Rao</span></span><div class="e-content"><p>\#(AuthorNoteTests.lorem)\#(AuthorNoteTests.lorem)</p></div></div>"#, ["Ana Rao"]),
    ("an hAtom author vcard with a handle", #"<article class="entry hentry"><div class="entry-content"><p>\#(AuthorNoteTests.lorem)\#(AuthorNoteTests.lorem)</p></div><footer class="entry-footer"><span class="author vcard"><span class="fn">yamanote_walk</span></span></footer></article>"#, ["yamanote_walk"]),
    ("an hAtom vcard of a comment", #"<article class="entry hentry"><div class="entry-content"><p>\#(AuthorNoteTests.lorem)\#(AuthorNoteTests.lorem)</p></div><ol class="comment-list"><li class="comment"><span class="author vcard"><span class="fn">bo_lind</span></span><p>Nice.</p></li></ol></article>"#, []),
    ("only a comment's h-cite author", #"<div class="h-entry"><div class="e-content"><p>\#(AuthorNoteTests.lorem)\#(AuthorNoteTests.lorem)</p></div><section class="comments"><div class="h-cite"><a class="p-author h-card" href="/x">Bo Lind</a><p>Nice.</p></div></section></div>"#, []),
] as [(String, String, [String])])
func readsMicroformatAuthor(_ name: String, _ html: String, _ authors: [String]) throws {
    let input = ExtractionInput(bytes: Array("<html><body><main>\(html)</main></body></html>".utf8),
                                url: "https://x.example/swim/", fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
    #expect(try Extractor(rules: .empty).record(input).authors == authors, "\(name)")
}

/// A meta line split into names: the part that opens with a byline label names the authors.
@Test(arguments: [
    ("a role after the name", "By Jane Doe | Senior Reporter", ["Jane Doe"]),
    ("a place after the name", "By Jane Doe · Berlin", ["Jane Doe"]),
    ("date, byline and section", "May 3 · by Jane Doe · in Essays", ["Jane Doe"]),
    ("two names joined by and, then a place", "By Jane Doe and John Smith | Berlin", ["Jane Doe", "John Smith"]),
    ("no label: every part is a name", "Jane Doe | John Smith", ["Jane Doe", "John Smith"]),
    ("a date after a comma", "By Jane Doe, 3 March 2021", ["Jane Doe"]),
] as [(String, String, [String])])
func splitsMetaLine(_ name: String, _ line: String, _ names: [String]) {
    #expect(AuthorFinder.split(line) == names, "\(name)")
}

/// After a name, a job title or an organization's acronym is no author; a list that opens with one keeps it.
@Test(arguments: [
    ("a title after a comma", "Ryan Merkley, CEO", ["Ryan Merkley"]),
    ("a two-word title", "Jane Doe, Staff Writer", ["Jane Doe"]),
    ("a German title", "Anna Roth, Redakteurin", ["Anna Roth"]),
    ("an acronym after a comma", "Martin Gerecke, CMS", ["Martin Gerecke"]),
    ("an agency after two names", "Ann Lee and Bob Stone, AFP", ["Ann Lee", "Bob Stone"]),
    ("an acronym first stays", "CDU - Fraktion Erfurt", ["CDU", "Fraktion Erfurt"]),
    ("an agency alone stays", "AFP", ["AFP"]),
] as [(String, String, [String])])
func rolesAndAcronymsAfterANameGo(_ name: String, _ line: String, _ names: [String]) {
    #expect(AuthorFinder.clean([line]) == names, "\(name)")
}

/// The byline word bound reads as `split(separator: " ").count <= limit`, also with repeated, leading and trailing
/// spaces and a space that a combining mark joins into one character (which `split` does not split at).
@Test func wordBoundEqualsSplitCount() {
    let texts = ["", " ", "one", "By Jane Doe", "  By  Jane   Doe  ", "a b c d e f g h i j k l", "a b c d e f g h i j k l m",
                 "Jane \u{301}Doe and more", "\u{301} a", "日本 語", String(repeating: "word ", count: 40),
                 "a\r\nb c", "x \r\n y", "a b c \u{301}", "a b c d e f g h i j k l m n o \u{301}", "Zoë Ångström and Ann"]
    for t in texts {
        for limit in 0...14 {
            #expect(AuthorFinder.hasAtMostWords(t, limit) == (t.split(separator: " ").count <= limit), "\(t) \(limit)")
        }
    }
}

/// `holdsNonWhitespace` reads a text node's bytes as `Character.isWhitespace` reads its characters: ASCII whitespace,
/// no-break and ideographic spaces, a combining mark on a space, controls, a letter after any of them.
@Test func holdsNonWhitespaceAsCharacters() throws {
    let pieces = ["", " ", "\n  ", "\t\r\n", "\u{B}\u{C}", "\u{A0}", "\u{3000}", " \u{301}", "\u{85}", "\u{1}", "x", "é", "\u{2028}"]
    var texts: [String] = []
    for a in pieces { for b in pieces { texts.append(a + b) } }
    for t in texts where !t.isEmpty {
        let doc = try HTMLDocument(bytes: Array("<p>\(t)</p>".utf8), contentType: nil)
        var checked = false
        doc.root?.walk { n in
            if n.isText {
                #expect(AuthorFinder.holdsNonWhitespace(n) == n.textContent.contains(where: { !$0.isWhitespace }), "\(Array(t.utf8))")
                checked = true
            }
            return true
        }
        _ = checked
    }
}

/// `looksLikeURL` reads an ASCII text's openings by bytes: it answers as the lowered text's `hasPrefix` does, also
/// where a combining mark joins an opening's last character (which `hasPrefix` does not match).
@Test func urlOpeningsAsHasPrefix() {
    let texts = ["", "/", "/author/ann", "HTTP://X", "https://example.com", "Https:/x", "www.site.org", "WWW.", "ww.x",
                 "Jane Doe", "www.\u{301}x", "/\u{301}", "http://zoë.example", "Zoë", "\r\n/", "/\r\n", " /x"]
    for t in texts {
        let lower = t.fastLowercased
        let expected = lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") || lower.hasPrefix("/")
        #expect(AuthorFinder.looksLikeURL(t) == expected, "\(t.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
