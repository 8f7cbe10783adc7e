import Foundation
import Synchronization

/// Jobs that wait on the disk (file flushes), each run on a thread of its own from the moment it is started:
/// flushes made one after another add up their waits, side by side they overlap. `wait()` returns once all
/// have ended.
final class DiskJobs: Sendable {
    private let group = DispatchGroup()
    private let started = Atomic<Int>(0)
    private let errors = Mutex<[Int: any Error]>([:])

    func start(_ job: @escaping @Sendable () throws -> Void) {
        let n = started.add(1, ordering: .relaxed).oldValue
        // A thread of its own: a dispatch queue's jobs that block get another thread only after about a second
        // on Linux (libdispatch's pool grows by sampling), so its jobs' flushes ran one after another.
        group.enter()
        Thread {
            defer { self.group.leave() }
            do { try job() } catch { self.errors.withLock { $0[n] = error } }
        }.start()
    }

    /// Waits for every job started; throws the error of the first one started that failed.
    func wait() throws {
        group.wait()
        if let first = errors.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
    }
}
