import CZlib
import Foundation

/// gzip through zlib: the archive's only C code. Each call is one complete gzip member.
enum Gzip {
    /// Compresses `input` into one gzip member.
    static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: write a gzip header and trailer instead of zlib's.
        guard lb_deflateInit2(&stream, level, 15 + 16) == Z_OK else { throw ArchiveError.invalid("zlib: deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let rc = deflate(&stream, Z_FINISH)
                return rc == Z_STREAM_END ? outBuf.count - Int(stream.avail_out) : -1
            }
        }
        guard produced >= 0 else { throw ArchiveError.invalid("zlib: deflate did not finish") }
        out.removeSubrange(produced...)
        return out
    }

    /// Decompresses the gzip member starting at `offset` of `data`. Returns the bytes and the offset just
    /// past the member, or `nil` when the data ends before the member does (a torn write) or is not gzip.
    static func decompressMember(_ data: UnsafeBufferPointer<UInt8>, at offset: Int) -> (bytes: [UInt8], end: Int)? {
        guard offset < data.count, let base = data.baseAddress else { return nil }
        var stream = z_stream()
        guard lb_inflateInit2(&stream, 15 + 16) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: base + offset)
        stream.avail_in = uInt(data.count - offset)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let (rc, n): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { c in
                stream.next_out = c.baseAddress
                stream.avail_out = uInt(c.count)
                let rc = inflate(&stream, Z_NO_FLUSH)
                return (rc, c.count - Int(stream.avail_out))
            }
            out.append(contentsOf: chunk[0..<n])
            if rc == Z_STREAM_END { return (out, data.count - Int(stream.avail_in)) }
            if rc != Z_OK { return nil }
            if stream.avail_in == 0 && n == 0 { return nil }
        }
    }
}
