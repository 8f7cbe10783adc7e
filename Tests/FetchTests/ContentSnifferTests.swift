import Foundation
import Testing
@testable import Fetch

struct TypeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var contentType: String?
    var verdict: ContentSniffer.TypeVerdict
    var testDescription: String { name }
}

struct SniffCase: Sendable, CustomTestStringConvertible {
    var name: String
    var prefix: [UInt8]
    var binary: Bool
    var testDescription: String { name }
}

struct DateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var epoch: Double?
    var testDescription: String { name }
}

@Suite struct ContentSnifferTests {
    @Test(arguments: [
        TypeCase(name: "html with charset", contentType: "text/html; charset=Shift_JIS", verdict: .html),
        TypeCase(name: "html upper case", contentType: "TEXT/HTML", verdict: .html),
        TypeCase(name: "xhtml", contentType: "application/xhtml+xml", verdict: .html),
        TypeCase(name: "missing", contentType: nil, verdict: .unknown),
        TypeCase(name: "empty", contentType: "", verdict: .unknown),
        TypeCase(name: "octet-stream is a download", contentType: "application/octet-stream", verdict: .notHTML),
        TypeCase(name: "unknown/unknown", contentType: "unknown/unknown", verdict: .unknown),
        TypeCase(name: "pdf", contentType: "application/pdf", verdict: .notHTML),
        TypeCase(name: "image", contentType: "image/jpeg", verdict: .notHTML),
        TypeCase(name: "xml feed", contentType: "application/rss+xml", verdict: .notHTML),
        TypeCase(name: "plain text", contentType: "text/plain; charset=utf-8", verdict: .notHTML),
    ])
    func typeVerdict(_ c: TypeCase) {
        #expect(ContentSniffer.verdict(contentType: c.contentType) == c.verdict)
    }

    @Test(arguments: [
        SniffCase(name: "pdf", prefix: Array("%PDF-1.4\n".utf8), binary: true),
        SniffCase(name: "png", prefix: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], binary: true),
        SniffCase(name: "jpeg", prefix: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], binary: true),
        SniffCase(name: "gif", prefix: Array("GIF89a..".utf8), binary: true),
        SniffCase(name: "zip", prefix: [0x50, 0x4B, 0x03, 0x04, 0x14, 0], binary: true),
        SniffCase(name: "mp4", prefix: [0, 0, 0, 0x20] + Array("ftypisom".utf8), binary: true),
        SniffCase(name: "html doctype", prefix: Array("<!DOCTYPE html><html>".utf8), binary: false),
        SniffCase(name: "html with BOM", prefix: [0xEF, 0xBB, 0xBF] + Array("<html>".utf8), binary: false),
        SniffCase(name: "text mentioning PDF later", prefix: Array("  %PDF-".utf8), binary: false),
        SniffCase(name: "too short for PNG", prefix: [0x89, 0x50], binary: false),
    ])
    func binarySignature(_ c: SniffCase) {
        #expect(c.prefix.withUnsafeBytes { ContentSniffer.looksBinary($0) } == c.binary)
    }

    @Test(arguments: [
        SniffCase(name: "html text", prefix: Array("<!doctype html>\r\n<p>\tok\u{0C}</p>".utf8), binary: false),
        SniffCase(name: "UTF-8 text", prefix: Array("Grüße, 日本語".utf8), binary: false),
        SniffCase(name: "NUL byte", prefix: Array("abc".utf8) + [0] + Array("def".utf8), binary: true),
        SniffCase(name: "random bytes", prefix: [0x9C, 0x03, 0xF1, 0x7E, 0x12, 0xAA], binary: true),
        SniffCase(name: "UTF-16 BOM exempts NULs", prefix: [0xFF, 0xFE, 0x3C, 0, 0x68, 0], binary: false),
        SniffCase(name: "control byte after 512 bytes ignored", prefix: [UInt8](repeating: 0x61, count: 600) + [1], binary: false),
    ])
    func controlBytes(_ c: SniffCase) {
        #expect(c.prefix.withUnsafeBytes { ContentSniffer.hasBinaryBytes($0) } == c.binary)
    }

    @Test(arguments: [
        DateCase(name: "IMF-fixdate", text: "Sun, 06 Nov 1994 08:49:37 GMT", epoch: 784_111_777),
        DateCase(name: "RFC 850", text: "Sunday, 06-Nov-94 08:49:37 GMT", epoch: 784_111_777),
        DateCase(name: "asctime", text: "Sun Nov  6 08:49:37 1994", epoch: 784_111_777),
        DateCase(name: "garbage", text: "soon", epoch: nil),
    ])
    func httpDate(_ c: DateCase) {
        #expect(HTTPDate.parse(c.text)?.timeIntervalSince1970 == c.epoch)
    }

    @Test func retryAfterForms() {
        let ref = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.retryAfterSeconds(" 30 ", reference: ref) == 30)
        #expect(HTTPDate.retryAfterSeconds("Sun, 06 Nov 1994 08:50:37 GMT", reference: ref) == 60)
        #expect(HTTPDate.retryAfterSeconds("Sun, 06 Nov 1994 08:40:37 GMT", reference: ref) == 0)
        #expect(HTTPDate.retryAfterSeconds("-5", reference: ref) == nil)
        #expect(HTTPDate.retryAfterSeconds("later", reference: ref) == nil)
    }
}
