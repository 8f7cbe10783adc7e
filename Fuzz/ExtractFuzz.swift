import Foundation
import Extract
@testable import HTML

// libFuzzer's target (scripts/fuzz.sh builds it, with -sanitize=fuzzer,address): any bytes through the whole extract
// path, and HTMLParser's tree against libxml2's. A crash, a sanitizer report, a timeout or an abort here is a bug.

private let extractor: Extractor = {
    let path = ProcessInfo.processInfo.environment["LOOKBACK_RULES"] ?? "rules.json"
    guard let rules = try? Rules.load(path: path) else { fatalError("fuzz: no rules at \(path) (set LOOKBACK_RULES)") }
    return Extractor(rules: rules)
}()

/// The HTTP charsets the pages are read with: picked by the input's length, so one input always takes the same.
private let contentTypes: [String?] = [
    nil, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252", "text/html; charset=Shift_JIS",
    "text/html; charset=EUC-JP", "text/html; charset=UTF-16", "text/html; charset=ISO-2022-JP",
    "text/html; charset=gb18030", "text/html; charset=x-unknown", "text/html; charset=UTF-16BE",
]

private let fetchedAt = Date(timeIntervalSince1970: 1_700_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let contentType = contentTypes[size % contentTypes.count]
    // A post's URL and a site's front page take different paths (classification, listings).
    let url = size % 2 == 0 ? "https://fuzz.example/2024/05/a-post/" : "https://fuzz.example/"
    let input = ExtractionInput(bytes: bytes, url: url, fetchedAt: fetchedAt, contentType: contentType)
    if let page = try? extractor.extract(input) {
        _ = try? page.record.jsonData(pretty: false)
        _ = page.record.contentFieldsJSON()
    }
    if size % 3 == 0 { _ = try? extractor.extractUnlessListing(input) }
    compareTrees(bytes, contentType: contentType ?? "text/html")
    return 0
}

/// HTMLParser must build libxml2's tree (and the element index a walk of it makes), with and without raw text.
private func compareTrees(_ bytes: [UInt8], contentType: String) {
    for drops in [false, true] {
        guard let ours = try? HTMLDocument(bytes: bytes, url: "https://x.example/a/", contentType: contentType,
                                           dropsRawText: drops),
              ours.parsedByHTMLParser else { continue }
        guard let theirs = try? HTMLDocument(bytes: bytes, url: "https://x.example/a/", contentType: contentType,
                                             dropsRawText: false, parsesWithLibxml2: true) else {
            fatalError("fuzz: HTMLParser made a tree of bytes libxml2 makes none of")
        }
        let a = ours.treeDump(omittingRawText: drops), b = theirs.treeDump(omittingRawText: drops)
        if a != b {
            FileHandle.standardError.write(Data("fuzz: different trees (\(contentType), dropsRawText \(drops))\n\(firstDifference(a, b))\n".utf8))
            abort()
        }
        if ours.hasElementIndex, ours.elementIndex.entries != ElementIndex(ours.doc).entries {
            FileHandle.standardError.write(Data("fuzz: a different element index (\(contentType))\n".utf8))
            abort()
        }
    }
}

private func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
    var i = 0
    while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
    func at(_ l: [Substring], _ k: Int) -> String { k >= 0 && k < l.count ? String(l[k].prefix(300)) : "(end)" }
    return "  line \(i): \(at(x, i - 1))\n  HTMLParser: \(at(x, i))\n  libxml2:    \(at(y, i))"
}
