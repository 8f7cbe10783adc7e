import HTML

/// Byte-level forms of a stored record, for exports that must not pay for decoding and re-encoding
/// every post. Stored objects are the pretty, sorted-key encoding of the record without `fetched_at` and
/// `status`; top-level keys are the lines indented by exactly two spaces.
enum RecordBytes {
    /// The pretty record: the stored object with the `fetched_at` and `status` lines put back where the
    /// sorted-key encoder writes them (before `language` and before `tags`), without the final newline.
    /// `nil` when the object does not have that shape.
    static func pretty(stored: [UInt8], fetchedAt: String, status: Int?) -> [UInt8]? {
        var end = stored.count
        while end > 0, stored[end - 1] == 0x0A { end -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(end + 64)
        var insertedFetched = false, insertedStatus = false
        var start = 0
        while start < end {
            var stop = start
            while stop < end, stored[stop] != 0x0A { stop += 1 }
            if topLevelKey(stored, at: start, is: languageKey) {
                out += Array("  \"fetched_at\" : \(jsonString(fetchedAt)),\n".utf8)
                insertedFetched = true
            } else if topLevelKey(stored, at: start, is: tagsKey) {
                out += Array("  \"status\" : \(status.map(String.init) ?? "null"),\n".utf8)
                insertedStatus = true
            }
            out.append(contentsOf: stored[start..<stop])
            if stop < end { out.append(0x0A) }
            start = stop + 1
        }
        return insertedFetched && insertedStatus ? out : nil
    }

    /// The compact form of pretty JSON: every whitespace byte outside strings dropped (this is exactly
    /// the compact sorted-key encoding), followed by `terminator`.
    static func compact(_ pretty: [UInt8], terminator: UInt8) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pretty.count + 1) { out, count in
            var n = 0
            var inString = false, escaped = false
            pretty.withUnsafeBufferPointer { src in
                for b in src {
                    if inString {
                        out[n] = b; n += 1
                        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                    } else if b == 0x22 {
                        inString = true; out[n] = b; n += 1
                    } else if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 {
                        out[n] = b; n += 1
                    }
                }
            }
            out[n] = terminator
            count = n + 1
        }
    }

    /// Pretty JSON from compact JSON, byte for byte what `JSONEncoder` with `.prettyPrinted` writes for the
    /// same value: two-space indentation, `"key" : value`, one element per line, and an empty array or
    /// object as its brackets around a blank line. `compact` must be compact JSON as `JSONEncoder` writes it
    /// (no whitespace outside strings), which is what `PageRecord`'s compact writers produce.
    static func prettyPrinted(_ compact: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count + compact.count / 8 + 64)
        var depth = 0
        func newline(_ out: inout [UInt8], _ depth: Int) {
            out.append(0x0A)
            for _ in 0..<(2 * depth) { out.append(0x20) }
        }
        compact.withUnsafeBufferPointer { src in
            let n = src.count
            var i = 0
            while i < n {
                let b = src[i]
                switch b {
                case 0x22:
                    // A string, copied whole: its end is the next quote not escaped by a backslash. Eight bytes at
                    // a time while none is a quote or a backslash (body.html and body.text are most of a record).
                    var j = i + 1
                    while j < n {
                        if j + 8 <= n {
                            let w = ByteWord.load(src.baseAddress! + j)
                            if !(ByteWord.has(w, 0x22) || ByteWord.has(w, 0x5C)) { j += 8; continue }
                        }
                        let c = src[j]
                        if c == 0x5C { j += 2; continue }
                        if c == 0x22 { break }
                        j += 1
                    }
                    let end = min(j + 1, n)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<end]))
                    i = end
                    continue
                case 0x7B, 0x5B:
                    out.append(b)
                    depth += 1
                    if i + 1 < n, src[i + 1] == b + 2 {
                        // Empty: the encoder still opens a line and closes it.
                        out.append(0x0A)
                        depth -= 1
                        newline(&out, depth)
                        out.append(b + 2)
                        i += 2
                        continue
                    }
                    newline(&out, depth)
                case 0x7D, 0x5D:
                    depth -= 1
                    newline(&out, depth)
                    out.append(b)
                case 0x2C:
                    out.append(b)
                    newline(&out, depth)
                case 0x3A:
                    out.append(contentsOf: [0x20, 0x3A, 0x20])
                default:
                    out.append(b)
                }
                i += 1
            }
        }
        return out
    }

    /// Appends `pretty` indented by `spaces` (blank lines stay blank, as the encoder writes them).
    static func indent(_ pretty: [UInt8], by spaces: Int, into out: inout [UInt8]) {
        let pad = [UInt8](repeating: 0x20, count: spaces)
        var atLineStart = true
        for b in pretty {
            if atLineStart && b != 0x0A { out += pad }
            out.append(b)
            atLineStart = b == 0x0A
        }
    }

    private static let languageKey = Array("  \"language\"".utf8)
    private static let tagsKey = Array("  \"tags\"".utf8)

    private static func topLevelKey(_ bytes: [UInt8], at i: Int, is key: [UInt8]) -> Bool {
        guard i + key.count < bytes.count else { return false }
        for k in 0..<key.count where bytes[i + k] != key[k] { return false }
        return true
    }
}
