import Archive
import ArgumentParser
import Foundation

/// `--archive DIR`, shared by the commands that read the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(help: "Archive folder.")
    var archive: String = "archive"

    var store: ArchiveStore { ArchiveStore(root: URL(fileURLWithPath: archive)) }
}

/// Prints `lookback <command>: <message>` on stderr and exits with `code`.
func fail(_ command: String, _ error: Error, code: Int32) -> ExitCode {
    let message = (error as? ArchiveError)?.description ?? "\(error)"
    FileHandle.standardError.write(Data("lookback \(command): \(message)\n".utf8))
    return ExitCode(code)
}
