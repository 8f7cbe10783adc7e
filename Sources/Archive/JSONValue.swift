/// A JSON value for diff output, where one field's old/new values have different shapes per field.
public enum JSONValue: Encodable, Equatable, Sendable {
    case null
    case string(String)
    case int(Int)
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .string(s): try c.encode(s)
        case let .int(i): try c.encode(i)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// Compact human-readable form for the text diff.
    var text: String {
        switch self {
        case .null: return "null"
        case let .string(s): return jsonString(s)
        case let .int(i): return String(i)
        case let .array(a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
        case let .object(o): return "{" + o.keys.sorted().map { "\($0): \(o[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }
}
