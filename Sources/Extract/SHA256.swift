import CCrypto

/// SHA-256 (FIPS 180-4): used for `content_hash`, WARC digests and content addressing in the archive.
/// Computed by OpenSSL's libcrypto (loaded by libcurl anyway), which uses the CPU's SHA extensions where
/// there are some: a crawl hashes every body twice (WARC block and payload digests) and every record twice
/// (content hash, object name), and a portable Swift implementation took ~7% of the crawl's CPU.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            _ = CCrypto.SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, out.baseAddress)
            count = 32
        }
    }

    /// Hex digest of a byte sequence.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let h = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)).hexString }) { return h }
        return Array(bytes).withUnsafeBytes { digest($0).hexString }
    }

    /// Hex digest of a string's UTF-8 bytes.
    public static func hex(_ string: String) -> String {
        var s = string
        return s.withUTF8 { digest(UnsafeRawBufferPointer($0)).hexString }
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(count * 2)
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xf)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
