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
}
