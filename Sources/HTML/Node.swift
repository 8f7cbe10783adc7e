import CLibXML2

/// A node of an `HTMLDocument`: element, text, comment or other. Cheap to copy; keeps its document alive.
///
/// Walks are iterative where depth is unbounded, so 100,000 nested elements cannot overflow the stack.
public struct Node {
    /// `var` for the walks below, which move one handle along the tree instead of making (and retaining the document
    /// for) a new one per node; every `Node` a caller holds is a copy, so it never changes under them.
    var ptr: xmlNodePtr
    /// The owning document, retained so that `ptr` stays valid.
    public let document: HTMLDocument

    init(_ ptr: xmlNodePtr, in document: HTMLDocument) {
        self.ptr = ptr
        self.document = document
    }

    /// What kind of node this is.
    public enum Kind: Sendable { case element, text, cdata, comment, other }

    public var kind: Kind {
        switch ptr.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_TEXT_NODE: return .text
        case XML_CDATA_SECTION_NODE: return .cdata
        case XML_COMMENT_NODE: return .comment
        default: return .other
        }
    }

    public var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    public var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }

    /// Lowercased element name (`div`, `p`); for XML, the local name as written. Empty for unnamed nodes.
    public var name: String {
        guard let n = ptr.pointee.name else { return "" }
        return String(cString: n)
    }

    /// Whether the node's name is `wanted`: `name == wanted`, with libxml2's bytes compared in place (walks test the
    /// names of many elements, and `name` made a `String` for each).
    public func hasName(_ wanted: StaticString) -> Bool {
        guard let n = ptr.pointee.name else { return wanted.utf8CodeUnitCount == 0 }
        return wanted.withUTF8Buffer { Self.nameEquals(n, $0) }
    }

    /// The value of an attribute, or `nil` when absent. Names are matched as libxml2 stores them (lowercase for HTML).
    public func attribute(_ name: String) -> String? {
        guard isElement, ptr.pointee.properties != nil else { return nil }
        var name = name
        let node = ptr // the closure reads the bare node: capturing `self` retained the document per call
        // The name's UTF-8 bytes in place (no C-string copy), compared byte by byte with each attribute's name.
        return name.withUTF8 { want in
            var a = node.pointee.properties
            while let attr = a {
                if attr.pointee.ns == nil, let n = attr.pointee.name, Self.nameEquals(n, want) {
                    return Self.value(of: attr, in: node)
                }
                a = attr.pointee.next
            }
            return nil
        }
    }

    /// The value of one of `node`'s attributes, as `attribute(_:)` gives it.
    static func value(of attr: xmlAttrPtr, in node: xmlNodePtr) -> String? {
        // Fast path (class/id/href on most nodes): the value's single text child read in place, without the copy
        // xmlGetProp allocates. Anything unusual goes through xmlGetProp.
        guard let child = attr.pointee.children else { return "" }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            return String(cString: content)
        }
        guard let name = attr.pointee.name, let v = xmlGetProp(node, name) else { return nil }
        defer { lb_xmlFree(v) }
        return String(cString: v)
    }

    /// Whether a NUL-terminated libxml2 name has exactly these bytes.
    static func nameEquals(_ s: UnsafePointer<xmlChar>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if s[i] != bytes[i] { return false } // a NUL in s differs from any byte of a name
            i += 1
        }
        return s[i] == 0
    }

    /// Whether the node has any attribute (a cheap check before looking several up).
    public var hasAttributes: Bool { ptr.pointee.properties != nil }

    /// All attributes in source order.
    public var attributes: [(name: String, value: String)] {
        var out: [(String, String)] = []
        var a = ptr.pointee.properties
        while let attr = a {
            let n = attr.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            // Fast path as in `attribute(_:)`: a single text child is read in place, without a copy to free.
            if let child = attr.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
               let content = child.pointee.content {
                value = String(cString: content)
            } else if let v = xmlNodeListGetString(ptr.pointee.doc, attr.pointee.children, 1) {
                value = String(cString: v)
                lb_xmlFree(v)
            }
            out.append((n, value))
            a = attr.pointee.next
        }
        return out
    }

    public var parent: Node? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return Node(p, in: document)
    }

    public var firstChild: Node? { ptr.pointee.children.map { Node($0, in: document) } }
    public var lastChild: Node? { ptr.pointee.last.map { Node($0, in: document) } }
    public var nextSibling: Node? { ptr.pointee.next.map { Node($0, in: document) } }
    public var previousSibling: Node? { ptr.pointee.prev.map { Node($0, in: document) } }

    /// Direct children of every kind, in order.
    public var children: [Node] {
        var out: [Node] = []
        var c = ptr.pointee.children
        while let n = c { out.append(Node(n, in: document)); c = n.pointee.next }
        return out
    }

    /// Direct element children, in order.
    public var elementChildren: [Node] {
        var out: [Node] = []
        var c = ptr.pointee.children
        while let n = c {
            if n.pointee.type == XML_ELEMENT_NODE { out.append(Node(n, in: document)) }
            c = n.pointee.next
        }
        return out
    }

    /// For text, CDATA and comment nodes, their own text; empty for elements.
    public var ownText: String {
        guard !isElement, let c = ptr.pointee.content else { return "" }
        return String(cString: c)
    }

    /// Calls `body` with the UTF-8 bytes of `ownText` as libxml2 holds them, without copying them into a `String`
    /// (walks read every text node of a page). Empty for elements. The bytes are what `ownText` decodes: the same
    /// as its `utf8` unless they are not valid UTF-8 (not for documents parsed from checked or repaired UTF-8).
    public func withOwnText<R>(_ body: (Span<UInt8>) -> R) -> R {
        guard !isElement, let c = ptr.pointee.content else { return body(UnsafeBufferPointer<UInt8>(start: nil, count: 0).span) }
        return body(UnsafeBufferPointer(start: UnsafePointer(c), count: Int(xmlStrlen(c))).span)
    }

    /// All descendant text concatenated as in the source (no whitespace normalization).
    public var textContent: String {
        // A text node, or an element whose only child is one (a title, a script, a short paragraph), is read in place:
        // xmlNodeGetContent would copy the same bytes into a buffer first, then into a string to free.
        if let own = Self.textBytes(ptr) { return String(cString: own) }
        if ptr.pointee.type == XML_ELEMENT_NODE, let child = ptr.pointee.children, child.pointee.next == nil,
           child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            return child.pointee.content.map { String(cString: $0) } ?? ""
        }
        guard let c = xmlNodeGetContent(ptr) else { return "" }
        defer { lb_xmlFree(c) }
        return String(cString: c)
    }

    /// The UTF-8 length of `textContent` as libxml2 holds it, counted without building the string; counting stops
    /// as soon as it passes `limit`. (`textContent.utf8.count` is never smaller: only invalid bytes, repaired to
    /// U+FFFD, could make it larger.)
    public func textByteCount(upTo limit: Int) -> Int {
        textByteCount(upTo: limit, nodes: .max) ?? limit + 1
    }

    /// `textByteCount(upTo:)` whose walk also ends past `maxNodes` nodes, giving `nil`: a subtree of many nodes and
    /// little text (thousands of unclosed tags) is not walked to its end.
    public func textByteCount(upTo limit: Int, nodes maxNodes: Int) -> Int? {
        var total = 0
        var visited = 0
        var cut = false
        walkBelow { n in
            visited += 1
            if visited > maxNodes { cut = true; return false }
            if let c = Self.textBytes(n) { total += Int(xmlStrlen(c)) }
            return total <= limit
        }
        return cut ? nil : total
    }

    /// Calls `body` with the bytes of each text and CDATA node below the node in document order (the pieces
    /// `textContent` joins, as libxml2 holds them, without copying them) until it returns false.
    public func forEachTextPiece(_ body: (Span<UInt8>) -> Bool) {
        walkBelow { n in
            guard let c = Self.textBytes(n) else { return true }
            return body(UnsafeBufferPointer(start: UnsafePointer(c), count: Int(xmlStrlen(c))).span)
        }
    }

    /// The content of a text or CDATA node, nil for any other.
    @inline(__always) private static func textBytes(_ n: xmlNodePtr) -> UnsafeMutablePointer<xmlChar>? {
        n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE ? n.pointee.content : nil
    }

    /// Visits the node and every node below it in document order, without recursion, until `visit` returns false.
    @inline(__always) private func walkBelow(_ visit: (xmlNodePtr) -> Bool) {
        var cur: xmlNodePtr? = ptr
        let start = ptr
        while let n = cur {
            guard visit(n) else { return }
            if let child = n.pointee.children, n.pointee.type == XML_ELEMENT_NODE { cur = child; continue }
            var up: xmlNodePtr? = n
            cur = nil
            while let u = up, u != start {
                if let next = u.pointee.next { cur = next; break }
                up = u.pointee.parent
            }
        }
    }

    /// The node serialized as HTML.
    public var outerHTML: String {
        guard let buf = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buf) }
        _ = htmlNodeDump(buf, ptr.pointee.doc, ptr)
        guard let content = xmlBufferContent(buf) else { return "" }
        return String(cString: content)
    }

    /// Element descendants in document order (pre-order), iteratively.
    public func descendants(where keep: (Node) -> Bool = { _ in true }) -> [Node] {
        var out: [Node] = []
        walk { n in
            if n.isElement && keep(n) { out.append(n) }
            return true
        }
        return out
    }

    /// Pre-order walk over this node and its descendants (all node kinds), without recursion.
    /// `visit` returns `false` to skip a node's children.
    public func walk(_ visit: (Node) -> Bool) {
        traverse { visit($0) ? .descend : .skip }
    }

    /// The first element below this node (pre-order) that `match` accepts; the walk ends there.
    public func firstDescendant(where match: (Node) -> Bool) -> Node? {
        var found: Node?
        traverse { n in
            guard n.isElement else { return .skip }
            if n.ptr != ptr, match(n) { found = n; return .stop }
            return .descend
        }
        return found
    }

    /// What a walk does after visiting a node: go into its children, skip them, or end.
    public enum Step: Sendable { case descend, skip, stop }

    /// Pre-order walk over this node and its descendants (all node kinds), without recursion, that `visit` may end.
    public func walk(steps visit: (Node) -> Step) {
        traverse(visit)
    }

    private func traverse(_ visit: (Node) -> Step) {
        let start = ptr
        var node = self
        var cur: xmlNodePtr? = start
        while let n = cur {
            node.ptr = n
            let step = visit(node)
            if step == .stop { return }
            if step == .descend, let child = n.pointee.children, n.pointee.type == XML_ELEMENT_NODE || n == start {
                cur = child
                continue
            }
            // Climb until a next sibling exists, never leaving the subtree.
            var up: xmlNodePtr? = n
            cur = nil
            while let u = up, u != start {
                if let next = u.pointee.next { cur = next; break }
                up = u.pointee.parent
            }
        }
    }

    /// Pre-order walk over this node and its descendants (all node kinds), without recursion, with a call after
    /// each node's children: `enter` says whether to go into a node's children (only an element's, or this
    /// node's); `leave` runs after the children of every element entered with `true` (this one too), also when it
    /// has none. The climb back stops at this node or at a parent that is not an element.
    public func walk(enter: (Node) -> Bool, leave: (Node) -> Void) {
        let root = ptr
        var node = self
        var cur: xmlNodePtr? = root
        while let n = cur {
            node.ptr = n
            let descend = enter(node)
            let isElement = n.pointee.type == XML_ELEMENT_NODE
            if descend, isElement || n == root, let c = n.pointee.children { cur = c; continue }
            if descend && isElement { leave(node) }
            if n == root { return }
            var m = n
            cur = nil
            while true {
                if let s = m.pointee.next { cur = s; break }
                guard let p = m.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { break }
                node.ptr = p
                leave(node)
                if p == root { break }
                m = p
            }
        }
    }

    /// Detaches this node from the tree and frees it. The node must not be used afterwards.
    public func remove() {
        document.treeWillChange()
        xmlUnlinkNode(ptr)
        xmlFreeNode(ptr)
    }

    /// Runs an XPath expression with this node as the context node.
    public func select(xpath: String) throws(HTMLError) -> [Node] {
        try document.select(xpath: xpath, from: self)
    }
}

extension Node {
    /// Which node of its document a `Node` is, without keeping the document alive: equal for equal nodes (as `==`),
    /// meaningful only while the document lives (a freed node's identity may be reused).
    public struct Identity: Hashable, Sendable {
        let bits: UInt
    }

    public var identity: Identity { Identity(bits: UInt(bitPattern: ptr)) }
}

extension Node: Equatable, Hashable {
    public static func == (a: Node, b: Node) -> Bool { a.ptr == b.ptr }
    public func hash(into h: inout Hasher) { h.combine(ptr) }
}
