import Foundation
import TestSupport
import Testing

/// Runs the built `lookback extract` binary (built next to the test runner by `swift test`).
@Suite struct ExtractCLITests {
    static var binary: String {
        #if os(macOS)
        let dir = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }!.bundleURL.deletingLastPathComponent()
        #else
        let dir = Bundle.main.bundleURL
        #endif
        return dir.appendingPathComponent("lookback").path
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExtractTests/Fixtures/golden")

    static func run(_ args: [String], in cwd: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        try ScratchFolder.make("extract-cli")
    }

    @Test func singleFileFromAnotherFolderUsesTheRepoRules() throws {
        let tmp = try Self.tempDir()
        let dir = Self.golden.appendingPathComponent("wordpress-jetpack")
        let r = try Self.run(["extract", "--url", "https://slownotes.example/2024/03/14/on-kettles-and-patience/",
                              "--fetched-at", "2024-05-01T12:00:00Z", "--content-type", "text/html; charset=UTF-8",
                              dir.appendingPathComponent("page.html").path], in: tmp)
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOf: dir.appendingPathComponent("expected.json"), encoding: .utf8)
        // The golden record was made with the repo's rules.json (the Jetpack related rule): same bytes.
        #expect(r.stdout == expected)
    }

    @Test func batchKeepsOrderAndReportsUnreadableFiles() throws {
        let tmp = try Self.tempDir()
        var lines: [String] = []
        for name in ["ghost-casper", "missing", "hugo-papermod", "blogger"] {
            let file = Self.golden.appendingPathComponent(name).appendingPathComponent("page.html").path
            lines.append(#"{"file":"\#(file)","url":"https://x.example/\#(name)","fetched_at":"2024-07-01T00:00:00Z"}"#)
        }
        let manifest = tmp.appendingPathComponent("m.jsonl")
        try lines.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        for jobs in ["1", "2"] {
            let r = try Self.run(["extract", "--batch", manifest.path, "--jobs", jobs])
            #expect(r.status == 0, "\(r.stderr)")
            let out = r.stdout.split(separator: "\n").map(String.init)
            #expect(out.count == 4)
            #expect(out[1].contains(#""error":"#) && out[1].contains("missing/page.html: cannot read the file"))
            #expect(out[0].contains(#""title":"Field Notes from the Harbor""#))
            #expect(out[2].contains(#""title":"Profiling a Tiny Parser""#))
            #expect(out[3].contains(#""url":"https://x.example/blogger""#))
        }
    }

    @Test func badRulesExitTwoNamingThePath() throws {
        let tmp = try Self.tempDir()
        let rules = tmp.appendingPathComponent("rules.json")
        try #"{"version":1,"sites":[{"name":"a","match":{"hosts":["a.example"]},"related":{"item":"div[class"}}]}"#
            .write(to: rules, atomically: true, encoding: .utf8)
        let page = Self.golden.appendingPathComponent("blogger/page.html").path
        let r = try Self.run(["extract", "--rules", rules.path, page])
        #expect(r.status == 2)
        #expect(r.stderr.contains("rules.json: sites[0].related.item: invalid CSS selector"))
    }

    @Test func binaryFileExitsOneNamingTheFile() throws {
        let tmp = try Self.tempDir()
        let bin = tmp.appendingPathComponent("image.html")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]).write(to: bin)
        let r = try Self.run(["extract", bin.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("image.html: not HTML (binary data)"))
    }
}
