import Archive
import ArgumentParser
import Foundation

/// `lookback export SITE`: all post records of a snapshot, sorted by URL.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write all post records of a snapshot as JSON or JSON Lines, sorted by URL.",
        discussion: """
            json: one document {"posts":[...],"site":...,"snapshot":...}; jsonl: one compact record per line. \
            Records follow docs/page-record.schema.json. Exit status: 0 ok, 2 no such site or snapshot, or a write error.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "The site (host[:port] or a URL of it).")
    var site: String

    @Option(help: "Snapshot id, or latest / previous.")
    var snapshot: String = "latest"

    @Option(help: "json or jsonl.")
    var format: String = "json"

    @Option(help: "Write to this file instead of stdout.")
    var output: String?

    func validate() throws {
        if Exporter.Format(rawValue: format) == nil { throw ValidationError("--format must be json or jsonl") }
    }

    func run() throws {
        do {
            let snap = try options.store.open(site: site, snapshot: snapshot)
            let fmt = Exporter.Format(rawValue: format) ?? .json
            if let output {
                try Exporter.export(snap, format: fmt, to: URL(fileURLWithPath: output))
            } else {
                try Exporter.export(snap, format: fmt, to: FileHandle.standardOutput)
            }
        } catch {
            throw fail("export", error, code: 2)
        }
    }
}
