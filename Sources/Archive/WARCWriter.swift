import Extract
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a WARC 1.1 file (`.warc.gz`): one gzip member per record, each written with a single
/// `write(2)` so a killed process leaves at most one torn member at the end (cut off on resume).
/// Starts with a `warcinfo` record. `request` and `revisit` records carry no `WARC-Block-Digest` (optional
/// in WARC 1.1): they are a few hundred bytes, the gzip member's CRC-32 already guards them, and the digest
/// was a fifth of what an unchanged page costs a re-crawl. `response` and `warcinfo` records keep it.
/// What an unchanged page costs a re-crawl (a `request` and a `revisit` record, each its own gzip member, so
/// nothing compresses across records) is also why record ids share a prefix (see `RecordIDs`) and why a
/// server-not-modified `revisit` carries no `WARC-Payload-Digest` (optional for that profile: its payload is
/// the referred record's, which has the digest).
/// Thread-safe.
public final class WARCWriter: @unchecked Sendable {
    /// `WARC-Profile` of a `revisit` record.
    public enum RevisitProfile: String, Sendable {
        /// The server answered 304 Not Modified to a conditional request.
        case serverNotModified = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
        /// The payload is byte-identical to an earlier capture.
        case identicalPayloadDigest = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    }

    /// The file being written.
    public let url: URL
    private var fd: Int32
    private let mutex = NSLock()
    /// The record compressors of the file, used under `deflaterLock` (records are compressed outside `mutex`,
    /// so that a large one does not hold up the capture index).
    private let compressor = RecordCompressor(level: WARCWriter.compressionLevel)
    private let deflaterLock = NSLock()
    /// libdeflate level of the records. A crawl compresses every answer it downloads: on the records of a
    /// 2,000-post WordPress-style site, libdeflate level 1 takes 66 us a record for 13.27 MB where zlib
    /// level 3 (used before) took 159 us for 13.58 MB, and libdeflate level 4 105 us for 13.03 MB.
    static let compressionLevel: Int32 = 1
    /// Records up to this size (requests, revisits, bodiless responses: headers only) are compressed at a
    /// higher level: it costs microseconds on a few hundred bytes and they are most of a re-crawl
    /// (libdeflate level 9: 17 us a record, 0.5% more bytes than zlib level 9 at 29 us).
    static let smallRecordBytes = 4096
    private let smallCompressor = RecordCompressor(level: 9)
    /// Stands for a block digest (64 hex digits) while the head's length is worked out: made once, as
    /// `String(repeating:count:)` took ~20k instructions a record.
    private static let digestPlaceholder = String(repeating: "0", count: 64)
    /// Record ids of this file.
    private var ids = RecordIDs()

    /// Response headers that describe an encoding the stored body no longer has (the transfer's chunks are
    /// gone; a body stored decoded has no content coding either): renamed with this prefix so the record
    /// stays self-consistent.
    public static let renamedHeaderPrefix = "X-Lookback-Orig-"
    private static let renamedHeaders: Set<String> = ["content-encoding", "transfer-encoding", "content-length"]

    /// Payloads of the previous snapshot by URI: an identical payload is written as a revisit.
    let previousCaptures: [String: WARCCapture]
    /// Payloads captured by this snapshot so far, by URI: where each one's `CaptureIndex.fields` are in
    /// `captureSpool` (written to the capture index at commit, `captureIndex()`).
    private var captures: [String: LineSpool.Slot] = [:]
    private let captureSpool: LineSpool
    /// `<snapshot id>/<file name>`: how captures name this file.
    private let location: String

