import Foundation
import Testing
@testable import Extract

/// Golden-file tests: every folder under `Fixtures/golden/` holds `page.html`, `input.json`
/// (`url`, `fetched_at`, optional `content_type`, optional `kind`: "post" or "listing", the page's
/// expected classification) and `expected.json`, the pretty page record.
/// Re-record with `LOOKBACK_RECORD_GOLDEN=1 swift test --filter Golden` and review with `git diff`.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")
    static let repoRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules.json")

    static var all: [GoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map(GoldenCase.init(name:))
    }
}

struct GoldenInput: Decodable {
    let url: String
    let fetched_at: String
    let content_type: String?
    let kind: String?
}

@Suite struct Golden {
    @Test func fixturesExist() {
        #expect(GoldenCase.all.count >= 8)
    }

    @Test(arguments: GoldenCase.all)
    func record(_ c: GoldenCase) throws {
        let dir = GoldenCase.root.appendingPathComponent(c.name)
        let rules = try Rules.load(path: GoldenCase.repoRules.path)
        let input = try JSONDecoder().decode(GoldenInput.self, from: Data(contentsOf: dir.appendingPathComponent("input.json")))
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("page.html")))
        let fetched = try #require(ISOTime.parse(input.fetched_at))
        let page = try Extractor(rules: rules).extract(
            ExtractionInput(bytes: bytes, url: input.url, fetchedAt: fetched, contentType: input.content_type))
        if let kind = input.kind {
            #expect(page.kind.rawValue == kind, "\(c.name): classified \(page.kind.rawValue), expected \(kind)")
        }
        let got = try page.record.jsonData(pretty: true)
        let expectedURL = dir.appendingPathComponent("expected.json")
        if ProcessInfo.processInfo.environment["LOOKBACK_RECORD_GOLDEN"] == "1" {
            try got.write(to: expectedURL)
            return
        }
        let expected = try Data(contentsOf: expectedURL)
        #expect(String(decoding: got, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "\(c.name): record differs from expected.json (re-record with LOOKBACK_RECORD_GOLDEN=1 and review the diff)")
        // The same input gives the same bytes, also on the record-only path `lookback extract` takes.
        let again = try Extractor(rules: rules).record(
            ExtractionInput(bytes: bytes, url: input.url, fetchedAt: fetched, contentType: input.content_type))
        #expect(try again.jsonData(pretty: true) == got)
    }
}
