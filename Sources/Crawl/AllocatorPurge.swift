#if canImport(Glibc)
import Glibc
#endif

/// Hands the memory allocator's unused pages back to the operating system. The binary links jemalloc, which
/// keeps freed pages for about 10 s before returning them, in one arena per thread: the ~15 MB a large page's
/// extraction frees stays counted in the process's memory while the next large pages, extracted on other
/// threads, take fresh pages, so the crawl's peak grew with the number of large pages met in a row. Called
/// after each large page, not after every page: a purge costs a few madvise calls, and the pages freed by a
/// small one are reused at once.
enum AllocatorPurge {
    private typealias Mallctl = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?,
                                                UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32

    /// Looked up at run time: jemalloc's `mallctl` in the binary; test binaries use glibc's malloc, whose
    /// `malloc_trim` is not in Swift's Glibc module.
    private static let mallctl: Mallctl? = symbol("mallctl").map { unsafeBitCast($0, to: Mallctl.self) }
    private static let mallocTrim: MallocTrim? = symbol("malloc_trim").map { unsafeBitCast($0, to: MallocTrim.self) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        guard let program = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(program, name)   // the program's handle is never closed: nothing to free
    }

    /// Returns the unused pages of every arena (jemalloc: `arena.<MALLCTL_ARENAS_ALL>.purge`; glibc: `malloc_trim`).
    static func purge() {
        if let mallctl {
            _ = mallctl("arena.4096.purge", nil, nil, nil, 0)
        } else if let mallocTrim {
            _ = mallocTrim(0)
        }
    }

    /// jemalloc's own delay before freed pages go back to the system (`opt.dirty_decay_ms`), read once.
    private static let defaultDecayMs: Int = {
        var value = 10_000, size = MemoryLayout<Int>.size
        if let mallctl { _ = mallctl("opt.dirty_decay_ms", &value, &size, nil, 0) }
        return value
    }()

    /// While `body` runs (the extraction of a large page), every arena hands freed pages back at once
    /// instead of after jemalloc's delay: the tree and renders of one large page are freed while the next
    /// is parsed on another thread, and kept pages were what made the crawl's peak (decay 0 for the whole
    /// crawl: 10k peak 79 -> 70 MB but +12% CPU, FINDINGS 24). No effect without jemalloc.
    static func returningFreedPages<T>(_ body: () -> T) -> T {
        setDecay(0)
        defer { setDecay(defaultDecayMs) }
        return body()
    }

    private static func setDecay(_ ms: Int) {
        guard let mallctl else { return }
        var arenas: UInt32 = 0, size = MemoryLayout<UInt32>.size
        guard mallctl("arenas.narenas", &arenas, &size, nil, 0) == 0 else { return }
        for i in 0..<arenas {
            var value = ms
            _ = mallctl("arena.\(i).dirty_decay_ms", nil, nil, &value, MemoryLayout<Int>.size)
        }
    }
}
