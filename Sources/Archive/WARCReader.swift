import Fetch
import Foundation

/// One record of a WARC file.
public struct WARCRecord: Sendable {
    /// `WARC-Type`: warcinfo, request, response, revisit, ...
    public var type: String
    /// The WARC header fields in file order.
    public var headers: [(String, String)]
    /// The record block (for `response`: the HTTP status line, headers and body).
    public var block: [UInt8]

    /// The first WARC header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.0.lowercased() == n }?.1
    }

    public var targetURI: String? { header("WARC-Target-URI") }
    public var date: String? { header("WARC-Date") }
    public var recordID: String? { header("WARC-Record-ID") }

    /// The HTTP response in a `response` (or `revisit`) record's block, or `nil` when it is not one.
    public var httpResponse: HTTPResponseMessage? {
        guard header("Content-Type")?.hasPrefix("application/http") == true else { return nil }
        return HTTPResponseMessage(parsing: block)
    }
}

/// An HTTP response as stored in a WARC record.
public struct HTTPResponseMessage: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.0.lowercased() == n }?.1
    }

    /// This message with its body's content coding undone, as the crawl extracted it: a body stored as sent
    /// (`Content-Encoding` kept, see `WARCWriter.writeResponse`) is decoded and the header renamed like a
    /// body stored decoded; a message without one is returned as it is. nil when the body is not valid in
    /// its coding or decodes to more than `limit` bytes.
    public func contentDecoded(limit: Int = FetchRequest.defaultMaxBodyBytes) -> HTTPResponseMessage? {
        guard let i = headers.firstIndex(where: { $0.0.lowercased() == "content-encoding" }) else { return self }
        guard let decoded = ContentDecoding.decoded(body, contentEncoding: headers[i].1, limit: limit) else { return nil }
        var message = self
        message.body = decoded
        message.headers[i].0 = WARCWriter.renamedHeaderPrefix + headers[i].0
        for j in message.headers.indices where message.headers[j].0.lowercased() == "content-length" {
            message.headers[j].1 = String(decoded.count)
        }
        return message
    }

    init?(parsing block: [UInt8]) {
        guard let (lines, bodyStart) = splitHead(block), let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]) else { return nil }
        status = code
        headers = parseFields(lines.dropFirst())
        body = Array(block[bodyStart...])
    }
}

/// Reads the records of a `.warc.gz` file (one gzip member per record, as lookback writes them;
/// multi-record members are read too).
public struct WARCReader {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// All records, in file order.
    public func records() throws -> [WARCRecord] {
        var out: [WARCRecord] = []
        try forEachRecord { out.append($0) }
        return out
    }

    /// Calls `body` with each record in file order, decompressing one member at a time.
    public func forEachRecord(_ body: (WARCRecord) throws -> Void) throws {
        try forEachRecordWithOffset { record, _ in try body(record) }
    }

    /// The record whose gzip member starts at byte `offset` (the first record of a multi-record member).
    public func record(at offset: Int) throws -> WARCRecord {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ArchiveError.io(path: url.path, reason: "cannot read WARC file: \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { raw in
            let buf = raw.bindMemory(to: UInt8.self)
            guard offset >= 0, offset < buf.count, let member = Gzip.decompressMember(buf, at: offset) else {
                throw ArchiveError.corrupt(path: url.path, reason: "offset \(offset): not a complete gzip member")
            }
            return try parseRecord(member.bytes[...], offset: offset).0
        }
    }

    /// Calls `body` with each record and the byte offset of the gzip member it was read from, in file order.
    public func forEachRecordWithOffset(_ body: (WARCRecord, Int) throws -> Void) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ArchiveError.io(path: url.path, reason: "cannot read WARC file: \(error.localizedDescription)")
        }
        try data.withUnsafeBytes { raw in
            let buf = raw.bindMemory(to: UInt8.self)
            var offset = 0
            while offset < buf.count {
                guard let member = Gzip.decompressMember(buf, at: offset) else {
                    throw ArchiveError.corrupt(path: url.path, reason: "offset \(offset): not a complete gzip member")
                }
                var rest = member.bytes[...]
                while !rest.isEmpty {
                    let (record, next) = try parseRecord(rest, offset: offset)
                    try body(record, offset)
                    rest = next
                }
                offset = member.end
            }
        }
    }

    private func parseRecord(_ bytes: ArraySlice<UInt8>, offset: Int) throws -> (WARCRecord, ArraySlice<UInt8>) {
        guard let (lines, blockStart) = splitHead(bytes), lines.first?.hasPrefix("WARC/") == true else {
            throw ArchiveError.corrupt(path: url.path, reason: "offset \(offset): no WARC header")
        }
        let headers = parseFields(lines.dropFirst())
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) }
        guard let length, blockStart + length <= bytes.endIndex else {
            throw ArchiveError.corrupt(path: url.path, reason: "offset \(offset): bad Content-Length")
        }
        let block = Array(bytes[blockStart..<(blockStart + length)])
        var next = bytes[(blockStart + length)...]
        while let f = next.first, f == 0x0D || f == 0x0A { next = next.dropFirst() }
        let type = headers.first { $0.0.lowercased() == "warc-type" }?.1 ?? ""
        return (WARCRecord(type: type, headers: headers, block: block), next)
    }
}

/// Splits a header block (lines ending CRLF, ended by an empty line) from what follows:
/// the lines and the index where the content starts.
private func splitHead<C: Collection>(_ bytes: C) -> ([String], C.Index)? where C.Element == UInt8, C.Index == Int {
    var lines: [String] = []
    var start = bytes.startIndex
    var i = bytes.startIndex
    while i < bytes.endIndex {
        if bytes[i] == 0x0A {
            var end = i
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if end == start { return (lines, i + 1) }
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = i + 1
        }
        i += 1
    }
    return nil
}

private func parseFields<S: Sequence>(_ lines: S) -> [(String, String)] where S.Element == String {
    lines.compactMap { line in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
