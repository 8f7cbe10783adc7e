import Foundation

/// What to do with a request after its outcome.
public enum RetryDecision: Sendable, Equatable {
    /// The answer is final (success, redirect, 304 or a client error).
    case done
    /// Try again, no sooner than this time.
    case retry(at: Date)
    /// Stop trying this request; `reason` says why (for the error report).
    case giveUp(reason: String)
}

/// Per-host scheduling state: the pause between requests, and back-off after failures.
/// Pure: every time is passed in, nothing reads a clock, and jitter comes from a seeded generator,
/// so the same inputs always give the same schedule.
public struct HostPoliteness: Sendable {
    /// Retries after the first attempt, unless the initializer says otherwise.
    public static let defaultMaxRetries = 4
    /// Attempts of one request by default: the first plus `defaultMaxRetries` retries.
    public static let maxAttempts = defaultMaxRetries + 1
    /// The longest `Retry-After` honoured; a server asking for more is given up on (a crawl should end).
    public static let maxRetryAfter: Double = 600
    /// Exponential back-off: the first wait, its growth per failure, and its ceiling (seconds).
    public static let backoffBase: Double = 1
    public static let backoffFactor: Double = 2
    public static let backoffCap: Double = 60

    /// The pause between two request starts when robots.txt gives no `Crawl-delay` (seconds).
    public var defaultDelay: Double
    /// robots.txt's `Crawl-delay` for this host (seconds), if any; the larger of the two pauses applies.
    public var crawlDelay: Double?
    /// Retries allowed after the first attempt of one request.
    public let maxRetries: Int

    private var lastStart: Date?
    /// When the last answer (or failure) of a request to this host came in.
    private var lastEnd: Date?
    /// Requests to this host started and not yet ended.
    private var running = 0
    /// No request may start before this (set by Retry-After and back-off).
    private var gate: Date?
    /// Failures in a row on this host; a success resets it. Drives the back-off exponent.
    private var consecutiveFailures = 0
    private var random: SplitMix64

    /// - Parameters:
    ///   - defaultDelay: seconds between request starts (0 = no pause).
    ///   - crawlDelay: robots.txt `Crawl-delay`, if any.
    ///   - maxRetries: retries after the first attempt of a request.
    ///   - jitterSeed: seeds the back-off jitter, so schedules are reproducible.
    public init(defaultDelay: Double, crawlDelay: Double? = nil, maxRetries: Int = HostPoliteness.defaultMaxRetries,
                jitterSeed: UInt64 = 0x6C6F_6F6B_6261_636B) {
        self.defaultDelay = max(0, defaultDelay)
        self.crawlDelay = crawlDelay.map { max(0, $0) }
        self.maxRetries = max(0, maxRetries)
        self.random = SplitMix64(seed: jitterSeed)
    }

    /// The longest `Crawl-delay` honoured (as `maxRetryAfter`): a longer one is held at it. Any finite number
    /// parses (`Crawl-delay: 99999999999`), and a pause that long trapped converting to nanoseconds, or never ended.
    public static let maxCrawlDelay: Double = maxRetryAfter

    /// The pause between request starts in force: the larger of `defaultDelay` and `crawlDelay` (at most
    /// `maxCrawlDelay`).
    public var interval: Double { max(defaultDelay, min(crawlDelay ?? 0, Self.maxCrawlDelay)) }

    /// Added to every nonzero pause: the server stamps a request when it gets to it, a few milliseconds late on a
    /// busy machine, so a pause of exactly `interval` on the crawler's clock showed as 0.998 s for `Crawl-delay: 1`
    /// in the server's log (FINDINGS 79).
    public static let serverClockMargin = 0.01

    /// The pause actually kept between requests to this host: `interval`, plus `serverClockMargin` when nonzero.
    public var pause: Double { interval > 0 ? interval + Self.serverClockMargin : 0 }

