#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts legacy-encoded bytes to UTF-8 before libxml2 sees them.
///
/// libxml2 2.9 stops the whole parse at the first byte its converter rejects (a stray byte in a Shift_JIS page,
/// or 0x81 in windows-1252), silently dropping the rest of the page. Converting here with iconv lets each bad
/// sequence become U+FFFD and the rest of the page survive.
enum Transcoder {
    /// `bytes` in the encoding `label` (a `Charset` label) as UTF-8, or `nil` when iconv knows no such encoding.
    static func utf8(from bytes: [UInt8], label: String) -> [UInt8]? {
        var names = [iconvName(label)]
        if names[0] != label { names.append(label) }
        for name in names {
            let cd = iconv_open("UTF-8", name)
            if Int(bitPattern: cd) == -1 { continue }
            defer { iconv_close(cd) }
            return convert(bytes, cd)
        }
        return nil
    }

    /// glibc names for the WHATWG decoders behind our labels (the superset each label really means on the web).
    static func iconvName(_ label: String) -> String {
        switch label {
        case "Shift_JIS": return "CP932"
        case "EUC-KR": return "CP949"
        case "GBK": return "GB18030"
        case "Big5": return "BIG5-HKSCS"
        case "windows-874": return "CP874"
        case "x-mac-roman": return "MACINTOSH"
        default: return label
        }
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func convert(_ bytes: [UInt8], _ cd: iconv_t?) -> [UInt8] {
        // UTF-8 output is at most 4 bytes per input byte for these encodings (3 for CJK double-byte).
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var written = 0
        bytes.withUnsafeBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            var inPtr = UnsafeMutableRawPointer(mutating: inBase).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while inLeft > 0 {
                if out.count - written < 64 { out += [UInt8](repeating: 0, count: max(out.count / 2, 4096)) }
                let outCapacity = out.count - written
                var outLeft = outCapacity
                let result: Int = out.withUnsafeMutableBufferPointer { ob in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                    var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                    inPtr = inOpt!
                    return r
                }
                written += outCapacity - outLeft
                if result != -1 { break }
                switch errno {
                case E2BIG:
                    continue // grow and go on
                case EILSEQ, EINVAL:
                    // An invalid or truncated sequence: one replacement character, skip one byte, resume.
                    if out.count - written < 3 { out += [UInt8](repeating: 0, count: 4096) }
                    out.replaceSubrange(written..<(written + 3), with: replacement)
                    written += 3
                    inPtr += 1
                    inLeft -= 1
                    // Reset the converter's shift state after an error.
                    _ = iconv(cd, nil, nil, nil, nil)
                default:
                    inLeft = 0
                }
            }
        }
        out.removeSubrange(written...)
        return out
    }
}
