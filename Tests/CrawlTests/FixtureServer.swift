@testable import Archive
import FlyingFox
import Foundation
import Synchronization

/// The fixture blog (`Fixtures/blog`) served on 127.0.0.1 by FlyingFox, with faults switched on per
/// test and every request logged. `http://blog.test` in served text becomes the server's own origin.
///
/// Built-in dynamic routes: `/calendar/?month=YYYY-MM` (a calendar whose next/previous links never
/// end), `/old/post-2` → `/old2/post-2` → `/posts/post-2/` (a redirect chain), `/loop/a` ⇄ `/loop/b`
/// (a redirect loop), `/download` (5 MB of binary), and generated chains that end only at N = 500:
/// `/chain/sitemap-N.xml` (a sitemap index naming sitemap N+1) and `/chain/feed-N.xml` (a feed naming
/// `/chain/page-N/`, whose page names feed N+1). `/posts/huge/` is missing unless a test serves
/// `hugePage` there (extracting 10 MB is slow in debug builds).
final class FixtureServer: Sendable {
    struct Logged: Sendable {
        var path: String
        var query: String
        /// Lowercased names.
        var headers: [String: String]
        var status: Int
        /// When the request arrived and when its answer was made (the wall clock).
        var arrived: Date
        var answered = Date()
    }

    /// A fault for one path.
    enum Fault: Sendable {
        /// The first `times` requests get `status` (with `Retry-After` when given).
        case status(Int, retryAfter: String?, times: Int)
        /// Replaces the file's content and type.
        case body(String, contentType: String)
        /// Replaces the file's content and type, with the validators of a fixture file (a matching
        /// `If-None-Match` gets 304).
        case cacheableBody(String, contentType: String)
    }

    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/blog")
    static let lastModified = "Mon, 18 Nov 2024 08:00:00 GMT"
    static let serverDate = "Mon, 25 Nov 2024 12:00:00 GMT"

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    let port: UInt16
    /// The log, the faults and per-path hit counts, shared with the request handler.
    final class State: Sendable {
        let m: Mutex<(log: [Logged], faults: [String: Fault], hits: [String: Int])>
        init(_ faults: [String: Fault]) { m = Mutex(([], faults, [:])) }
        func withLock<T>(_ body: (inout (log: [Logged], faults: [String: Fault], hits: [String: Int])) -> T) -> T {
            m.withLock { body(&$0) }
        }
    }
    private let state: State

    var origin: String { "http://127.0.0.1:\(port)" }

