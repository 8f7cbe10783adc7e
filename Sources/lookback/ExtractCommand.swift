import ArgumentParser
import Extract
import Foundation

/// `lookback extract`: one page record from an HTML file, or a batch from a JSON Lines manifest.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the page record of an HTML file (or of every file in a batch manifest).",
        discussion: """
            Single file: prints one pretty JSON record. --batch: reads lines {"file","url","fetched_at","content_type"?} \
            and prints one compact record per line, in input order; a file that cannot be read or parsed gives \
            {"file":…,"error":…} in its place. --rules defaults to the rules.json of the repo lookback was built in \
            (found by walking up from the executable, then from the current directory).
            Exit status: 0 ok, 1 the page could not be extracted, 2 bad rules file, manifest or options.
            """)

    @Option(help: "The URL the page was fetched from (default: file:// URL of FILE).")
    var url: String?

    @Option(name: .customLong("fetched-at"), help: "ISO 8601 fetch time; relative dates resolve against it (default: now).")
    var fetchedAt: String?

    @Option(name: .customLong("content-type"), help: "HTTP Content-Type of the page (its charset wins).")
    var contentType: String?

    @OptionGroup var rules: RulesOptions

    @Option(help: "JSON Lines manifest of pages to extract.")
    var batch: String?

    @Option(help: "Threads for --batch.")
    var jobs: Int = 1

    @Argument(help: "The HTML file.")
    var file: String?

    func validate() throws {
        if batch == nil && file == nil { throw ValidationError("give an HTML FILE or --batch MANIFEST") }
        if batch != nil && file != nil { throw ValidationError("give either FILE or --batch, not both") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let now = Date()   // the only clock read: the default fetch time
        let loaded = try rules.load(for: "extract")
        let extractor = Extractor(rules: loaded)
        if let batch { try runBatch(batch, extractor: extractor, now: now); return }
        guard let file else { throw ExitCode(2) }
        var fetched = now
        if let f = fetchedAt {
            guard let d = ISOTime.parse(f) else {
                throw fail("extract", "--fetched-at: not an ISO 8601 time: \(f)", code: 2)
            }
            fetched = d
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw fail("extract", "\(file): cannot read the file", code: 1)
        }
        let input = ExtractionInput(bytes: Array(data), url: url ?? "file://" + Self.absolute(file),
                                    fetchedAt: fetched, contentType: contentType)
        do {
            let record = try extractor.record(input)
            FileHandle.standardOutput.write(try record.jsonData(pretty: true))
        } catch let e as ExtractError {
            throw fail("extract", "\(file): \(e.description)", code: 1)
        }
    }

    private func runBatch(_ manifest: String, extractor: Extractor, now: Date) throws {
        guard let text = try? String(contentsOfFile: manifest, encoding: .utf8) else {
            throw fail("extract", "\(manifest): cannot read the manifest", code: 2)
        }
        let dir = (Self.absolute(manifest) as NSString).deletingLastPathComponent
        let runner = BatchExtraction(extractor: extractor, jobs: jobs, defaultFetchedAt: now, baseDirectory: dir)
        var out = Data()
        runner.run(lines: text.split(separator: "\n", omittingEmptySubsequences: true).lazy.map(String.init)) { line in
            out.append(contentsOf: line); out.append(0x0A)
            if out.count > 1 << 20 { FileHandle.standardOutput.write(out); out.removeAll(keepingCapacity: true) }
        }
        FileHandle.standardOutput.write(out)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
