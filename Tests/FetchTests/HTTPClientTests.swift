import Foundation
import Synchronization
import Testing
@testable import Fetch

/// Requests in the tests wait for the in-process server, which shares the cooperative thread pool with every
/// other test of the run: a generous timeout keeps a busy machine from failing tests that are not about time.
private let patientConfig = FetchConfig(connectTimeout: 300, totalTimeout: 600)

/// Runs `body` against a fresh loopback server and a fresh client, then stops both.
private func withServer(
    config: FetchConfig = patientConfig,
    _ routes: [(String, @Sendable (TestRequest) async -> TestAnswer)],
    _ body: (Fetch.HTTPClient, String) async throws -> Void
) async throws {
    let server = try await TestServer(routes)
    let client = Fetch.HTTPClient(config: config)
    do {
        try await body(client, server.base)
    } catch {
        client.shutdown(); await server.stop(); throw error
    }
    client.shutdown()
    await server.stop()
}

private func redirect(_ status: Int, to location: String) -> TestAnswer {
    TestAnswer(status: status, headers: [("Location", location)], body: [])
}

private func page(_ text: String) -> [UInt8] { Array("<html><body>\(text)</body></html>".utf8) }

extension Result {
    var value: Success? { try? get() }
    var error: Failure? { if case .failure(let e) = self { return e } else { return nil } }
}

@Suite struct HTTPClientTests {
    @Test func plainPageWithRequestHeadersAsSent() async throws {
        try await withServer([("/plain", { _ in TestAnswer(body: page("plain")) })]) { client, base in
            let r = try #require(await client.fetch(FetchRequest(url: base + "/plain")).value)
            #expect(r.status == 200)
            #expect(r.httpVersion == "HTTP/1.1")
            #expect(r.reason == "Test")
            #expect(r.body == page("plain"))
            #expect(r.finalURL == base + "/plain")
            #expect(r.redirects.isEmpty)
            #expect(r.contentType == "text/html; charset=utf-8")
            #expect(r.charset == "utf-8")
            #expect(r.requestLine == "GET /plain HTTP/1.1")
            #expect(r.requestHeaders.first(named: "user-agent") == FetchConfig.defaultUserAgent)
            #expect(r.requestHeaders.first(named: "Host") == "127.0.0.1:\(base.split(separator: ":").last!)")
            #expect(r.requestHeaders.first(named: "Accept-Encoding")?.contains("gzip") == true)
            #expect(r.remoteIP == "127.0.0.1")
        }
    }

