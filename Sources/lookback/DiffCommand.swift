import Archive
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `lookback diff SITE [OLD NEW]`: what changed between two snapshots (by default the last two). Exit status like diff(1).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the posts added, removed, moved and changed (field by field) between two snapshots.",
        discussion: """
            OLD and NEW are snapshot ids, or `previous` and `latest` (the defaults: the last two snapshots). Only content counts (title, authors, \
            published, modified, body, related, tags); a moved post (redirect, shared canonical URL, JSON-LD @id \
            or shortlink) is reported as moved. text: a summary line, then each change, coloured on a terminal; \
            json: {"site","old","new","added","removed","moved","changed","unchanged"}. \
            Exit status: 0 nothing changed, 1 something changed, 2 error.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "The site (host[:port] or a URL of it).")
    var site: String

    @Argument(help: "The older snapshot (id or previous).")
    var old: String = "previous"

    @Argument(help: "The newer snapshot (id or latest).")
    var new: String = "latest"

    @Option(help: "text or json.")
    var format: String = "text"

    @Option(help: "Write to this file instead of stdout.")
    var output: String?

    func validate() throws {
        if !["text", "json"].contains(format) { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        let diff: SnapshotDiff
        do {
            let store = options.store
            diff = try Differ.diff(old: store.open(site: site, snapshot: old), new: store.open(site: site, snapshot: new))
            let color = output == nil && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let data = format == "json" ? try diff.json() : Data(diff.text(color: color).utf8)
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        } catch {
            throw fail("diff", error, code: 2)
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
