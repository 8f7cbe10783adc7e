/// Lets one large page at a time into extraction. The extractor's memory grows with the page (a 1 MB
/// unpaginated author or "all posts" page takes about 15 MB while it is parsed), and such pages sit next
/// to each other in the frontier, so without the gate two or three of them were extracted at once and
/// the crawl's peak memory grew with the site. Small pages never wait.
actor LargePageGate {
    /// Bodies of at least this many bytes are large: a blog post is rarely over 100 KB of HTML, so what
    /// is larger is nearly always a listing of many posts.
    static let largeBodyBytes = 256 * 1024

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` (synchronous work on a large page) once no other large page is being worked on.
    nonisolated func run<T: Sendable>(_ body: () -> T) async -> T {
        await enter()
        let result = body()
        await leave()
        return result
    }

    private func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
