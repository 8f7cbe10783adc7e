import Testing
@testable import Extract
import HTML

/// `TagFinder.find` keeps what it read of each line (`labelledLine(_:lines:)`, `tagLine(around:lines:)`): every link
/// of a page, asked in order with one memo, gets the answer it gets alone, for lines shared by links, a parent too
/// long to read over a labelled grandparent, and a tag line beside an unlabelled one.
@Suite struct TagLineMemoTests {
    struct Row: Sendable {
        let name: String
        let html: String
        /// `labelledLine` and whether `tagLine(around:)` finds a line, for each link in page order.
        let labelled: [Bool]
        let inTagLine: [Bool]
    }

    static let rows: [Row] = [
        Row(name: "label in the parent line",
            html: #"<p>Tags: <a href="/tag/a/">a</a>, <a href="/tag/b/">b</a></p>"#,
            labelled: [true, true], inTagLine: [false, false]),
        Row(name: "label in the grandparent line",
            html: #"<div>Tagged <span><a href="/tag/a/">a</a> <a href="/tag/b/">b</a></span></div>"#,
            labelled: [true, true], inTagLine: [false, false]),
        Row(name: "a parent too long to read hides the grandparent's label",
            html: "<div>Tags: <p>" + String(repeating: "x", count: 2100) + #"<a href="/tag/a/">a</a> <a href="/tag/b/">b</a></p></div>"#,
            labelled: [false, false], inTagLine: [false, false]),
        Row(name: "a list of tag links: one tag line for all its links",
            html: #"<ul><li><a href="/tag/a/">alpha</a></li><li><a href="/tag/b/">beta</a></li></ul>"#,
            labelled: [false, false], inTagLine: [true, true]),
        Row(name: "a tag line beside a line of words",
            html: #"<div><p><a href="/tag/a/">a</a> <a href="/tag/b/">b</a></p><p>Read <a href="/tag/c/">c</a> now</p></div>"#,
            labelled: [false, false, false], inTagLine: [true, true, false]),
    ]

    @Test(arguments: rows.indices) func eachLinkAsAlone(_ i: Int) throws {
        let row = Self.rows[i]
        let doc = try HTMLDocumentFixture.make("<html><body>" + row.html + "</body></html>")
        let links = try doc.select(css: "a")
        var labelLines: [Node: TagFinder.LineLabel] = [:]
        var tagLines: [Node: Bool] = [:]
        var labelled: [Bool] = [], inTagLine: [Bool] = []
        for a in links {
            let l = TagFinder.labelledLine(a, lines: &labelLines)
            let t = TagFinder.tagLine(around: a, lines: &tagLines)
            #expect(l == TagFinder.labelledLine(a), "\(row.name)")
            #expect(t == TagFinder.tagLine(around: a), "\(row.name)")
            labelled.append(l); inTagLine.append(t != nil)
        }
        #expect(labelled == row.labelled, "\(row.name)")
        #expect(inTagLine == row.inTagLine, "\(row.name)")
    }
}
