import Foundation
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
    let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    let fd = Glibc.open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ArchiveError.io(path: tmp.path, reason: "cannot create: \(String(cString: strerror(errno)))") }
    let ok = writeFully(fd, data)
    if ok && sync { _ = fsync(fd) }
    close(fd)
    guard ok, rename(tmp.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(tmp.path)
        throw ArchiveError.io(path: url.path, reason: "cannot write: \(reason)")
    }
}
