import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`. Returns false on an error, with
/// `errno` set.
public func writeFully(_ fd: Int32, _ bytes: some ContiguousBytes) -> Bool {
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

/// `.<name>.<pid>-<n>.tmp` beside `path`: a name no other writer uses at the same time.
func temporaryPathBeside(_ path: String) -> String {
    let n = temporaryFileCounter.add(1, ordering: .relaxed).newValue
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
    return "\(path[..<slash]).\(path[slash...]).\(getpid())-\(n).tmp"
}

/// `writeFileAtomically` on a path. The temporary file is `.<name>.<pid>-<n>.tmp` beside `path` (a counter,
/// not a UUID: Foundation's `UUID()` costs three system calls, and a crawl writes one object per post).
func writeFileAtomically(path: String, _ data: some ContiguousBytes, sync: Bool = false) throws {
    let tmp = temporaryPathBeside(path)
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

/// Creates the file at `path` holding `data`, unless a file is there already (then nothing is written and
/// the result is false). The file appears whole or not at all, also when the process is killed during the
/// write. For content-addressed files (objects): a name that exists already holds these bytes.
///
/// On Linux the file is written unnamed (`O_TMPFILE`) and linked into place (`linkat` fails on an existing
/// name): a crawl stores one object per post, and the check, the temporary name and the rename of
/// `writeFileAtomically` were three path operations of the kernel per object. Elsewhere, or on a file system
/// without unnamed files, it checks and then writes through `writeFileAtomically`.
@discardableResult
func createFileOnce(path: String, _ data: some ContiguousBytes) throws -> Bool {
    #if os(Linux) && (arch(x86_64) || arch(arm64))
    let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
    let dir = slash.map { String(path[..<$0]) } ?? "."
    let fd = Glibc.open(dir.isEmpty ? "/" : dir, unnamedFileFlags | O_WRONLY | O_CLOEXEC, 0o644)
    if fd >= 0 {
        defer { close(fd) }
        guard writeFully(fd, data) else {
            throw ArchiveError.io(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        // The descriptor's /proc link names the unnamed file; AT_SYMLINK_FOLLOW links the file itself.
        if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return true }
        if errno == EEXIST { return false }
        // ENOENT with no /proc mounted: the named way below.
        guard errno == ENOENT else {
            throw ArchiveError.io(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
    } else if errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL {
        throw ArchiveError.io(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
    }
    #endif
    if access(path, F_OK) == 0 { return false }
    try writeFileAtomically(path: path, data)
    return true
}

#if os(Linux) && (arch(x86_64) || arch(arm64))
/// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY` on these architectures), which Swift does not import from the macro.
private let unnamedFileFlags: Int32 = 0o20000000 | O_DIRECTORY
#endif
