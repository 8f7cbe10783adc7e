import Archive
import ArgumentParser
import Foundation

/// `--archive DIR`, shared by the commands that read the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(help: "Archive folder.")
    var archive: String = "archive"

    var store: ArchiveStore { ArchiveStore(root: URL(fileURLWithPath: archive)) }
}
