import Testing
@testable import Extract

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