    /// Creates (or appends to) `url`, the WARC file of snapshot `snapshotID`, and writes a `warcinfo` record
    /// naming `software`, dated `date`. `spool` is a scratch file for the captures (see `LineSpool`).
    init(url: URL, snapshotID: String, software: String, date: Date, previousCaptures: [String: WARCCapture] = [:],
         captures: [String: WARCCapture] = [:], spool: URL) throws {
        self.url = url
        self.location = "\(snapshotID)/\(url.lastPathComponent)"
        self.previousCaptures = previousCaptures
        captureSpool = try LineSpool(url: spool)
        for (uri, c) in captures { self.captures[uri] = try captureSpool.append(CaptureIndex.fields(c)) }
        fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.io(path: url.path, reason: "cannot open WARC file: \(String(cString: strerror(errno)))") }
        try writeWarcinfo(date: date, fields: [("software", software), ("format", "WARC File Format 1.1"),
                                                 ("conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")])
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Writes a `warcinfo` record with the given fields; returns its `WARC-Record-ID`.
    @discardableResult
    public func writeWarcinfo(date: Date, fields: [(String, String)]) throws -> String {
        let block = fields.map { "\($0.0): \($0.1)\r\n" }.joined()
        return try writeRecord(type: "warcinfo", targetURI: nil, date: date, contentType: "application/warc-fields",
                               extra: [("WARC-Filename", url.lastPathComponent)], block: Array(block.utf8)).id
    }

