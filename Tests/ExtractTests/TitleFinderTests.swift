import Testing
@testable import Extract
import HTML

/// `TitleFinder.untruncated`: the `<h1>` a meta title is the cut-off start of (cut at an unescaped quote, or ending
/// in an ellipsis) replaces it; anything else leaves the title as it is. One named case per row.
@Suite struct TitleUntruncatedTests {
    static let rows: [(name: String, title: String, h1s: [String], expected: String)] = [
        ("cut at a quote", "写", ["写\"救命啊\"纸团"], "写\"救命啊\"纸团"),
        ("cut at a corner bracket", "救命", ["救命「纸团」"], "救命「纸团」"),
        ("three dots", "The long road...", ["The long road home"], "The long road home"),
        ("an ellipsis character", "The long road…", ["The long road home"], "The long road home"),
        ("a longer heading not cut at a quote", "The long road", ["The long road home"], "The long road"),
        ("a heading equal to the title", "The long road...", ["The long road"], "The long road..."),
        ("no heading starts with it", "Notes...", ["Other notes", "Kettle"], "Notes..."),
        ("the first heading that fits", "Tea...", ["Coffee", "Tea at five", "Tea at six"], "Tea at five"),
        ("only an ellipsis", "...", ["Anything"], "..."),
        ("no headings", "Kettle...", [], "Kettle..."),
    ]

    @Test(arguments: rows) func row(_ r: (name: String, title: String, h1s: [String], expected: String)) {
        #expect(TitleFinder.untruncated(r.title, h1s: r.h1s) == r.expected, "\(r.name)")
    }
}

/// A character equal to a title separator holds one of `separatorScalars`: asked of every scalar (a character equal
/// to a separator, none of which decomposes, is one scalar), so `mayHoldSeparator` skips only titles without one.
@Test func separatorScalarsFindEverySeparator() {
    for v in UInt32(0)...0x10FFFF {
        guard let c = Unicode.Scalar(v), TitleFinder.separators.contains(Character(c)) else { continue }
        #expect(TitleFinder.separatorScalars.contains(c), "U+\(String(v, radix: 16))")
    }
    #expect(TitleFinder.mayHoldSeparator("Post \u{0387} Site"))
    #expect(!TitleFinder.mayHoldSeparator("A Short History of My Compiler"))
    #expect(TitleFinder.cutHostName("Post \u{0387} Example", pageURL: "https://www.example.com/post/") == "Post")
}

/// The texts of a page's headings read inner first, a walk stopping at a heading known past the bounds, are each
/// heading's own `headingText`: nested unclosed `<h2>`s (fuzz finding-1104, FINDINGS 96: each read up to the bound),
/// the outer ones past the bytes, the inner ones within; a heading past the node bound inside a permalink anchor,
/// which the heading around it skips; plain headings.
@Test func headingTextsAreEachHeadingsOwn() throws {
    // 120 levels of four elements stay within `TreeDepthLimit`; 55 bytes a level pass the bytes bound 75 from the end.
    let nested = String(repeating: "<h2><div><a href=x>" + String(repeating: "wordy text ", count: 5), count: 120)
    let anchored = "<h2>Title<a href=\"#t\"><div><h2>" + String(repeating: "<i></i>", count: 9_000) + "</h2></div></a></h2>"
    let page = "<html><body><h1>Post <a href=\"#p\">#</a></h1><h2>Sub</h2>\(anchored)<section>\(nested)</section>"
    let doc = try HTMLDocument(bytes: Array(page.utf8), contentType: nil)
    let headings = try doc.select(css: "h1") + doc.select(css: "h2")
    let each = headings.map(TitleFinder.headingText)
    #expect(TitleFinder.headingTexts(headings) == each)
    #expect(each.prefix(3) == ["Post", "Sub", "Title"])
    #expect(each.filter(\.isEmpty).count > 20 && each.filter { $0.hasPrefix("wordy") }.count > 20)
}

/// `TitleFinder.cutSiteName` on a title that names the site at both ends ("Site - Post | Site"): the trailing name is
/// cut, whichever separators are on either side. Its separators came from a `Set`'s iteration order, which changes
/// from one process to the next, and the first separator that matched decided the end (the same page gave either cut).
@Suite struct TitleSiteNameTests {
    @Test func trailingNameIsCutWhateverTheSeparators() {
        let seps = TitleFinder.siteSeparators
        var wrong: [String] = []
        for lead in seps {
            for trail in seps where trail != lead {
                let title = "Plot Fourteen \(lead) Beans \(trail) Plot Fourteen"
                if TitleFinder.cutSiteName(title, siteName: "Plot Fourteen") != "Plot Fourteen \(lead) Beans" { wrong.append(title) }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(3))")
    }

    @Test func leadingNameIsCutWithoutATrailingOne() {
        #expect(TitleFinder.cutSiteName("Plot Fourteen | Beans in the rain", siteName: "Plot Fourteen") == "Beans in the rain")
        #expect(TitleFinder.cutSiteName("Beans in the rain – Plot Fourteen", siteName: "plot fourteen") == "Beans in the rain")
    }
}
