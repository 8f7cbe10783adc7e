@testable import Archive
import Extract
import Foundation
import Testing

/// Two snapshots of a small fixture blog with known edits, and the diff they must give.
@Suite struct DiffTests {
    static let base = "https://blog.example"
    static func card(_ slug: String, _ title: String, _ summary: String? = nil) -> RelatedLink {
        RelatedLink(title: title, url: "\(base)/\(slug)/", summary: summary, image: nil)
    }
    static let longBody = (1...6).map { "Paragraph \($0) of a post long enough to be recognised by its body alone, with words." }
        .joined(separator: "\n\n")

    /// Writes version 1 and version 2 of the fixture blog; returns the store and both ids.
    static func fixtureSnapshots() throws -> (ArchiveStore, String, String) {
        let store = ArchiveStore(root: try makeTempDirectory())
        let b = base
        let body = "Intro paragraph.\n\nMiddle paragraph one.\n\nMiddle paragraph two.\n\nClosing paragraph."
        let v1: [PageRecord] = [
            makeRecord("\(b)/same/", title: "Same"),
            makeRecord("\(b)/refetched/", title: "Refetched", fetchedAt: "2026-11-20T10:00:00Z"),
            relative("\(b)/relative/", date: "2026-11-18", raw: "2 days ago"),
            makeRecord("\(b)/retitled/", title: "Old title"),
            makeRecord("\(b)/edited/", title: "Edited", body: body),
            makeRecord("\(b)/tagged/", title: "Tagged", tags: ["a", "b"]),
            makeRecord("\(b)/related/", title: "Related", related: [card("same", "Same"), card("tagged", "Tagged", "Tags.")]),
            makeRecord("\(b)/authors/", title: "Authors", authors: ["Ann"]),
            makeRecord("\(b)/deleted/", title: "Deleted"),
            makeRecord("\(b)/old-slug/", title: "Renamed", body: "Short."),
            makeRecord("\(b)/?p=7", title: "Shortlinked", body: "Also short.", canonical: "\(b)/?p=7"),
            makeRecord("\(b)/copied/", title: "Copied", body: longBody),
        ]
        var v2: [PageRecord] = [
            makeRecord("\(b)/same/", title: "Same"),
            makeRecord("\(b)/refetched/", title: "Refetched", fetchedAt: "2026-11-27T10:00:00Z"),
            relative("\(b)/relative/", date: "2026-11-18", raw: "9 days ago"),
            makeRecord("\(b)/retitled/", title: "New title"),
            makeRecord("\(b)/edited/", title: "Edited",
                       body: "Intro paragraph.\n\nMiddle paragraph one.\n\nA rewritten middle.\n\nClosing paragraph.\n\nUpdate: fixed.",
                       modified: "2026-11-26"),
            makeRecord("\(b)/tagged/", title: "Tagged", tags: ["a", "c"]),
            makeRecord("\(b)/related/", title: "Related", related: [card("same", "Same"), card("tagged", "Tagged", "New summary.")]),
            makeRecord("\(b)/authors/", title: "Authors", authors: ["Ann", "Bob"]),
            makeRecord("\(b)/new-slug/", title: "Renamed and retitled", body: "Short."),
            makeRecord("\(b)/2026/shortlinked/", title: "Shortlinked", body: "Also short."),
            makeRecord("\(b)/copied-again/", title: "Copied", body: longBody),
            makeRecord("\(b)/brand-new/", title: "Brand new"),
        ]
        v2.sort { $0.url < $1.url }
        let old = try writeSnapshot(store, at: "2026-11-20T10:00:00Z", v1) { r in
            FetchInfo(finalURL: r.url, identifiers: r.url.contains("?p=7") ? ["\(b)/?p=7"] : [])
        }
        let new = try writeSnapshot(store, at: "2026-11-27T10:00:00Z", v2) { r in
            switch r.url {
            case "\(b)/new-slug/": return FetchInfo(finalURL: r.url, redirects: ["\(b)/old-slug/"])
            case "\(b)/2026/shortlinked/": return FetchInfo(finalURL: r.url, identifiers: ["\(b)/?p=7"])
            default: return FetchInfo(finalURL: r.url)
            }
        }
        return (store, old, new)
    }

