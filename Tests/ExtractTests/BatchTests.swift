import Foundation
import TestSupport
import Testing
@testable import Extract

@Suite struct Batch {
    @Test func orderKeptErrorsInPlace() throws {
        let dir = try ScratchFolder.make("batch")
        var lines: [String] = []
        for i in 0..<20 {
            let name = "p\(i).html"
            if i == 7 { lines.append(#"{"file":"missing.html","url":"https://x.example/m","fetched_at":"2024-01-01T00:00:00Z"}"#); continue }
            if i == 11 {
                try Data([0x00, 0x01, 0x02]).write(to: dir.appendingPathComponent(name))
            } else {
                try Data("<html><head><title>Page \(i)</title></head><body><p>text \(i)</p></body></html>".utf8).write(to: dir.appendingPathComponent(name))
            }
            lines.append(#"{"file":"\#(name)","url":"https://x.example/\#(i)","fetched_at":"2024-01-01T00:00:00Z"}"#)
        }
        for jobs in [1, 3] {
            let runner = BatchExtraction(extractor: Extractor(rules: .empty), jobs: jobs, defaultFetchedAt: Date(timeIntervalSince1970: 0),
                                         baseDirectory: dir.path)
            var out: [String] = []
            runner.run(lines: lines + ["", "not json"]) { out.append(String(decoding: $0, as: UTF8.self)) }
            #expect(out.count == 21)
            #expect(out[7] == #"{"error":"missing.html: cannot read the file","file":"missing.html"}"#)
            #expect(out[11] == #"{"error":"p11.html: not HTML (binary data)","file":"p11.html"}"#)
            #expect(out[20].hasPrefix(#"{"error":"manifest line is not a JSON object"#))
            for i in [0, 5, 19] {
                let rec = try JSONDecoder().decode(PageRecord.self, from: Data(out[i].utf8))
                #expect(rec.title == "Page \(i)")
                #expect(rec.fetchedAt == "2024-01-01T00:00:00Z")
            }
        }
    }
}

/// More lines than the threads' window holds: output must still come in input order, one line per input line.
@Test func orderKeptPastTheWindow() throws {
    let dir = try ScratchFolder.make("batch")
    var lines: [String] = []
    for i in 0..<100 {
        // Uneven page sizes so that threads finish out of order.
        let filler = String(repeating: "<p>word, word and word.</p>", count: (i * 37) % 200)
        try Data("<html><head><title>Page \(i)</title></head><body>\(filler)</body></html>".utf8)
            .write(to: dir.appendingPathComponent("p\(i).html"))
        lines.append(#"{"file":"p\#(i).html","url":"https://x.example/\#(i)","fetched_at":"2024-01-01T00:00:00Z"}"#)
    }
    let runner = BatchExtraction(extractor: Extractor(rules: .empty), jobs: 2, defaultFetchedAt: Date(timeIntervalSince1970: 0),
                                 baseDirectory: dir.path)
    var out: [String] = []
    runner.run(lines: lines) { out.append(String(decoding: $0, as: UTF8.self)) }
    #expect(out.count == 100)
    for (i, line) in out.enumerated() {
        let rec = try JSONDecoder().decode(PageRecord.self, from: Data(line.utf8))
        #expect(rec.title == "Page \(i)")
    }
}

struct ISOTimeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let seconds: Double
    let text: String
    var testDescription: String { name }
}

@Test(arguments: [
    ISOTimeCase(name: "epoch", seconds: 0, text: "1970-01-01T00:00:00Z"),
    ISOTimeCase(name: "leap day", seconds: 1_709_209_845, text: "2024-02-29T12:30:45Z"),
    ISOTimeCase(name: "fraction dropped", seconds: 1_732_536_000.9, text: "2024-11-25T12:00:00Z"),
    ISOTimeCase(name: "before 1970", seconds: -86_401, text: "1969-12-30T23:59:59Z"),
    ISOTimeCase(name: "end of year", seconds: 1_735_689_599, text: "2024-12-31T23:59:59Z"),
    ISOTimeCase(name: "year 1 padded", seconds: -62_135_596_800, text: "0001-01-01T00:00:00Z"),
    // Not read back (`parse` does not take these years): a fraction added, so that the test only formats them.
    ISOTimeCase(name: "year 0", seconds: -62_167_219_199.5, text: "0000-01-01T00:00:00Z"),
    ISOTimeCase(name: "year before 0", seconds: -62_198_755_199.5, text: "-1-01-01T00:00:00Z"),
    ISOTimeCase(name: "five-digit year", seconds: 253_402_300_800.5, text: "10000-01-01T00:00:00Z"),
])
func isoTimeFormats(_ c: ISOTimeCase) {
    #expect(ISOTime.utc(Date(timeIntervalSince1970: c.seconds)) == c.text)
    if c.seconds == c.seconds.rounded(.down) { #expect(ISOTime.parse(c.text) == Date(timeIntervalSince1970: c.seconds)) }
}
