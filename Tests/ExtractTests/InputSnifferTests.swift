import Testing
@testable import Extract

/// `InputSniffer.check` as it was before FINDINGS 94 (the window counted through the array's subscript, with branches).
private func checkByIndex(_ bytes: [UInt8]) -> ExtractError? {
    var i = 0
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    if i == bytes.count { return .empty }
    if bytes.count >= 5 && bytes[0] == 0x25 && bytes[1] == 0x50 && bytes[2] == 0x44 && bytes[3] == 0x46 && bytes[4] == 0x2D {
        return .pdf
    }
    if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) { return nil }
    let n = min(bytes.count, InputSniffer.window)
    var controls = 0
    var nuls = 0
    for j in 0..<n {
        let b = bytes[j]
        if b == 0 { nuls += 1 }
        if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) { controls += 1 }
    }
    if nuls * InputSniffer.maxNULShare > n || controls * 10 > n { return .binary }
    return nil
}

private func check(_ bytes: [UInt8]) -> ExtractError? {
    do { try InputSniffer.check(bytes); return nil } catch { return error }
}

/// The sniffer counts NULs and control bytes in place without branches: the same verdicts as the indexed count, for
/// every single byte value, pages around the window's size and the NUL and control shares' bounds, and random inputs.
@Test func inputSnifferIsTheIndexedCount() {
    var inputs: [[UInt8]] = [[], [0x20], Array("%PDF-1.4".utf8), [0xFF, 0xFE, 0, 0], Array("<p>x</p>".utf8)]
    for b in 0...255 { inputs.append([UInt8(b)]); inputs.append(Array("<p>".utf8) + [UInt8(b)] + Array("</p>".utf8)) }
    let page = Array(String(repeating: "<p>Some text of a page.</p>\n", count: 200).utf8)
    for size in [99, 100, 101, 4095, 4096, 4097, 5000] {
        for nuls in [0, 1, size / 100, size / 100 + 1] {
            for controls in [0, size / 10, size / 10 + 1] {
                var p = Array(page.prefix(size))
                for k in 0..<nuls where 3 + k * 7 < p.count { p[3 + k * 7] = 0 }
                for k in 0..<controls where 5 + k * 3 < p.count { p[5 + k * 3] = [0x01, 0x0E, 0x1F, 0x1B, 0x08][k % 5] }
                inputs.append(p)
            }
        }
    }
    var g = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x1B, 0x1F, 0x20, 0x3C, 0x61, 0x80, 0xFE, 0xFF]
    for _ in 0..<3_000 {
        inputs.append((0..<Int.random(in: 0...60, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
    }
    for input in inputs { #expect(check(input) == checkByIndex(input), "\(input.prefix(16))... (\(input.count) bytes)") }
}

/// The window's counts eight bytes at a time are the byte loop's: every byte value in every lane, beside every other
/// value of the bytes that decide a lane (NUL, the control range's ends, ESC, 0x80 and up), and random buffers of
/// every length up to 40 (the tail read byte by byte).
@Test func inputSnifferCountsAreTheByteLoops() {
    func byteLoop(_ b: [UInt8]) -> (Int, Int) {
        var controls = 0, nuls = 0
        for x in b {
            if x == 0 { nuls += 1 }
            if x < 0x09 || (x > 0x0D && x < 0x20 && x != 0x1B) { controls += 1 }
        }
        return (controls, nuls)
    }
    var inputs: [[UInt8]] = []
    let edges: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0D, 0x0E, 0x1A, 0x1B, 0x1C, 0x1F, 0x20, 0x7F, 0x80, 0x81, 0x9B, 0xFF]
    for v in 0...255 {
        for lane in 0..<8 {
            for e in edges {
                var b = [UInt8](repeating: e, count: 8)
                b[lane] = UInt8(v)
                inputs.append(b)
            }
        }
    }
    var state: UInt64 = 99
    for length in 0...40 {
        for _ in 0..<200 {
            inputs.append((0..<length).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56) >> (state >> 40 & 1 == 0 ? 3 : 0)
            })
        }
    }
    var differing = 0
    for b in inputs {
        let c = b.withUnsafeBufferPointer { InputSniffer.counts($0) }
        if c.controls != byteLoop(b).0 || c.nuls != byteLoop(b).1 { differing += 1 }
    }
    #expect(differing == 0)
}