    @Test func gzipBodyIsDecoded() async throws {
        let html = page(String(repeating: "gzip me ", count: 1000))
        try await withServer([("/gz", { req in
            // Only compress when the client offered gzip, as a real server would.
            guard req.headers["accept-encoding"]?.contains("gzip") == true else { return TestAnswer(status: 406) }
            return TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                              body: Gzip.stored(html))
        })]) { client, base in
            let r = try #require(await client.fetch(FetchRequest(url: base + "/gz")).value)
            #expect(r.status == 200)
            #expect(r.header("content-encoding") == "gzip")
            #expect(r.body == html)
            #expect(r.encodedBody == Gzip.stored(html), "the body as sent, for the WARC")
        }
    }

    /// The client decodes answers itself (`ContentDecoding`): it offers exactly the codings it decodes, so the
    /// request records say what a server may send, and undoes each of them.
    @Test func offeredCodingsAreTheDecodedOnes() async throws {
        let html = page(String(repeating: "deflate me ", count: 500))
        let pdf = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 5_000)
        let multi = Gzip.stored(html) + Gzip.stored(page("second member"))   // the second member is not read (as by libcurl)
        try await withServer([
            ("/zlib", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
                                        body: Gzip.zlibStored(html)) }),
            ("/raw", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
                                       body: Gzip.rawStored(html)) }),
            ("/twice", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip, x-gzip")],
                                         body: Gzip.stored(Gzip.stored(html))) }),
            ("/multi", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: multi) }),
            ("/pdf", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                       body: Gzip.stored(pdf)) }),
            ("/br", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "br")],
                                      body: Gzip.brotliStored(html)) }),
            ("/zstd", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "zstd")], body: html) }),
            ("/zstd-empty", { _ in TestAnswer(status: 304, headers: [("Content-Encoding", "zstd")], body: []) }),
            ("/broken", { _ in TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                          body: Array(Gzip.stored(html).prefix(200))) }),
        ]) { client, base in
            let plain = try #require(await client.fetch(FetchRequest(url: base + "/zlib")).value)
            #expect(plain.requestHeaders.first(named: "Accept-Encoding") == ContentDecoding.accepted)
            #expect(ContentDecoding.accepted == "gzip, deflate, br")
            #expect(plain.body == html)
            #expect(try #require(await client.fetch(FetchRequest(url: base + "/raw")).value).body == html)
            #expect(try #require(await client.fetch(FetchRequest(url: base + "/twice")).value).body == html)
            #expect(try #require(await client.fetch(FetchRequest(url: base + "/multi")).value).body == html)
            let skipped = try #require(await client.fetch(FetchRequest(url: base + "/pdf")).value)
            #expect(skipped.bodySkipped)
            #expect(skipped.body.isEmpty)
            #expect(try #require(await client.fetch(FetchRequest(url: base + "/br")).value).body == html)
            #expect(await client.fetch(FetchRequest(url: base + "/zstd")).error != nil)
            #expect(try #require(await client.fetch(FetchRequest(url: base + "/zstd-empty")).value).status == 304)
            #expect(await client.fetch(FetchRequest(url: base + "/broken")).error != nil)
        }
    }

    /// A brotli body longer than the cap on the wire is cut there and decoded as far as it goes.
    @Test func brotliBodyCutAtTheCapKeepsItsDecodedStart() async throws {
        let big = (0..<300_000).map { UInt8(ascii: "a") &+ UInt8($0 % 26) }
        try await withServer([("/big", { _ in
            TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "br")], body: Gzip.brotliStored(big))
        })]) { client, base in
            var request = FetchRequest(url: base + "/big")
            request.maxBodyBytes = 100_000
            let r = try #require(await client.fetch(request).value)
            #expect(r.bodyTruncated)
            // brotli hands out what its window holds when the input runs out mid-stream: at least the first 64 KiB here.
            #expect(r.body.count >= 65_536 && r.body.count <= 100_000)
            #expect(r.body.elementsEqual(big.prefix(r.body.count)))
        }
    }

    /// A gzip body longer than the cap on the wire is cut there and decoded as far as it goes.
    @Test func gzipBodyCutAtTheCapKeepsItsDecodedStart() async throws {
        let big = (0..<300_000).map { UInt8(ascii: "a") &+ UInt8($0 % 26) }
        try await withServer([("/big", { _ in
            TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: Gzip.stored(big))
        })]) { client, base in
            var request = FetchRequest(url: base + "/big")
            request.maxBodyBytes = 100_000
            let r = try #require(await client.fetch(request).value)
            #expect(r.bodyTruncated)
            #expect(r.body.count > 90_000 && r.body.count <= 100_000)
            #expect(r.body == Array(big.prefix(r.body.count)))
            #expect(r.encodedBody == nil, "a cut body is archived decoded")
        }
    }

    @Test(arguments: [("gzip", [ContentDecoding.Coding.gzip]), ("x-gzip", [.gzip]), ("Deflate", [.deflate]), ("br", [.br]),
                      ("identity", []), ("gzip, identity, deflate", [.gzip, .deflate]), ("", [])])
    func contentCodingsAreRead(_ header: String, _ codings: [ContentDecoding.Coding]) {
        #expect(ContentDecoding.codings(header) == codings)
    }

    @Test func codingsNotDecodedHereAreNamed() {
        #expect(ContentDecoding.codings("zstd") == nil)
        #expect(ContentDecoding.codings("gzip, zstd") == nil)
        #expect(ContentDecoding.codings(nil) == [])
    }

    @Test func redirectChainIsRecordedHopByHop() async throws {
        try await withServer([
            ("/a", { _ in redirect(301, to: "/b") }),
            ("/b", { req in redirect(302, to: "http://127.0.0.1:\(req.headers["host"]!.split(separator: ":").last!)/c?x=1") }),
            ("/c", { _ in redirect(308, to: "d") }),
            ("/d", { _ in TestAnswer(body: page("final")) }),
        ]) { client, base in
            let r = try #require(await client.fetch(FetchRequest(url: base + "/a")).value)
            #expect(r.status == 200)
            #expect(r.body == page("final"))
            #expect(r.requestURL == base + "/a")
            #expect(r.finalURL == base + "/d")
            #expect(r.redirects.map(\.url) == [base + "/a", base + "/b", base + "/c?x=1"])
            #expect(r.redirects.map(\.status) == [301, 302, 308])
            #expect(r.redirects.map(\.location) == ["/b", base + "/c?x=1", "d"])
            #expect(r.redirects[0].headers.first(named: "location") == "/b")
            #expect(r.redirects[1].requestLine == "GET /b HTTP/1.1")
            #expect(r.redirects[1].requestHeaders.first(named: "User-Agent") == FetchConfig.defaultUserAgent)
            #expect(r.requestLine == "GET /d HTTP/1.1")
        }
    }

    /// Each hop is a new request to the host: with a politeness pause, the server sees the hops that far
    /// apart (a lower bound only: a slow machine cannot fail it).
    @Test func redirectHopsWaitThePause() async throws {
        let arrivals = Mutex<[Date]>([])
        try await withServer([
            ("/short", { _ in arrivals.withLock { $0.append(Date()) }; return redirect(301, to: "/post") }),
            ("/post", { _ in arrivals.withLock { $0.append(Date()) }; return TestAnswer(body: page("post")) }),
        ]) { client, base in
            var request = FetchRequest(url: base + "/short")
            request.redirectPause = 0.4
            let r = try #require(await client.fetch(request).value)
            #expect(r.status == 200)
            let times = arrivals.withLock { $0 }
            #expect(times.count == 2)
            if times.count == 2 { #expect(times[1].timeIntervalSince(times[0]) >= 0.4) }
        }
    }

    @Test func redirectLoopIsStopped() async throws {
        try await withServer([
            ("/loop1", { _ in redirect(301, to: "/loop2") }),
            ("/loop2", { _ in redirect(302, to: "/loop1#again") }),
        ]) { client, base in
            let e = await client.fetch(FetchRequest(url: base + "/loop1")).error
            #expect(e == .redirectLoop(url: base + "/loop1#again"))
        }
    }

    @Test(arguments: [(10, true), (11, false)])
    func redirectChainLimit(length: Int, succeeds: Bool) async throws {
        try await withServer([("/chain/*", { req in
            let n = Int(req.path.split(separator: "/").last!)!
            return n == 0 ? TestAnswer(body: page("end")) : redirect(302, to: "/chain/\(n - 1)")
        })]) { client, base in
            let result = await client.fetch(FetchRequest(url: base + "/chain/\(length)"))
            if succeeds {
                #expect(result.value?.redirects.count == length)
                #expect(result.value?.finalURL == base + "/chain/0")
            } else {
                #expect(result.error == .tooManyRedirects(url: base + "/chain/\(length)", count: 11))
            }
        }
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "javascript:alert(1)"])
    func redirectToOtherSchemeIsRefused(target: String) async throws {
        try await withServer([("/away", { _ in redirect(302, to: target) })]) { client, base in
            let e = await client.fetch(FetchRequest(url: base + "/away")).error
            #expect(e == .disallowedScheme(url: target))
        }
    }

    @Test func nonHTTPRequestIsRefused() async throws {
        let client = Fetch.HTTPClient()
        defer { client.shutdown() }
        #expect(await client.fetch(FetchRequest(url: "file:///etc/passwd")).error == .disallowedScheme(url: "file:///etc/passwd"))
        #expect(await client.fetch(FetchRequest(url: "not a url")).error == .invalidURL("not a url"))
    }

    @Test func retryAfterOn429() async throws {
        try await withServer([
            ("/busy", { _ in TestAnswer(status: 429, headers: [("Retry-After", "120")], body: []) }),
            ("/busy-date", { _ in TestAnswer(status: 503, headers: [
                ("Date", "Wed, 21 Oct 2015 07:28:00 GMT"), ("Retry-After", "Wed, 21 Oct 2015 07:29:30 GMT")], body: []) }),
        ]) { client, base in
            let r = try #require(await client.fetch(FetchRequest(url: base + "/busy")).value)
            #expect(r.status == 429)
            #expect(r.retryAfter == 120)
            let d = try #require(await client.fetch(FetchRequest(url: base + "/busy-date")).value)
            #expect(d.status == 503)
            #expect(d.serverDate == Date(timeIntervalSince1970: 1_445_412_480))
            #expect(d.retryAfter == 90)
        }
    }

    final class Hits: Sendable {
        let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
    }

    @Test func redirectHopWaitsForTheRetryAfterItsTargetAnswered() async throws {
        let hits = Hits()
        try await withServer([
            ("/refused", { _ in
                hits.next() == 1 ? TestAnswer(status: 429, headers: [("Retry-After", "1")], body: []) : TestAnswer() }),
            ("/go", { _ in TestAnswer(status: 301, headers: [("Location", "/refused")], body: []) }),
        ]) { client, base in
            let first = try #require(await client.fetch(FetchRequest(url: base + "/refused")).value)
            #expect(first.status == 429)
            // Another URL redirects to the page that was just refused: the hop waits out its Retry-After.
            let clock = ContinuousClock()
            let start = clock.now
            let r = try #require(await client.fetch(FetchRequest(url: base + "/go")).value)
            #expect(r.status == 200 && r.redirects.count == 1)
            #expect(clock.now - start >= .milliseconds(900))
        }
    }

    @Test func aHeldHostWaitsOutRetryAfterForEveryRequest() async throws {
        var config = patientConfig
        config.holdsHostOnRetryAfter = true
        try await withServer(config: config, [
            ("/refused", { _ in TestAnswer(status: 503, headers: [("Retry-After", "1")], body: []) }),
            ("/other", { _ in TestAnswer() }),
        ]) { client, base in
            let first = try #require(await client.fetch(FetchRequest(url: base + "/refused")).value)
            #expect(first.status == 503)
            let clock = ContinuousClock()
            let start = clock.now
            let r = try #require(await client.fetch(FetchRequest(url: base + "/other")).value)
            #expect(r.status == 200)
            #expect(clock.now - start >= .milliseconds(900))
        }
        // Without the option, only redirect hops wait.
        try await withServer([
            ("/refused", { _ in TestAnswer(status: 503, headers: [("Retry-After", "30")], body: []) }),
            ("/other", { _ in TestAnswer() }),
        ]) { client, base in
            _ = await client.fetch(FetchRequest(url: base + "/refused"))
            let clock = ContinuousClock()
            let start = clock.now
            _ = await client.fetch(FetchRequest(url: base + "/other"))
            #expect(clock.now - start < .seconds(20))
        }
    }

    @Test func aRedirectTheCallerDeclinesIsNotFollowed() async throws {
        let hits = Hits()
        try await withServer([
            ("/go", { _ in TestAnswer(status: 301, headers: [("Location", "/known")], body: []) }),
            ("/known", { _ in _ = hits.next(); return TestAnswer() }),
        ]) { client, base in
            var request = FetchRequest(url: base + "/go")
            request.followRedirect = { !$0.hasSuffix("/known") }
            let r = try #require(await client.fetch(request).value)
            #expect(r.status == 301 && r.finalURL == base + "/go" && r.redirects.isEmpty)
            #expect(r.header("Location") == "/known")
            #expect(hits.count.withLock { $0 } == 0)
        }
    }

    @Test func bodyCapStopsAHugeAnswer() async throws {
        let huge = [UInt8](repeating: 0x61, count: 4_000_000)
        try await withServer([("/huge", { _ in TestAnswer(body: huge) })]) { client, base in
            var request = FetchRequest(url: base + "/huge")
            request.maxBodyBytes = 100_000
            let r = try #require(await client.fetch(request).value)
            #expect(r.bodyTruncated)
            #expect(r.body.count == 100_000)
            let full = try #require(await client.fetch(FetchRequest(url: base + "/huge")).value)
            #expect(!full.bodyTruncated)
            #expect(full.body.count == huge.count)
        }
    }

    @Test func gzipBombStopsAtTheDecodedCap() async throws {
        let bomb = Gzip.zeroBomb(repeats: 16_000)   // 26 KB on the wire, 4.1 MB decoded
        try await withServer([("/bomb", { _ in
            TestAnswer(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: bomb)
        })]) { client, base in
            var request = FetchRequest(url: base + "/bomb")
            request.maxBodyBytes = 256_000
            let r = try #require(await client.fetch(request).value)
            #expect(r.bodyTruncated)
            #expect(r.body.count == 256_000)
            #expect(r.body.allSatisfy { $0 == 0 })
        }
    }

    @Test func nonHTMLBodiesAreSkipped() async throws {
        let pdf = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 2_000_000)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 1, count: 500_000)
        // No signature and no type: only the control bytes give it away.
        let noise = (0..<1_000_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        try await withServer([
            ("/doc.pdf", { _ in TestAnswer(headers: [("Content-Type", "application/pdf")], body: pdf) }),
            ("/lying", { _ in TestAnswer(headers: [("Content-Type", "text/html")], body: pdf) }),
            ("/untyped", { _ in TestAnswer(headers: [("Content-Type", "application/octet-stream")], body: png) }),
            ("/untyped-html", { _ in TestAnswer(headers: [], body: page("no type")) }),
            ("/text.bin", { _ in TestAnswer(headers: [("Content-Type", "application/octet-stream")], body: page("x")) }),
            ("/noise", { _ in TestAnswer(headers: [], body: noise) }),
        ]) { client, base in
            for path in ["/doc.pdf", "/lying", "/untyped", "/text.bin", "/noise"] {
                let r = try #require(await client.fetch(FetchRequest(url: base + path)).value, "\(path)")
                #expect(r.bodySkipped, "\(path)")
                #expect(r.body.isEmpty, "\(path)")
                #expect(r.status == 200, "\(path)")
                #expect(!r.headers.isEmpty, "\(path)")
            }
            let html = try #require(await client.fetch(FetchRequest(url: base + "/untyped-html")).value)
            #expect(!html.bodySkipped)
            #expect(html.body == page("no type"))
            let any = try #require(await client.fetch(FetchRequest(url: base + "/doc.pdf", acceptAnyContent: true)).value)
            #expect(!any.bodySkipped)
            #expect(any.body == pdf)
        }
    }

    @Test func slowAnswerTimesOut() async throws {
        let config = FetchConfig(connectTimeout: 1, totalTimeout: 0.3)
        try await withServer(config: config, [("/slow", { _ in TestAnswer(delay: 5) })]) { client, base in
            let e = await client.fetch(FetchRequest(url: base + "/slow")).error
            guard case .timeout(let message) = e else { Issue.record("expected timeout, got \(String(describing: e))"); return }
            #expect(message.contains("/slow"))
        }
    }

    @Test func connectionRefused() async throws {
        // A port that was just free: start a server, note its port, stop it.
        let server = try await TestServer([])
        let url = server.base + "/"
        await server.stop()
        let client = Fetch.HTTPClient()
        defer { client.shutdown() }
        let e = await client.fetch(FetchRequest(url: url)).error
        guard case .connect(let message) = e else { Issue.record("expected connect error, got \(String(describing: e))"); return }
        #expect(message.contains(url))
    }

    @Test func conditionalRequestAnswered304() async throws {
        try await withServer([("/etag", { req in
            if req.headers["if-none-match"] == "\"v1\"" { return TestAnswer(status: 304, headers: [("ETag", "\"v1\"")], body: []) }
            return TestAnswer(headers: [("Content-Type", "text/html"), ("ETag", "\"v1\"")], body: page("v1"))
        })]) { client, base in
            let first = try #require(await client.fetch(FetchRequest(url: base + "/etag")).value)
            #expect(first.status == 200)
            let etag = try #require(first.header("etag"))
            let again = try #require(await client.fetch(FetchRequest(url: base + "/etag", headers: [
                "If-None-Match": etag, "X-Injected": "a\r\nX-Evil: 1"])).value)
            #expect(again.requestHeaders.first(named: "X-Evil") == nil)
            #expect(again.requestHeaders.first(named: "X-Injected") == "aX-Evil: 1")
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.requestHeaders.first(named: "If-None-Match") == "\"v1\"")
        }
    }

    @Test func cancellationEndsTheFetch() async throws {
        try await withServer([("/slow", { _ in TestAnswer(delay: 5) })]) { client, base in
            let task = Task { await client.fetch(FetchRequest(url: base + "/slow")) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            #expect(await task.value.error == .cancelled(url: base + "/slow"))
        }
    }

    @Test func manyConcurrentFetchesComplete() async throws {
        try await withServer(config: FetchConfig(maxConnections: 8, maxConnectionsPerHost: 4, totalTimeout: 600), [("/n", { req in
            TestAnswer(body: page("n=\(req.query["i"] ?? "?")"))
        })]) { client, base in
            let bodies = await withTaskGroup(of: (Int, [UInt8]?).self) { group in
                for i in 0..<300 {
                    group.addTask { (i, await client.fetch(FetchRequest(url: base + "/n?i=\(i)")).value?.body) }
                }
                var out: [Int: [UInt8]] = [:]
                for await (i, body) in group { out[i] = body }
                return out
            }
            #expect(bodies.count == 300)
            for i in 0..<300 { #expect(bodies[i] == page("n=\(i)")) }
        }
    }

    @Test func perHostCapQueuesRequestsOutsideCurl() async throws {
        let gauge = InFlightGauge()
        let gate = Gate()
        try await withServer(config: FetchConfig(maxConnections: 16, maxConnectionsPerHost: 2, totalTimeout: 600), [("/hold", { _ in
            await gauge.enter()
            await gate.wait()
            await gauge.leave()
            return TestAnswer()
        })]) { client, base in
            let fetches = (0..<5).map { i in Task { await client.fetch(FetchRequest(url: base + "/hold?i=\(i)")).value?.status } }
            // Two requests reach the server at once (two connections) and hang there; the other three wait in
            // the client's own queue (inside curl, their total timeout would already be running).
            for _ in 0..<3000 where !(await gauge.current == 2 && client.queuedRequests == 3) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(await gauge.current == 2)
            #expect(client.queuedRequests == 3)
            #expect(client.runningRequests == 2)
            await gate.open()
            for f in fetches { #expect(await f.value == 200) }
            #expect(await gauge.peak == 2)
        }
    }

    @Test func urgentRequestsLeaveTheQueueFirst() async throws {
        let gauge = InFlightGauge()
        let gate = Gate()
        let order = ArrivalLog()
        try await withServer(config: FetchConfig(maxConnections: 1, maxConnectionsPerHost: 1, totalTimeout: 600), [("/hold", { req in
            await order.add(Int(req.query["i"] ?? "") ?? -1)
            await gauge.enter()
            await gate.wait()
            await gauge.leave()
            return TestAnswer()
        })]) { client, base in
            func start(_ i: Int, urgent: Bool) -> Task<Int?, Never> {
                var request = FetchRequest(url: base + "/hold?i=\(i)")
                request.urgent = urgent
                return Task { await client.fetch(request).value?.status }
            }
            var fetches = [start(0, urgent: false)]
            for _ in 0..<3000 where await gauge.current < 1 { try await Task.sleep(for: .milliseconds(10)) }
            for i in 1...3 {
                fetches.append(start(i, urgent: false))
                for _ in 0..<3000 where client.queuedRequests < i { try await Task.sleep(for: .milliseconds(10)) }
            }
            for i in 4...5 {
                fetches.append(start(i, urgent: true))
                for _ in 0..<3000 where client.queuedRequests < i { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(client.queuedRequests == 5)
            await gate.open()
            for f in fetches { #expect(await f.value == 200) }
            // One connection: the server sees them one at a time, the urgent ones (in their order) before the others.
            #expect(await order.all == [0, 4, 5, 1, 2, 3])
        }
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let ports = PortLog()
        try await withServer([("/k", { req in
            await ports.add(req.clientPort)
            return TestAnswer()
        })]) { client, base in
            for i in 0..<10 { #expect(await client.fetch(FetchRequest(url: base + "/k?i=\(i)")).value?.status == 200) }
            #expect(await ports.distinct == 1)
        }
    }

    @Test func shutdownCancelsLaterFetches() async throws {
        let client = Fetch.HTTPClient()
        client.shutdown()
        #expect(await client.fetch(FetchRequest(url: "http://127.0.0.1:9/")).error == .cancelled(url: "http://127.0.0.1:9/"))
    }
}

/// Counts requests the test server is handling at once.
actor InFlightGauge {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}

/// Holds server handlers until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func open() {
        isOpen = true
        for w in waiters { w.resume() }
        waiters.removeAll()
    }
}

/// The client ports the test server saw.
/// The order in which the test server got requests (their `i` query values).
actor ArrivalLog {
    private(set) var all: [Int] = []
    func add(_ i: Int) { all.append(i) }
}

actor PortLog {
    private var ports: [UInt16?] = []
    func add(_ port: UInt16?) { ports.append(port) }
    var distinct: Int { Set(ports.compactMap { $0 }).count }
}
