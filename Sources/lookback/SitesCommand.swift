import Archive
import ArgumentParser
import Foundation

/// `lookback sites`: the archived sites.
struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List the archived sites, one per line.",
        discussion: "Exit status: 0 ok (an empty or missing archive lists nothing), 2 an unreadable archive.")

    @OptionGroup var options: ArchiveOptions

    func run() throws {
        do {
            let sites = try options.store.sites()
            FileHandle.standardOutput.write(Data(sites.map { $0 + "\n" }.joined().utf8))
        } catch {
            throw fail("sites", error, code: 2)
        }
    }
}
