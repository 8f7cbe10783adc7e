import CZlib
import Foundation

/// gzip through zlib: the archive's only C code. Each call is one complete gzip member.
enum Gzip {
    /// Compresses `input` into one gzip member.
    static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        try GzipDeflater(level: level).compress(input)
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

/// One zlib deflate stream reused for many gzip members: `deflateReset` between members instead of a
/// new stream each time (zlib's state is about 256 KB, allocated, cleared and freed per member otherwise;
/// a WARC file is one member per record). A member is made whole (`compress`) or from pieces (`append`
/// then `finish`: only the compressed bytes are kept, so a large index never exists uncompressed; with an
/// `output` handler, not even those). Not thread-safe: one caller at a time.
final class GzipDeflater {
    // Heap-allocated so its address never changes: zlib's state points back at the stream.
    private let stream: UnsafeMutablePointer<z_stream>
    private let ready: Bool
    private let level: Int32
    /// The member being built by `append`, when there is no `output` handler.
    private var output: [UInt8] = []
    private let handler: ((UnsafeBufferPointer<UInt8>) throws -> Void)?
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    /// zlib's level unless one is given. What streams through here is a snapshot's index files, compressed on the
    /// crawl's last, serial stretch: level 6 took 16 ms for a 2,000-post crawl's 1.4 MB index, level 1 6 ms, for
    /// 11% more bytes (FINDINGS 106).
    static let defaultLevel: Int32 = 1

    /// With `output`, the compressed bytes of `append` and `finish` are handed to it as they come instead
    /// of kept (`finish` then returns nothing).
    init(level: Int32 = GzipDeflater.defaultLevel, output: ((UnsafeBufferPointer<UInt8>) throws -> Void)? = nil) {
        handler = output
        self.level = level
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 window bits + 16: write a gzip header and trailer instead of zlib's.
        ready = lb_deflateInit2(stream, level, 15 + 16, 8) == Z_OK
    }

    deinit {
        if ready { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` into one complete gzip member.
    func compress(_ input: [UInt8]) throws -> [UInt8] {
        try member(of: input, margin: 32) { inBuf in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = uInt(inBuf.count)
            return deflate(stream, Z_FINISH) == Z_STREAM_END
        }
    }

    /// One whole member of `input`: `deflateAll` feeds the input to the stream, whose output is a buffer of
    /// `deflateBound` plus `margin` bytes, and answers whether the stream ended. The stream is reset after.
    private func member(of input: [UInt8], margin: Int,
                        _ deflateAll: (UnsafeMutableBufferPointer<UInt8>) -> Bool) throws -> [UInt8] {
        guard ready else { throw ArchiveError.invalid("zlib: deflateInit2 failed") }
        defer { deflateReset(stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))) + margin)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = uInt(outBuf.count)
                return deflateAll(inBuf) ? outBuf.count - Int(stream.pointee.avail_out) : -1
            }
        }
        guard produced >= 0 else { throw ArchiveError.invalid("zlib: deflate did not finish") }
        out.removeSubrange(produced...)
        return out
    }

    /// Feeds the next bytes of the member being built.
    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try run($0, flush: Z_NO_FLUSH) }
    }

    /// Feeds the UTF-8 bytes of `string`.
    func append(_ string: String) throws {
        var string = string
        try string.withUTF8 { try run($0, flush: Z_NO_FLUSH) }
    }

    /// Ends the member built by `append` and returns it; the deflater is then ready for the next one.
    func finish() throws -> [UInt8] {
        defer { deflateReset(stream); output = [] }
        try run(UnsafeBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        return output
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, flush: Int32) throws {
        guard ready else { throw ArchiveError.invalid("zlib: deflateInit2 failed") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = uInt(input.count)
        while true {
            let (rc, n): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { c in
                stream.pointee.next_out = c.baseAddress
                stream.pointee.avail_out = uInt(c.count)
                let rc = deflate(stream, flush)
                return (rc, c.count - Int(stream.pointee.avail_out))
            }
            if let handler {
                if n > 0 { try chunk.withUnsafeBufferPointer { try handler(UnsafeBufferPointer(rebasing: $0[0..<n])) } }
            } else {
                output.append(contentsOf: chunk[0..<n])
            }
            if rc == Z_STREAM_END { return }
            guard rc == Z_OK || rc == Z_BUF_ERROR else { throw ArchiveError.invalid("zlib: deflate failed (\(rc))") }
            // Without Z_FINISH, done once the input is taken and the output was not filled up.
            if flush != Z_FINISH, stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 { return }
        }
    }
}
