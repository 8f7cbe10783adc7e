import Foundation
import Testing
@testable import Crawl

private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
private func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }
private let margin = HostPoliteness.serverClockMargin

/// One outcome fed to a fresh host state, and the decision expected from it.
struct OutcomeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int?
    var retryAfter: Double?
    var attempt: Int = 1
    /// nil: `.done`; a range: `.retry` within these seconds after the outcome; giveUp: `.giveUp`.
    var retryWithin: ClosedRange<Double>?
    var giveUp = false
    var testDescription: String { name }
}

@Suite struct HostPolitenessTests {
    @Test(arguments: [
        OutcomeCase(name: "200 is done", status: 200),
        OutcomeCase(name: "304 is done", status: 304),
        OutcomeCase(name: "404 is done", status: 404),
        OutcomeCase(name: "429 waits exactly Retry-After", status: 429, retryAfter: 30, retryWithin: 30...30),
        OutcomeCase(name: "503 waits exactly Retry-After", status: 503, retryAfter: 5, retryWithin: 5...5),
        OutcomeCase(name: "Retry-After 0 retries at once", status: 429, retryAfter: 0, retryWithin: 0...0),
        OutcomeCase(name: "Retry-After over 10 min gives up", status: 429, retryAfter: 3600, giveUp: true),
        // A value past Int.max, and 400 digits (read as infinity), give up too and say so (they trapped).
        OutcomeCase(name: "Retry-After of 30 digits gives up", status: 503, retryAfter: Double(String(repeating: "9", count: 30)), giveUp: true),
        OutcomeCase(name: "Retry-After of 400 digits gives up", status: 429, retryAfter: Double(String(repeating: "9", count: 400)), giveUp: true),
        OutcomeCase(name: "Retry-After ignored on 500", status: 500, retryAfter: 300, retryWithin: 0.5...1),
        OutcomeCase(name: "429 without Retry-After backs off", status: 429, retryWithin: 0.5...1),
        OutcomeCase(name: "network failure backs off", status: nil, retryWithin: 0.5...1),
        OutcomeCase(name: "502 backs off", status: 502, retryWithin: 0.5...1),
        OutcomeCase(name: "408 backs off", status: 408, retryWithin: 0.5...1),
        OutcomeCase(name: "fourth retry still allowed", status: 503, attempt: 4, retryWithin: 0.5...1),
        OutcomeCase(name: "fifth failure gives up", status: 503, attempt: 5, giveUp: true),
    ])
    func outcome(_ c: OutcomeCase) {
        var host = HostPoliteness(defaultDelay: 1)
        let decision = host.recordOutcome(status: c.status, retryAfter: c.retryAfter, attempt: c.attempt, at: at(100))
        switch decision {
        case .done:
            #expect(c.retryWithin == nil && !c.giveUp, "got .done")
        case .retry(let when):
            let wait = when.timeIntervalSince(at(100))
            #expect(c.retryWithin?.contains(wait) == true, "retry after \(wait) s")
            #expect(host.earliestStart(after: at(100)) == when, "the host is gated until the retry")
        case .giveUp:
            #expect(c.giveUp, "gave up")
        }
    }

    /// A Crawl-delay past `maxCrawlDelay` (any finite number parses) is held at it: `Crawl-delay: 99999999999` made a
    /// pause whose nanoseconds trapped converting to UInt64 (stress-crawl.py, FINDINGS 96).
    @Test(arguments: [599.0, 600, 601, 99_999_999_999, 1e300])
    func crawlDelayIsHeldAtTheLongestHonoured(_ delay: Double) {
        var host = HostPoliteness(defaultDelay: 0.25, crawlDelay: delay)
        #expect(host.interval == min(delay, HostPoliteness.maxCrawlDelay))
        host.recordStart(at: at(0))
        host.recordEnd(at: at(1))
        #expect(host.earliestStart(after: at(1)) == at(1 + min(delay, HostPoliteness.maxCrawlDelay) + margin))
        #expect(HostPoliteness.seconds(delay) == (delay < 1e15 ? String(Int(delay)) : "1e+300"))
    }

