import Foundation
import HTML

/// Whitespace and Unicode normalization of extracted text, and the word count of `body.word_count`.
public enum TextNormalizer {
    /// NFC, zero-width chars (U+200B-200D, U+2060, U+FEFF, soft hyphen U+00AD) dropped, all whitespace incl. NBSP collapsed to one space, trimmed.
    public static func normalize(_ s: String) -> String { s.withUTF8Bytes(normalized) }

    /// `normalize(String(decoding: utf8, as: UTF8.self))` for bytes that are valid UTF-8 (text from a parsed document),
    /// with the bytes read once instead of twice. Invalid bytes still give valid text (repaired to U+FFFD).
    public static func normalize(utf8: [UInt8]) -> String { utf8.withUnsafeBufferPointer(normalized) }

    /// `normalize(utf8:)` of bytes in place.
    static func normalize(bytes: UnsafeBufferPointer<UInt8>) -> String { normalized(bytes) }

    /// `normalize(n.textContent)`, from the node's text pieces (`Node.forEachTextPiece`, the pieces `textContent` joins)
    /// gathered in one buffer: libxml2's copy of the text and a `String` of it before normalizing are not made.
    static func normalizedText(of n: Node) -> String {
        // A text of one piece (most headings, links and excerpts) is normalized where libxml2 holds it.
        var pieces = 0
        n.forEachTextPiece { _ in pieces += 1; return pieces < 2 }
        if pieces < 2 {
            var out = ""
            n.forEachTextPiece { piece in out = piece.withUnsafeBufferPointer(normalize(bytes:)); return false }
            return out
        }
        var bytes: [UInt8] = []
        n.forEachTextPiece { piece in
            piece.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
            return true
        }
        return normalize(utf8: bytes)
    }

    /// Appends the UTF-8 of `normalize(utf8: Array(u))` to `out`: the bytes `collapse` writes, precomposed when NFC
    /// could change them. Invalid input bytes are appended as they are, for a `String(decoding:)` of `out` to repair
    /// (as `normalize` repairs them), so `out` must be decoded whole, and only ASCII bytes appended next to them.
    static func appendNormalized(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if u.isEmpty { return }
        let start = out.count
        // Room for `collapse` to write into, made by copying the input (it reads only `u`): filling it with zeros took
        // 7.1M instructions of the 350-page batch's body text, the copy 4.6M (the array's growth included).
        out.append(contentsOf: u)
        let (written, needsNFC) = out.withUnsafeMutableBufferPointer { o in
            collapse(u, into: UnsafeMutableBufferPointer(rebasing: o[start...]))
        }
        out.removeLast(u.count - written)
        if needsNFC {
            let s = String(decoding: out[start...], as: UTF8.self).precomposedStringWithCanonicalMapping
            out.removeSubrange(start...)
            out.append(contentsOf: s.utf8)
        }
    }

    private static func normalized(_ u: UnsafeBufferPointer<UInt8>) -> String {
        if u.isEmpty { return "" }
        var needsNFC = false
        // One pass over UTF-8 bytes; multi-byte sequences are decoded only to classify them. The output is never
        // longer than the input, so it is written straight into the result's storage.
        let result = String(unsafeUninitializedCapacity: u.count) { o in
            let (written, nfc) = collapse(u, into: o)
            needsNFC = nfc
            return written
        }
        return needsNFC ? result.precomposedStringWithCanonicalMapping : result
    }

