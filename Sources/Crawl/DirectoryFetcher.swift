import Extract
import Fetch
import Foundation

/// Serves a static site's build folder (Hugo, Jekyll, Pelican, Eleventy output) as if it were hosted at
/// `baseURL`: `/a/b/` is `a/b/index.html`, `/a/b` is the file `a/b`, else `a/b.html`, else (a folder)
/// a redirect to `/a/b/`; content types by extension; 404 for anything missing; nothing outside the
/// folder is ever read (`..`, encoded slashes, NUL and symlinks leading out all answer 404).
/// Answers conditional requests (`If-None-Match`, `If-Modified-Since`) with 304 like a web server; the
/// ETag of a page is a hash of its bytes.
public struct DirectoryFetcher: PageFetcher {
    public let root: URL
    /// The URL the folder's top stands for (scheme, host, optional base path).
    public let baseURL: CrawlURL
    /// The `Date` each answer carries and `startedAt` of each response.
    let clock: any CrawlClock

    /// 128 bits of the content's SHA-256: collisions are out of reach, and the header stays short.
    static let etagHexDigits = 32

    static let contentTypes: [String: String] = [
        "html": "text/html", "htm": "text/html", "xhtml": "application/xhtml+xml",
        "xml": "application/xml", "rss": "application/rss+xml", "atom": "application/atom+xml",
        "txt": "text/plain", "json": "application/json", "css": "text/css", "js": "text/javascript",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "svg": "image/svg+xml",
        "webp": "image/webp", "pdf": "application/pdf",
    ]

