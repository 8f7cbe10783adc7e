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
    private let inbox = Mutex(Inbox())
    private let stopped = DispatchSemaphore(value: 0)

    // Loop-thread only.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var easyByID: [UInt64: UnsafeMutableRawPointer] = [:]
    /// Cancellations that arrived before their job was added.
    private var cancelledEarly: Set<UInt64> = []

    init(config: FetchConfig) {
        _ = curlGlobalInit
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        self.config = config
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, config.maxConnections))
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, config.maxConnectionsPerHost))
        _ = lb_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, config.maxConnections))
        _ = lb_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    /// Queues an operation; false once the loop is closed (the caller then answers the job itself).
    @discardableResult
    func submit(_ op: Op) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.ops.append(op)
            // Inside the lock: the loop frees the multi handle only after seeing `closed`, so no wakeup can race it.
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    /// Stops the loop: every queued or running job ends with `.cancelled`. Blocks until the thread is done.
    func close() {
        let first = inbox.withLock { inbox -> Bool in
            guard !inbox.closed else { return false }
            inbox.closed = true
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
            _ = curl_multi_perform(multi, &running)
            while let msg = curl_multi_info_read(multi, &left) {
                guard msg.pointee.msg == CURLMSG_DONE, let easy = msg.pointee.easy_handle else { continue }
                let code = lb_msg_result(msg)   // read before remove_handle invalidates msg
                guard let transfer = detach(easy) else { continue }
                transfer.continuation.resume(returning: transfer.finish(code: code))
            }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for easy in Array(active.keys) {
            if let t = detach(easy) { t.continuation.resume(returning: .failure(.cancelled(url: t.url))) }
        }
        curl_multi_cleanup(multi)
        stopped.signal()
    }

    private func apply(_ op: Op) {
        switch op {
        case .add(let job):
            if cancelledEarly.remove(job.id) != nil {
                job.continuation.resume(returning: .failure(.cancelled(url: job.url)))
                return
            }
            guard let t = Transfer(id: job.id, url: job.url, request: job.request, config: config,
                                   continuation: job.continuation) else {
                job.continuation.resume(returning: .failure(.network(code: Int(CURLE_OUT_OF_MEMORY.rawValue),
                                                                      message: "\(job.url): curl_easy_init failed")))
                return
            }
            active[t.easy] = t
            easyByID[t.id] = t.easy
            let code = curl_multi_add_handle(multi, t.easy)
            if code != CURLM_OK {
                _ = detach(t.easy)
                t.continuation.resume(returning: .failure(.network(
                    code: Int(code.rawValue), message: "\(job.url): \(String(cString: curl_multi_strerror(code)))")))
            }
        case .cancel(let id):
            if let easy = easyByID[id], let t = detach(easy) {
                t.continuation.resume(returning: .failure(.cancelled(url: t.url)))
            } else {
                cancelledEarly.insert(id)
            }
        }
    }

    /// Removes a transfer from the multi handle and the tables; the returned object frees the easy handle when released.
    private func detach(_ easy: UnsafeMutableRawPointer) -> Transfer? {
        guard let t = active.removeValue(forKey: easy) else { return nil }
        easyByID[t.id] = nil
        _ = curl_multi_remove_handle(multi, easy)
        return t
    }
}
