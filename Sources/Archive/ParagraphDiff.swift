import Foundation

/// A unified diff of two texts by paragraph (paragraphs are separated by a blank line, as in `body.text`).
enum ParagraphDiff {
    /// Paragraphs of context around each change.
    static let context = 1
    /// Above this many paragraph pairs, the LCS table is skipped and the whole body shown as replaced
    /// (bodies are rarely this long; it keeps a pathological page from costing quadratic memory).
    static let maxCells = 4_000_000

    enum Op: Equatable { case same(String), removed(String), added(String) }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The edit script from `a` to `b` (longest common subsequence).
    static func ops(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        if n * m > maxCells { return a.map { .removed($0) } + b.map { .added($0) } }
        // lcs[i][j] = LCS length of a[i...] and b[j...], flattened.
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        let w = m + 1
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * w + j] = a[i] == b[j] ? lcs[(i + 1) * w + j + 1] + 1 : max(lcs[(i + 1) * w + j], lcs[i * w + j + 1])
                }
            }
        }
        var out: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] { out.append(.same(a[i])); i += 1; j += 1 }
            else if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) { out.append(.added(b[j])); j += 1 }
            else { out.append(.removed(a[i])); i += 1 }
        }
        // Show removals before additions inside each run of changes, as diff(1) does.
        var sorted: [Op] = []
        var run: [Op] = []
        func flushRun() {
            sorted += run.filter { if case .removed = $0 { return true }; return false }
            sorted += run.filter { if case .added = $0 { return true }; return false }
            run.removeAll()
        }
        for op in out {
            if case .same = op { flushRun(); sorted.append(op) } else { run.append(op) }
        }
        flushRun()
        return sorted
    }

    /// Unified diff text (`@@ -a,b +c,d @@` hunks, one line per paragraph, `context` paragraphs around
    /// changes), or "" when the texts have the same paragraphs.
    static func unified(old: String, new: String) -> String {
        let ops = ops(paragraphs(old), paragraphs(new))
        let changedIdx = ops.indices.filter { if case .same = ops[$0] { return false }; return true }
        guard !changedIdx.isEmpty else { return "" }
        // Group changes whose context windows overlap into hunks.
        var hunks: [(Int, Int)] = []
        for k in changedIdx {
            let lo = max(0, k - context), hi = min(ops.count - 1, k + context)
            if let last = hunks.last, lo <= last.1 + 1 { hunks[hunks.count - 1].1 = max(last.1, hi) } else { hunks.append((lo, hi)) }
        }
        // Paragraph numbers (1-based) at each op index.
        var oldLine = [Int](repeating: 0, count: ops.count + 1), newLine = oldLine
        var o = 1, nn = 1
        for (k, op) in ops.enumerated() {
            oldLine[k] = o; newLine[k] = nn
            switch op { case .same: o += 1; nn += 1; case .removed: o += 1; case .added: nn += 1 }
        }
        var out = ""
        for (lo, hi) in hunks {
            var oc = 0, nc = 0, lines: [String] = []
            for op in ops[lo...hi] {
                switch op {
                case let .same(p): oc += 1; nc += 1; lines.append(" " + p)
                case let .removed(p): oc += 1; lines.append("-" + p)
                case let .added(p): nc += 1; lines.append("+" + p)
                }
            }
            let os = oc == 0 ? oldLine[lo] - 1 : oldLine[lo], ns = nc == 0 ? newLine[lo] - 1 : newLine[lo]
            out += "@@ -\(os),\(oc) +\(ns),\(nc) @@\n" + lines.map { $0.replacingOccurrences(of: "\n", with: " ") + "\n" }.joined()
        }
        return out
    }
}
