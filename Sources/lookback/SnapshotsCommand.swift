import Archive
import ArgumentParser
import Foundation

/// `lookback snapshots SITE`: the site's snapshots, oldest first.
struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List a site's snapshots (id, start time, posts, status), oldest first.",
        discussion: """
            SITE is the site's folder name in the archive (host[:port], see `lookback sites`) or any URL of it. \
            A `partial` snapshot is an interrupted crawl: `lookback crawl` resumes it. \
            Exit status: 0 ok, 2 no such site or an unreadable archive.
            """)

    @OptionGroup var options: ArchiveOptions

    @Argument(help: "The site (host[:port] or a URL of it).")
    var site: String

    func run() throws {
        do {
            var out = ""
            for s in try options.store.snapshots(site: site) {
                out += "\(s.id)\t\(s.startedAt)\t\(s.postCount) posts\t\(s.status.rawValue)\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        } catch {
            throw fail("snapshots", error, code: 2)
        }
    }
}
