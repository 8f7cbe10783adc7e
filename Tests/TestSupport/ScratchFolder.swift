import Foundation

/// Temporary folders for tests.
///
/// Every folder is made inside one folder per test process, `lookback-tests-<pid>` in the system temp directory,
/// which is removed when the process exits: a test run leaves nothing behind, however many archives its tests wrote.
/// A run that crashes keeps its folder, which is what one wants to look at then.
public enum ScratchFolder {
    /// A new, empty folder whose name starts with `prefix`.
    public static func make(_ prefix: String) throws -> URL {
        let safe = prefix.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let dir = processRoot.appendingPathComponent("\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The folder of this process, made (and its removal at exit registered) on first use.
    private static let processRoot: URL = {
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.rootPath(pid: getpid())) }
        return rootPath(pid: getpid())
    }()

    private static func rootPath(pid: Int32) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("lookback-tests-\(pid)")
    }
}
