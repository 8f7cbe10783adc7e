import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`. Returns false on an error, with
/// `errno` set.
func writeFully(_ fd: Int32, _ bytes: some ContiguousBytes) -> Bool {
    bytes.withUnsafeBytes { buf -> Bool in
        var off = 0
        while off < buf.count {
            let n = write(fd, buf.baseAddress! + off, buf.count - off)
            if n < 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }
}

/// Writes `data` to a temporary file beside `url`, flushes it to disk, then renames it over `url`.
func writeFileAtomically(_ url: URL, _ data: some ContiguousBytes, sync: Bool = false) throws {
    try writeFileAtomically(path: url.path, data, sync: sync)
}

/// Temporary file numbers of this process: with the process id, a name no other writer uses at the same time.
private let temporaryFileCounter = Atomic<Int>(0)

/// `writeFileAtomically` on a path. The temporary file is `.<name>.<pid>-<n>.tmp` beside `path` (a counter,
/// not a UUID: Foundation's `UUID()` costs three system calls, and a crawl writes one object per post).
func writeFileAtomically(path: String, _ data: some ContiguousBytes, sync: Bool = false) throws {
    let n = temporaryFileCounter.add(1, ordering: .relaxed).newValue
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
    let tmp = "\(path[..<slash]).\(path[slash...]).\(getpid())-\(n).tmp"
    let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ArchiveError.io(path: tmp, reason: "cannot create: \(String(cString: strerror(errno)))") }
    let ok = writeFully(fd, data)
    if ok && sync { _ = fsync(fd) }
    close(fd)
    guard ok, rename(tmp, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(tmp)
        throw ArchiveError.io(path: path, reason: "cannot write: \(reason)")
    }
}