    /// Writes a `request` record: the request line and headers as sent. Returns its `WARC-Record-ID`.
    @discardableResult
    public func writeRequest(targetURI: String, date: Date, method: String = "GET", httpVersion: String = "HTTP/1.1",
                             headers: [(String, String)], concurrentTo: String? = nil) throws -> String {
        var target = "/"
        let components = URLComponents(string: targetURI)
        if let c = components {
            target = (c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath) + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
        }
        var head = "\(method) \(target) \(httpVersion)\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }), let host = components?.host {
            let port = components?.port.map { ":\($0)" } ?? ""
            head += "Host: \(host)\(port)\r\n"
        }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        return try writeRecord(type: "request", targetURI: targetURI, date: date,
                               contentType: "application/http;msgtype=request",
                               extra: concurrentTo.map { [("WARC-Concurrent-To", $0)] } ?? [], block: Array(head.utf8),
                               blockDigest: false).id
    }

    /// Writes a `response` record: status line, headers (transfer-encoding headers renamed, Content-Length
    /// set to the body's length) and the body. The body is stored as the server sent it when
    /// `contentEncoded` (its `Content-Encoding` header kept: the HTTP response received, as WARC 1.1 asks
    /// and as wget and Heritrix store it), else decoded (`Content-Encoding` renamed); read it back decoded
    /// with `HTTPResponseMessage.contentDecoded()`. When the previous snapshot captured the same URI
    /// with the same payload, writes a `revisit` record (profile identical-payload-digest) pointing at that
    /// capture instead, so an unchanged page is stored once. Returns the `WARC-Record-ID` written; the
    /// payload digest is `payloadDigest(body)` either way; a caller that has it already passes it as
    /// `payloadDigest` (it must be `payloadDigest(body)`), so the body is hashed once.
    @discardableResult
    public func writeResponse(targetURI: String, date: Date, status: Int, reason: String = "", httpVersion: String = "HTTP/1.1",
                              headers: [(String, String)], body: [UInt8], contentEncoded: Bool = false,
                              concurrentTo: String? = nil, payloadDigest known: String? = nil) throws -> String {
        let digest = known ?? Self.payloadDigest(body)
        // Validators are kept for a 200 only: they are what the next crawl revalidates the payload with.
        let etag = status == 200 ? headers.last(where: { $0.0.lowercased() == "etag" })?.1 : nil
        let lastModified = status == 200 ? headers.last(where: { $0.0.lowercased() == "last-modified" })?.1 : nil
        if !body.isEmpty, var prev = previousCaptures[targetURI], prev.digest == digest {
            prev.etag = etag
            prev.lastModified = lastModified
            let head = Array(Self.httpHead(status: status, reason: reason, httpVersion: httpVersion, headers: headers,
                                           contentLength: nil, contentEncoded: contentEncoded).utf8)
            return try writeRevisit(targetURI: targetURI, date: date, profile: .identicalPayloadDigest, refersTo: prev.recordID,
                                    refersToTargetURI: targetURI, refersToDate: prev.date, payloadDigest: digest, httpHead: head,
                                    concurrentTo: concurrentTo, capture: prev)
        }
        let httpHead = Array(Self.httpHead(status: status, reason: reason, httpVersion: httpVersion, headers: headers,
                                           contentLength: body.count, contentEncoded: contentEncoded).utf8)
        var extra = [("WARC-Payload-Digest", digest)]
        if let concurrentTo { extra.append(("WARC-Concurrent-To", concurrentTo)) }
        let (id, offset) = try writeRecord(type: "response", targetURI: targetURI, date: date,
                                           contentType: "application/http;msgtype=response", extra: extra, block: httpHead,
                                           blockRest: body, compressed: contentEncoded)
        let capture = CaptureIndex.fields(WARCCapture(digest: digest, recordID: id, date: isoUTC(date), location: location,
                                                      offset: offset, etag: etag, lastModified: lastModified))
        try mutex.withLock { captures[targetURI] = try captureSpool.append(capture) }
        return id
    }

    /// Writes the `revisit` record (profile server-not-modified) of a 304 answer to a request made with the
    /// validators of the previous snapshot's capture of `targetURI`, and carries that capture over to this
    /// snapshot. Returns `nil` (and writes nothing) when the previous snapshot has no capture of `targetURI`.
    public func writeNotModified(targetURI: String, date: Date, concurrentTo: String? = nil) throws -> String? {
        guard let prev = previousCaptures[targetURI] else { return nil }
        return try writeNotModified(targetURI: targetURI, date: date, refersTo: prev.recordID, refersToTargetURI: targetURI,
                                    refersToDate: prev.date, payloadDigest: prev.digest, concurrentTo: concurrentTo,
                                    capture: prev)
    }

    /// Writes a `revisit` record (profile server-not-modified): the server answered 304 to a conditional
    /// request for `targetURI`, so its payload is the one of the response record `refersTo`. The record has an
    /// empty block (WARC 1.1 lets a revisit have no content): the 304's headers repeat the referred response's
    /// validators and this record's date, and they were a sixth of what an unchanged page costs a re-crawl.
    /// No `WARC-Payload-Digest` either (see the type's comment); `payloadDigest` goes to the capture index.
    /// `capture` is what this snapshot's capture index records for `targetURI` (default: the referred record,
    /// without its location and validators).
    @discardableResult
    public func writeNotModified(targetURI: String, date: Date, refersTo: String, refersToTargetURI: String,
                                 refersToDate: String, payloadDigest: String?, concurrentTo: String? = nil,
                                 capture: WARCCapture? = nil) throws -> String {
        try writeRevisit(targetURI: targetURI, date: date, profile: .serverNotModified, refersTo: refersTo,
                         refersToTargetURI: refersToTargetURI, refersToDate: refersToDate, payloadDigest: payloadDigest,
                         httpHead: nil, concurrentTo: concurrentTo, capture: capture)
    }

    /// `sha256:<hex>` of a payload, as written in `WARC-Payload-Digest` (and `FetchInfo.payloadDigest`).
    public static func payloadDigest(_ body: [UInt8]) -> String { "sha256:" + SHA256.hex(body) }

    /// The WARC date format (ISO 8601 UTC, seconds).
    public static func warcDate(_ date: Date) -> String { isoUTC(date) }

    /// The capture index of this snapshot's captures (see `CaptureIndex`), made by `gz`.
    func captureIndex(into gz: GzipDeflater = GzipDeflater()) throws -> Data {
        try mutex.withLock { try CaptureIndex.encode(uris: captures.keys, into: gz) { try captureSpool.read(captures[$0]!) } }
    }

    /// Flushes and closes the file (idempotent). The flush runs outside the lock: `captureIndex()` may run
    /// meanwhile (`SnapshotWriter.commit` makes the indexes while the file is flushed).
    func close() throws {
        let file = mutex.withLock { () -> Int32 in
            defer { fd = -1 }
            return fd
        }
        if file >= 0 { _ = fsync(file); Glibc.close(file) }
    }

    // MARK: - Private

    /// Writes a `revisit` record; `httpHead` (the answer's status line and headers) is its block, if any.
    private func writeRevisit(targetURI: String, date: Date, profile: RevisitProfile, refersTo: String,
                              refersToTargetURI: String, refersToDate: String, payloadDigest: String?, httpHead: [UInt8]?,
                              concurrentTo: String?, capture: WARCCapture?) throws -> String {
        var extra = [("WARC-Profile", profile.rawValue), ("WARC-Refers-To", refersTo),
                     ("WARC-Refers-To-Target-URI", refersToTargetURI), ("WARC-Refers-To-Date", refersToDate)]
        // Mandatory for identical-payload-digest; for server-not-modified the referred record holds it.
        if let payloadDigest, profile == .identicalPayloadDigest { extra.append(("WARC-Payload-Digest", payloadDigest)) }
        if let concurrentTo { extra.append(("WARC-Concurrent-To", concurrentTo)) }
        let id = try writeRecord(type: "revisit", targetURI: targetURI, date: date,
                                 contentType: httpHead == nil ? nil : "application/http;msgtype=response", extra: extra,
                                 block: httpHead ?? [], blockDigest: false).id
        if let capture = capture ?? payloadDigest.map({ WARCCapture(digest: $0, recordID: refersTo, date: refersToDate) }) {
            let fields = CaptureIndex.fields(capture)
            try mutex.withLock { captures[targetURI] = try captureSpool.append(fields) }
        }
        return id
    }

    private static func httpHead(status: Int, reason: String, httpVersion: String, headers: [(String, String)],
                                 contentLength: Int?, contentEncoded: Bool = false) -> String {
        var head = "\(httpVersion) \(status)\(reason.isEmpty ? "" : " " + reason)\r\n"
        for (k, v) in headers {
            // A CR or LF in a value would end the header early; values almost never have one.
            let clean = v.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A })
                ? v.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") : v
            let name = k.lowercased()
            if renamedHeaders.contains(name), !(contentEncoded && name == "content-encoding") {
                head += "\(renamedHeaderPrefix)\(k): \(clean)\r\n"
            } else {
                head += "\(k): \(clean)\r\n"
            }
        }
        if let contentLength { head += "Content-Length: \(contentLength)\r\n" }
        head += "\r\n"
        return head
    }

    /// Writes one record as one gzip member; returns its `WARC-Record-ID` and the member's byte offset.
    /// The record's block is `block` followed by `blockRest` (a response's HTTP head and body): the two are
    /// copied once, straight into the record, as a large body would otherwise be copied twice more.
    /// `compressed`: `blockRest` is compressed already, and the member stores the record uncompressed.
    private func writeRecord(type: String, targetURI: String?, date: Date, contentType: String?,
                             extra: [(String, String)], block: [UInt8], blockRest: [UInt8] = [],
                             blockDigest: Bool = true, compressed: Bool = false) throws -> (id: String, offset: Int) {
        let recordID = mutex.withLock { ids.next() }
        let blockCount = block.count + blockRest.count
        func head(digest: String?) -> [UInt8] {
            var head = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(recordID)\r\nWARC-Date: \(isoUTC(date))\r\n"
            if let targetURI { head += "WARC-Target-URI: \(targetURI)\r\n" }
            for (k, v) in extra { head += "\(k): \(v)\r\n" }
            if let digest { head += "WARC-Block-Digest: sha256:\(digest)\r\n" }
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(blockCount)\r\n\r\n"
            return Array(head.utf8)
        }
        // The block goes in after room for the WARC head, whose length is known before the block's digest
        // (64 hex digits) is: the digest is taken in place and the head written in front of it.
        let placeholder = head(digest: blockDigest ? Self.digestPlaceholder : nil)
        let headCount = placeholder.count
        var record = placeholder
        record.reserveCapacity(headCount + blockCount + 4)
        record.append(contentsOf: block)
        record.append(contentsOf: blockRest)
        record.append(contentsOf: [0x0D, 0x0A, 0x0D, 0x0A])
        if blockDigest {
            let digest = record.withUnsafeBytes { SHA256.digest(UnsafeRawBufferPointer(rebasing: $0[headCount..<(headCount + blockCount)])).hexString }
            let real = head(digest: digest)
            precondition(real.count == headCount, "WARC head length changed with the digest")
            record.replaceSubrange(0..<headCount, with: real)
        }
        // A response whose body is in a content coding (a gzip body, as nearly every server sends a page): its
        // heads are compressed and its body stored in its gzip member, since deflating compressed bytes again saves
        // nothing, and it was most of the archive's compression CPU (libdeflate level 1 over the decoded page: ~7%
        // of a crawl). The heads alone are too small for zlib's or libdeflate's own codes to pay (`FixedCodeDeflater`).
        let member = compressed ? FixedCodeDeflater.member(record, storingFrom: headCount + block.count)
            : try deflaterLock.withLock {
                try (record.count <= Self.smallRecordBytes ? smallCompressor : compressor).compress(record)
            }
        let offset = try mutex.withLock { () throws -> Int in
            guard fd >= 0 else { throw ArchiveError.invalid("\(url.path): WARC file already closed") }
            let offset = Int(lseek(fd, 0, SEEK_END))
            let ok = writeFully(fd, member)
            if !ok { throw ArchiveError.io(path: url.path, reason: "cannot write WARC record: \(String(cString: strerror(errno)))") }
            return offset
        }
        return (recordID, offset)
    }
}

