/// What a UTF-8 lead byte opens, by the Unicode standard's table of well-formed sequences: no overlong forms, no
/// surrogates, nothing above U+10FFFF. The one table that the page's charset check and the extractor's string
/// making both read.
public struct UTF8Lead {
    /// How many continuation bytes follow the lead (1-3).
    public let continuations: Int
    /// The range the first continuation byte must fall in; the others are 0x80...0xBF.
    public let first: ClosedRange<UInt8>

    /// nil for ASCII and for a byte no well-formed sequence starts with (a continuation byte, 0xC0, 0xC1, 0xF5...).
    @inlinable public init?(_ c: UInt8) {
        switch c {
        case 0xC2...0xDF: (continuations, first) = (1, 0x80...0xBF)
        case 0xE0: (continuations, first) = (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: (continuations, first) = (2, 0x80...0xBF)
        case 0xED: (continuations, first) = (2, 0x80...0x9F)
        case 0xF0: (continuations, first) = (3, 0x90...0xBF)
        case 0xF1...0xF3: (continuations, first) = (3, 0x80...0xBF)
        case 0xF4: (continuations, first) = (3, 0x80...0x8F)
        default: return nil
        }
    }
}