    /// Collapses whitespace, drops invisible and control characters into `o` (at least `u.count` bytes), and gives
    /// the bytes written and whether NFC could change the text.
    private static func collapse(_ u: UnsafeBufferPointer<UInt8>, into o: UnsafeMutableBufferPointer<UInt8>) -> (Int, Bool) {
        var needsNFC = false
        let n = u.count
        var w = 0
        var pendingSpace = false
        var i = 0
        while i < n {
            // Eight bytes of printable ASCII and single spaces are copied as they are, but a space first or last,
            // which is pending as any other. (The output is never ahead of the input: w <= i. A pending space written
            // stands for at least one byte read, so w + 1 + 8 <= n; a first space read leaves w + 1 + 8 <= n + 1, so
            // that case needs one byte more.)
            if i + 8 <= n {
                let word = ByteWord.load(u.baseAddress! + i)
                if let spaces = ByteWord.singleSpaces(word), spaces & 0x80 == 0 || i + 9 <= n {
                    let first = spaces & 0x80 != 0 ? 1 : 0
                    let last = spaces >> 63 != 0 ? 1 : 0
                    if (pendingSpace || first == 1) && w > 0 { o[w] = 0x20; w += 1 }
                    ByteWord.store(word >> UInt64(8 * first), o.baseAddress! + w)
                    w += 8 - first - last
                    pendingSpace = last == 1
                    i += 8
                    continue
                }
            }
            let c = u[i]
            if c &- 0x21 < 0x5E { // printable ASCII but the space: it and the rest of its run copied as they are
                if pendingSpace && w > 0 { o[w] = 0x20; w += 1 }
                pendingSpace = false
                o[w] = c
                w += 1
                i += 1
                while i < n, u[i] &- 0x21 < 0x5E {
                    o[w] = u[i]
                    w += 1
                    i += 1
                }
                continue
            }
            if c < 0x80 {
                i += 1
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C {
                    pendingSpace = true
                    // The rest of a run of blanks (a source's line break and indentation), eight bytes at a time.
                    while i + 8 <= n, ByteWord.isBlank(ByteWord.load(u.baseAddress! + i)) { i += 8 }
                }
                continue // other controls carry no text
            }
            // Decode one scalar (valid UTF-8 but for `normalize(utf8:)` on bad bytes: those decode to some value, are
            // copied as they are, and the result string repairs them).
            let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            guard i + len <= n else { break }
            var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len { v = v << 6 | UInt32(u[i + k] & 0x3F) }
            let start = i
            i += len
            if isInvisibleValue(v) || (v >= 0x80 && v < 0xA0 && v != 0x85) { continue }
            if isSpaceValue(v) { pendingSpace = true; continue }
            if !needsNFC { needsNFC = mayChangeUnderNFC(v) }
            // A pending space takes one byte; the scalar's own bytes were at least two, so w stays <= i.
            if pendingSpace && w > 0 { o[w] = 0x20; w += 1 }
            pendingSpace = false
            for k in start..<i { o[w] = u[k]; w += 1 }
        }
        return (w, needsNFC)
    }