/// Whole-file operations on `.warc.gz` files.
enum WARCFile {
    /// Cuts a torn last gzip member (left by a kill during a write) off the end of the file.
    static func truncateToLastCompleteMember(_ url: URL) throws {
        guard let data = try? [UInt8](Data(contentsOf: url)) else { return }
        var good = 0
        data.withUnsafeBufferPointer { buf in
            while good < buf.count, let m = Gzip.decompressMember(buf, at: good) { good = m.end }
        }
        if good < data.count, truncate(url.path, off_t(good)) != 0 {
            throw ArchiveError.io(path: url.path, reason: "cannot cut a torn WARC record: \(String(cString: strerror(errno)))")
        }
    }
}

/// `WARC-Record-ID`s of one WARC file: `<urn:uuid:...>` with a UUID of version 8 (RFC 9562, custom layout):
/// 74 random bits drawn once per file, then a 48-bit sequence number. Unique like a random UUID per file
/// (as many random bits as a version 7 UUID has per millisecond) and unique within the file by the
/// sequence. Why not a random UUID per record: a revisit or response names its own id and its request's
/// (`WARC-Concurrent-To`) in one gzip member, where 32 random hex digits each cost ~19 bytes compressed;
/// with a shared prefix the second costs a few.
struct RecordIDs {
    /// `<urn:uuid:xxxxxxxx-xxxx-8xxx-Vxxx-`: the random bits with the version and variant set.
    private let prefix: [UInt8]
    private var sequence: UInt64 = 0

