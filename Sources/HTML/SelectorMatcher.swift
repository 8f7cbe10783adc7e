import CLibXML2

/// A CSS selector in the subset that can be matched by walking the libxml2 tree directly: type and `*`, `.class`,
/// `#id`, `[attr]` and its six operators (case-sensitive, or `=` with the `i` flag on an ASCII value), the four
/// combinators, groups and `:not()` of such compounds. Gives exactly the nodes the XPath translation gives,
/// without XPath's node sets and string objects; raw pointers stay inside this module.
struct SelectorMatcher: Sendable {
    enum Combinator: Sendable { case descendant, child, adjacent, sibling }

    /// One condition of a compound, on bytes as libxml2 stores them (attribute names lowercase for HTML).
    enum Test: Sendable {
        /// `@name=value`.
        case equals([UInt8], [UInt8])
        /// `@name` compared with an ASCII lowercase value after ASCII lowercasing (the `i` flag).
        case equalsIgnoringCase([UInt8], [UInt8])
        /// `@name` present.
        case present([UInt8])
        /// A token of the value split on XML whitespace (what `contains(concat(' ', normalize-space(@name), ' '), ' v ')`
        /// means for a token without whitespace); `.class` is this on `class`.
        case token([UInt8], [UInt8])
        /// `|=`: equal, or starting with value + "-".
        case dashMatch([UInt8], [UInt8])
        case prefix([UInt8], [UInt8])
        case suffix([UInt8], [UInt8])
        case substring([UInt8], [UInt8])
        /// `:not(a, b)`: none of the compounds.
        case none([Compound])
        /// Never true (`[a^=""]` and the like translate to `false()`).
        case never
    }

    struct Compound: Sendable {
        /// The element name, `nil` for `*`.
        var name: [UInt8]?
        var tests: [Test] = []
    }

    /// A complex selector left to right: `compounds[i]` and `compounds[i + 1]` are joined by `combinators[i]`.
    struct Complex: Sendable {
        var compounds: [Compound]
        var combinators: [Combinator]
    }

    let alternatives: [Complex]

    /// Whether a sibling combinator appears; those can reach past a context node, which only XPath evaluates as written.
    var usesSiblings: Bool {
        alternatives.contains { $0.combinators.contains { $0 == .adjacent || $0 == .sibling } }
    }

