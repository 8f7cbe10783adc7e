import Foundation

/// The two output forms of `lookback diff`.
extension SnapshotDiff {
    private struct JSONForm: Encodable {
        struct Move: Encodable { var from: String; var to: String }
        struct Field: Encodable { var old: JSONValue; var new: JSONValue }
        struct Change: Encodable {
            var url: String
            var fields: [String: Field]
            var bodyDiff: String
            enum CodingKeys: String, CodingKey { case url, fields, bodyDiff = "body_diff" }
        }
        var site: String, old: String, new: String
        var added: [String], removed: [String], moved: [Move], changed: [Change], unchanged: Int
    }

    /// `{"site","old","new","added","removed","moved","changed","unchanged"}`: pretty, sorted keys,
    /// trailing newline.
    public func json() throws -> Data {
        let form = JSONForm(site: site, old: old, new: new, added: added, removed: removed,
                            moved: moved.map { .init(from: $0.from, to: $0.to) },
                            changed: changed.map { c in
                                .init(url: c.url, fields: c.fields.mapValues { .init(old: $0.old, new: $0.new) }, bodyDiff: c.bodyDiff)
                            },
                            unchanged: unchanged)
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var d = try e.encode(form)
        d.append(0x0A)
        return d
    }

    /// A one-line summary: `site OLD -> NEW: 3 added, 2 removed, 1 moved, 5 changed, 290 unchanged`.
    public var summary: String {
        "\(site) \(old) -> \(new): \(added.count) added, \(removed.count) removed, \(moved.count) moved, "
            + "\(changed.count) changed, \(unchanged) unchanged"
    }

    /// The summary line, then each added, removed and moved URL, then each changed post with its changed
    /// fields (lists: only the items that went or came) and its body diff by paragraph. ANSI colours only
    /// when `color` is true (a terminal).
    public func text(color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = summary + "\n"
        for u in added { out += paint("+ added    \(u)", "32") + "\n" }
        for u in removed { out += paint("- removed  \(u)", "31") + "\n" }
        for m in moved { out += paint("> moved    \(m.from) -> \(m.to)", "36") + "\n" }
        for c in changed {
            out += "\n" + paint("~ changed  \(c.url)", "1;33") + "\n"
            for name in Differ.fields where name != "body" {
                guard let f = c.fields[name] else { continue }
                out += "  \(name):\n"
                if case let .array(a) = f.old, case let .array(b) = f.new,
                   a.contains(where: { !b.contains($0) }) || b.contains(where: { !a.contains($0) }) {
                    // Lists (authors, tags, related cards): only the items that went or came.
                    for item in a where !b.contains(item) { out += paint("    - \(item.text)", "31") + "\n" }
                    for item in b where !a.contains(item) { out += paint("    + \(item.text)", "32") + "\n" }
                } else {
                    out += paint("    - \(f.old.text)", "31") + "\n"
                    out += paint("    + \(f.new.text)", "32") + "\n"
                }
            }
            if c.fields["body"] != nil {
                out += "  body:\n"
                for line in c.bodyDiff.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                    let s = "    " + line
                    switch line.first {
                    case "-": out += paint(s, "31") + "\n"
                    case "+": out += paint(s, "32") + "\n"
                    case "@": out += paint(s, "36") + "\n"
                    default: out += s + "\n"
                    }
                }
            }
        }
        return out
    }
}
