import Foundation

/// A thread of its own for the crawl's loop and for the pages the crawl waits on (see `Crawler`'s loop). On the
/// cooperative pool every job waits for the ones queued before it, first in, first out (task priorities change
/// nothing on Linux): the loop's turn to hand out work came after the extraction of every page in the pipeline,
/// and so did each numbered page of a listing, each of which names the next. Here they run as soon as they are
/// ready, beside the pool's threads (the system shares the cores between them).
final class CrawlLoopExecutor: TaskExecutor, @unchecked Sendable {
    /// The loop's, one for the process: the thread is made on first use and never ends (it sleeps when there is
    /// nothing to run).
    static let shared = CrawlLoopExecutor(name: "lookback.crawl-loop")
    /// The pages the crawl waits on (see `Crawler`'s loop): on a thread of their own, not the loop's, which is busy
    /// enough with every page's handling.
    static let urgent = CrawlLoopExecutor(name: "lookback.crawl-urgent")

    private let ready = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(name: String) {
        let thread = Thread { [unowned self] in self.run() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        ready.lock()
        jobs.append(job)
        ready.signal()
        ready.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            ready.lock()
            while jobs.isEmpty { ready.wait() }
            swap(&batch, &jobs)
            ready.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
