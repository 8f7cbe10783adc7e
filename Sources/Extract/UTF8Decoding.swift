import HTML

/// Strings from UTF-8 bytes that are valid but for rare broken pages: the text the body renderer writes.
enum UTF8Decoding {
    /// `String(decoding: bytes, as: UTF8.self)`, the same String. The standard library checks non-ASCII text a byte
    /// at a time (~10 instructions a byte: 48M of the 350-page batch's body text and HTML); here ASCII is skipped
    /// eight bytes at a time and each other sequence checked at once, and only bytes found valid are copied unchecked.
    /// Invalid bytes are repaired by `String(decoding:)`, as before.
    static func string(_ bytes: [UInt8]) -> String {
        switch bytes.withUnsafeBufferPointer(check) {
        case .invalid: String(decoding: bytes, as: UTF8.self)
        case .ascii: String(copying: unsafe UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        case .valid: String(copying: unsafe UTF8Span(unchecked: bytes.span, isKnownASCII: false))
        }
    }

    enum Check: Equatable { case ascii, valid, invalid }

    /// Whether `b` is ASCII, other valid UTF-8, or invalid, as strict as the standard library's check: no overlong
    /// forms, no surrogates, nothing above U+10FFFF, no sequence cut by the end.
    static func check(_ b: UnsafeBufferPointer<UInt8>) -> Check {
        let n = b.count
        var i = 0
        var ascii = true
        while i < n {
            if i + 8 <= n, !ByteWord.hasHigh(ByteWord.load(b.baseAddress! + i)) {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            ascii = false
            // The length of the sequence the lead byte opens, and the range of its second byte.
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return .invalid
            }
            guard i + need < n, b[i + 1] >= lo, b[i + 1] <= hi else { return .invalid }
            if need >= 2 && b[i + 2] & 0xC0 != 0x80 { return .invalid }
            if need == 3 && b[i + 3] & 0xC0 != 0x80 { return .invalid }
            i += need + 1
        }
        return ascii ? .ascii : .valid
    }
}
