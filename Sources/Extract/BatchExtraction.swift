import Foundation

/// `lookback extract --batch`: reads a JSON Lines manifest (`{"file","url","fetched_at","content_type"?}`),
/// extracts each page on `jobs` threads, and hands back one compact JSON line per input line, in input order.
/// A page that cannot be read or extracted gives `{"error":…,"file":…}` in its place. Memory stays bounded:
/// the manifest is processed in windows of a few pages per thread.
public struct BatchExtraction: Sendable {
    public let extractor: Extractor
    public let jobs: Int
    /// Used when a manifest line has no `fetched_at` (read from the clock by the command).
    public let defaultFetchedAt: Date
    /// Relative `file` paths are resolved against this folder (the manifest's).
    public let baseDirectory: String

    /// Pages in flight per thread: enough to keep threads busy, small enough to bound memory.
    static let windowPerJob = 8

    public init(extractor: Extractor, jobs: Int, defaultFetchedAt: Date, baseDirectory: String) {
        self.extractor = extractor; self.jobs = max(1, jobs)
        self.defaultFetchedAt = defaultFetchedAt; self.baseDirectory = baseDirectory
    }

    /// Processes the manifest lines (blank lines skipped) and calls `emit` with each output line, in order.
    public func run<S: Sequence>(lines: S, emit: (String) -> Void) where S.Element == String {
        var window: [String] = []
        let size = jobs * Self.windowPerJob
        for line in lines {
            if line.trimmedWhitespaceAndNewlines.isEmpty { continue }
            window.append(line)
            if window.count >= size { process(window).forEach(emit); window.removeAll(keepingCapacity: true) }
        }
        if !window.isEmpty { process(window).forEach(emit) }
    }

    private func process(_ lines: [String]) -> [String] {
        let results = ResultSlots(count: lines.count)
        if jobs == 1 || lines.count == 1 {
            for (i, l) in lines.enumerated() { results.set(i, one(l)) }
        } else {
            let next = ResultSlots.Counter()
            DispatchQueue.concurrentPerform(iterations: min(jobs, lines.count)) { _ in
                while true {
                    let i = next.take()
                    if i >= lines.count { break }
                    results.set(i, one(lines[i]))
                }
            }
        }
        return results.all()
    }

    /// One manifest line to one output line.
    public func one(_ line: String) -> String {
        let item: ManifestItem
        switch ManifestItem.parse(line) {
        case .success(let it): item = it
        case .failure(let e): return Self.errorLine(file: nil, error: e.reason)
        }
        let path = item.file.hasPrefix("/") ? item.file : (baseDirectory as NSString).appendingPathComponent(item.file)
        guard let data = FileManager.default.contents(atPath: path) else {
            return Self.errorLine(file: item.file, error: "\(item.file): cannot read the file")
        }
        let input = ExtractionInput(bytes: Array(data), url: item.url ?? "file://" + path,
                                    fetchedAt: item.fetchedAt ?? defaultFetchedAt, contentType: item.contentType)
        do {
            let page = try extractor.extract(input)
            return String(decoding: page.record.compactJSON(), as: UTF8.self)
        } catch {
            return Self.errorLine(file: item.file, error: "\(item.file): \(error.description)")
        }
    }

    static func errorLine(file: String?, error: String) -> String {
        var o: [String: String] = ["error": error]
        if let file { o["file"] = file }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let d = try? enc.encode(o), let s = String(data: d, encoding: .utf8) else { return "{\"error\":\"internal\"}" }
        return s
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
private final class ResultSlots: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: "", count: count) }

    func set(_ i: Int, _ v: String) { lock.lock(); slots[i] = v; lock.unlock() }
    func all() -> [String] { lock.lock(); defer { lock.unlock() }; return slots }

    final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        func take() -> Int { lock.lock(); defer { lock.unlock() }; let v = n; n += 1; return v }
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
