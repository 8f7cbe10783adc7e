import Foundation
import Testing
@testable import HTML

private func html(_ head: String, _ body: String) -> String {
    "<html><head>\(head)<title>t</title></head><body><p id=\"x\">\(body)</p></body></html>"
}

private func bytes(_ s: String, _ enc: String.Encoding) -> [UInt8] {
    Array(s.data(using: enc)!)
}

/// EUC-JP bytes (Foundation on Linux has no EUC-JP encoder): JIS X 0208 is a fixed arithmetic mapping from Shift_JIS.
private func eucJP(_ s: String) -> [UInt8] {
    let sjis = bytes(s, .shiftJIS)
    var out: [UInt8] = []
    var i = 0
    while i < sjis.count {
        let s1 = Int(sjis[i])
        guard s1 >= 0x81, i + 1 < sjis.count else { out.append(UInt8(s1)); i += 1; continue }
        let s2 = Int(sjis[i + 1])
        var row = (s1 < 0xA0 ? s1 - 0x70 : s1 - 0xB0) * 2
        var col: Int
        if s2 < 0x9F {
            row -= 1
            col = s2 - 0x1F
            if s2 > 0x7F { col -= 1 }
        } else {
            col = s2 - 0x7E
        }
        out.append(UInt8(row + 0x80))
        out.append(UInt8(col + 0x80))
        i += 2
    }
    return out
}

@Test func eucJPHelperMatchesKnownBytes() {
    #expect(eucJP("日本語") == [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC])
}

/// Text long enough for the legacy guess to see many byte pairs.
private let japanese = "日本語のテキストです。東京都の天気は晴れ、気温は二十度でした。ブログの記事を書きました。"
private let western = "Café “quoted” — naïve façade, 10 € price, déjà vu"
/// Umlauts inside words: each one and the letter after it form a valid Shift_JIS pair ("für", "Gebühr").
private let german = "Mit Hilfe des Viertelleitfähigkeitssensors lässt sich das Vorgemelk prüfen. Die Datenkopplung erfolgt über "
    + "die Zeit- und Melkplatzsynchronisation. Der Einsatz von tragbaren Ultraschallgeräten verringert den Schätzfehler "
    + "bei der Konditionsbeurteilung. Bereits die monatlichen Auswertungen der Milchinhaltsstoffe hinsichtlich der "
    + "Versorgungsstufen bieten dem Landwirt eine Grundlage zur Überwachung seiner Fütterungsstrategie. Zusätzlich "
    + "empfiehlt es sich, regelmäßig im ersten Laktationsdrittel Beurteilungen durchzuführen; für retrospektive "
    + "Analysen gehören sie ins Herdenprogramm, denn nur so lässt sich die Gesundheit der Kühe lückenlos prüfen."

struct DetectCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let contentType: String?
    let label: String
    let source: Charset.Source
    var testDescription: String { name }
}

