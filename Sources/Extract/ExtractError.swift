/// Why a page gave no record at all. Pages that are merely broken still give a record.
public struct ExtractError: Error, CustomStringConvertible, Sendable, Equatable {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    /// The input held no bytes or nothing but whitespace.
    public static let empty = ExtractError("empty document")
    /// The input is binary data (NUL bytes or mostly control characters).
    public static let binary = ExtractError("not HTML (binary data)")
    /// The input is a PDF file.
    public static let pdf = ExtractError("not HTML (PDF document)")

    public var description: String { reason }
}
