import CCurl
import Foundation

/// What one hop (one libcurl easy transfer, no redirect following) produced.
struct HopOutcome: Sendable {
    var url: String
    var status: Int
    var httpVersion: String
    var reason: String
    var headers: [HTTPHeader]
    var body: [UInt8]
    var truncated: Bool
    var skipped: Bool
    var requestLine: String
    var requestHeaders: [HTTPHeader]
    /// The absolute URL the `Location` header resolves to, as computed by libcurl.
    var redirectURL: String?
    var remoteIP: String?
    /// The content codings `body` still has (`ContentDecoding`): the transfer hands the body over as it came,
    /// and `decoded()` undoes them on the fetching task. nil when the answer names a coding not decoded here.
    var codings: [ContentDecoding.Coding]? = []
    /// The `Content-Encoding` value, for the error of an answer whose coding is not decoded here.
    var contentEncoding: String?
    /// The body was cut at the cap before its codings were undone.
    var encodedCut = false
    /// The body as it came, in its content codings, once `decoded()` has undone them all: set only when the
    /// decoded body is whole (not cut at the cap, not skipped as binary).
    var encodedBody: [UInt8]?
    /// What the `Content-Type` said, when the first decoded bytes still have to be checked (`ContentSniffer`).
    var sniff: ContentSniffer.TypeVerdict?
    /// The cap on the decoded body.
    var maxBodyBytes = 0

    /// This outcome with its body's content codings undone, at most `maxBodyBytes` of it, and its first
    /// decoded bytes checked for binary content; a failure when the body cannot be decoded.
    func decoded() -> Result<HopOutcome, FetchError> {
        var hop = self
        if !body.isEmpty {
            guard let codings else {
                return .failure(.network(code: Int(CURLE_BAD_CONTENT_ENCODING.rawValue),
                                         message: "\(url): unsupported Content-Encoding \(contentEncoding ?? "")"))
            }
            if !codings.isEmpty {
                guard let d = ContentDecoding.decode(body, codings: codings, limit: maxBodyBytes, cut: encodedCut) else {
                    return .failure(.network(code: Int(CURLE_BAD_CONTENT_ENCODING.rawValue),
                                             message: "\(url): the body is not valid \(contentEncoding ?? "")"))
                }
                (hop.body, hop.truncated) = (d.bytes, d.truncated || truncated)
                if !hop.truncated { hop.encodedBody = body }
            }
        }
        if let declared = sniff {
            if hop.body.withUnsafeBytes({ ContentSniffer.isBinary($0, declared: declared) }) {
                (hop.body, hop.truncated, hop.skipped, hop.encodedBody) = ([], false, true, nil)
            }
        }
        hop.codings = []
        hop.sniff = nil
        return .success(hop)
    }
}

/// One easy handle and the state its callbacks fill in. Created, driven and released only on the
/// event-loop thread, so it needs no locking.
final class Transfer {
    let id: UInt64
    let url: String
    /// The per-host limit's key (see `EventLoop.hostKey`).
    let host: String
    let easy: UnsafeMutableRawPointer
    let continuation: CheckedContinuation<Result<HopOutcome, FetchError>, Never>
    private let maxBodyBytes: Int
    private let htmlOnly: Bool
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?

    private var status = 0
    private var httpVersion = ""
    private var reason = ""
    private var headers: [HTTPHeader] = []
    private var finalHeadersDone = false
    /// What the Content-Type said, when the first body bytes still have to be checked.
    private var sniffFirstBytes: ContentSniffer.TypeVerdict?
    private var body: [UInt8] = []
    private var truncated = false
    private var skipped = false
    private var requestHeaderBytes: [UInt8] = []
    /// The answer's content codings (see `HopOutcome.codings`); the body is kept encoded when there are any.
    private var codings: [ContentDecoding.Coding]? = []
    private var encodedCut = false

    /// Accept header sent when only HTML is wanted: HTML first, anything else (XHTML too) after. Short on
    /// purpose: every request of a crawl is archived, and a re-crawl of an unchanged blog is mostly requests.
    private static let acceptHTML = "text/html,*/*;q=0.8"

    init?(id: UInt64, url: String, host: String, request: FetchRequest, config: FetchConfig,
          continuation: CheckedContinuation<Result<HopOutcome, FetchError>, Never>) {
        guard let easy = curl_easy_init() else { return nil }
        self.id = id
        self.url = url
        self.host = host
        self.easy = easy
        self.continuation = continuation
        self.maxBodyBytes = max(0, request.maxBodyBytes)
        self.htmlOnly = request.htmlOnly
        // curl writes its error message here; it must stay at a fixed address for the handle's life (freed in deinit).
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)

