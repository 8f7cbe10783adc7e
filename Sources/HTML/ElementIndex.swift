import CLibXML2

/// Every element of a document in document order, each with a 64-bit summary of the keys a selector can ask of it
/// (its name, its class tokens, its id) and the same summary of all its element ancestors.
///
/// A whole-document selector walk reads this table instead of libxml2's tree and tries its tests only on elements
/// whose summaries hold all of the keys the selector requires (`SelectorMatcher` derives those from its compounds).
/// The summaries are one-hash Bloom filters: they may let an element through that then fails its tests, never the
/// reverse, so a walk over the table gives exactly the elements a walk over the tree gives. A site rule runs a dozen
/// whole-document selectors on each page; most of them concern a few elements of a page's hundreds.
///
/// Describes one tree as it was when built: `HTMLDocument` drops it when the tree changes.
struct ElementIndex {
    struct Entry: Equatable {
        let node: xmlNodePtr
        /// The element's own keys.
        let keys: UInt64
        /// The keys of every element ancestor (parent, its parent, ... up to the first parent that is not an element).
        let ancestorKeys: UInt64
    }

    /// What a key is made of; each kind hashes differently, so a class `x` is not an id `x`.
    enum KeyKind: UInt8 { case name = 1, classToken = 2, id = 3 }

    /// The elements of the document in the order a pre-order walk from the document's children meets them
    /// (descending into elements only, as selector walks do).
    let entries: [Entry]

    /// An index made as the tree was built (`HTMLParser`): the entries must be the ones `init(_:)` would find.
    init(entries: [Entry]) { self.entries = entries }

    init(_ doc: xmlDocPtr) {
        var out: [Entry] = []
        // ancestors.last: the ancestor keys of nodes at the current depth (0 at the top level).
        var ancestors: [UInt64] = [0]
        var cur: xmlNodePtr? = doc.pointee.children
        while let n = cur {
            if n.pointee.type == XML_ELEMENT_NODE {
                let own = Self.keys(of: n)
                let above = ancestors[ancestors.count - 1]
                out.append(Entry(node: n, keys: own, ancestorKeys: above))
                if let child = n.pointee.children {
                    ancestors.append(above | own)
                    cur = child
                    continue
                }
            }
            // Climb until a next sibling exists; the top level's last node ends the walk.
            var up = n
            cur = nil
            while true {
                if let next = up.pointee.next { cur = next; break }
                guard ancestors.count > 1, let p = up.pointee.parent else { break }
                ancestors.removeLast()
                up = p
            }
        }
        entries = out
    }

    /// The bit of one key: FNV-1a over the kind and the bytes, folded to 0..<64.
    static func bit<C: Collection<UInt8>>(_ kind: KeyKind, _ bytes: C) -> UInt64 {
        var h = seed(kind)
        for b in bytes { h = (h ^ UInt64(b)) &* fnvPrime }
        return fold(h)
    }

    @inline(__always) private static var fnvPrime: UInt64 { 1_099_511_628_211 }
    @inline(__always) private static func seed(_ kind: KeyKind) -> UInt64 { 14_695_981_039_346_656_037 ^ UInt64(kind.rawValue) }
    @inline(__always) private static func fold(_ h: UInt64) -> UInt64 { 1 << ((h ^ (h >> 32)) & 63) }

    /// The keys of a `class` value's tokens (split on XML whitespace, as `.x` tests them): each token's `bit` hashed
    /// as it is read (one pass over the value, not two).
    static func classKeys(_ v: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var k: UInt64 = 0
        var i = 0
        while i < v.count {
            while i < v.count, SelectorMatcher.isXMLSpace(v[i]) { i += 1 }
            guard i < v.count else { break }
            var h = seed(.classToken)
            while i < v.count, !SelectorMatcher.isXMLSpace(v[i]) {
                h = (h ^ UInt64(v[i])) &* fnvPrime
                i += 1
            }
            k |= fold(h)
        }
        return k
    }

    /// The element's name, its class tokens (split on XML whitespace, as `.x` tests them) and its id: the values
    /// `SelectorMatcher` compares, read the same way (the first attribute of a name, without a namespace).
    private static func keys(of n: xmlNodePtr) -> UInt64 {
        var k: UInt64 = 0
        if let name = n.pointee.name {
            k |= bit(.name, UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
        }
        var sawClass = false, sawID = false
        var a = n.pointee.properties
        while let attr = a, !(sawClass && sawID) {
            a = attr.pointee.next
            guard attr.pointee.ns == nil, let an = attr.pointee.name else { continue }
            if !sawClass, StaticString("class").withUTF8Buffer({ Node.nameEquals(an, $0) }) {
                sawClass = true
                _ = SelectorMatcher.value(of: attr, in: n) { v in k |= classKeys(v); return true }
            } else if !sawID, StaticString("id").withUTF8Buffer({ Node.nameEquals(an, $0) }) {
                sawID = true
                _ = SelectorMatcher.value(of: attr, in: n) { v in k |= bit(.id, v); return true }
            }
        }
        return k
    }
}
