import Extract
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An index file of a snapshot (`indexes/<sha256>.tsv.gz`, see `SnapshotIndex`, `CaptureIndex`,
/// `RoutesIndex`) written to a temporary file as it is compressed, and hashed as it is written: the commit no longer holds the compressed indexes in memory (in arrays grown by doubling, then
/// copied: 5-7 MB at the commit of a 10,000-post crawl, which was its peak of memory). The file is named by
/// its hash only once complete (`install`); released before, it is deleted. Used by one thread at a time.
final class IndexFileWriter: @unchecked Sendable {
    /// Compresses what the index's encoder appends into the file.
    private(set) var deflater: GzipDeflater!
    private let temporaryPath: String
    private var fd: Int32
    private let hasher = SHA256.Hasher()
    private var installed = false

    /// Creates the temporary file in `directory` (which must exist, on the file system of the index folder).
    init(directory: URL) throws {
        temporaryPath = temporaryPathBeside(directory.appendingPathComponent("index").path)
        fd = Glibc.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArchiveError.io(path: temporaryPath, reason: "cannot create: \(String(cString: strerror(errno)))") }
        deflater = GzipDeflater { [fd, hasher, temporaryPath] bytes in
            guard writeFully(fd, UnsafeRawBufferPointer(bytes)) else {
                throw ArchiveError.io(path: temporaryPath, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            hasher.update(UnsafeRawBufferPointer(bytes))
        }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
        if !installed { unlink(temporaryPath) }
    }

    /// Hex SHA-256 of the file, once the deflater's member is finished (`GzipDeflater.finish`).
    func sha256() -> String { hasher.finishHex() }

    /// Flushes the file to disk and renames it to `url`.
    func install(at url: URL) throws {
        _ = fsync(fd)
        Glibc.close(fd)
        fd = -1
        guard rename(temporaryPath, url.path) == 0 else {
            throw ArchiveError.io(path: url.path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        installed = true
    }
}