    /// Unicode White_Space outside ASCII: NEL, NBSP, Ogham space, U+2000-200A, line/paragraph separators,
    /// narrow NBSP, medium math space, ideographic space.
    @inline(__always) static func isSpaceValue(_ v: UInt32) -> Bool {
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    @inline(__always) static func isInvisibleValue(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    /// Conservative NFC quick check: false only for scalars NFC never touches in the Latin, Cyrillic, Greek, Arabic
    /// and CJK text we see, so the Foundation call (the expensive part) runs only when it can matter. True for
    /// combining marks, Hangul jamo, singletons (Ohm, Kelvin, Angstrom, CJK compatibility ideographs), composition
    /// exclusions (Indic, Tibetan, Hebrew presentation forms) and everything outside the BMP.
    @inline(__always) static func mayChangeUnderNFC(_ v: UInt32) -> Bool {
        // Most non-ASCII text, answered before the ranges below: Latin-1 and Latin Extended letters (below the
        // combining marks), general punctuation but its two singletons (dashes, curly quotes), kana and CJK ideographs
        // but the combining marks among them, fullwidth forms. Past the ranges they fell to the property lookup (31,940
        // of the 350-page batch's 41,568 calls, ~11M instructions with the ranges).
        switch v {
        case 0..<0x0300, 0x2002...0x206F, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF, 0xFF00...0xFFEF: return false
        default: break
        }
        switch v {
        case 0x0300...0x036F, 0x0374, 0x037E, 0x0387, 0x0483...0x0489, 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F,
             0x0670, 0x06D6...0x06ED, 0x0711, 0x0730...0x074A, 0x07A6...0x07B0, 0x07EB...0x07F3, 0x0816...0x082D,
             0x0859...0x085B, 0x08D3...0x08FF, 0x0900...0x0FFF, 0x1000...0x109F, 0x1100...0x11FF, 0x1AB0...0x1AFF,
             0x1B00...0x1B7F, 0x1DC0...0x1DFF, 0x1F00...0x1FFF, 0x2000...0x2001, 0x20D0...0x20F0, 0x2126, 0x212A...0x212B,
             0x2329...0x232A, 0x2ADC, 0x2CEF...0x2CF1, 0x2D7F, 0x2DE0...0x2DFF, 0x302A...0x302F, 0x3099...0x309A,
             0xA66F...0xA67D, 0xA69E...0xA69F, 0xA6F0...0xA6F1, 0xA8E0...0xA8F1, 0xA960...0xA97F, 0xD7B0...0xD7FF,
             0xF900...0xFAFF, 0xFB1D...0xFB4E, 0xFE20...0xFE2F, 0x10000...:
            return true
        default:
            // Other combining marks (rare scripts) by property, so nothing is missed.
            return v >= 0x0300 && Unicode.Scalar(v).map { $0.properties.canonicalCombiningClass != .notReordered } ?? false
        }
    }

    /// Format characters that render as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen,
    /// and the bidi marks (LRM, RLM) pasted around dates and names.
    @inline(__always) static func isInvisible(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    /// Word count as used in body.word_count (Unicode letters/digits runs; CJK characters count one each).
    public static func wordCount(_ s: String) -> Int {
        // Over the UTF-8 bytes, decoding only the non-ASCII scalars: iterating `unicodeScalars` decoded every one
        // (a post's whole text is counted once per page).
        return s.withUTF8Bytes { u in
            var count = 0
            var inWord = false
            var i = 0
            let n = u.count
            while i < n {
                // Eight ASCII bytes at a time (a post's text is mostly ASCII): a word starts at each word character
                // whose previous byte (the previous word's last, for the first) is none.
                if i + 8 <= n {
                    let w = ByteWord.load(u.baseAddress! + i)
                    if !ByteWord.hasHigh(w) {
                        let words = asciiWordLanes(w)
                        count += highBitCount(words & ~(words << 8 | (inWord ? 0x80 : 0)))
                        inWord = words >> 63 != 0
                        i += 8
                        continue
                    }
                }
                let b = u[i]
                if b < 0x80 {
                    i += 1
                    // Without branches: a word starts where a word character follows a character that is none.
                    let isWordChar = (b < 64 ? asciiWordLow >> UInt64(b) : asciiWordHigh >> UInt64(b & 63)) & 1 != 0
                    count += isWordChar && !inWord ? 1 : 0
                    inWord = isWordChar
                    continue
                }
                // A Swift String's UTF-8 is valid: a lead byte gives the sequence's length.
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + len <= n else { break }
                var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                for k in 1..<len { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                i += len
                // General punctuation (dashes, curly quotes, ellipses): no word character, no property lookup.
                if v >= 0x2000 && v <= 0x206F { inWord = false; continue }
                guard let c = Unicode.Scalar(v) else { continue }
                if isCJK(c) {
                    count += 1
                    inWord = false
                    continue
                }
                if isLatinLetter(c.value) || isWordScalar(c) {
                    if !inWord { count += 1; inWord = true }
                } else {
                    inWord = false
                }
            }
            return count
        }
    }

    /// The high bit of each byte of `w` (eight ASCII bytes) that is a word character (`0-9`, `A-Z`, `_`, `a-z`), the
    /// other bits 0; a letter is a byte that `| 0x20` puts in `a...z`.
    @inline(__always) static func asciiWordLanes(_ w: UInt64) -> UInt64 {
        ByteWord.mask(w | 0x2020_2020_2020_2020, in: 0x61, 0x7A) | ByteWord.mask(w, in: 0x30, 0x39) | ByteWord.mask(w, 0x5F)
    }

    /// `x.nonzeroBitCount` for an `x` whose set bits are all bytes' high bits (`asciiWordLanes`' lanes): the eight bits
    /// moved to the bytes' low bits and summed into the top byte by one multiply. Swift's baseline x86-64 has no
    /// popcnt instruction: `nonzeroBitCount`'s line was 7.7M of `wordCount`'s 23.7M instructions on the 350-page batch.
    @inline(__always) static func highBitCount(_ x: UInt64) -> Int {
        Int(((x >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// ASCII word characters (`0-9`, `A-Z`, `_`, `a-z`) as bits: bytes 0-63 and 64-127, one shift and mask a byte.
    private static let asciiWordLow: UInt64 = 0x03FF_0000_0000_0000
    private static let asciiWordHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE

    /// Latin-1's letters and Latin Extended-A and -B (U+00C0-024F but the signs U+00D7 and U+00F7): all alphabetic,
    /// so accented European text is counted without a property lookup per letter.
    @inline(__always) static func isLatinLetter(_ v: UInt32) -> Bool { v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7 }

    /// Whether `wordCount` counts a scalar outside ASCII and CJK as part of a word: letters, digits and marks.
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    /// Scripts written without spaces between words, where one character is counted as one word.
    @inline(__always) static func isCJK(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3040...0x30FF, // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F, // Han
             0x31F0...0x31FF, 0xFF66...0xFF9D: // Katakana extensions, half-width katakana
            return true
        default:
            return false
        }
    }
}
