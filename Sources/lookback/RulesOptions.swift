import ArgumentParser
import Extract
import Foundation

/// `--rules FILE`, shared by the commands that extract.
struct RulesOptions: ParsableArguments {
    @Option(help: "Rules file (default: the repo's rules.json).")
    var rules: String?

    /// The given rules file, else the repo's `rules.json` (found from the executable's folder, then the
    /// current one), else no rules (heuristics alone). A bad file is reported for `command` as exit 2.
    func load(for command: String) throws -> Rules {
        guard let path = rules ?? Rules.defaultPath(executablePath: Bundle.main.executablePath,
                                                    currentDirectory: FileManager.default.currentDirectoryPath) else {
            return .empty
        }
        do { return try Rules.load(path: path) } catch { throw fail(command, error, code: 2) }
    }
}
