@testable import Archive
import Foundation
import Synchronization
import Testing

@Suite struct DiskJobsTests {
    /// Jobs run side by side from the start, not one after another: each of two jobs waits for the other to have
    /// started.
    @Test func jobsRunSideBySide() throws {
        let jobs = DiskJobs()
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let met = Atomic<Int>(0)
        jobs.start {
            first.signal()
            if second.wait(timeout: .now() + 0.5) == .success { met.add(1, ordering: .relaxed) }
        }
        jobs.start {
            second.signal()
            if first.wait(timeout: .now() + 0.5) == .success { met.add(1, ordering: .relaxed) }
        }
        try jobs.wait()
        #expect(met.load(ordering: .relaxed) == 2)
    }

    struct Failure: Error, Equatable { var job: Int }

    /// `wait()` returns once every job has ended, and throws the error of the first job started that failed.
    @Test func waitThrowsTheFirstStartedJobsError() {
        let jobs = DiskJobs()
        let ended = Atomic<Int>(0)
        jobs.start { ended.add(1, ordering: .relaxed) }
        jobs.start { Thread.sleep(forTimeInterval: 0.05); ended.add(1, ordering: .relaxed); throw Failure(job: 1) }
        jobs.start { ended.add(1, ordering: .relaxed); throw Failure(job: 2) }
        #expect(throws: Failure(job: 1)) { try jobs.wait() }
        #expect(ended.load(ordering: .relaxed) == 3)
    }
}