    /// Matching elements among `context`'s descendants-or-self (the whole document when `context` is nil), in document
    /// order; stops after the first when `first` is set.
    func select(in doc: xmlDocPtr, context: xmlNodePtr?, first: Bool = false) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        func visit(_ top: xmlNodePtr) -> Bool {
            var cur: xmlNodePtr? = top
            while let n = cur {
                if n.pointee.type == XML_ELEMENT_NODE {
                    if matches(n, scope: context) {
                        out.append(n)
                        if first { return false }
                    }
                    if let child = n.pointee.children { cur = child; continue }
                }
                if n == top { return true }
                // Climb until a next sibling exists, never leaving the subtree.
                var up: xmlNodePtr? = n
                cur = nil
                while let u = up, u != top {
                    if let next = u.pointee.next { cur = next; break }
                    up = u.pointee.parent
                }
            }
            return true
        }
        if let context {
            _ = visit(context)
        } else {
            var top = doc.pointee.children
            while let t = top, visit(t) { top = t.pointee.next }
        }
        return out
    }

    func matches(_ n: xmlNodePtr, scope: xmlNodePtr?) -> Bool {
        for alt in alternatives where Self.matches(alt, index: alt.compounds.count - 1, n, scope: scope) { return true }
        return false
    }

    /// Right to left: the compound at `index` matches `n`, and what it is joined to matches a relative of `n`.
    /// Relatives are looked for inside the scope only (the XPath starts at the context node's descendants-or-self).
    private static func matches(_ c: Complex, index: Int, _ n: xmlNodePtr, scope: xmlNodePtr?) -> Bool {
        guard matches(c.compounds[index], n) else { return false }
        if index == 0 { return true }
        switch c.combinators[index - 1] {
        case .child:
            guard let p = parent(n, scope: scope) else { return false }
            return matches(c, index: index - 1, p, scope: scope)
        case .descendant:
            var a = parent(n, scope: scope)
            while let p = a {
                if matches(c, index: index - 1, p, scope: scope) { return true }
                a = parent(p, scope: scope)
            }
            return false
        case .adjacent:
            guard let s = previousElement(n) else { return false }
            return matches(c, index: index - 1, s, scope: scope)
        case .sibling:
            var s = previousElement(n)
            while let e = s {
                if matches(c, index: index - 1, e, scope: scope) { return true }
                s = previousElement(e)
            }
            return false
        }
    }

    private static func parent(_ n: xmlNodePtr, scope: xmlNodePtr?) -> xmlNodePtr? {
        if n == scope { return nil }
        guard let p = n.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return p
    }

    private static func previousElement(_ n: xmlNodePtr) -> xmlNodePtr? {
        var s = n.pointee.prev
        while let e = s, e.pointee.type != XML_ELEMENT_NODE { s = e.pointee.prev }
        return s
    }

    static func matches(_ c: Compound, _ n: xmlNodePtr) -> Bool {
        if let name = c.name {
            guard n.pointee.ns == nil, let own = n.pointee.name, equalsCString(own, name) else { return false }
        }
        for t in c.tests where !passes(t, n) { return false }
        return true
    }

    private static func passes(_ t: Test, _ n: xmlNodePtr) -> Bool {
        switch t {
        case .never: return false
        case .none(let list):
            for c in list where matches(c, n) { return false }
            return true
        case .present(let name): return attribute(n, name) { _ in true } ?? false
        case .equals(let name, let v): return attribute(n, name) { $0.elementsEqual(v) } ?? false
        case .equalsIgnoringCase(let name, let v):
            return attribute(n, name) { a in
                a.count == v.count && zip(a, v).allSatisfy { (x, y) in (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) == y }
            } ?? false
        case .token(let name, let v): return attribute(n, name) { hasToken($0, v) } ?? false
        case .dashMatch(let name, let v):
            return attribute(n, name) { a in
                a.elementsEqual(v) || (a.count > v.count && a.starts(with: v) && a[v.count] == 0x2D)
            } ?? false
        case .prefix(let name, let v): return attribute(n, name) { $0.starts(with: v) } ?? false
        case .suffix(let name, let v):
            return attribute(n, name) { a in a.count >= v.count && a[(a.count - v.count)...].elementsEqual(v) } ?? false
        case .substring(let name, let v): return attribute(n, name) { contains($0, v) } ?? false
        }
    }

    /// Runs `body` on the value of the attribute `name` (no namespace), or returns nil when it is absent.
    private static func attribute(_ n: xmlNodePtr, _ name: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        var a = n.pointee.properties
        while let attr = a {
            if attr.pointee.ns == nil, let an = attr.pointee.name, equalsCString(an, name) {
                guard let child = attr.pointee.children else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
                    return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
                guard let v = xmlNodeListGetString(n.pointee.doc, child, 1) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                defer { lb_xmlFree(v) }
                return body(UnsafeBufferPointer(start: v, count: Int(xmlStrlen(v))))
            }
            a = attr.pointee.next
        }
        return nil
    }

    private static func equalsCString(_ s: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            if s[i] != bytes[i] { return false } // a NUL in s differs from every byte of a name
            i += 1
        }
        return s[i] == 0
    }

    static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func hasToken(_ a: UnsafeBufferPointer<UInt8>, _ v: [UInt8]) -> Bool {
        var i = 0
        let n = a.count
        while i < n {
            while i < n, isXMLSpace(a[i]) { i += 1 }
            let start = i
            while i < n, !isXMLSpace(a[i]) { i += 1 }
            if i - start == v.count, a[start..<i].elementsEqual(v) { return true }
        }
        return false
    }

    private static func contains(_ a: UnsafeBufferPointer<UInt8>, _ v: [UInt8]) -> Bool {
        guard let f = v.first, a.count >= v.count else { return v.isEmpty }
        var i = 0
        while i + v.count <= a.count {
            if a[i] == f, a[i..<(i + v.count)].elementsEqual(v) { return true }
            i += 1
        }
        return false
    }
}