    /// `slow`: paths whose every answer is held back this many seconds (wall clock). `gzip`: text answers
    /// (HTML, XML, plain) with a body go out gzipped to a request that offers gzip, as from nginx or Apache.
    init(faults: [String: Fault] = [:], slow: [String: Double] = [:], gzip: Bool = false) async throws {
        let state = State(faults)
        self.state = state
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        let handler: @Sendable (HTTPRequest) async throws -> HTTPResponse = { request in
            let arrived = Date()
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            // The raw target: FlyingFox's `path` drops trailing slashes, which the tests must see.
            let path = request.target.path(percentEncoded: false)
            let query = request.target.query(percentEncoded: false)
            var answer = FixtureServer.answer(path: path, query: request.query, headers: headers, state: state)
            if gzip, answer.status == 200, !answer.body.isEmpty, headers["accept-encoding"]?.contains("gzip") == true,
               let type = answer.headers.first(where: { $0.0 == "Content-Type" })?.1,
               type.hasPrefix("text/") || type.contains("xml") {
                answer.body = Data(try Gzip.compress(Array(answer.body)))
                answer.headers.append(("Content-Encoding", "gzip"))
            }
            if let seconds = slow[path] { try await Task.sleep(for: .seconds(seconds)) }
            state.withLock {
                $0.log.append(Logged(path: path, query: query, headers: headers, status: answer.status, arrived: arrived))
            }
            var out = HTTPHeaders()
            out[FlyingFox.HTTPHeader("Date")] = FixtureServer.serverDate
            for (name, value) in answer.headers { out[FlyingFox.HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: "Fixture"), headers: out, body: answer.body)
        }
        await server.appendRoute("GET /", handler: handler)
        await server.appendRoute("GET /*", handler: handler)
        self.server = server
        self.task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, port) = await server.listeningAddress else { throw CocoaError(.fileNoSuchFile) }
        self.port = port
    }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }

    /// Every request so far, in arrival order.
    var log: [Logged] { state.withLock { $0.log } }

    /// Requests for `path` (any query).
    func requests(to path: String) -> [Logged] { log.filter { $0.path == path } }

    func setFault(_ path: String, _ fault: Fault?) { state.withLock { $0.faults[path] = fault } }

    struct Answer {
        var status = 200
        var headers: [(String, String)] = []
        var body = Data()
    }

    /// A 2 MB page (over the 1 MB body cap the huge-answer test sets), for `.body` faults.
    static let hugePage: String = {
        let head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Huge</title></head><body><main><article><h1>Huge</h1>"
        let para = "<p>" + String(repeating: "filler words for a very long page ", count: 30) + "</p>\n"
        return head + String(repeating: para, count: 2_000_000 / para.utf8.count + 1) + "</article></main></body></html>"
    }()

    static let binary: Data = {
        var d = Data(count: 5_000_000)
        d.replaceSubrange(0..<8, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] as [UInt8])
        return d
    }()

    private static func answer(path: String, query: [HTTPRequest.QueryItem], headers: [String: String],
                               state: State) -> Answer {
        let origin = "http://" + (headers["host"] ?? "127.0.0.1")
        let (fault, hit): (Fault?, Int) = state.withLock { s in
            s.hits[path, default: 0] += 1
            return (s.faults[path], s.hits[path]!)
        }
        switch fault {
        case let .status(code, retryAfter, times)? where hit <= times:
            var h = [("Content-Type", "text/plain")]
            if let retryAfter { h.append(("Retry-After", retryAfter)) }
            return Answer(status: code, headers: h, body: Data("fault \(code)".utf8))
        case let .body(text, type)?:
            return Answer(status: 200, headers: [("Content-Type", type)],
                          body: Data(text.replacingOccurrences(of: "http://blog.test", with: origin).utf8))
        case let .cacheableBody(text, type)?:
            return validated(Data(text.replacingOccurrences(of: "http://blog.test", with: origin).utf8), type: type,
                             headers: headers)
        default:
            break
        }
        switch path {
        case "/old/post-2": return redirect("/old2/post-2")
        case "/old2/post-2": return redirect("/posts/post-2/")
        case "/loop/a": return redirect("/loop/b")
        case "/loop/b": return redirect("/loop/a")
        case "/download":
            return Answer(headers: [("Content-Type", "application/octet-stream")], body: binary)
        case "/calendar/", "/calendar":
            let month = query.first { $0.name == "month" }?.value ?? "2024-11"
            return calendar(month)
        default:
            if let chained = chain(path, origin: origin) { return chained }
        }
        var file = root.appendingPathComponent(String(path.drop { $0 == "/" }))
        if path.hasSuffix("/") || path.isEmpty { file.appendPathComponent("index.html") }
        guard !path.contains(".."), let data = FileManager.default.contents(atPath: file.path),
              !file.hasDirectoryPath else {
            return Answer(status: 404, headers: [("Content-Type", "text/html")], body: Data("<h1>Not found</h1>".utf8))
        }
        let type: String
        switch file.pathExtension {
        case "html": type = path == "/posts/post-11/" ? "text/html; charset=windows-1252" : "text/html; charset=utf-8"
        case "xml": type = path == "/feed.xml" ? "application/rss+xml" : "application/xml"
        case "txt": type = "text/plain"
        case "jpg": type = "image/jpeg"
        default: type = "application/octet-stream"
        }
        var body = data
        if type.hasPrefix("text/") || type.contains("xml") {
            // Byte-level replacement keeps windows-1252 pages intact.
            body = Data(replace(Array(data), Array("http://blog.test".utf8), Array(origin.utf8)))
        }
        return validated(body, type: type, headers: headers)
    }

    /// `body` with its ETag and Last-Modified, or 304 when the request's validators match them.
    private static func validated(_ body: Data, type: String, headers: [String: String]) -> Answer {
        let etag = "\"\(body.count)-\(body.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) })\""
        let validators = [("ETag", etag), ("Last-Modified", lastModified)]
        if headers["if-none-match"] == etag || (headers["if-none-match"] == nil && headers["if-modified-since"] == lastModified) {
            return Answer(status: 304, headers: validators)
        }
        return Answer(status: 200, headers: [("Content-Type", type)] + validators, body: body)
    }

    private static func redirect(_ to: String) -> Answer {
        Answer(status: 301, headers: [("Location", to), ("Content-Type", "text/html")], body: Data("moved".utf8))
    }

    private static func calendar(_ month: String) -> Answer {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        let (y, m) = parts.count == 2 ? (parts[0], parts[1]) : (2024, 11)
        func fmt(_ y: Int, _ m: Int) -> String { String(format: "%04d-%02d", y + (m - 1) / 12 - (m < 1 ? 1 : 0), (m + 11) % 12 + 1) }
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Calendar \(month)</title></head><body>
            <h1>Calendar \(month)</h1><a rel="prev" href="/calendar/?month=\(fmt(y, m - 1))">previous</a>
            <a rel="next" href="/calendar/?month=\(fmt(y, m + 1))">next</a></body></html>
            """
        return Answer(headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }

    /// The generated chains' links end at `chainEnd` (the server's own bound, so that a crawler that follows
    /// them all still ends).
    static let chainEnd = 500

    private static func chain(_ path: String, origin: String) -> Answer? {
        guard path.hasPrefix("/chain/") else { return nil }
        let name = path.dropFirst("/chain/".count)
        guard let n = Int(name.filter(\.isNumber)), n < chainEnd else {
            return name.contains("-") ? Answer(status: 404, headers: [("Content-Type", "text/html")], body: Data("gone".utf8)) : nil
        }
        if name.hasPrefix("sitemap-") {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\
                <sitemap><loc>\(origin)/chain/sitemap-\(n + 1).xml</loc></sitemap></sitemapindex>
                """
            return Answer(headers: [("Content-Type", "application/xml")], body: Data(xml.utf8))
        }
        if name.hasPrefix("feed-") {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chain \(n)</title>\
                <item><title>Page \(n)</title><link>\(origin)/chain/page-\(n)/</link></item></channel></rss>
                """
            return Answer(headers: [("Content-Type", "application/rss+xml")], body: Data(xml.utf8))
        }
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Chain page \(n)</title>
            <link rel="alternate" type="application/rss+xml" href="/chain/feed-\(n + 1).xml"></head>
            <body><h1>Chain page \(n)</h1><p>A page of a generated chain.</p></body></html>
            """
        return Answer(headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }

    private static func replace(_ bytes: [UInt8], _ needle: [UInt8], _ with: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == needle[0], i + needle.count <= bytes.count, Array(bytes[i..<i + needle.count]) == needle {
                out += with
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