        var extra = request.headers
        if !extra.keys.contains(where: { asciiCaseInsensitiveEquals($0, "Accept") }) {
            extra["Accept"] = request.htmlOnly ? Self.acceptHTML : "*/*"
        }
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
            // A CR or LF would let a value (an ETag echoed from a server) inject headers; an empty value
            // would make curl drop the header instead of sending it empty.
            // (Scalars, not Characters: "\r\n" is a single Character.)
            let clean = value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A })
                ? String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })) : value
            guard !clean.isEmpty,
                  !name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ":" }) else { continue }
            headerList = curl_slist_append(headerList, "\(name): \(clean)")   // freed in deinit
        }

        let ctx = Unmanaged.passUnretained(self).toOpaque()
        _ = lb_easy_setopt_str(easy, CURLOPT_URL, url)
        _ = lb_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        _ = lb_easy_setopt_str(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = lb_easy_setopt_str(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = lb_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)    // HTTPClient follows, recording each hop
        _ = lb_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        // Sent as the Accept-Encoding header; the body arrives as sent and is decoded by `HopOutcome.decoded()`.
        _ = lb_easy_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, ContentDecoding.accepted)
        _ = lb_easy_setopt_long(easy, CURLOPT_HTTP_CONTENT_DECODING, 0)
        _ = lb_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // No CURLOPT_PIPEWAIT: with it, a second request to an HTTP/1.1 host waited for the first to finish
        // instead of opening a second connection (the per-host cap acted as 1). HTTP/2 still multiplexes.
        _ = lb_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000))
        _ = lb_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(config.totalTimeout * 1000))
        _ = lb_easy_setopt_str(easy, CURLOPT_USERAGENT, config.userAgent)
        _ = lb_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        if let ca = config.caBundlePath { _ = lb_easy_setopt_str(easy, CURLOPT_CAINFO, ca) }
        _ = lb_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = lb_easy_setopt_write_cb(easy, CURLOPT_WRITEFUNCTION, writeCallback)
        _ = lb_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, ctx)
        _ = lb_easy_setopt_write_cb(easy, CURLOPT_HEADERFUNCTION, headerCallback)
        _ = lb_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, ctx)
        // The debug callback is the only way to see the request headers exactly as sent (for WARC);
        // curl calls it only in verbose mode, and then writes nothing to stderr.
        _ = lb_easy_setopt_debug_cb(easy, CURLOPT_DEBUGFUNCTION, debugCallback)
        _ = lb_easy_setopt_ptr(easy, CURLOPT_DEBUGDATA, ctx)
        _ = lb_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: callbacks (on the loop thread, inside curl_multi_perform)

    /// One raw header line (status lines of 1xx answers included). Returns false to abort the transfer.
    fileprivate func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) -> Bool {
        if finalHeadersDone { return true }   // trailers after a chunked body: not part of the answer's headers
        var end = raw.count
        while end > 0, raw[end - 1] == 0x0A || raw[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: raw[0..<end])
        if line.isEmpty { return endOfHeaderBlock() }
        if line.starts(with: Self.httpPrefix) {
            // A new status line: a 1xx interim answer came before, or this is the first line.
            headers.removeAll(keepingCapacity: true)
            let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: true)
            httpVersion = String(decoding: parts[0], as: UTF8.self)
            status = parts.count > 1 ? Int(String(decoding: parts[1], as: UTF8.self)) ?? 0 : 0
            reason = parts.count > 2 ? String(decoding: parts[2], as: UTF8.self) : ""
            return true
        }
        if line[0] == 0x20 || line[0] == 0x09 {
            // obs-fold continuation line (RFC 9110 §5.5): belongs to the previous header's value.
            if !headers.isEmpty {
                headers[headers.count - 1].value += " " + trimmed(line)
            }
            return true
        }
        guard let colon = line.firstIndex(of: 0x3A) else { return true }
        headers.append(HTTPHeader(name: trimmed(UnsafeRawBufferPointer(rebasing: line[0..<colon])),
                                  value: trimmed(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))))
        return true
    }

    private static let httpPrefix = Array("HTTP/".utf8)

    private func trimmed(_ bytes: UnsafeRawBufferPointer) -> String {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }

    private func endOfHeaderBlock() -> Bool {
        guard status >= 200 else { return true }   // 100 Continue / 103 Early Hints: the real answer follows
        finalHeadersDone = true
        let isRedirect = (300..<400).contains(status)
        if htmlOnly && !isRedirect {
            let verdict = ContentSniffer.verdict(contentType: headers.first(named: "Content-Type"))
            if verdict == .notHTML {
                skipped = true
                return false
            }
            sniffFirstBytes = verdict
        }
        codings = ContentDecoding.codings(headers.first(named: "Content-Encoding"))
        if let length = headers.first(named: "Content-Length").flatMap({ Int($0) }), length > 0 {
            body.reserveCapacity(min(length, maxBodyBytes))
        }
        return true
    }

    /// A chunk of the body as curl hands it over (still encoded when the answer names a content coding: see
    /// `HopOutcome.decoded()`). Returns false to abort (cap reached, or binary content sniffed).
    fileprivate func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if codings != [] {
            // Encoded (or in a coding not decoded here): kept as it came, up to the cap, for `HopOutcome.decoded()`,
            // which checks the decoded bytes and caps them.
            let room = maxBodyBytes - body.count
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<min(chunk.count, room)]))
            if chunk.count <= room { return true }
            encodedCut = true
            return false
        }
        if let declared = sniffFirstBytes {
            sniffFirstBytes = nil
            if ContentSniffer.isBinary(chunk, declared: declared) {
                skipped = true
                return false
            }
        }
        let room = maxBodyBytes - body.count
        if chunk.count <= room {
            body.append(contentsOf: chunk)
            return true
        }
        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<room]))
        truncated = true
        return false
    }

    fileprivate func receiveRequestHeaders(_ bytes: UnsafeRawBufferPointer) {
        requestHeaderBytes.append(contentsOf: bytes)
    }

    // MARK: completion

    /// The hop's outcome once curl reports the transfer done with `code`.
    func finish(code: CURLcode) -> Result<HopOutcome, FetchError> {
        // Our own callbacks abort with a write error when the cap is hit or the body is skipped: not a failure.
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && (truncated || skipped || encodedCut)) else {
            return .failure(error(for: code))
        }
        var redirect: UnsafeMutablePointer<CChar>?
        _ = lb_easy_getinfo_str(easy, CURLINFO_REDIRECT_URL, &redirect)
        var ip: UnsafeMutablePointer<CChar>?
        _ = lb_easy_getinfo_str(easy, CURLINFO_PRIMARY_IP, &ip)
        let (requestLine, requestHeaders) = parseRequestHeaders()
        return .success(HopOutcome(
            url: url, status: status, httpVersion: httpVersion, reason: reason, headers: headers, body: body,
            truncated: truncated, skipped: skipped, requestLine: requestLine, requestHeaders: requestHeaders,
            redirectURL: redirect.map { String(cString: $0) },
            remoteIP: ip.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 },
            codings: codings, contentEncoding: headers.first(named: "Content-Encoding"), encodedCut: encodedCut,
            sniff: codings == [] ? nil : sniffFirstBytes, maxBodyBytes: maxBodyBytes))
    }

    /// Splits the request head curl sent ("GET / HTTP/1.1\r\nHost: ...\r\n\r\n") into its line and headers.
    private func parseRequestHeaders() -> (String, [HTTPHeader]) {
        requestHeaderBytes.withUnsafeBytes { raw in
            var requestLine = ""
            var sent: [HTTPHeader] = []
            for line in raw.split(whereSeparator: { $0 == 0x0D || $0 == 0x0A }) {
                let bytes = UnsafeRawBufferPointer(rebasing: line)
                if requestLine.isEmpty {
                    requestLine = String(decoding: bytes, as: UTF8.self)
                } else if let colon = bytes.firstIndex(of: 0x3A) {
                    sent.append(HTTPHeader(name: trimmed(UnsafeRawBufferPointer(rebasing: bytes[0..<colon])),
                                           value: trimmed(UnsafeRawBufferPointer(rebasing: bytes[(colon + 1)...]))))
                }
            }
            return (requestLine, sent)
        }
    }

    private func error(for code: CURLcode) -> FetchError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let message = "\(url): \(detail)"
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL: return .disallowedScheme(url: url)
        case CURLE_URL_MALFORMAT: return .invalidURL(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns(message)
        case CURLE_COULDNT_CONNECT: return .connect(message)
        case CURLE_OPERATION_TIMEDOUT: return .timeout(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            return .tls(message)
        default: return .network(code: Int(code.rawValue), message: message)
        }
    }
}

// C callbacks: no captures; the Transfer comes through the userdata pointer. The event loop's
// `active` table holds the strong reference for as long as curl can call these.

private let writeCallback: curl_write_callback = { ptr, size, nmemb, userdata in
    let n = size * nmemb
    guard n > 0, let ptr, let userdata else { return n }
    let t = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return t.receiveBody(UnsafeRawBufferPointer(start: ptr, count: n)) ? n : 0
}

private let headerCallback: curl_write_callback = { ptr, size, nmemb, userdata in
    let n = size * nmemb
    guard let ptr, let userdata else { return n }
    let t = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return t.receiveHeaderLine(UnsafeRawBufferPointer(start: ptr, count: n)) ? n : 0
}

private let debugCallback: curl_debug_callback = { _, type, data, size, userdata in
    guard type == CURLINFO_HEADER_OUT, let data, let userdata else { return 0 }
    let t = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    t.receiveRequestHeaders(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
