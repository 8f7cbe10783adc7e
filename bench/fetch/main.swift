// fetch-bench: fetches every URL of a list through Fetch.HTTPClient with N requests in flight and
// prints throughput and the process's CPU time per request (user+sys, getrusage) as one JSON line.
// Usage: fetch-bench URLS_FILE [CONCURRENCY] [ROUNDS]
import Fetch
import Foundation

let args = CommandLine.arguments
guard args.count >= 2, let list = try? String(contentsOfFile: args[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: fetch-bench URLS_FILE [CONCURRENCY] [ROUNDS]\n".utf8))
    exit(2)
}
let concurrency = args.count > 2 ? Int(args[2]) ?? 16 : 16
let rounds = args.count > 3 ? Int(args[3]) ?? 1 : 1
let urls = list.split(whereSeparator: \.isNewline).map(String.init)

func cpuSeconds() -> (Double, Double, Int) {
    var u = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &u)
    return (Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6,
            Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6, u.ru_maxrss)
}

let client = HTTPClient(config: FetchConfig(maxConnections: concurrency, maxConnectionsPerHost: concurrency))
let (u0, s0, _) = cpuSeconds()
let start = Date()
var ok = 0, failed = 0, bytes = 0
for _ in 0..<rounds {
    await withTaskGroup(of: (Bool, Int).self) { group in
        var next = 0
        func add() {
            let url = urls[next]
            next += 1
            group.addTask {
                switch await client.fetch(FetchRequest(url: url)) {
                case .success(let r): return (r.status == 200, r.body.count)
                case .failure: return (false, 0)
                }
            }
        }
        while next < urls.count && next < concurrency { add() }
        for await (success, n) in group {
            if success { ok += 1 } else { failed += 1 }
            bytes += n
            if next < urls.count { add() }
        }
    }
}
let elapsed = Date().timeIntervalSince(start)
let (u1, s1, rss) = cpuSeconds()
client.shutdown()
let n = Double(ok + failed)
print(String(format: """
    {"requests": %d, "ok": %d, "failed": %d, "concurrency": %d, "seconds": %.3f, "requests_per_s": %.1f, \
    "cpu_user_s": %.3f, "cpu_sys_s": %.3f, "cpu_ms_per_request": %.3f, "mb_per_s": %.1f, "max_rss_mb": %.1f}
    """, ok + failed, ok, failed, concurrency, elapsed, n / elapsed, u1 - u0, s1 - s0,
    (u1 - u0 + s1 - s0) / n * 1000, Double(bytes) / elapsed / 1e6, Double(rss) / 1024))
