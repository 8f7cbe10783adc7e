import CLibXML2
import Synchronization

/// A fixed list of element names, and the lookup of an element's name in it: libxml2's bytes are hashed and
/// compared in place, with no `String` per element and no SipHash (walks over every element look names up
/// several times each).
public struct NameTable: Sendable {
    /// The names' UTF-8 bytes back to back, and where each one lies, in the caller's order.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Open addressing by `hash`: a position in the names plus one, 0 for an empty slot.
    private let slots: [Int32]
    private let mask: Int
    /// This table's mark in an element's `extra` field, where `index(of: Node)` keeps its answer (0: not kept): the
    /// walks over a page look each element's name up several times. libxml2 leaves `extra` alone in HTML trees
    /// (only its XML reader and DOM-wrap functions use it).
    private let mark: UInt16
    /// Marks given out so far; a mark takes the field's top 4 bits, the answer the other 12.
    private static let marks = Atomic<UInt16>(0)
    private static let maxMark: UInt16 = 15, maxCached = 0xFFE

    /// Names as libxml2 stores them (lowercase for HTML), without repeats.
    public init(_ names: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for n in names {
            starts.append(bytes.count)
            bytes.append(contentsOf: n.utf8)
        }
        starts.append(bytes.count)
        var size = 8
        while size < names.count * 4 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (i, n) in names.enumerated() {
            var h = Self.hash(Array(n.utf8)) & (size - 1)
            while slots[h] != 0 {
                precondition(names[Int(slots[h]) - 1] != n, "NameTable: \(n) listed twice")
                h = (h + 1) & (size - 1)
            }
            slots[h] = Int32(i + 1)
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
        self.mask = size - 1
        let m = names.count <= Self.maxCached ? Self.marks.add(1, ordering: .relaxed).newValue : 0
        self.mark = m <= Self.maxMark ? m : 0
    }

    /// FNV-1a over the name's bytes.
    private static func hash<C: Collection<UInt8>>(_ s: C) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in s { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int(h)
    }

    /// The position in the list of an element's name; `nil` for a name not listed, or a node that is not an element.
    public func index(of node: Node) -> Int? {
        guard node.isElement, let name = node.ptr.pointee.name else { return nil }
        let kept = node.ptr.pointee.extra
        if mark != 0 && kept >> 12 == mark {
            let k = Int(kept & 0xFFF)
            return k == 0 ? nil : k - 1
        }
        let i = index(ofTerminated: name)
        if mark != 0 { node.ptr.pointee.extra = mark << 12 | UInt16(i.map { $0 + 1 } ?? 0) }
        return i
    }

    /// The position in the list of the name in `count` bytes at `name`; `nil` for a name not listed.
    func index(of name: UnsafePointer<UInt8>, count len: Int) -> Int? {
        var h: UInt32 = 2_166_136_261
        for i in 0..<len { h = (h ^ UInt32(name[i])) &* 16_777_619 }
        return index(of: name, count: len, hash: h)
    }

    /// `index(of:count:)` of a NUL-terminated name, hashed as its length is found (one pass instead of `xmlStrlen`'s and
    /// the hash's: every element's first lookup comes here).
    private func index(ofTerminated name: UnsafePointer<UInt8>) -> Int? {
        var h: UInt32 = 2_166_136_261
        var len = 0
        while name[len] != 0 { h = (h ^ UInt32(name[len])) &* 16_777_619; len += 1 }
        return index(of: name, count: len, hash: h)
    }

    /// The probe of `index(of:count:)`, with the name's FNV-1a hash `h`.
    private func index(of name: UnsafePointer<UInt8>, count len: Int, hash h: UInt32) -> Int? {
        bytes.withUnsafeBufferPointer { all in
            var s = Int(h) & mask
            while true {
                let k = Int(slots[s])
                if k == 0 { return nil }
                let start = starts[k - 1], end = starts[k]
                if end - start == len {
                    var i = 0
                    while i < len && all[start + i] == name[i] { i += 1 }
                    if i == len { return k - 1 }
                }
                s = (s + 1) & mask
            }
        }
    }

    /// The position in the list of a name; `nil` for a name not listed.
    public func index(of name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { want in want.baseAddress.flatMap { index(of: $0, count: want.count) } }
    }
}
