@testable import Archive
import Foundation
import Testing

@Suite struct FileWritingTests {
    @Test func createFileOnceWritesTheBytesUnderTheNameAndNothingElse() throws {
        let dir = try makeTempDirectory()
        let path = dir.appendingPathComponent("ab.json").path
        #expect(try createFileOnce(path: path, Array("first".utf8)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("first".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ab.json"], "no temporary file left")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o600 } == 0o600, "readable and writable by its owner")
    }

    @Test func createFileOnceLeavesAnExistingFileAlone() throws {
        let dir = try makeTempDirectory()
        let path = dir.appendingPathComponent("ab.json").path
        try Data("first".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try createFileOnce(path: path, Array("second".utf8)) == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("first".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ab.json"])
    }

    @Test func createFileOnceNamesThePathItCannotCreate() throws {
        let path = try makeTempDirectory().appendingPathComponent("missing/ab.json").path
        #expect { try createFileOnce(path: path, Array("x".utf8)) } throws: { "\($0)".contains(path) }
    }
}
