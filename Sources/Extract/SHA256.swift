import CCrypto

/// SHA-256 (FIPS 180-4): used for `content_hash`, WARC digests and content addressing in the archive.
/// Computed by OpenSSL's libcrypto (loaded by libcurl anyway), which uses the CPU's SHA extensions where
/// there are some: a crawl hashes every body twice (WARC block and payload digests) and every record twice
/// (content hash, object name), and a portable Swift implementation took ~7% of the crawl's CPU.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            _ = EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, nil, algorithm, nil)
            count = 32
        }
    }

    // Fetched once: OpenSSL 3's one-shot SHA256() fetches the algorithm from the provider store on every call,
    // under a lock the crawl's threads contend for (0.60 vs 0.24 µs a 300-byte digest on two threads). Never freed:
    // it lives as long as the process.
    nonisolated(unsafe) private static let algorithm: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil) ?? EVP_sha256()

    /// Hex digest of a byte sequence.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let h = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)).hexString }) { return h }
        return Array(bytes).withUnsafeBytes { digest($0).hexString }
    }

    /// SHA-256 of bytes given in pieces (e.g. a file hashed as it is written). Not thread-safe.
    public final class Hasher {
        private let context: OpaquePointer

        public init() {
            // Fails only when out of memory.
            context = EVP_MD_CTX_new()!
            _ = EVP_DigestInit_ex(context, EVP_sha256(), nil)
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Adds the next bytes.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > 0 else { return }
            _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        }

        /// Hex digest of everything added (the hasher is spent after it).
        public func finishHex() -> String {
            var out = [UInt8](repeating: 0, count: 32)
            _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, nil) }
            return out.hexString
        }
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
        // Written into the string's storage: a digit table and a byte array per call took ~2k instructions a digest,
        // and a crawl writes four digests a post.
        func digit(_ d: UInt8) -> UInt8 { d < 10 ? 0x30 + d : 0x57 + d }
        return String(unsafeUninitializedCapacity: count * 2) { o in
            for (i, b) in enumerated() {
                o[2 * i] = digit(b >> 4)
                o[2 * i + 1] = digit(b & 0xF)
            }
            return count * 2
        }
    }
}