    /// The earliest time, not before `now`, at which the next request to this host may start: `pause`
    /// after the last start and after the last answer. Counting from the answer is what makes the pause
    /// hold on the server's side too: a request may leave (or be read by the server) a little after the
    /// crawler recorded its start, but never after its answer came back.
    public func earliestStart(after now: Date) -> Date {
        var t = now
        if let last = lastStart { t = max(t, last.addingTimeInterval(pause)) }
        if let end = lastEnd { t = max(t, end.addingTimeInterval(pause)) }
        if let gate { t = max(t, gate) }
        return t
    }

    /// True when a pause is in force and a request to this host has not ended yet: the next one waits for
    /// its answer (and then `earliestStart`).
    public var awaitsAnswer: Bool { interval > 0 && running > 0 }

    /// Notes that a request to this host started at `at`; `recordEnd` must follow when it has ended.
    public mutating func recordStart(at: Date) {
        lastStart = max(lastStart ?? at, at)
        running += 1
    }

    /// Notes that a request to this host ended (answered, or failed) at `at`.
    public mutating func recordEnd(at: Date) {
        running = max(0, running - 1)
        lastEnd = max(lastEnd ?? at, at)
    }

    /// Notes how a request ended and says whether to retry it.
    /// - Parameters:
    ///   - status: the HTTP status, or nil for a transient transport failure (timeout, reset, refused).
    ///     Permanent failures (DNS, invalid URL, disallowed scheme) should not be recorded here.
    ///   - retryAfter: the answer's `Retry-After` in seconds, if any.
    ///   - attempt: how many times this request has been tried, this one included (1 for the first);
    ///     nil uses the host's run of consecutive failures instead.
    ///   - at: when the outcome arrived.
    /// 429 and 503 with `Retry-After` wait exactly that long (up to `maxRetryAfter`, else give up); other
    /// 5xx, 408, 429/503 without it, and transport failures back off exponentially with jitter; everything
    /// else is `.done`. A request is given up after `maxRetries` retries.
    public mutating func recordOutcome(status: Int?, retryAfter: Double?, attempt: Int? = nil, at: Date) -> RetryDecision {
        guard Self.isRetryable(status) else {
            consecutiveFailures = 0
            return .done
        }
        consecutiveFailures += 1
        let tries = attempt ?? consecutiveFailures
        let what = status.map { "HTTP \($0)" } ?? "network failure"
        guard tries <= maxRetries else {
            return .giveUp(reason: "\(what) after \(tries) attempts")
        }
        let wait: Double
        if let retryAfter, status == 429 || status == 503 {
            guard retryAfter <= Self.maxRetryAfter else {
                return .giveUp(reason: "\(what) with Retry-After \(Self.seconds(retryAfter)) s, more than \(Int(Self.maxRetryAfter)) s")
            }
            wait = max(0, retryAfter)
        } else {
            wait = backoff(failures: consecutiveFailures)
        }
        let retryAt = at.addingTimeInterval(wait)
        gate = max(gate ?? retryAt, retryAt)
        return .retry(at: retryAt)
    }

    /// Whole seconds for a message: a server's value may be any run of digits (`Int(_:)` of one past `Int.max`,
    /// or of the infinity 400 digits read as, stops the crawler).
    static func seconds(_ s: Double) -> String {
        s < 1e15 ? String(Int(s)) : String(format: "%.3g", s)
    }

    /// 408/429 and 5xx answers, and transport failures, are worth trying again; nothing else is.
    static func isRetryable(_ status: Int?) -> Bool {
        guard let status else { return true }
        return status == 408 || status == 429 || (500..<600).contains(status)
    }

    /// "Equal jitter": half of the capped exponential delay, plus a random part of the other half, so
    /// retries from many crawlers spread out yet never wait less than half the nominal delay.
    private mutating func backoff(failures: Int) -> Double {
        let nominal = min(Self.backoffCap, Self.backoffBase * pow(Self.backoffFactor, Double(max(0, failures - 1))))
        return nominal / 2 + random.nextUnit() * nominal / 2
    }
}

/// A tiny seeded generator (SplitMix64): deterministic jitter without global state.
struct SplitMix64: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