    init() {
        var g = SystemRandomNumberGenerator()
        let a = g.next() as UInt64, b = g.next() as UInt64
        let hi = a >> 16                                   // 48 bits
        let mid = (b >> 52) & 0xFFF                        // 12 bits after the version digit
        let low = 0x8000 | ((b >> 38) & 0x3FFF)            // variant 0b10, then 14 bits
        func hex(_ v: UInt64, _ width: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        prefix = Array("<urn:uuid:\(hex(hi >> 16, 8))-\(hex(hi & 0xFFFF, 4))-8\(hex(mid, 3))-\(hex(low, 4))-".utf8)
    }

    /// The next id, `<urn:uuid:...>`: the sequence number in 12 hex digits (more if it ever needs them).
    mutating func next() -> String {
        let n = sequence
        sequence += 1
        var digits = 12
        while digits < 16, n >> (4 * UInt64(digits)) != 0 { digits += 1 }
        // Written in place: `String(radix:)`, padding and concatenation took ~4.7k instructions an id.
        return String(unsafeUninitializedCapacity: prefix.count + digits + 1) { o in
            _ = o.initialize(fromContentsOf: prefix)
            for k in 0..<digits {
                o[prefix.count + k] = Self.hexDigits[Int((n >> (4 * UInt64(digits - 1 - k))) & 0xF)]
            }
            o[prefix.count + digits] = UInt8(ascii: ">")
            return prefix.count + digits + 1
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