    @Test func delayBetweenStartsIsTheLargerOfDefaultAndCrawlDelay() {
        var host = HostPoliteness(defaultDelay: 1, crawlDelay: 5)
        #expect(host.earliestStart(after: at(0)) == at(0))
        host.recordStart(at: at(0))
        #expect(host.earliestStart(after: at(1)) == at(5 + margin), "the crawl delay, and the margin for the server's clock")
        #expect(host.earliestStart(after: at(9)) == at(9))
        var fast = HostPoliteness(defaultDelay: 2, crawlDelay: 0.5)
        fast.recordStart(at: at(0))
        #expect(fast.earliestStart(after: at(0)) == at(2 + margin))
    }

    @Test func zeroDelayNeverWaits() {
        var host = HostPoliteness(defaultDelay: 0)
        host.recordStart(at: at(3))
        #expect(!host.awaitsAnswer, "no pause: requests overlap")
        #expect(host.earliestStart(after: at(3)) == at(3))
    }

    @Test func pauseRunsFromTheLastAnswer() {
        var host = HostPoliteness(defaultDelay: 1)
        host.recordStart(at: at(0))
        #expect(host.awaitsAnswer, "the next request waits for this one's answer")
        host.recordEnd(at: at(0.4))
        #expect(!host.awaitsAnswer)
        #expect(abs(host.earliestStart(after: at(1)).timeIntervalSince(at(1.4 + margin))) < 1e-6,
                "1 s (and the margin) after the answer, not after the start")
    }

    @Test func backoffDoublesUpToTheCapWithJitter() {
        var host = HostPoliteness(defaultDelay: 0, maxRetries: 20)
        var waits: [Double] = []
        for attempt in 1...9 {
            guard case .retry(let when) = host.recordOutcome(status: 500, retryAfter: nil, attempt: attempt, at: at(0)) else {
                Issue.record("attempt \(attempt) not retried"); return
            }
            waits.append(when.timeIntervalSince(at(0)))
        }
        let nominal: [Double] = [1, 2, 4, 8, 16, 32, 60, 60, 60]
        for (wait, n) in zip(waits, nominal) {
            #expect(wait >= n / 2 && wait <= n, "wait \(wait) for nominal \(n)")
        }
        #expect(Set(waits.map { $0 / 60 }).count > 1, "jitter varies the waits")
    }

    @Test func successResetsTheBackoff() {
        var host = HostPoliteness(defaultDelay: 0)
        _ = host.recordOutcome(status: 503, retryAfter: nil, at: at(0))
        _ = host.recordOutcome(status: 503, retryAfter: nil, at: at(0))
        #expect(host.recordOutcome(status: 200, retryAfter: nil, at: at(10)) == .done)
        guard case .retry(let when) = host.recordOutcome(status: 503, retryAfter: nil, at: at(20)) else {
            Issue.record("not retried"); return
        }
        #expect(when.timeIntervalSince(at(20)) <= 1, "back to the first step")
    }

    @Test func withoutAttemptTheHostsFailureRunIsCounted() {
        var host = HostPoliteness(defaultDelay: 0, maxRetries: 2)
        #expect(host.recordOutcome(status: nil, retryAfter: nil, at: at(0)) != .done)
        if case .giveUp = host.recordOutcome(status: nil, retryAfter: nil, at: at(1)) { Issue.record("gave up too early") }
        guard case .giveUp(let reason) = host.recordOutcome(status: nil, retryAfter: nil, at: at(2)) else {
            Issue.record("did not give up after 3 failures"); return
        }
        #expect(reason.contains("network failure"))
    }

    @Test func sameSeedSameSchedule() {
        func schedule(seed: UInt64) -> [RetryDecision] {
            var host = HostPoliteness(defaultDelay: 0, maxRetries: 10, jitterSeed: seed)
            return (1...5).map { host.recordOutcome(status: 500, retryAfter: nil, attempt: $0, at: at(0)) }
        }
        #expect(schedule(seed: 1) == schedule(seed: 1))
        #expect(schedule(seed: 1) != schedule(seed: 2))
    }

    @Test func retryAfterGateHoldsLaterStarts() {
        var host = HostPoliteness(defaultDelay: 1)
        host.recordStart(at: at(0))
        _ = host.recordOutcome(status: 429, retryAfter: 120, at: at(1))
        #expect(host.earliestStart(after: at(2)) == at(121))
        host.recordStart(at: at(121))
        #expect(host.recordOutcome(status: 200, retryAfter: nil, at: at(122)) == .done)
        #expect(host.earliestStart(after: at(122)) == at(122 + margin))
    }
}
