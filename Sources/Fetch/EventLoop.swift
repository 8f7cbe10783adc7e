import CCurl
import Foundation
import Synchronization

/// curl_global_init must run once, before any handle exists.
private let curlGlobalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

/// One libcurl multi handle driven by one dedicated thread. Other threads only queue work and call
/// `curl_multi_wakeup` (documented thread-safe); handles and `Transfer`s live on the loop thread.
final class EventLoop: @unchecked Sendable {
    typealias Completion = CheckedContinuation<Result<HopOutcome, FetchError>, Never>

    struct Job: Sendable {
        var id: UInt64
        var url: String
        var request: FetchRequest
        var continuation: Completion
    }

    enum Op: Sendable {
        case add(Job)
        case cancel(UInt64)
    }

    private struct Inbox {
        var ops: [Op] = []
        var closed = false
    }

    private let multi: UnsafeMutableRawPointer
    private let config: FetchConfig
    private let maxTotal: Int
    private let maxPerHost: Int
    private let inbox = Mutex(Inbox())
    /// Submitters between queueing an op and their `curl_multi_wakeup`, which is made outside the lock (a wakeup is a
    /// send(2): made inside, it kept the lock long enough that the other submitters and the loop's drain spun on it,
    /// ~1.5% of a crawl's CPU). The loop frees the multi handle only once none is left.
    private let wakersInFlight = Atomic<Int>(0)
    private let stopped = DispatchSemaphore(value: 0)
    /// Published by the loop after each round, for observers on other threads.
    let runningCount = Atomic<Int>(0)
    let queuedCount = Atomic<Int>(0)
    /// Per host (`hostKey`): until when its last 429 or 503 answer asked, by `Retry-After`, not to be
    /// asked again. Set here, as answers complete in order, so that a redirect hop started after the
    /// answer was read can wait for it (`HTTPClient.fetch`).
    let retryAfterUntil = Mutex<[String: Date]>([:])

    // Loop-thread only.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var easyByID: [UInt64: UnsafeMutableRawPointer] = [:]
    /// Jobs waiting for a connection slot, urgent ones first (`FetchRequest.urgent`), then oldest first. They are
    /// kept out of curl until a slot is free because curl counts the time a transfer waits for a connection against
    /// its total timeout.
    private var waiting: [Job] = []
    private var activePerHost: [String: Int] = [:]
    /// Cancellations that arrived before their job was added.
    private var cancelledEarly: Set<UInt64> = []

