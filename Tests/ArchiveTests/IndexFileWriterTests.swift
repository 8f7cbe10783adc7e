import Foundation
import Testing
import TestSupport
@testable import Archive
@testable import Extract

/// Lines that deflate compresses little (a linear congruential sequence as hex), so that the compressed
/// member spans several of the deflater's 64 KB output chunks.
private func noisyLines(_ count: Int) -> [[UInt8]] {
    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { i in
        x = x &* 6364136223846793005 &+ 1442695040888963407
        return Array("\(i)\t\(String(x, radix: 16))\(String(x >> 7, radix: 16))\n".utf8)
    }
}

@Suite struct IndexFileWriterTests {
    @Test func aDeflaterWithAnOutputHandlerHandsOverTheSameMember() throws {
        let lines = noisyLines(20_000)
        let kept = GzipDeflater()
        for l in lines { try kept.append(l) }
        let member = try kept.finish()
        var pieces = 0
        var handed: [UInt8] = []
        let streamed = GzipDeflater { handed += $0; pieces += 1 }
        for l in lines { try streamed.append(l) }
        #expect(try streamed.finish().isEmpty)
        #expect(handed == member)
        #expect(member.count > 3 * 64 * 1024 && pieces > 3)
        #expect(Gzip.decompressMember(handed.withUnsafeBufferPointer { $0 }, at: 0)?.bytes == Array(lines.joined()))
    }

    @Test func anIndexFileIsTheEncodingOfItsLinesNamedByItsHash() throws {
        let dir = try makeTempDirectory()
        let lines = noisyLines(20_000)
        var rest = lines[...]
        let inMemory = try SnapshotIndex.encode { rest.popFirst() }
        let file = try IndexFileWriter(directory: dir)
        rest = lines[...]
        #expect(try SnapshotIndex.encode(into: file.deflater) { rest.popFirst() }.isEmpty)
        let hash = file.sha256()
        #expect(hash == SHA256.hex(inMemory))
        let url = dir.appendingPathComponent("\(hash).tsv.gz")
        try file.install(at: url)
        #expect(try Data(contentsOf: url) == inMemory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["\(hash).tsv.gz"])
    }

    @Test func anIndexFileReleasedBeforeItIsInstalledLeavesNothing() throws {
        let dir = try makeTempDirectory()
        do {
            let file = try IndexFileWriter(directory: dir)
            for l in noisyLines(100) { try file.deflater.append(l) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
