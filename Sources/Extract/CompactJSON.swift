import HTML

/// Compact JSON for page records, byte for byte what `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` (callers write keys in sorted order), without the encoder's boxing and dictionaries.
public struct CompactJSON {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma first.
    private var needsComma = false

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { separate(); bytes.append(0x7B); needsComma = false }
    mutating func endObject() { bytes.append(0x7D); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(0x5B); needsComma = false }
    mutating func endArray() { bytes.append(0x5D); needsComma = true }

    mutating func key(_ k: StaticString) {
        separate()
        bytes.append(0x22)
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [0x22, 0x3A])
        needsComma = false
    }

    mutating func null() { separate(); bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]); needsComma = true }

    mutating func int(_ v: Int) { separate(); bytes.append(contentsOf: String(v).utf8); needsComma = true }

    mutating func int(_ v: Int?) { if let v { int(v) } else { null() } }

    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }

    mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \t \n \f \r` or `\u00xx`; the rest as UTF-8.
    public mutating func string(_ s: String) {
        separate()
        bytes.append(0x22)
        s.withUTF8Bytes { u in
            var start = 0
            var i = 0
            while i < u.count {
                // Eight bytes at a time while none needs escaping (body.text and body.html are most of a record).
                if i + 8 <= u.count {
                    let w = ByteWord.load(u.baseAddress! + i)
                    if !(ByteWord.hasBelow(w, 0x20) || ByteWord.has(w, 0x22) || ByteWord.has(w, 0x5C)) { i += 8; continue }
                }
                let b = u[i]
                i += 1
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<(i - 1)]))
                start = i
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
        }
        bytes.append(0x22)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }
}

extension PageRecord {
    /// The compact record (sorted keys, explicit nulls); what `JSONEncoder` with `makeEncoder(pretty: false)` gives.
    func compactJSON() -> [UInt8] { compactJSON(contentHash: true, fetchFields: true) }

    /// The fields the content hash covers, as compact JSON (see `computeContentHash`): the record without
    /// `content_hash`, `fetched_at` and `status`.
    func hashedFieldsJSON() -> [UInt8] { compactJSON(contentHash: false, fetchFields: false) }

    /// The record without `fetched_at` and `status` (what an archive stores once per content), as compact
    /// JSON: what `JSONEncoder` with `makeEncoder(pretty: false)` gives for those fields.
    public func contentFieldsJSON() -> [UInt8] { compactJSON(contentHash: true, fetchFields: false) }

    /// `contentFieldsJSON()` with the content hash worked out from the fields (whatever `contentHash` holds),
    /// and that hash: the hashed fields are written once, and the hash put in where its key sorts.
    public func hashedContentFieldsJSON() -> (contentHash: String, json: [UInt8]) {
        hashedJSON(fetchFields: false)
    }

    /// `compactJSON()` with the content hash worked out from the fields (whatever `contentHash` holds), and that
    /// hash: the hashed fields are written once, and the hash, `fetched_at` and `status` put in where their keys sort.
    public func hashedCompactJSON() -> (contentHash: String, json: [UInt8]) {
        hashedJSON(fetchFields: true)
    }

    private func hashedJSON(fetchFields all: Bool) -> (contentHash: String, json: [UInt8]) {
        var marks = Marks()
        let hashed = compactJSON(contentHash: false, fetchFields: false, marks: &marks)
        let hash = "sha256:" + SHA256.hex(hashed)
        func member(_ key: StaticString, _ write: (inout CompactJSON) -> Void) -> [UInt8] {
            var w = CompactJSON()
            w.key(key) // the first member of a writer: no comma
            write(&w)
            return [0x2C] + w.bytes
        }
        // Members in key order, each after the value of the key before it.
        var inserts = [(marks.hash, member("content_hash") { $0.string(hash) })]
        if all {
            inserts.append((marks.fetchedAt, member("fetched_at") { $0.string(fetchedAt) }))
            inserts.append((marks.status, member("status") { $0.int(status) }))
        }
        var json = [UInt8]()
        json.reserveCapacity(hashed.count + inserts.reduce(0) { $0 + $1.1.count })
        var from = 0
        for (at, bytes) in inserts {
            json.append(contentsOf: hashed[from..<at])
            json.append(contentsOf: bytes)
            from = at
        }
        json.append(contentsOf: hashed[from...])
        return (hash, json)
    }

    private func compactJSON(contentHash withHash: Bool, fetchFields all: Bool) -> [UInt8] {
        var unused = Marks()
        return compactJSON(contentHash: withHash, fetchFields: all, marks: &unused)
    }

    /// Where the `content_hash`, `fetched_at` and `status` members go (right after the value of the key before
    /// each), when they are left out.
    private struct Marks { var hash = 0, fetchedAt = 0, status = 0 }

    private func compactJSON(contentHash withHash: Bool, fetchFields all: Bool, marks: inout Marks) -> [UInt8] {
        var w = CompactJSON(capacity: body.html.utf8.count + body.text.utf8.count + 2048)
        w.beginObject()
        w.key("authors"); w.strings(authors)
        w.key("body"); Self.write(body, to: &w)
        w.key("canonical_url"); w.string(canonicalURL)
        marks.hash = w.bytes.count
        if withHash { w.key("content_hash"); w.string(contentHash) }
        w.key("description"); w.string(description)
        marks.fetchedAt = w.bytes.count
        if all { w.key("fetched_at"); w.string(fetchedAt) }
        w.key("language"); w.string(language)
        w.key("modified"); Self.write(modified, to: &w)
        w.key("published"); Self.write(published, to: &w)
        w.key("related"); Self.write(related, to: &w)
        w.key("site_name"); w.string(siteName)
        marks.status = w.bytes.count
        if all { w.key("status"); w.int(status) }
        w.key("tags"); w.strings(tags)
        w.key("title"); w.string(title)
        w.key("url"); w.string(url)
        w.endObject()
        return w.bytes
    }

    private static func write(_ b: Body, to w: inout CompactJSON) {
        w.beginObject()
        w.key("html"); w.string(b.html)
        w.key("text"); w.string(b.text)
        w.key("word_count"); w.int(b.wordCount)
        w.endObject()
    }

    private static func write(_ d: DateField?, to w: inout CompactJSON) {
        guard let d else { w.null(); return }
        w.beginObject()
        w.key("date"); w.string(d.date)
        w.key("precision"); w.string(d.precision)
        w.key("raw"); w.string(d.raw)
        w.key("source"); w.string(d.source)
        w.endObject()
    }

    private static func write(_ cards: [RelatedLink], to w: inout CompactJSON) {
        w.beginArray()
        for c in cards {
            w.beginObject()
            w.key("image"); w.string(c.image)
            w.key("summary"); w.string(c.summary)
            w.key("title"); w.string(c.title)
            w.key("url"); w.string(c.url)
            w.endObject()
        }
        w.endArray()
    }
}
