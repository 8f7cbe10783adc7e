import Archive
import ArgumentParser
import Crawl
import Extract
import Fetch
import Foundation

/// `lookback crawl URL` / `lookback crawl DIR --base-url URL`: parse options, run the crawler, print the id.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl a blog (or a static site's build folder) into a new snapshot.",
        discussion: """
            Crawls the blog at URL politely (robots.txt, Crawl-delay, Retry-After) and writes a snapshot of its \
            posts into the archive. With --base-url, TARGET is a static site's build folder (Hugo, Jekyll, \
            Pelican, Eleventy output) archived as if it were served at that URL. An interrupted crawl of the \
            same site resumes where it stopped unless --restart is given. The last line on stdout is the \
            snapshot id. Exit status: 0 a snapshot was written, 1 nothing could be archived, 2 bad options, \
            rules or archive.
            """)

    @Argument(help: "The blog's URL, or a build folder with --base-url.")
    var target: String

    @Option(help: "Archive folder.")
    var archive: String = "archive"

    @OptionGroup var rules: RulesOptions

    @Option(help: "Fetch at most N pages (posts and listings).")
    var maxPages: Int?

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 8

    @Option(help: "Pause between two requests to one host, in milliseconds, counted from the previous answer (robots.txt Crawl-delay can raise it). Default 250; 0 in folder mode.")
    var delayMs: Int?

    @Option(help: "User-Agent header (default names lookback and its version).")
    var userAgent: String?

    @Option(help: "Only crawl pages whose path starts with this prefix.")
    var scope: String?

    @Flag(help: "Fetch pages that robots.txt disallows.")
    var ignoreRobots = false

    @Flag(help: "Resume the interrupted crawl of this site (the default when one exists).")
    var resume = false

    @Flag(help: "Start a new snapshot even if an interrupted crawl of this site exists.")
    var restart = false

    @Option(help: "Write one JSON object per fetch to this file.")
    var logJson: String?

    @Option(help: "With a build folder as TARGET: the URL the folder is served at.")
    var baseUrl: String?

    func validate() throws {
        if resume && restart { throw ValidationError("give --resume or --restart, not both") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let m = maxPages, m < 1 { throw ValidationError("--max-pages must be at least 1") }
        if let d = delayMs, d < 0 { throw ValidationError("--delay-ms must not be negative") }
    }

    func run() async throws {
        let clock = SystemClock()
        let loaded = try rules.load(for: "crawl")

        let seed: String
        let fetcher: any PageFetcher
        var client: HTTPClient?
        if let baseUrl {
            do { fetcher = try DirectoryFetcher(root: target, baseURL: baseUrl, clock: clock) } catch { throw fail("crawl", error, code: 2) }
            seed = baseUrl
        } else {
            guard CrawlURL(target) != nil else {
                throw fail("crawl", "\(target): expected an http or https URL (or a build folder with --base-url URL)", code: 2)
            }
            var fc = FetchConfig(maxConnections: concurrency, maxConnectionsPerHost: concurrency)
            fc.holdsHostOnRetryAfter = true
            if let userAgent { fc.userAgent = userAgent }
            let c = HTTPClient(config: fc)
            client = c
            fetcher = c
            seed = target
        }
        defer { client?.shutdown() }

        var config = CrawlConfiguration(seedURL: seed, maxPages: maxPages, concurrency: concurrency,
                                        delay: Double(delayMs ?? (baseUrl == nil ? 250 : 0)) / 1000,
                                        userAgent: userAgent ?? FetchConfig.defaultUserAgent,
                                        scopePrefix: scope, ignoreRobots: ignoreRobots)
        config.flushEvery = 1
        // The HTTP client keeps `concurrency` requests in flight and queues the rest (a build folder has no
        // connections to wait for).
        if baseUrl == nil { config.pipelineDepth = CrawlConfiguration.pipelineDepth(for: concurrency) }
        let store = ArchiveStore(root: URL(fileURLWithPath: archive))
        let site = ArchiveStore.siteName(for: URLNormalizer.normalize(seed) ?? seed)
        let writer: SnapshotWriter
        do {
            writer = try SnapshotWriter.open(store: store, site: site, seedURL: seed, startedAt: clock.now(),
                                             rulesSHA256: loaded.sha256, toolVersion: FetchConfig.lookbackVersion,
                                             resume: !restart)
        } catch {
            throw fail("crawl", error, code: 2)
        }
        if writer.isResumed { note("resuming the interrupted snapshot \(writer.id) of \(site)") }
        let summary: CrawlSummary
        do {
            let progress = try ProgressReporter(clock: clock, showProgress: ProgressReporter.stderrIsTerminal, logJSON: logJson)
            let crawler = try Crawler(configuration: config, fetcher: fetcher, rules: loaded, writer: writer,
                                      clock: clock, progress: progress)
            summary = try await crawler.run()
        } catch {
            throw fail("crawl", error, code: 1)
        }
        for w in summary.warnings { note("warning: \(w)") }
        note("\(summary.posts) posts (\(summary.reused) unchanged), \(summary.listings) listing pages, "
             + "\(summary.errors) errors, \(summary.requests) requests")
        print(summary.snapshotID)
    }

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("lookback crawl: \(message)\n".utf8))
    }
}
