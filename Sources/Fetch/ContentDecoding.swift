import CBrotli
import CLibDeflate
import CZlib

/// The content codings lookback asks servers for and decodes itself, once an answer's body is in.
///
/// libcurl decodes with zlib as the bytes arrive, on the event-loop thread; a gzip body is decoded here
/// instead, by libdeflate in one call on the fetching task (about 3x faster than zlib's streaming inflate:
/// nginx's gzip of a crawl's pages was 3-4% of the crawl's CPU). Only what is decoded here is offered, so
/// the request records stay true: gzip, deflate and br (zstd, which libcurl also offered, is not: few servers
/// send it, and every one that does also sends gzip).
public enum ContentDecoding {
    /// `body` with the content codings named by `contentEncoding` (a `Content-Encoding` value) undone, for
    /// a body stored as it was sent (a WARC response record). nil when a coding is not one decoded here, the
    /// body is not valid in it, or it decodes to more than `limit` bytes.
    public static func decoded(_ body: [UInt8], contentEncoding: String, limit: Int) -> [UInt8]? {
        guard let codings = codings(contentEncoding), let d = decode(body, codings: codings, limit: limit, cut: false),
              !d.truncated else { return nil }
        return d.bytes
    }

    /// The `Accept-Encoding` of every request.
    static let accepted = "gzip, deflate, br"

    enum Coding: Equatable, Sendable {
        case gzip, deflate, br
    }

    /// The codings named by a `Content-Encoding` value, in the order they were applied (`identity` left
    /// out); nil when one of them is not decoded here.
    static func codings(_ header: String?) -> [Coding]? {
        guard let header else { return [] }
        var codings: [Coding] = []
        for part in header.split(separator: ",") {
            switch part.trimmingASCIIBlanks().lowercased() {
            case "gzip", "x-gzip": codings.append(.gzip)
            case "deflate": codings.append(.deflate)
            case "br": codings.append(.br)
            case "identity", "": continue
            default: return nil
            }
        }
        return codings
    }

    /// `body` with `codings` undone (the last applied first), at most `limit` bytes of it: `truncated` when
    /// it decodes to more, or when `cut` (the body itself was cut short at the cap) leaves it unfinished.
    /// nil when the body is not valid in its codings.
    static func decode(_ body: [UInt8], codings: [Coding], limit: Int, cut: Bool) -> (bytes: [UInt8], truncated: Bool)? {
        var bytes = body, truncated = false
        for coding in codings.reversed() {
            guard let layer = decode(bytes, coding: coding, limit: limit, cut: cut || truncated) else { return nil }
            (bytes, truncated) = (layer.bytes, truncated || layer.truncated)
        }
        return (bytes, truncated)
    }

    private static func decode(_ input: [UInt8], coding: Coding, limit: Int, cut: Bool) -> (bytes: [UInt8], truncated: Bool)? {
        if coding == .br { return brotli(input, limit: limit, cut: cut) }
        if coding == .gzip, !cut, let whole = gzipWhole(input, limit: limit) { return (whole, false) }
        // Everything else (deflate, a gzip body past the cap or cut short, a member followed by more bytes):
        // zlib's streaming inflate, which stops at the cap and keeps what came before.
        // 15 + 32: a zlib or gzip header, detected; -15: raw deflate, which some servers send as "deflate".
        if let r = inflate(input, windowBits: 15 + 32, limit: limit, cut: cut) { return r }
        return coding == .deflate ? inflate(input, windowBits: -15, limit: limit, cut: cut) : nil
    }

    /// One gzip member taking up all of `input`, decoded by libdeflate into a buffer of the size its trailer
    /// gives; nil when that is over `limit` or the input is anything else (the caller falls back to zlib).
    private static func gzipWhole(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard input.count >= 18 else { return nil }
        // The trailer's ISIZE: the decoded size modulo 2^32.
        let n = input.count
        let size = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
        guard size <= limit, let d = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(d) }
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
            var used = 0, produced = 0
            let rc = input.withUnsafeBytes {
                libdeflate_gzip_decompress_ex(d, $0.baseAddress, $0.count, buf.baseAddress, size, &used, &produced)
            }
            ok = rc == LIBDEFLATE_SUCCESS && used == n && produced == size
            count = ok ? produced : 0
        }
        return ok ? out : nil
    }

    /// zlib's streaming inflate of `input`, keeping at most `limit` bytes. nil on invalid data, or when the
    /// stream ends early and the input was not `cut`.
    private static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int, cut: Bool) -> (bytes: [UInt8], truncated: Bool)? {
        var stream = z_stream()
        guard lb_inflateInit2(&stream, windowBits) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeBytes { raw -> (bytes: [UInt8], truncated: Bool)? in
            stream.next_in = UnsafeMutablePointer(mutating: raw.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = uInt(raw.count)
            while true {
                let (rc, n): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (rc, c.count - Int(stream.avail_out))
                }
                let room = limit - out.count
                out.append(contentsOf: chunk[0..<min(n, room)])
                if n > room { return (out, true) }
                switch rc {
                case Z_STREAM_END: return (out, false)
                case Z_OK: continue
                case Z_BUF_ERROR where stream.avail_in == 0: return cut ? (out, true) : nil
                default: return nil
                }
            }
        }
    }
}

extension ContentDecoding {
    /// brotli's streaming decoder over `input`, keeping at most `limit` bytes. nil on invalid data, or when the
    /// stream ends early and the input was not `cut`.
    private static func brotli(_ input: [UInt8], limit: Int, cut: Bool) -> (bytes: [UInt8], truncated: Bool)? {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else { return nil }
        defer { BrotliDecoderDestroyInstance(state) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeBufferPointer { raw -> (bytes: [UInt8], truncated: Bool)? in
            var nextIn = raw.baseAddress
            var availIn = raw.count
            while true {
                let (rc, n): (BrotliDecoderResult, Int) = chunk.withUnsafeMutableBufferPointer { c in
                    var nextOut = c.baseAddress
                    var availOut = c.count
                    let rc = BrotliDecoderDecompressStream(state, &availIn, &nextIn, &availOut, &nextOut, nil)
                    return (rc, c.count - availOut)
                }
                let room = limit - out.count
                out.append(contentsOf: chunk[0..<min(n, room)])
                if n > room { return (out, true) }
                switch rc {
                case BROTLI_DECODER_RESULT_SUCCESS: return (out, false)
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: return cut ? (out, true) : nil
                default: return nil
                }
            }
        }
    }
}

private extension Substring {
    func trimmingASCIIBlanks() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
