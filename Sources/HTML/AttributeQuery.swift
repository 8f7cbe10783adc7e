import CLibXML2

/// A fixed list of attribute names read together: one pass over an element's attributes finds all of them,
/// where `Node.attribute(_:)` walks the attributes once per name.
public struct AttributeQuery: Sendable {
    /// The names' UTF-8 bytes back to back, and where each one lies, in the caller's order.
    let bytes: [UInt8]
    let ranges: [Range<Int>]
    /// By first byte, the positions (bits) of the names starting with it: most attributes of an element (href, src,
    /// data-*) start no queried name and are passed over without comparing names.
    let byFirstByte: [UInt64]

    /// Most names a query holds.
    public static let maxNames = 64

    /// Names as libxml2 stores them (lowercase for HTML); at most `maxNames`.
    public init(_ names: [String]) {
        precondition(names.count <= Self.maxNames)
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var byFirstByte = [UInt64](repeating: 0, count: 256)
        for (k, n) in names.enumerated() {
            ranges.append(bytes.count..<(bytes.count + n.utf8.count))
            bytes.append(contentsOf: n.utf8)
            // An empty name matches only an empty attribute name, whose first byte is its NUL.
            byFirstByte[Int(n.utf8.first ?? 0)] |= 1 << UInt64(k)
        }
        self.bytes = bytes
        self.ranges = ranges
        self.byFirstByte = byFirstByte
    }
}

extension Node {
    /// Calls `found` with the position in `query` and the value of each queried attribute this element has, in the
    /// element's attribute order. Values and matching are those of `attribute(_:)`: the first attribute of a name
    /// without a namespace; nothing for a non-element.
    public func attributes(_ query: AttributeQuery, _ found: (Int, String) -> Void) {
        let node = ptr
        Self.forEachQueried(node, query) { k, attr in
            if let v = Self.value(of: attr, in: node) { found(k, v) }
        }
    }
}

extension Node {
    /// As `attributes(_:_:)`, but each value is handed as its UTF-8 bytes as libxml2 holds them, without a `String`
    /// (walks read a few attributes of every element only to test them). The bytes are what `attribute(_:)` decodes:
    /// the same as its `utf8` unless they are not valid UTF-8 (not for documents parsed from checked or repaired UTF-8).
    public func attributeBytes(_ query: AttributeQuery, _ found: (Int, Span<UInt8>) -> Void) {
        let node = ptr
        Self.forEachQueried(node, query) { k, attr in Self.withValueBytes(of: attr, in: node) { found(k, $0) } }
    }

    /// Calls `body` with the position in `query` of each queried attribute this element has, in the element's
    /// attribute order: the first attribute of a name without a namespace, as `attribute(_:)` reads; nothing
    /// for a non-element. On the bare node: a closure of a method of `Node` retained the document for the call,
    /// once per element of every walk that reads attributes (FINDINGS 90).
    private static func forEachQueried(_ node: xmlNodePtr, _ query: AttributeQuery, _ body: (Int, xmlAttrPtr) -> Void) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        var seen: UInt64 = 0 // positions already reported: for a repeated name the first wins
        query.bytes.withUnsafeBufferPointer { all in
            var a = node.pointee.properties
            while let attr = a {
                a = attr.pointee.next
                guard attr.pointee.ns == nil, let n = attr.pointee.name else { continue }
                var candidates = query.byFirstByte[Int(n[0])] & ~seen
                while candidates != 0 {
                    let k = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    guard Self.nameEquals(n, UnsafeBufferPointer(rebasing: all[query.ranges[k]])) else { continue }
                    seen |= 1 << UInt64(k)
                    body(k, attr)
                    break
                }
            }
        }
    }

    /// Calls `body` with the bytes of the value `value(of:in:)` would decode; not at all where it gives `nil`.
    private static func withValueBytes(of attr: xmlAttrPtr, in node: xmlNodePtr, _ body: (Span<UInt8>) -> Void) {
        guard let child = attr.pointee.children else { return body(UnsafeBufferPointer<UInt8>(start: nil, count: 0).span) }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            return body(UnsafeBufferPointer(start: UnsafePointer(content), count: Int(xmlStrlen(content))).span)
        }
        guard let name = attr.pointee.name, let v = xmlGetProp(node, name) else { return }
        defer { lb_xmlFree(v) }
        body(UnsafeBufferPointer(start: UnsafePointer(v), count: Int(xmlStrlen(v))).span)
    }
}
