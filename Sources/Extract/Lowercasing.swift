extension String {
    /// `lowercased()`'s result, with ASCII characters lowered byte by byte (`Lowercasing.lowercased`).
    var fastLowercased: String { Lowercasing.lowercased(self) }
}

enum Lowercasing {
    /// The same bytes as `s.lowercased()`: ASCII letters are lowered in place and every other scalar is mapped with
    /// `properties.lowercaseMapping`, the table `lowercased()` maps each scalar with. The standard library takes its
    /// ASCII fast path only for a wholly ASCII string, so one "©" or "–" in a page footer's 10 KB of text sent every
    /// character through the Unicode tables (2.4% of the extractor's samples; ~10x slower on such texts).
    static func lowercased(_ s: String) -> String {
        let (ascii, upper) = s.withUTF8Bytes { u in
            var ascii = true, upper = false
            for b in u { if b >= 0x80 { ascii = false; break } else if b >= 0x41 && b <= 0x5A { upper = true } }
            return (ascii, upper)
        }
        if ascii {
            guard upper else { return s }
            // Wholly ASCII (class names, URLs): lowered byte by byte into the result's storage.
            return s.withUTF8Bytes { u in
                String(unsafeUninitializedCapacity: u.count) { o in
                    for i in 0..<u.count { let b = u[i]; o[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                    return u.count
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                let b = UInt8(scalar.value)
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place for a native string. `withUTF8` is mutating, so callers
    /// made a copy of the string first (a retain and a release per call, ~1% of extraction in the hottest loops).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether every character is ASCII, read from the UTF-8 bytes in place (the byte readings of URLs, names and
    /// headings take their fast path only then).
    public var isAllASCII: Bool { withUTF8Bytes { u in !u.contains { $0 >= 0x80 } } }
}