private let detectCases: [DetectCase] = [
    .init(name: "HTTP charset wins over meta", bytes: bytes(html("<meta charset=\"utf-8\">", "abc"), .utf8),
          contentType: "text/html; charset=Shift_JIS", label: "Shift_JIS", source: .http),
    .init(name: "HTTP quoted charset", bytes: bytes(html("", "abc"), .utf8),
          contentType: "text/html; charset=\"EUC-JP\"", label: "EUC-JP", source: .http),
    .init(name: "HTTP iso-8859-1 means windows-1252", bytes: bytes(html("", western), .windowsCP1252),
          contentType: "text/html;charset=ISO-8859-1", label: "windows-1252", source: .http),
    .init(name: "HTTP us-ascii means windows-1252", bytes: bytes(html("", "plain"), .utf8),
          contentType: "text/html; charset=us-ascii", label: "windows-1252", source: .http),
    .init(name: "HTTP unknown label falls through to meta", bytes: bytes(html("<meta charset=\"shift_jis\">", japanese), .shiftJIS),
          contentType: "text/html; charset=bogus", label: "Shift_JIS", source: .meta),
    .init(name: "HTTP legacy label overruled by valid UTF-8", bytes: bytes(html("", western), .utf8),
          contentType: "text/html; charset=iso-8859-1", label: "UTF-8", source: .utf8),
    .init(name: "UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + bytes(html("<meta charset=\"windows-1252\">", western), .utf8),
          contentType: nil, label: "UTF-8", source: .bom),
    .init(name: "UTF-16LE BOM", bytes: [0xFF, 0xFE] + bytes(html("", "abc"), .utf16LittleEndian),
          contentType: nil, label: "UTF-16LE", source: .bom),
    .init(name: "UTF-16BE BOM", bytes: [0xFE, 0xFF] + bytes(html("", "abc"), .utf16BigEndian),
          contentType: nil, label: "UTF-16BE", source: .bom),
    .init(name: "meta charset", bytes: bytes(html("<meta charset=\"Shift_JIS\">", japanese), .shiftJIS),
          contentType: nil, label: "Shift_JIS", source: .meta),
    .init(name: "meta charset unquoted, upper-case tag", bytes: eucJP(html("<META CHARSET=euc-jp>", japanese)),
          contentType: "text/html", label: "EUC-JP", source: .meta),
    .init(name: "meta http-equiv", bytes: bytes(html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">", western), .windowsCP1252),
          contentType: nil, label: "windows-1252", source: .meta),
    .init(name: "meta http-equiv content first", bytes: bytes(html("<meta content='text/html;charset=x-sjis' http-equiv=content-type>", japanese), .shiftJIS),
          contentType: nil, label: "Shift_JIS", source: .meta),
    .init(name: "meta inside a comment is ignored", bytes: bytes(html("<!-- <meta charset=\"shift_jis\"> -->", "abc"), .utf8),
          contentType: nil, label: "UTF-8", source: .utf8),
    .init(name: "meta utf-16 means UTF-8", bytes: bytes(html("<meta charset=\"utf-16\">", "abc"), .utf8),
          contentType: nil, label: "UTF-8", source: .meta),
    .init(name: "meta after 1024 bytes is not seen", bytes: bytes(html(String(repeating: " ", count: 1100) + "<meta charset=\"shift_jis\">", "abc"), .utf8),
          contentType: nil, label: "UTF-8", source: .utf8),
    .init(name: "UTF-8 with wrong meta", bytes: bytes(html("<meta charset=\"iso-8859-1\">", western), .utf8),
          contentType: nil, label: "UTF-8", source: .utf8),
    .init(name: "undeclared UTF-8", bytes: bytes(html("", western + japanese), .utf8),
          contentType: nil, label: "UTF-8", source: .utf8),
    .init(name: "undeclared ASCII", bytes: bytes(html("", "plain"), .utf8),
          contentType: nil, label: "UTF-8", source: .utf8),
    .init(name: "undeclared windows-1252", bytes: bytes(html("", western), .windowsCP1252),
          contentType: nil, label: "windows-1252", source: .fallback),
    .init(name: "windows-1252 under a utf-8 meta", bytes: bytes(html("<meta charset=\"utf-8\">", western), .windowsCP1252),
          contentType: nil, label: "windows-1252", source: .fallback),
    .init(name: "windows-1252 under a utf-8 header", bytes: bytes(html("", western), .windowsCP1252),
          contentType: "text/html; charset=UTF-8", label: "windows-1252", source: .fallback),
    .init(name: "Shift_JIS under a utf-8 meta", bytes: bytes(html("<meta charset=\"utf-8\">", japanese), .shiftJIS),
          contentType: nil, label: "Shift_JIS", source: .fallback),
    .init(name: "mostly UTF-8 with one bad byte keeps UTF-8", bytes: bytes(html("<meta charset=\"utf-8\">", western), .utf8) + [0xFF],
          contentType: nil, label: "UTF-8", source: .meta),
    .init(name: "undeclared Shift_JIS", bytes: bytes(html("", japanese), .shiftJIS),
          contentType: nil, label: "Shift_JIS", source: .fallback),
    .init(name: "undeclared EUC-JP", bytes: eucJP(html("", japanese)),
          contentType: nil, label: "EUC-JP", source: .fallback),
    .init(name: "undeclared German windows-1252", bytes: bytes(html("", german), .windowsCP1252),
          contentType: nil, label: "windows-1252", source: .fallback),
]

@Test(arguments: detectCases)
func charsetDetects(_ c: DetectCase) {
    #expect(Charset.detect(bytes: c.bytes, contentType: c.contentType) == Charset.Detection(label: c.label, source: c.source))
}

