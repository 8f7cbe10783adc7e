import FlyingFox
import Foundation

/// A loopback HTTP server for the tests (FlyingFox on 127.0.0.1, a free port), with routes given as
/// plain closures so the test files need not import FlyingFox (whose HTTPClient/HTTPHeader names clash with Fetch's).
struct TestAnswer: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")]
    var body: [UInt8] = Array("<html><body>ok</body></html>".utf8)
    /// Seconds to wait before answering (for timeout tests).
    var delay: Double = 0
}

struct TestRequest: Sendable {
    var path: String
    var query: [String: String]
    var headers: [String: String]   // lowercased names
    /// The client's port: one per TCP connection, so equal ports mean a reused (kept-alive) connection.
    var clientPort: UInt16?
}

final class TestServer: Sendable {
    private let server: HTTPServer
    private let task: Task<Void, any Error>
    let port: UInt16

    var base: String { "http://127.0.0.1:\(port)" }

    init(_ routes: [(String, @Sendable (TestRequest) async -> TestAnswer)]) async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        for (path, handler) in routes {
            await server.appendRoute(HTTPRoute("GET \(path)")) { request in
                var headers: [String: String] = [:]
                for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
                var query: [String: String] = [:]
                for item in request.query { query[item.name] = item.value }
                var clientPort: UInt16?
                if case let .ip4(_, port)? = request.remoteAddress { clientPort = port }
                let answer = await handler(TestRequest(path: request.path, query: query, headers: headers,
                                                       clientPort: clientPort))
                if answer.delay > 0 { try await Task.sleep(for: .seconds(answer.delay)) }
                var out = HTTPHeaders()
                for (name, value) in answer.headers { out[FlyingFox.HTTPHeader(name)] = value }
                return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: "Test"), headers: out,
                                    body: Data(answer.body))
            }
        }
        self.server = server
        self.task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, port) = await server.listeningAddress else {
            throw CocoaError(.fileNoSuchFile)
        }
        self.port = port
    }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// Test-side compression: gzip of stored deflate blocks, a gzip "bomb" of fixed-Huffman back-references, brotli
/// of uncompressed meta-blocks.
enum Gzip {
    static func crc32(_ bytes: some Sequence<UInt8>, initial: UInt32 = 0) -> UInt32 {
        var c = ~initial
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]

    private static func trailer(crc: UInt32, size: Int) -> [UInt8] {
        let s = UInt32(truncatingIfNeeded: size)
        return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> UInt32($0)) }
            + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: s >> UInt32($0)) }
    }

    /// `data` gzip-wrapped in stored (uncompressed) deflate blocks.
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out = header
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        return out + trailer(crc: crc32(data), size: data.count)
    }

    /// `data` in stored deflate blocks with no wrapper (the raw deflate some servers send as `deflate`).
    static func rawStored(_ data: [UInt8]) -> [UInt8] {
        Array(stored(data).dropFirst(header.count).dropLast(8))
    }

    /// `data` in stored deflate blocks with a zlib header and Adler-32 trailer (`deflate` as RFC 9110 means it).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let adler = b << 16 | a
        return [0x78, 0x01] + rawStored(data) + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> UInt32($0)) }
    }

    /// A valid gzip stream that inflates to `1 + 258 * repeats` zero bytes while weighing ~13 bits per 258 bytes.
    static func zeroBomb(repeats: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)                  // BFINAL
        bits.write(1, count: 2)                  // BTYPE = fixed Huffman
        bits.writeHuffman(0x30, length: 8)       // literal 0
        for _ in 0..<repeats {
            bits.writeHuffman(0xC5, length: 8)   // length code 285 = 258
            bits.writeHuffman(0, length: 5)      // distance code 0 = 1
        }
        bits.writeHuffman(0, length: 7)          // end of block (256)
        let zeros = [UInt8](repeating: 0, count: 258)
        var crc = crc32(zeros.prefix(1))
        for _ in 0..<repeats { crc = crc32(zeros, initial: crc) }
        return header + bits.bytes + trailer(crc: crc, size: 1 + 258 * repeats)
    }

    /// `data` as a brotli stream (RFC 7932) of uncompressed meta-blocks.
    static func brotliStored(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)                  // WBITS: not 16 ...
        bits.write(5, count: 3)                  // ... but 17 + 5 = 22
        var offset = 0
        while offset < data.count {
            let n = min(65536, data.count - offset)
            bits.write(0, count: 1)              // ISLAST = 0
            bits.write(0, count: 2)              // MNIBBLES = 4
            bits.write(UInt32(n - 1), count: 16) // MLEN - 1
            bits.write(1, count: 1)              // ISUNCOMPRESSED
            bits.used = 8                        // the raw bytes start on a byte boundary
            bits.bytes += data[offset..<offset + n]
            offset += n
        }
        bits.write(1, count: 1)                  // ISLAST
        bits.write(1, count: 1)                  // ISLASTEMPTY
        return bits.bytes
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var used = 8
        mutating func write(_ value: UInt32, count: Int) {
            for i in 0..<count {
                if used == 8 { bytes.append(0); used = 0 }
                bytes[bytes.count - 1] |= UInt8((value >> UInt32(i)) & 1) << UInt8(used)
                used += 1
            }
        }
        /// Huffman codes are packed starting from their most significant bit (RFC 1951 §3.1.1).
        mutating func writeHuffman(_ code: UInt32, length: Int) {
            for i in stride(from: length - 1, through: 0, by: -1) { write((code >> UInt32(i)) & 1, count: 1) }
        }
    }
}