    static func relative(_ url: String, date: String, raw: String) -> PageRecord {
        var r = makeRecord(url, title: "Relative")
        r.published = DateField(date: date, raw: raw, source: "relative", precision: "day")
        return r
    }

    @Test func fixtureEditsGiveExactlyTheExpectedDiff() throws {
        let (store, old, new) = try Self.fixtureSnapshots()
        let d = try Differ.diff(old: store.open(site: "blog.example", snapshot: old), new: store.open(site: "blog.example", snapshot: new))
        let b = Self.base
        #expect(d.added == ["\(b)/brand-new/"])
        #expect(d.removed == ["\(b)/deleted/"])
        #expect(d.moved == [.init(from: "\(b)/?p=7", to: "\(b)/2026/shortlinked/"),
                            .init(from: "\(b)/copied/", to: "\(b)/copied-again/"),
                            .init(from: "\(b)/old-slug/", to: "\(b)/new-slug/")])
        #expect(Dictionary(uniqueKeysWithValues: d.changed.map { ($0.url, $0.fields.keys.sorted()) }) == [
            "\(b)/authors/": ["authors"], "\(b)/edited/": ["body", "modified"], "\(b)/related/": ["related"],
            "\(b)/new-slug/": ["title"],   // moved (by redirect) and edited
            "\(b)/retitled/": ["title"], "\(b)/tagged/": ["tags"],
        ])
        #expect(d.unchanged == 3)   // same, refetched, relative
        let edited = try #require(d.changed.first { $0.url == "\(b)/edited/" })
        #expect(edited.bodyDiff == """
            @@ -2,3 +2,4 @@
             Middle paragraph one.
            -Middle paragraph two.
            +A rewritten middle.
             Closing paragraph.
            +Update: fixed.

            """)
    }

    @Test func goldenJSONAndText() throws {
        let (store, old, new) = try Self.fixtureSnapshots()
        let d = try Differ.diff(old: store.open(site: "blog.example", snapshot: old), new: store.open(site: "blog.example", snapshot: new))
        try checkGolden("diff/expected.json", try d.json())
        try checkGolden("diff/expected.txt", Data(d.text(color: false).utf8))
        #expect(d.text(color: true).contains("\u{1B}[31m"))
        #expect(!d.text(color: false).contains("\u{1B}"))
    }

    @Test func aSnapshotComparedWithItselfIsUnchanged() throws {
        let (store, _, new) = try Self.fixtureSnapshots()
        let s = try store.open(site: "blog.example", snapshot: new)
        let d = try Differ.diff(old: s, new: s)
        #expect(d.isEmpty)
        #expect(d.unchanged == s.count)
    }

    struct DateCase: CustomTestStringConvertible, Sendable {
        let name: String, old: String, new: String, same: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        DateCase(name: "same day", old: "2026-11-18", new: "2026-11-18", same: true),
        DateCase(name: "day vs instant on that day", old: "2026-11-18", new: "2026-11-18T09:30:00Z", same: true),
        DateCase(name: "other day", old: "2026-11-18", new: "2026-11-19", same: false),
        DateCase(name: "instants differ", old: "2026-11-18T09:30:00Z", new: "2026-11-18T10:30:00Z", same: false),
    ])
    func datesCompareByResolvedValue(_ c: DateCase) {
        func f(_ d: String) -> DateField { DateField(date: d, raw: d, source: "meta", precision: d.count == 10 ? "day" : "second") }
        #expect(Differ.sameDate(f(c.old), f(c.new)) == c.same)
    }
}

/// Compares `data` with a golden file under Fixtures/; `LOOKBACK_RECORD_GOLDEN=1 swift test` rewrites it
/// (review the change with `git diff`).
func checkGolden(_ name: String, _ data: Data) throws {
    let url = fixturesDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["LOOKBACK_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return
    }
    let expected = try Data(contentsOf: url)
    #expect(String(decoding: data, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "golden \(name) differs")
}
