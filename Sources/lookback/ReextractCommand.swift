import Archive
import ArgumentParser
import Extract
import Fetch
import Foundation

/// `lookback reextract SITE [SNAPSHOT]`: rebuild a snapshot's records from its WARC with the current rules.
struct ReextractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reextract",
        abstract: "Rebuild a snapshot's records from its WARC captures with the current rules, as a new snapshot.",
        discussion: """
            No network: every post is extracted again from its archived response (revisit records are followed \
            to the capture they refer to). A post whose capture cannot be found keeps its old record. The last \
            line on stdout is the new snapshot id. Exit status: 0 ok, 2 bad rules, no such site or snapshot, \
            the site locked by a running crawl, or a write error.
            """)

    @OptionGroup var options: ArchiveOptions

    @OptionGroup var rules: RulesOptions

    @Argument(help: "The site (host[:port] or a URL of it).")
    var site: String

    @Argument(help: "The snapshot to rebuild (id, latest or previous).")
    var snapshot: String = "latest"

    func run() throws {
        let loaded = try rules.load(for: "reextract")
        do {
            let store = options.store
            let source = try store.open(site: site, snapshot: snapshot)
            let outcome = try Reextractor.run(store: store, source: source, extractor: Extractor(rules: loaded),
                                              rulesSHA256: loaded.sha256, toolVersion: FetchConfig.lookbackVersion,
                                              startedAt: Date(), endedAt: { Date() })
            var out = "re-extracted \(outcome.reextracted) posts of \(source.id)"
            if !outcome.kept.isEmpty { out += "; kept the old record of \(outcome.kept.count) (capture not found or not extractable)" }
            FileHandle.standardError.write(Data((out + "\n").utf8))
            FileHandle.standardOutput.write(Data((outcome.id + "\n").utf8))
        } catch {
            throw fail("reextract", error, code: 2)
        }
    }
}