    /// - Throws: `DirectoryFetcherError` when `root` is not a readable folder or `baseURL` not an http(s) URL.
    public init(root: String, baseURL: String, clock: any CrawlClock) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw DirectoryFetcherError(message: "\(root): not a folder (expected a static site's build output)")
        }
        guard let base = CrawlURL(baseURL) else {
            throw DirectoryFetcherError(message: "--base-url \(baseURL): expected an absolute http or https URL")
        }
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        self.baseURL = base
        self.clock = clock
    }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        guard let u = CrawlURL(request.url) else { return .failure(.invalidURL(request.url)) }
        guard u.siteAuthority == baseURL.siteAuthority else {
            return .failure(.dns("\(u.host): only \(baseURL.host) is served from the folder"))
        }
        let now = clock.now()
        var redirects: [FetchHop] = []
        var finalURL = request.url
        var answer = resolve(path: u.path, request: request)
        if case let .redirect(to) = answer {
            let location = u.scheme + "://" + u.authority + to
            redirects.append(FetchHop(url: request.url, status: 301, location: location,
                                      headers: [HTTPHeader(name: "Location", value: location)]))
            finalURL = location
            answer = resolve(path: to, request: request)
        }
        var headers = [HTTPHeader(name: "Date", value: Self.httpDate(now)), HTTPHeader(name: "Server", value: "lookback-directory")]
        var status = 404
        var body: [UInt8] = Array("<!DOCTYPE html><title>Not found</title><h1>404 Not Found</h1>".utf8)
        var skipped = false
        var truncated = false
        switch answer {
        case let .file(path, type, mtime, size):
            let skip = request.htmlOnly && !(type.hasPrefix("text/html") || type.hasPrefix("application/xhtml"))
            var data: Data?
            if !skip {
                guard let d = FileManager.default.contents(atPath: path) else {
                    return .failure(.network(code: 0, message: "\(path): cannot read the file"))
                }
                data = d
            }
            // By content where the file is read: unlike a web server's size-mtime ETag, an edit that keeps
            // the size and the mtime (generators and copies preserve mtimes) must not get a false 304.
            let etag = data.map { "\"" + SHA256.hex($0).prefix(Self.etagHexDigits) + "\"" }
                ?? "\"\(size)-\(Int(mtime.timeIntervalSince1970))\""
            headers += [HTTPHeader(name: "Content-Type", value: type), HTTPHeader(name: "ETag", value: etag),
                        HTTPHeader(name: "Last-Modified", value: Self.httpDate(mtime))]
            if Self.notModified(request.headers, etag: etag, mtime: mtime) {
                status = 304
                body = []
            } else if let data {
                status = 200
                body = Array(data.prefix(request.maxBodyBytes))
                truncated = data.count > request.maxBodyBytes
            } else {
                status = 200
                body = []
                skipped = true
            }
        case .redirect, .missing:
            headers.append(HTTPHeader(name: "Content-Type", value: "text/html; charset=utf-8"))
        }
        return .success(FetchResponse(requestURL: request.url, finalURL: finalURL, status: status, httpVersion: "HTTP/1.1",
                                      headers: headers, body: body, redirects: redirects, bodyTruncated: truncated,
                                      bodySkipped: skipped, requestLine: "GET \(CrawlURL(finalURL)?.pathAndQuery ?? "/") HTTP/1.1",
                                      requestHeaders: request.headers.sorted { $0.key < $1.key }
                                        .map { HTTPHeader(name: $0.key, value: $0.value) },
                                      startedAt: now, duration: 0))
    }

    enum Answer {
        case file(path: String, type: String, mtime: Date, size: Int)
        case redirect(String)
        case missing
    }

    /// Maps a URL path to a file of the folder, never outside it.
    func resolve(path urlPath: String, request: FetchRequest) -> Answer {
        var p = Substring(urlPath)
        let basePath = baseURL.path.hasSuffix("/") ? String(baseURL.path.dropLast()) : baseURL.path
        if !basePath.isEmpty {
            guard p.hasPrefix(basePath) else { return .missing }
            p = p.dropFirst(basePath.count)
        }
        guard let decoded = String(p).removingPercentEncoding else { return .missing }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) { return .missing }
        let relative = segments.joined(separator: "/")
        let fm = FileManager.default
        var candidates: [String] = []
        if decoded.hasSuffix("/") || relative.isEmpty {
            candidates = [relative.isEmpty ? "index.html" : relative + "/index.html"]
        } else {
            candidates = [relative, relative + ".html"]
        }
        for c in candidates {
            let full = root.appendingPathComponent(c).resolvingSymlinksInPath()
            guard full.path.hasPrefix(root.path + "/") else { continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                if fm.fileExists(atPath: full.appendingPathComponent("index.html").path) {
                    return .redirect(basePath + "/" + relative + "/")
                }
                continue
            }
            let attrs = try? fm.attributesOfItem(atPath: full.path)
            let mtime = (attrs?[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            let size = (attrs?[.size] as? Int) ?? 0
            let ext = full.pathExtension.lowercased()
            let type = Self.contentTypes[ext] ?? (ext.isEmpty ? "text/html" : "application/octet-stream")
            return .file(path: full.path, type: type, mtime: mtime, size: size)
        }
        return .missing
    }

    /// `date` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), rounded to the millisecond,
    /// then its fraction of a second dropped. By arithmetic: a `DateFormatter` made per answer was a fifth of a
    /// folder crawl's CPU.
    static func httpDate(_ date: Date) -> String {
        // The millisecond first, as Foundation's formatter did: a file's `Last-Modified` stays what earlier
        // snapshots recorded for it.
        let ms = Int((date.timeIntervalSince1970 * 1_000).rounded())
        let t = ms >= 0 ? ms / 1_000 : (ms - 999) / 1_000
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let second = t - days * 86_400
        let (year, month, day) = CivilDate.from(days: days)
        let weekday = ((days + 4) % 7 + 7) % 7   // 1970-01-01 was a Thursday
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var yearText = String(year)
        if year >= 0, yearText.count < 4 { yearText = String(repeating: "0", count: 4 - yearText.count) + yearText }
        return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(yearText) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 9110 §13.2.2: `If-None-Match` wins over `If-Modified-Since`.
    static func notModified(_ headers: [String: String], etag: String, mtime: Date) -> Bool {
        let lower = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        if let inm = lower["if-none-match"] {
            return inm.split(separator: ",").contains { let t = $0.trimmingCharacters(in: .whitespaces); return t == etag || t == "*" }
        }
        if let ims = lower["if-modified-since"], let since = HTTPDate.parse(ims) {
            return Int(mtime.timeIntervalSince1970) <= Int(since.timeIntervalSince1970)
        }
        return false
    }
}

/// The folder or base URL given to `lookback crawl DIR --base-url URL` is unusable.
public struct DirectoryFetcherError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
