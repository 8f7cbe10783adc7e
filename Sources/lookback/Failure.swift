import ArgumentParser
import Foundation

/// Prints `lookback <command>: <message>` on stderr and returns the exit code for the caller to throw,
/// so that every command reports failures the same way and its `defer`s still run.
func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
    FileHandle.standardError.write(Data("lookback \(command): \(message)\n".utf8))
    return ExitCode(code)
}

/// `fail` with an error's description (library errors name the file, URL or field themselves).
func fail(_ command: String, _ error: Error, code: Int32) -> ExitCode {
    fail(command, "\(error)", code: code)
}
