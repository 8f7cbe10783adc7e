/// Why `rules.json` was refused: names the file, the JSON path and what was expected,
/// e.g. `rules.json: sites[2].related.item: invalid CSS selector at 5: unexpected ']'`.
public struct RulesError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    /// JSON path of the offending value (`sites[2].related.item`), empty for the whole file.
    public let path: String
    public let reason: String

    public init(file: String, path: String, reason: String) {
        self.file = file; self.path = path; self.reason = reason
    }

    public var description: String {
        path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)"
    }
}

/// Why a value in `rules.json` was refused, before `RulesParser` adds the file and the JSON path.
struct RulesReason: Error { let text: String; init(_ t: String) { text = t } }
