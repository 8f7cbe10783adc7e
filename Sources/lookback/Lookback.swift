import ArgumentParser

@main
struct Lookback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookback",
        abstract: "Archive blogs as normalized, deterministic JSON snapshots.",
        subcommands: [ExtractCommand.self, CrawlCommand.self, SnapshotsCommand.self, SitesCommand.self, ExportCommand.self, DiffCommand.self, ReextractCommand.self])
}