/// The parse skips its own UTF-8 check when detection's says the bytes are valid: it says so only of valid UTF-8,
/// and for a UTF-8 page declared by its header or meta (the label's check), with every case's detection unchanged.
@Test(arguments: detectCases)
func detectionNotesValidityOnlyOfValidUTF8(_ c: DetectCase) {
    let (detection, valid) = Charset.detectNotingValidity(bytes: c.bytes, contentType: c.contentType)
    #expect(detection == Charset.detect(bytes: c.bytes, contentType: c.contentType))
    let reallyValid = c.bytes.withUnsafeBufferPointer { Charset.firstInvalidUTF8($0) == nil }
    if valid { #expect(reallyValid && detection.label == "UTF-8" && (detection.source == .meta || detection.source == .http)) }
    if reallyValid, detection.label == "UTF-8", detection.source == .meta || detection.source == .http { #expect(valid) }
}

struct DecodeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let contentType: String?
    let text: String
    var testDescription: String { name }
}

private let decodeCases: [DecodeCase] = [
    .init(name: "Shift_JIS with meta", bytes: bytes(html("<meta charset=\"Shift_JIS\">", japanese), .shiftJIS), contentType: nil, text: japanese),
    .init(name: "Shift_JIS with HTTP only", bytes: bytes(html("", japanese), .shiftJIS), contentType: "text/html; charset=shift_jis", text: japanese),
    .init(name: "Shift_JIS undeclared", bytes: bytes(html("", japanese), .shiftJIS), contentType: nil, text: japanese),
    .init(name: "EUC-JP with http-equiv", bytes: eucJP(html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-JP\">", japanese)), contentType: nil, text: japanese),
    .init(name: "EUC-JP with HTTP only", bytes: eucJP(html("", japanese)), contentType: "text/html; charset=euc-jp", text: japanese),
    .init(name: "EUC-JP undeclared", bytes: eucJP(html("", japanese)), contentType: nil, text: japanese),
    .init(name: "windows-1252 with meta", bytes: bytes(html("<meta charset=\"windows-1252\">", western), .windowsCP1252), contentType: nil, text: western),
    .init(name: "windows-1252 labelled iso-8859-1", bytes: bytes(html("<meta charset=\"iso-8859-1\">", western), .windowsCP1252), contentType: nil, text: western),
    .init(name: "windows-1252 with HTTP latin1", bytes: bytes(html("", western), .windowsCP1252), contentType: "text/html; charset=latin1", text: western),
    .init(name: "windows-1252 undeclared", bytes: bytes(html("", western), .windowsCP1252), contentType: nil, text: western),
    .init(name: "undeclared windows-1252 German is not Shift_JIS", bytes: bytes(html("", german), .windowsCP1252), contentType: nil, text: german),
    .init(name: "windows-1252 under a utf-8 meta", bytes: bytes(html("<meta charset=\"utf-8\">", western), .windowsCP1252), contentType: nil, text: western),
    .init(name: "UTF-8 with wrong meta", bytes: bytes(html("<meta charset=\"iso-8859-1\">", western), .utf8), contentType: nil, text: western),
    .init(name: "UTF-8 with wrong HTTP charset", bytes: bytes(html("", japanese), .utf8), contentType: "text/html; charset=Shift_JIS", text: japanese),
    .init(name: "UTF-8 BOM with conflicting meta", bytes: [0xEF, 0xBB, 0xBF] + bytes(html("<meta charset=\"windows-1252\">", western), .utf8), contentType: nil, text: western),
    .init(name: "UTF-16LE with BOM", bytes: [0xFF, 0xFE] + bytes(html("", japanese), .utf16LittleEndian), contentType: nil, text: japanese),
]

@Test(arguments: decodeCases)
func charsetDecodes(_ c: DecodeCase) throws {
    let doc = try HTMLDocument(bytes: c.bytes, contentType: c.contentType)
    #expect(try doc.string(xpath: "string(//p[@id='x'])") == c.text)
    #expect(doc.charset != nil)
}

struct ContentTypeCase: CustomTestStringConvertible, Sendable {
    let value: String
    let charset: String?
    var testDescription: String { value }
}

@Test(arguments: [
    ContentTypeCase(value: "text/html; charset=utf-8", charset: "utf-8"),
    ContentTypeCase(value: "text/html;CHARSET=\"Shift_JIS\"", charset: "Shift_JIS"),
    ContentTypeCase(value: "text/html; q=1; charset='euc-jp' ; x=y", charset: "euc-jp"),
    ContentTypeCase(value: "text/html", charset: nil),
    ContentTypeCase(value: "text/html; charset=", charset: nil),
])
func contentTypeCharsetParameter(_ c: ContentTypeCase) {
    #expect(Charset.charsetParameter(c.value) == c.charset)
}

@Test func utf8ValidationRejectsOverlongsAndSurrogatesButToleratesATruncatedEnd() {
    func valid(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer { Charset.isValidUTF8($0) } }
    #expect(valid(Array("plain ascii text, long enough for the fast path".utf8)))
    #expect(valid(Array("é€😀".utf8)))
    #expect(!valid([0x61, 0xC0, 0xAF]))        // overlong "/"
    #expect(!valid([0xED, 0xA0, 0x80]))        // surrogate
    #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
    #expect(!valid([0x61, 0x80, 0x62]))        // stray continuation
    #expect(valid([0x61, 0xE2, 0x82]))         // cut in the middle of "€" at the very end
}
