@testable import Archive
import Extract
import Foundation
import Testing

@Suite struct SafeNamesTests {
    struct SiteCase: CustomTestStringConvertible, Sendable {
        let name: String, input: String, expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        SiteCase(name: "plain host", input: "https://Blog.Example.COM/posts/1", expected: "blog.example.com"),
        SiteCase(name: "port kept", input: "http://127.0.0.1:8080/", expected: "127.0.0.1:8080"),
        SiteCase(name: "default port dropped", input: "https://blog.example:443/", expected: "blog.example"),
        SiteCase(name: "bare host", input: "blog.example", expected: "blog.example"),
        SiteCase(name: "dot dot", input: "..", expected: "_.."),
        SiteCase(name: "slashes in a bare name", input: "../../etc/passwd", expected: ".._.._etc_passwd"),
        SiteCase(name: "NUL and percent", input: "a\u{0}b%2Fc", expected: "a_b_2fc"),
        SiteCase(name: "empty", input: "", expected: "_"),
        SiteCase(name: "IPv6", input: "http://[::1]:9000/", expected: "_::1_:9000"),
    ])
    func siteNames(_ c: SiteCase) {
        #expect(ArchiveStore.siteName(for: c.input) == c.expected)
    }

    @Test func aVeryLongHostIsCut() {
        #expect(ArchiveStore.siteName(for: String(repeating: "a", count: 5000)).count == ArchiveStore.maxSiteNameLength)
    }

    @Test func hostileURLsNeverWriteOutsideTheSiteFolderOrOverwriteEachOther() throws {
        let root = try makeTempDirectory()
        let store = ArchiveStore(root: root)
        let urls = [
            "https://blog.example/../../../../etc/passwd",
            "https://blog.example/a/%2F..%2F..%2Fescape",
            "https://blog.example/nul\u{0}byte",
            "https://blog.example/" + String(repeating: "slug-", count: 1000),
            "https://blog.example/Post", "https://blog.example/post", "https://blog.example/POST",
            "../../outside", "/absolute/path", "",
        ]
        let records = urls.map { makeRecord($0, title: "title of \($0)") }
        try writeSnapshot(store, at: "2026-11-25T17:03:12Z", records)
        // Everything lives under <root>/blog.example/.
        let files = try fileTree(root).keys
        #expect(files.allSatisfy { $0.hasPrefix("blog.example/") })
        #expect(files.allSatisfy { $0.count < 200 })
        let snap = try store.open(site: "blog.example", snapshot: "latest")
        #expect(try snap.records() == records.sorted { $0.url < $1.url })
        #expect(try snap.record(url: "https://blog.example/Post")?.title == "title of https://blog.example/Post")
        #expect(try snap.record(url: "https://blog.example/post")?.title == "title of https://blog.example/post")
    }

    @Test(arguments: ["../blog.example", "blog.example/../x", "/etc", "nosuch.example"])
    func aSiteArgumentThatIsNotAnArchivedSiteIsRefused(_ site: String) throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-25T17:03:12Z", [makeRecord("https://blog.example/a/")])
        #expect(throws: ArchiveError.noSuchSite(site: site, archive: store.root.path)) { try store.snapshots(site: site) }
    }

    @Test func aSiteURLIsAcceptedWhereASiteNameIs() throws {
        let store = ArchiveStore(root: try makeTempDirectory())
        try writeSnapshot(store, at: "2026-11-25T17:03:12Z", [makeRecord("https://blog.example/a/")])
        #expect(try store.snapshots(site: "https://blog.example/some/post").count == 1)
    }

    @Test func snapshotIDsAreUTCAndSortable() {
        #expect(SnapshotID(startedAt: date("2026-11-25T17:03:12Z")).value == "2026-11-25T17-03-12Z")
        #expect(SnapshotID(startedAt: date("2026-01-02T03:04:05+02:00")).value == "2026-01-02T01-04-05Z")
        #expect(SnapshotID.isWellFormed("2026-11-25T17-03-12Z-2"))
        #expect(!SnapshotID.isWellFormed("../2026-11-25T17-03-12Z"))
    }
}
