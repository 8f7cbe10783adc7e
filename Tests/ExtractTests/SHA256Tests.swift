import Testing
@testable import Extract

/// FIPS 180-4 / NIST example digests, through every entry point (contiguous bytes, a lazy sequence, a string).
@Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
])
func sha256KnownAnswers(_ c: (String, String)) {
    #expect(SHA256.hex(c.0) == c.1)
    #expect(SHA256.hex(Array(c.0.utf8)) == c.1)
    #expect(SHA256.hex(c.0.utf8.lazy.map { $0 }) == c.1)
    // In pieces of 1, 63 and 1,000 bytes (across SHA-256's 64-byte blocks), and with empty pieces between.
    for size in [1, 63, 1_000] {
        let hasher = SHA256.Hasher()
        let bytes = Array(c.0.utf8)
        for start in stride(from: 0, to: bytes.count, by: size) {
            bytes[start..<min(start + size, bytes.count)].withUnsafeBytes { hasher.update($0) }
            [UInt8]().withUnsafeBytes { hasher.update($0) }
        }
        #expect(hasher.finishHex() == c.1)
    }
}