    init(config: FetchConfig) {
        _ = curlGlobalInit
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        self.config = config
        maxTotal = max(1, config.maxConnections)
        maxPerHost = max(1, config.maxConnectionsPerHost)
        // The loop admits no more transfers than these; curl's own limits are a second fence.
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxTotal)
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxPerHost)
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxTotal)
        _ = lb_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    /// Queues an operation; false once the loop is closed (the caller then answers the job itself).
    @discardableResult
    func submit(_ op: Op) -> Bool {
        let wake = inbox.withLock { inbox -> Bool? in
            guard !inbox.closed else { return nil }
            // One wakeup per batch: ops already waiting were queued with one that the loop has not answered yet
            // (it drains the whole inbox; a wakeup sent outside `curl_multi_poll` is kept for the next poll).
            let wake = inbox.ops.isEmpty
            inbox.ops.append(op)
            // Counted inside the lock, so the loop, which sees `closed` only after this, waits for the wakeup.
            if wake { wakersInFlight.add(1, ordering: .relaxed) }
            return wake
        }
        guard let wake else { return false }
        if wake {
            _ = curl_multi_wakeup(multi)
            wakersInFlight.subtract(1, ordering: .releasing)
        }
        return true
    }

    /// Stops the loop: every queued or running job ends with `.cancelled`. Blocks until the thread is done.
    func close() {
        let first = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.closed = true
            // Inside the lock: the loop frees the multi handle only after seeing `closed`.
            _ = curl_multi_wakeup(multi)
            return true
        }
        if first { stopped.wait() }
    }

    func run() {
        var running: Int32 = 0
        var left: Int32 = 0
        while true {
            let (ops, closed) = inbox.withLock { inbox -> ([Op], Bool) in
                defer { inbox.ops.removeAll(keepingCapacity: true) }
                return (inbox.ops, inbox.closed)
            }
            for op in ops { apply(op) }
            if closed { break }
            admitWaiting()
            _ = curl_multi_perform(multi, &running)
            while let msg = curl_multi_info_read(multi, &left) {
                guard msg.pointee.msg == CURLMSG_DONE, let easy = msg.pointee.easy_handle else { continue }
                let code = lb_msg_result(msg)   // read before remove_handle invalidates msg
                guard let transfer = detach(easy) else { continue }
                let result = transfer.finish(code: code)
                if case .success(let hop) = result, hop.status == 429 || hop.status == 503,
                   let value = hop.headers.first(named: "Retry-After"),
                   let seconds = HTTPDate.retryAfterSeconds(value, reference: config.now()),
                   seconds <= HTTPClient.maxRetryAfterHold {
                    let until = config.now().addingTimeInterval(seconds)
                    retryAfterUntil.withLock { $0[transfer.host] = max($0[transfer.host] ?? until, until) }
                }
                transfer.continuation.resume(returning: result)
                admitWaiting()
            }
            runningCount.store(active.count, ordering: .relaxed)
            queuedCount.store(waiting.count, ordering: .relaxed)
            _ = curl_multi_poll(multi, nil, 0, pollTimeout(), nil)
        }
        for easy in Array(active.keys) {
            if let t = detach(easy) { t.continuation.resume(returning: .failure(.cancelled(url: t.url))) }
        }
        for job in waiting { job.continuation.resume(returning: .failure(.cancelled(url: job.url))) }
        waiting.removeAll()
        // A submitter that queued before `closed` may still be making its wakeup: the handle must outlive it.
        while wakersInFlight.load(ordering: .acquiring) > 0 { sched_yield() }
        curl_multi_cleanup(multi)
        stopped.signal()
    }

    private func apply(_ op: Op) {
        switch op {
        case .add(let job):
            if cancelledEarly.remove(job.id) != nil {
                job.continuation.resume(returning: .failure(.cancelled(url: job.url)))
            } else if job.request.urgent {
                waiting.insert(job, at: waiting.firstIndex { !$0.request.urgent } ?? waiting.endIndex)
            } else {
                waiting.append(job)
            }
        case .cancel(let id):
            if let easy = easyByID[id], let t = detach(easy) {
                t.continuation.resume(returning: .failure(.cancelled(url: t.url)))
            } else if let i = waiting.firstIndex(where: { $0.id == id }) {
                let job = waiting.remove(at: i)
                job.continuation.resume(returning: .failure(.cancelled(url: job.url)))
            } else {
                cancelledEarly.insert(id)
            }
        }
    }

    /// Until when `host` is held by a `Retry-After` (only with `config.holdsHostOnRetryAfter`).
    private func heldUntil(_ host: String) -> Date? {
        guard config.holdsHostOnRetryAfter, let until = retryAfterUntil.withLock({ $0[host] }), until > config.now() else { return nil }
        return until
    }

    /// Milliseconds to wait for activity: at most 1 s, less when a held host is released sooner.
    private func pollTimeout() -> Int32 {
        guard config.holdsHostOnRetryAfter, !waiting.isEmpty else { return 1000 }
        let now = config.now()
        let soonest = waiting.compactMap { heldUntil(Self.hostKey($0.url)) }.min()
        guard let soonest else { return 1000 }
        return Int32(max(1, min(1000, (soonest.timeIntervalSince(now) * 1000).rounded(.up))))
    }

    /// Starts waiting jobs in queue order (urgent first, then oldest first) while the total and per-host limits (and
    /// `Retry-After` holds) allow.
    private func admitWaiting() {
        var i = 0
        while i < waiting.count, active.count < maxTotal {
            let host = Self.hostKey(waiting[i].url)
            guard activePerHost[host, default: 0] < maxPerHost, heldUntil(host) == nil else {
                i += 1
                continue
            }
            start(waiting.remove(at: i), host: host)
        }
    }

    private func start(_ job: Job, host: String) {
        guard let t = Transfer(id: job.id, url: job.url, host: host, request: job.request, config: config,
                               continuation: job.continuation) else {
            job.continuation.resume(returning: .failure(.network(code: Int(CURLE_OUT_OF_MEMORY.rawValue),
                                                                  message: "\(job.url): curl_easy_init failed")))
            return
        }
        active[t.easy] = t
        easyByID[t.id] = t.easy
        activePerHost[host, default: 0] += 1
        let code = curl_multi_add_handle(multi, t.easy)
        if code != CURLM_OK {
            _ = detach(t.easy)
            t.continuation.resume(returning: .failure(.network(
                code: Int(code.rawValue), message: "\(job.url): \(String(cString: curl_multi_strerror(code)))")))
        }
    }

    /// "scheme://host:port" in lower case: the unit of the per-host connection limit.
    static func hostKey(_ url: String) -> String {
        let bytes = url.utf8
        var slashes = 0
        var end = bytes.endIndex
        // The authority ends at the first "/", "?" or "#" after the two slashes of "scheme://".
        for i in bytes.indices {
            let b = bytes[i]
            if slashes < 2 {
                if b == 0x2F { slashes += 1 }
            } else if b == 0x2F || b == 0x3F || b == 0x23 {
                end = i
                break
            }
        }
        return String(url[..<end]).lowercased()
    }

    /// Removes a transfer from the multi handle and the tables; the returned object frees the easy handle when released.
    private func detach(_ easy: UnsafeMutableRawPointer) -> Transfer? {
        guard let t = active.removeValue(forKey: easy) else { return nil }
        easyByID[t.id] = nil
        activePerHost[t.host, default: 1] -= 1
        if activePerHost[t.host] == 0 { activePerHost[t.host] = nil }
        _ = curl_multi_remove_handle(multi, easy)
        return t
    }
}
