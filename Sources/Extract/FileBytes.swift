import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads straight into a byte array (no `Data` to copy), shared by the batch extractor and the
/// archive's readers.
public enum FileBytes {
    /// The bytes of the regular file at `path`; nil when it is not a regular file, cannot be read, or
    /// changed size while being read.
    public static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var off = 0
            while off < size {
                let n = Glibc.read(fd, buf.baseAddress! + off, size - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                off += n
            }
            complete = off == size
            count = off
        }
        return complete ? bytes : nil
    }
}
