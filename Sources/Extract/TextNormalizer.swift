import Foundation

/// Whitespace and Unicode normalization of extracted text, and the word count of `body.word_count`.
public enum TextNormalizer {
    /// NFC, zero-width chars (U+200B-200D, U+2060, U+FEFF, soft hyphen U+00AD) dropped, all whitespace incl. NBSP collapsed to one space, trimmed.
    public static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var asciiOnly = true
        for c in s.unicodeScalars {
            if c.value < 0x80 {
                if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" {
                    pendingSpace = true
                    continue
                }
                if c.value < 0x20 || c.value == 0x7F { continue } // other controls carry no text
            } else {
                if isInvisible(c) { continue }
                if c.properties.isWhitespace { pendingSpace = true; continue }
                if c.value >= 0x80 && c.value < 0xA0 { continue } // C1 controls
                asciiOnly = false
            }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        let result = String(out)
        return asciiOnly ? result : result.precomposedStringWithCanonicalMapping
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
        var count = 0
        var inWord = false
        for c in s.unicodeScalars {
            if c.value < 0x80 {
                let isWordChar = (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A)
                    || (c.value >= 0x61 && c.value <= 0x7A) || c == "_"
                if isWordChar { if !inWord { count += 1; inWord = true } } else { inWord = false }
                continue
            }
            if isCJK(c) {
                count += 1
                inWord = false
                continue
            }
            let p = c.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                if !inWord { count += 1; inWord = true }
            } else {
                inWord = false
            }
        }
        return count
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
