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
            guard let lead = UTF8Lead(c) else { return .invalid }
            let need = lead.continuations
            guard i + need < n, lead.first.contains(b[i + 1]) else { return .invalid }
            if need >= 2 && b[i + 2] & 0xC0 != 0x80 { return .invalid }
            if need == 3 && b[i + 3] & 0xC0 != 0x80 { return .invalid }
            i += need + 1
        }
        return ascii ? .ascii : .valid
    }
}
