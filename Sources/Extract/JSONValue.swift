import Foundation

/// A JSON value as the JSON-LD finders read it: the tree `JSONSerialization.jsonObject(with:options:
/// .fragmentsAllowed)` gives, typed. `parse` gives that tree for every input (nil where Foundation fails):
/// strict JSON it reads itself, anything else (trailing commas, which Foundation accepts, fractions, exponents,
/// long integers, lone surrogates, `\u0000`, control characters, deep nesting, a byte-order mark, garbage) it
/// leaves to Foundation and converts Foundation's tree.
enum JSONValue {
    case string(String)
    /// A number or a boolean, as the finders read one: `NSNumber.stringValue` of Foundation's number
    /// ("42"; "1.5"; "1" for `true`, "0" for `false`).
    case number(String)
    case null
    case array([JSONValue])
    case object(Object)

    /// An object's members in text order. A key given twice reads as its last value (Foundation's choice); keys
    /// compare as Swift strings (canonical equivalence), as Foundation's dictionary's do. JSON-LD objects hold a
    /// few keys, so a lookup reads them in turn rather than hashing; a larger object has a table.
    struct Object {
        let members: [(key: String, value: JSONValue)]
        /// The last position of each key, for objects of more than `maxScanned` members.
        private let index: [String: Int]?
        /// Members a lookup reads in turn (a lookup per finder and object, graph objects searched by `@id`).
        static let maxScanned = 16

        init(members: [(key: String, value: JSONValue)]) {
            self.members = members
            if members.count > Self.maxScanned {
                var index = [String: Int](minimumCapacity: members.count)
                for (k, m) in members.enumerated() { index[m.key] = k }
                self.index = index
            } else {
                index = nil
            }
        }

        subscript(key: String) -> JSONValue? {
            if let index { return index[key].map { members[$0].value } }
            var k = members.count
            while k > 0 {
                k -= 1
                if members[k].key == key { return members[k].value }
            }
            return nil
        }
    }

    var string: String? { if case .string(let s) = self { return s }; return nil }
    var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    var object: Object? { if case .object(let o) = self { return o }; return nil }

    /// The value of a JSON text, or nil when `JSONSerialization` (fragments allowed) rejects it.
    static func parse(_ text: String) -> JSONValue? {
        if let v = strict(text) { return v }
        guard let data = text.data(using: .utf8),
              let any = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return JSONValue(foundation: any)
    }

    /// The value of a text this reader decides itself (strict JSON without the forms `Reader` leaves), else nil.
    static func strict(_ text: String) -> JSONValue? {
        var text = text
        text.makeContiguousUTF8()
        let read: JSONValue?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var r = Reader(bytes: bytes)
            guard let v = r.value() else { return nil }
            r.skipSpaces()
            return r.i == bytes.count ? v : nil
        }
        return read ?? nil
    }

    /// Foundation's value, typed (its containers hold only these kinds).
    init(foundation x: Any) {
        if let s = x as? String { self = .string(s) }
        else if let n = x as? NSNumber { self = .number(n.stringValue) }
        else if let a = x as? [Any] { self = .array(a.map(JSONValue.init(foundation:))) }
        else if let o = x as? [String: Any] { self = .object(Object(members: o.map { ($0.key, JSONValue(foundation: $0.value)) })) }
        else { self = .null }
    }

    /// Strict JSON (RFC 8259) without the forms whose value it does not decide itself: a value it is not sure
    /// Foundation reads alike makes `value()` nil, and `parse` asks Foundation.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0
        /// Nesting read here; deeper texts go to Foundation (its limit is 512).
        static let maxDepth = 64
        /// Digits of an integer read here: 18 always fit an `Int`, which Foundation makes of them.
        static let maxDigits = 18

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpaces() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }

        mutating func value() -> JSONValue? {
            skipSpaces()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true", .number("1"))
            case UInt8(ascii: "f"): return literal("false", .number("0"))
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString, _ v: JSONValue) -> JSONValue? {
            let n = word.utf8CodeUnitCount
            guard bytes.count - i >= n else { return nil }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return nil }
            i += n
            return endsToken() ? v : nil
        }

        /// Whether the byte after a literal or number may follow a value (else Foundation decides).
        func endsToken() -> Bool {
            guard i < bytes.count else { return true }
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return true
            default: return false
            }
        }

        mutating func integer() -> JSONValue? {
            var negative = false
            if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            let start = i
            var n = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                n = n &* 10 &+ Int(bytes[i] &- UInt8(ascii: "0"))
                i += 1
            }
            let digits = i - start
            guard digits >= 1, digits <= Self.maxDigits, !(digits > 1 && bytes[start] == UInt8(ascii: "0")),
                  endsToken() else { return nil }
            return .number(String(negative ? -n : n))
        }

        mutating func array() -> JSONValue? {
            depth += 1
            guard depth <= Self.maxDepth else { return nil }
            defer { depth -= 1 }
            i += 1
            var out: [JSONValue] = []
            skipSpaces()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            while true {
                guard let v = value() else { return nil }
                out.append(v)
                skipSpaces()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
                return nil
            }
        }

        mutating func object() -> JSONValue? {
            depth += 1
            guard depth <= Self.maxDepth else { return nil }
            defer { depth -= 1 }
            i += 1
            var out: [(key: String, value: JSONValue)] = []
            skipSpaces()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(Object(members: out)) }
            while true {
                skipSpaces()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpaces()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let v = value() else { return nil }
                out.append((key, v))
                skipSpaces()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(Object(members: out)) }
                return nil
            }
        }

        /// A string from its opening quote. The text is a Swift string's bytes, so they are valid UTF-8 and a
        /// quote never cuts a character.
        mutating func string() -> String? {
            i += 1
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { return escapedString(from: start) }
                if b < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        /// The rest of a string that holds an escape, from its first byte `start`.
        mutating func escapedString(from start: Int) -> String? {
            var out: [UInt8] = []
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { return nil }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                guard i + 1 < bytes.count else { return nil }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var u = hex4() else { return nil }
                    if (0xD800...0xDBFF).contains(u) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                    } else if u == 0 || (0xDC00...0xDFFF).contains(u) {
                        return nil
                    }
                    guard let scalar = Unicode.Scalar(u) else { return nil }
                    UTF8.encode(scalar) { out.append($0) }
                default: return nil
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - i >= 4 else { return nil }
            var u: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: return nil
                }
                u = u << 4 | UInt32(d)
                i += 1
            }
            return u
        }
    }
}
