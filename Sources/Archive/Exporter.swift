import Extract
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes all post records of a snapshot, sorted by URL.
public enum Exporter {
    public enum Format: String, Sendable, CaseIterable {
        /// One document: `{"posts":[...],"site":...,"snapshot":...}` (pretty, sorted keys, trailing newline).
        case json
        /// One compact record per line.
        case jsonl
    }

    /// Streams the snapshot to `handle` record by record (memory stays bounded by one record).
    public static func export(_ snapshot: Snapshot, format: Format, to handle: FileHandle) throws {
        var out = BufferedOutput(handle: handle)
        var scratch: [UInt8] = []
        switch format {
        case .jsonl:
            try snapshot.forEachPrettyRecord { pretty in
                out.append(RecordBytes.compact(pretty, terminator: 0x0A))
                try out.flushIfFull()
            }
        case .json:
            // Keys in sorted order, as a sorted-key encoder would write the whole document.
            out.append("{\n  \"posts\" : [")
            var first = true
            try snapshot.forEachPrettyRecord { pretty in
                out.append(first ? "\n" : ",\n")
                first = false
                scratch.removeAll(keepingCapacity: true)
                RecordBytes.indent(pretty, by: 4, into: &scratch)
                out.append(scratch)
                try out.flushIfFull()
            }
            out.append(first ? "\n\n  ],\n" : "\n  ],\n")
            out.append("  \"site\" : \(jsonString(snapshot.site)),\n")
            out.append("  \"snapshot\" : \(jsonString(snapshot.id))\n}\n")
        }
        try out.flush()
    }

    /// Exports into a file (replaced atomically).
    public static func export(_ snapshot: Snapshot, format: Format, to path: URL) throws {
        let tmp = path.deletingLastPathComponent().appendingPathComponent(".\(path.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let h = FileHandle(forWritingAtPath: tmp.path) else {
            throw ArchiveError.io(path: path.path, reason: "cannot create the export file")
        }
        do {
            try export(snapshot, format: format, to: h)
            try h.close()
            guard rename(tmp.path, path.path) == 0 else {
                throw ArchiveError.io(path: path.path, reason: "cannot move the export into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? h.close()
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}

/// A JSON string literal for `s`: the bytes `JSONEncoder` (`.withoutEscapingSlashes`) writes, by `CompactJSON`.
func jsonString(_ s: String) -> String {
    var out = ""
    appendJSONString(s, to: &out)
    return out
}

/// Appends `jsonString(s)` to `out`, without making it apart first.
func appendJSONString(_ s: String, to out: inout String) {
    // Fast path: nothing to escape (the common case for URLs, dates and ids). Looked for in the bytes in place: a
    // generic walk of `utf8` took ~28 instructions a byte.
    let escaped = { (b: UInt8) in b < 0x20 || b == 0x22 || b == 0x5C }
    if !(s.utf8.withContiguousStorageIfAvailable { $0.contains(where: escaped) } ?? s.utf8.contains(where: escaped)) {
        out.append("\"")
        out.append(s)
        out.append("\"")
        return
    }
    var json = CompactJSON(capacity: s.utf8.count + 8)
    json.string(s)
    out.append(String(decoding: json.bytes, as: UTF8.self))
}

/// Collects output and writes it in large blocks.
struct BufferedOutput {
    let handle: FileHandle
    var buffer = Data()
    static let blockSize = 1 << 20

    init(handle: FileHandle) { self.handle = handle; buffer.reserveCapacity(Self.blockSize + 65536) }

    mutating func append(_ d: Data) { buffer.append(d) }
    mutating func append(_ b: [UInt8]) { buffer.append(contentsOf: b) }
    mutating func append(_ b: UInt8) { buffer.append(b) }
    mutating func append(_ s: String) { buffer.append(contentsOf: Array(s.utf8)) }
    mutating func flushIfFull() throws { if buffer.count >= Self.blockSize { try flush() } }
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
