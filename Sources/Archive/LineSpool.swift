import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An append-only scratch file of byte strings read back by position: what a snapshot writer would
/// otherwise hold in memory until its commit, a post's index line (~700 bytes) and a capture's fields
/// (~250 bytes), which grew a 10,000-post crawl's memory by ~10 MB. The file is rewritten from scratch
/// when opened (its content is rebuilt from the journal and the WARC files on a resume) and lives in the
/// partial snapshot's work folder, which the commit deletes. Not thread-safe: callers hold their lock.
final class LineSpool {
    /// Where one string is in the file.
    struct Slot: Sendable {
        var offset: Int
        var count: Int
    }

    let path: String
    private let fd: Int32
    private var end = 0

    init(url: URL) throws {
        path = url.path
        fd = Glibc.open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ArchiveError.io(path: path, reason: "cannot open a scratch file: \(String(cString: strerror(errno)))") }
    }

    deinit { Glibc.close(fd) }

    /// Appends `bytes`; returns where they are.
    func append(_ bytes: [UInt8]) throws -> Slot {
        guard writeFully(fd, bytes) else {
            throw ArchiveError.io(path: path, reason: "cannot write a scratch file: \(String(cString: strerror(errno)))")
        }
        defer { end += bytes.count }
        return Slot(offset: end, count: bytes.count)
    }

    /// The bytes at `slot`.
    func read(_ slot: Slot) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: slot.count)
        var done = 0
        while done < slot.count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, slot.count - done, off_t(slot.offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                throw ArchiveError.io(path: path, reason: "cannot read a scratch file: \(n < 0 ? String(cString: strerror(errno)) : "it ends early")")
            }
            done += n
        }
        return out
    }
}
