import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<site>/lock`, holding the owner's pid. The kernel drops it when the
/// process dies (even on `kill -9`), so a crash never leaves a site locked.
final class SiteLock {
    let path: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.io(path: path, reason: "cannot open lock file: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buf, 31, 0)
            close(fd)
            let pid = n > 0 ? Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            throw ArchiveError.locked(path: path, pid: pid)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, text, text.count, 0)
        self.fd = fd
    }

    /// Releases the lock (idempotent).
    func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        // A child forked by another thread (Process, posix_spawn) shares this open file description
        // until its exec closes it: a plain close would leave the flock held by that copy.
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
