import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One fetch as the event log and the progress line see it.
public struct FetchEvent: Codable, Sendable, Equatable {
    /// When the request was started (the crawl clock), ISO 8601 UTC with milliseconds.
    public var time: String
    public var url: String
    /// The URL after redirects, when it differs.
    public var finalURL: String?
    /// HTTP status, nil when there was no answer.
    public var status: Int?
    /// `robots`, `sitemap`, `feed` or `page`.
    public var kind: String
    /// `post`, `listing`, `reused`, `duplicate`, `retry`, `error`, `skipped` or `infrastructure`.
    public var outcome: String
    /// 1 for the first request of this URL, 2 for the first retry...
    public var attempt: Int
    public var bytes: Int
    /// Error reason or other detail.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case time = "t", url, finalURL = "final_url", status, kind, outcome, attempt, bytes, detail
    }
}

/// Tells the user how the crawl goes: a progress line on a terminal (fetched, queued, errors, pages/s,
/// elapsed), nothing when stderr is not a terminal; and with `--log-json FILE` one JSON object per fetch.
public final class ProgressReporter {
    private let clock: any CrawlClock
    private let showLine: Bool
    private var log: FileHandle?
    private var logBuffer = Data()
    private let encoder: JSONEncoder
    private var start: Date?
    private var lastDraw = Date.distantPast
    /// Every event, to an observer (tests read the request schedule from here).
    public var onEvent: ((FetchEvent) -> Void)?

    public private(set) var fetched = 0
    public private(set) var errors = 0

    /// - Parameters:
    ///   - showProgress: draw the progress line (pass `isatty(2)`).
    ///   - logJSON: the `--log-json` file (created or truncated).
    /// - Throws: when the log file cannot be created (message names it).
    public init(clock: any CrawlClock, showProgress: Bool, logJSON: String? = nil) throws {
        self.clock = clock
        self.showLine = showProgress
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let logJSON {
            guard FileManager.default.createFile(atPath: logJSON, contents: nil),
                  let h = FileHandle(forWritingAtPath: logJSON) else {
                throw ProgressReporterError(message: "\(logJSON): cannot create the --log-json file")
            }
            log = h
        }
    }

    /// Whether stderr is a terminal.
    public static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Whether the events themselves are read (an observer or the log). When not, `count` is enough:
    /// building each event (times, URLs) was ~0.6% of a crawl's CPU.
    public var wantsEvents: Bool { onEvent != nil || log != nil }

    /// Records one finished fetch and redraws the line (at most 5 times a second).
    public func record(_ event: FetchEvent, queued: Int) {
        onEvent?(event)
        if log != nil, let line = try? encoder.encode(event) {
            logBuffer.append(line)
            logBuffer.append(0x0A)
            if logBuffer.count > 64 * 1024 { flushLog() }
        }
        count(outcome: event.outcome, queued: queued)
    }

    /// Records one finished fetch by its outcome only (see `wantsEvents`), and redraws the line.
    public func count(outcome: String, queued: Int) {
        fetched += 1
        if outcome == "error" { errors += 1 }
        if showLine {
            let now = clock.now()
            if start == nil { start = now }
            if now.timeIntervalSince(lastDraw) >= 0.2 { draw(queued: queued, now: now); lastDraw = now }
        }
    }

    /// Marks the start of the crawl (for pages/s and elapsed).
    public func begin() { start = clock.now() }

    /// Flushes the log and ends the progress line.
    public func finish(queued: Int) {
        flushLog()
        try? log?.synchronize()
        if showLine {
            draw(queued: queued, now: clock.now())
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func flushLog() {
        guard let log, !logBuffer.isEmpty else { return }
        log.write(logBuffer)
        logBuffer.removeAll(keepingCapacity: true)
    }

    private func draw(queued: Int, now: Date) {
        let elapsed = max(0.001, now.timeIntervalSince(start ?? now))
        let rate = Double(fetched) / elapsed
        let line = String(format: "\r\u{1B}[2Kfetched %d  queued %d  errors %d  %.1f pages/s  %@",
                          fetched, queued, errors, rate, Self.clockText(elapsed))
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds)
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}

public struct ProgressReporterError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
