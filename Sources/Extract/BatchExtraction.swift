import Foundation

/// `lookback extract --batch`: reads a JSON Lines manifest (`{"file","url","fetched_at","content_type"?}`),
/// extracts each page on `jobs` threads, and hands back one compact JSON line per input line (UTF-8 bytes, no
/// newline), in input order.
/// A page that cannot be read or extracted gives `{"error":…,"file":…}` in its place. Memory stays bounded:
/// at most a few pages per thread are in flight.
public struct BatchExtraction: Sendable {
    public let extractor: Extractor
    public let jobs: Int
    /// Used when a manifest line has no `fetched_at` (read from the clock by the command).
    public let defaultFetchedAt: Date
    /// Relative `file` paths are resolved against this folder (the manifest's).
    public let baseDirectory: String

    /// Pages in flight per thread: enough to keep threads busy, small enough to bound memory.
    static let windowPerJob = 8

    /// A worker's stack: the main thread's usual 8 MB, so a deeply nested page is no riskier on a worker.
    static let workerStackSize = 8 << 20

    public init(extractor: Extractor, jobs: Int, defaultFetchedAt: Date, baseDirectory: String) {
        self.extractor = extractor; self.jobs = max(1, jobs)
        self.defaultFetchedAt = defaultFetchedAt; self.baseDirectory = baseDirectory
    }

    /// Processes the manifest lines (blank lines skipped) and calls `emit` with each output line, in order.
    public func run<S: Sequence>(lines: S, emit: ([UInt8]) -> Void) where S.Element == String {
        let lines = lines.lazy.filter { !$0.trimmedWhitespaceAndNewlines.isEmpty }
        if jobs == 1 {
            for line in lines { emit(one(line)) }
            return
        }
        // A sliding window rather than batches: a thread that finishes a page takes the next line at once instead
        // of waiting for the slowest page of its batch; at most `size` lines are in flight, results leave in order.
        let size = jobs * Self.windowPerJob
        let queue = WorkQueue()
        let done = DispatchGroup()
        // Threads of our own, not Dispatch's global queue: on Linux its pool ran both loops on one thread for most
        // of a batch (perf sched: 418 ms vs 38 ms of run time), so `--jobs 2` used 1.36 cores.
        for _ in 0..<jobs {
            done.enter()
            let worker = Thread {
                while let (i, line) = queue.take() { queue.finish(i, one(line)) }
                done.leave()
            }
            worker.stackSize = Self.workerStackSize
            worker.start()
        }
        var sent = 0, emitted = 0
        for line in lines {
            while sent - emitted >= size { emit(queue.result(emitted)); emitted += 1 }
            queue.add(sent, line); sent += 1
        }
        queue.close()
        while emitted < sent { emit(queue.result(emitted)); emitted += 1 }
        done.wait()
    }

    /// One manifest line to one output line (UTF-8).
    public func one(_ line: String) -> [UInt8] {
        let item: ManifestItem
        switch ManifestItem.parse(line) {
        case .success(let it): item = it
        case .failure(let e): return Self.errorLine(file: nil, error: e.reason)
        }
        let path = item.file.hasPrefix("/") ? item.file : (baseDirectory as NSString).appendingPathComponent(item.file)
        guard let bytes = FileBytes.read(path) else {
            return Self.errorLine(file: item.file, error: "\(item.file): cannot read the file")
        }
        let input = ExtractionInput(bytes: bytes, url: item.url ?? "file://" + path,
                                    fetchedAt: item.fetchedAt ?? defaultFetchedAt, contentType: item.contentType)
        do {
            return try extractor.recordJSON(input)
        } catch {
            return Self.errorLine(file: item.file, error: "\(item.file): \(error.description)")
        }
    }

    static func errorLine(file: String?, error: String) -> [UInt8] {
        var o: [String: String] = ["error": error]
        if let file { o["file"] = file }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let d = try? enc.encode(o) else { return Array(#"{"error":"internal"}"#.utf8) }
        return Array(d)
    }
}

/// One line of a batch manifest.
public struct ManifestItem: Sendable, Equatable {
    public var file: String
    public var url: String?
    public var fetchedAt: Date?
    public var contentType: String?

    public struct Problem: Error, Sendable { public let reason: String }

    public static func parse(_ line: String) -> Result<ManifestItem, Problem> {
        guard let data = line.data(using: .utf8),
              let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return .failure(Problem(reason: "manifest line is not a JSON object: \(line.prefix(200))"))
        }
        guard let file = o["file"] as? String, !file.isEmpty else {
            return .failure(Problem(reason: "manifest line has no \"file\": \(line.prefix(200))"))
        }
        var fetched: Date?
        if let f = o["fetched_at"] as? String {
            guard let d = ISOTime.parse(f) else {
                return .failure(Problem(reason: "\(file): fetched_at is not an ISO 8601 time: \(f)"))
            }
            fetched = d
        }
        return .success(ManifestItem(file: file, url: o["url"] as? String, fetchedAt: fetched,
                                     contentType: o["content_type"] as? String))
    }
}

/// Result slots written by worker threads, each index by exactly one thread, read after all finish.
/// Lines waiting for a thread and results waiting to be emitted, behind one condition variable.
private final class WorkQueue: @unchecked Sendable {
    private let cond = NSCondition()
    private var pending: [(Int, String)] = []
    private var head = 0
    private var results: [Int: [UInt8]] = [:]
    private var closed = false

    func add(_ i: Int, _ line: String) {
        cond.lock(); pending.append((i, line)); cond.signal(); cond.unlock()
    }

    /// No more lines: idle threads return.
    func close() { cond.lock(); closed = true; cond.broadcast(); cond.unlock() }

    /// The next line, waiting for one; nil once closed and drained.
    func take() -> (Int, String)? {
        cond.lock(); defer { cond.unlock() }
        while head == pending.count && !closed { cond.wait() }
        guard head < pending.count else { return nil }
        let item = pending[head]
        head += 1
        if head > 64 && head * 2 > pending.count { pending.removeFirst(head); head = 0 }
        return item
    }

    func finish(_ i: Int, _ output: [UInt8]) {
        cond.lock(); results[i] = output; cond.broadcast(); cond.unlock()
    }

    /// Waits for the output of line `i` and hands it over.
    func result(_ i: Int) -> [UInt8] {
        cond.lock(); defer { cond.unlock() }
        while results[i] == nil { cond.wait() }
        return results.removeValue(forKey: i)!
    }
}

extension Rules {
    /// Where the default `rules.json` is: the first found walking up from the executable's folder
    /// (the repo it was built in), then from the current directory. `nil` when there is none.
    public static func defaultPath(executablePath: String?, currentDirectory: String) -> String? {
        var starts: [String] = []
        if let e = executablePath {
            let resolved = (e as NSString).resolvingSymlinksInPath
            starts.append((resolved as NSString).deletingLastPathComponent)
        }
        starts.append(currentDirectory)
        let fm = FileManager.default
        for s in starts {
            var dir = (s as NSString).standardizingPath
            for _ in 0..<64 {
                let candidate = (dir as NSString).appendingPathComponent("rules.json")
                if fm.fileExists(atPath: candidate) { return candidate }
                let up = (dir as NSString).deletingLastPathComponent
                if up == dir || up.isEmpty { break }
                dir = up
            }
        }
        return nil
    }
}
