import CLibXML2
import Glibc

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
        /// `^=` and `*=` with the `i` flag, the same way.
        case prefixIgnoringCase([UInt8], [UInt8])
        case substringIgnoringCase([UInt8], [UInt8])
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
        case noneOf([Compound])
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

    // The selector flattened into tables of plain values: matching reads them through buffer pointers, so the
    // per-element loop does no reference counting. Byte strings are spans of `bytes`.
    fileprivate struct Span { var start: Int32 = 0; var count: Int32 = -1 }
    fileprivate enum Kind: UInt8 { case equals, equalsIgnoringCase, prefixIgnoringCase, substringIgnoringCase, present, token, dashMatch, prefix, suffix, substring, noneOf, never }
    /// `valueIsCString`: the value holds no NUL, so it compares with a C string as it is (its span is followed by one).
    fileprivate struct FlatTest {
        var kind: Kind; var name = Span(); var value = Span(); var first: Int32 = 0; var count: Int32 = 0
        var valueIsCString = false
    }
    fileprivate struct FlatCompound { var name = Span(); var firstTest: Int32; var testCount: Int32; var combinator: Combinator }
    /// `subjectKeys` and `ancestorKeys`: the `ElementIndex` keys an element and its ancestors must hold to match.
    fileprivate struct FlatComplex { var first: Int32; var count: Int32; var subjectKeys: UInt64; var ancestorKeys: UInt64 }

    private var bytes: [UInt8] = []
    private var tests: [FlatTest] = []
    private var compounds: [FlatCompound] = []
    private var complexes: [FlatComplex] = []
    /// The four tables copied once into memory of their own, so a walk reads them without closures or refcounting.
    private var storage: Storage!
    /// Whether a sibling combinator appears; those can reach past a context node, which only XPath evaluates as written.
    let usesSiblings: Bool

    init(alternatives: [Complex]) {
        usesSiblings = alternatives.contains { $0.combinators.contains { $0 == .adjacent || $0 == .sibling } }
        for alt in alternatives {
            // Complex selectors first and contiguous; :not() compounds are appended after their own compound.
            complexes.append(FlatComplex(first: Int32(compounds.count), count: Int32(alt.compounds.count),
                                         subjectKeys: Self.keys(of: alt.compounds[alt.compounds.count - 1]),
                                         ancestorKeys: Self.ancestorKeys(of: alt)))
            for (i, _) in alt.compounds.enumerated() {
                compounds.append(FlatCompound(firstTest: 0, testCount: 0, combinator: i == 0 ? .descendant : alt.combinators[i - 1]))
            }
        }
        var next = 0
        for alt in alternatives {
            for c in alt.compounds { fill(next, c); next += 1 }
        }
        // First bytes of the subject (rightmost) element names: an element whose name starts otherwise is skipped
        // without reading the tables. A subject without a name (`.x`, `*`) lets every element through.
        var firsts = [Bool](repeating: false, count: 256)
        for x in complexes {
            let subject = compounds[Int(x.first + x.count - 1)]
            if subject.name.count > 0 { firsts[Int(bytes[Int(subject.name.start)])] = true } else { firsts = [] ; break }
        }
        storage = Storage(bytes, tests, compounds, complexes, subjectFirstBytes: firsts)
    }

    /// The `ElementIndex` keys that compound `c` requires of an element: its name, its class tokens, its id.
    private static func keys(of c: Compound) -> UInt64 {
        var k: UInt64 = 0
        if let n = c.name { k |= ElementIndex.bit(.name, n) }
        for t in c.tests {
            switch t {
            case .token(let n, let v) where n.elementsEqual("class".utf8) && !v.isEmpty && !v.contains(where: isXMLSpace):
                k |= ElementIndex.bit(.classToken, v)
            case .equals(let n, let v) where n.elementsEqual("id".utf8):
                k |= ElementIndex.bit(.id, v)
            default: break
            }
        }
        return k
    }

    /// The keys of the compounds that must match element ancestors of the subject: those joined to it by descendant
    /// and child combinators only (one joined by a sibling combinator matches a sibling, so the chain stops there).
    private static func ancestorKeys(of x: Complex) -> UInt64 {
        var k: UInt64 = 0
        var i = x.compounds.count - 2
        while i >= 0, x.combinators[i] == .descendant || x.combinators[i] == .child {
            k |= keys(of: x.compounds[i])
            i -= 1
        }
        return k
    }

    fileprivate final class Storage: @unchecked Sendable {
        // Written once in init, only read afterwards.
        let bytes: UnsafeMutableBufferPointer<UInt8>
        let tests: UnsafeMutableBufferPointer<FlatTest>
        let compounds: UnsafeMutableBufferPointer<FlatCompound>
        let complexes: UnsafeMutableBufferPointer<FlatComplex>
        /// Empty when any element may be a subject.
        let subjectFirstBytes: UnsafeMutableBufferPointer<Bool>
        /// The bytes `subjectFirstBytes` holds true for, in order (`firstMatches` reads a page's matchers by them).
        let subjectFirstByteList: [UInt8]

        init(_ b: [UInt8], _ t: [FlatTest], _ c: [FlatCompound], _ x: [FlatComplex], subjectFirstBytes f: [Bool]) {
            subjectFirstBytes = .allocate(capacity: f.count); _ = subjectFirstBytes.initialize(from: f)
            subjectFirstByteList = f.indices.filter { f[$0] }.map { UInt8($0) }
            bytes = .allocate(capacity: b.count); _ = bytes.initialize(from: b)
            tests = .allocate(capacity: t.count); _ = tests.initialize(from: t)
            compounds = .allocate(capacity: c.count); _ = compounds.initialize(from: c)
            complexes = .allocate(capacity: x.count); _ = complexes.initialize(from: x)
        }

        deinit {
            bytes.deallocate(); tests.deallocate(); compounds.deallocate(); complexes.deallocate()
            subjectFirstBytes.deallocate()
        }

        var tables: Tables {
            Tables(bytes: UnsafeBufferPointer(bytes), tests: UnsafeBufferPointer(tests),
                   compounds: UnsafeBufferPointer(compounds), complexes: UnsafeBufferPointer(complexes),
                   subjectFirstBytes: UnsafeBufferPointer(subjectFirstBytes))
        }
    }

    /// Appends `b` and a NUL after it (a value without NULs is then a C string in place).
    private mutating func span(_ b: [UInt8]) -> Span {
        let s = Span(start: Int32(bytes.count), count: Int32(b.count))
        bytes.append(contentsOf: b)
        bytes.append(0)
        return s
    }

    /// Writes compound `c` into slot `index`, its tests (and the compounds of its :not()s) at the ends of the tables.
    private mutating func fill(_ index: Int, _ c: Compound) {
        if let n = c.name { compounds[index].name = span(n) }
        let first = tests.count
        compounds[index].firstTest = Int32(first)
        compounds[index].testCount = Int32(c.tests.count)
        tests.append(contentsOf: repeatElement(FlatTest(kind: .never), count: c.tests.count))
        for (k, t) in c.tests.enumerated() {
            var f = FlatTest(kind: .never)
            switch t {
            case .equals(let n, let v): f = FlatTest(kind: .equals, name: span(n), value: span(v))
            case .equalsIgnoringCase(let n, let v): f = FlatTest(kind: .equalsIgnoringCase, name: span(n), value: span(v))
            case .prefixIgnoringCase(let n, let v): f = FlatTest(kind: .prefixIgnoringCase, name: span(n), value: span(v))
            case .substringIgnoringCase(let n, let v): f = FlatTest(kind: .substringIgnoringCase, name: span(n), value: span(v))
            case .present(let n): f = FlatTest(kind: .present, name: span(n))
            case .token(let n, let v): f = FlatTest(kind: .token, name: span(n), value: span(v))
            case .dashMatch(let n, let v): f = FlatTest(kind: .dashMatch, name: span(n), value: span(v))
            case .prefix(let n, let v): f = FlatTest(kind: .prefix, name: span(n), value: span(v))
            case .suffix(let n, let v): f = FlatTest(kind: .suffix, name: span(n), value: span(v))
            case .substring(let n, let v): f = FlatTest(kind: .substring, name: span(n), value: span(v))
            case .never: break
            case .noneOf(let list):
                let at = compounds.count
                for _ in list { compounds.append(FlatCompound(firstTest: 0, testCount: 0, combinator: .descendant)) }
                for (j, inner) in list.enumerated() { fill(at + j, inner) }
                f = FlatTest(kind: .noneOf, first: Int32(at), count: Int32(list.count))
            }
            f.valueIsCString = f.value.count >= 0 && !bytes[Int(f.value.start)..<Int(f.value.start + f.value.count)].contains(0)
            tests[first + k] = f
        }
    }

    /// Matching elements among `context`'s descendants-or-self (the whole document when `context` is nil), in document
    /// order; stops after the first when `first` is set.
    func select(in doc: xmlDocPtr, context: xmlNodePtr?, first: Bool = false) -> [xmlNodePtr] {
        withExtendedLifetime(storage) {
            var answers = WalkAnswers()
            return withUnsafeMutablePointer(to: &answers) { p in
                var tables = storage.tables
                tables.answers = p
                return tables.select(in: doc, context: context, first: first)
            }
        }
    }

    /// Matching elements of the whole document `index` describes, in document order; stops after the first when
    /// `first` is set. The same elements as `select(in:context:first:)` with no context.
    func select(in index: ElementIndex, first: Bool = false) -> [xmlNodePtr] {
        selectCountingLongReads(in: index, first: first).nodes
    }

    /// `select(in:first:)`, and how many times a long attribute value was read in full for a relative's test
    /// (tests: at most once per element and test).
    func selectCountingLongReads(in index: ElementIndex, first: Bool = false) -> (nodes: [xmlNodePtr], longReads: Int) {
        let (nodes, answers) = selectKeepingAnswers(in: index, first: first)
        return (nodes, answers.reads)
    }

    /// `select(in:first:)`, and how many ancestors a descendant combinator tested (tests: at most
    /// `shortClimb` + 1 per candidate and compound, plus one per element and compound).
    func selectCountingAncestorTests(in index: ElementIndex, first: Bool = false) -> (nodes: [xmlNodePtr], ancestorTests: Int) {
        let (nodes, answers) = selectKeepingAnswers(in: index, first: first)
        return (nodes, answers.ancestorTests)
    }

    private func selectKeepingAnswers(in index: ElementIndex, first: Bool) -> (nodes: [xmlNodePtr], answers: WalkAnswers) {
        withExtendedLifetime(storage) {
            var answers = WalkAnswers()
            var out: [xmlNodePtr] = []
            withUnsafeMutablePointer(to: &answers) { p in
                var tables = storage.tables
                tables.answers = p
                index.entries.withUnsafeBufferPointer { entries in
                    for e in entries where tables.matches(e) {
                        out.append(e.node)
                        if first { break }
                    }
                }
            }
            return (out, answers)
        }
    }

    /// The first match of each matcher in the whole document `index` describes, in one pass that stops once all
    /// have one, or once one of the first `leading` matchers has one (the later matchers' entries are then the
    /// matches found before that element).
    /// `byFirstByte`: `matchersByFirstByte(matchers)` for up to 64 matchers, else nil.
    static func firstMatches(_ matchers: [SelectorMatcher], in index: ElementIndex, endingAtAnyOf leading: Int = 0,
                             byFirstByte: [UInt64]?) -> [xmlNodePtr?] {
        var found = [xmlNodePtr?](repeating: nil, count: matchers.count)
        if matchers.isEmpty { return found }
        var answers = WalkAnswers()
        withExtendedLifetime(matchers) {
            withUnsafeMutablePointer(to: &answers) { p in
                let tables = matchers.map { var t = $0.storage.tables; t.answers = p; return t }
                var missing = matchers.count
                // Up to 64 matchers, an element is tried only on those whose subjects' names can start with its name's
                // first byte (site fingerprints name `link`, `script`, `meta`: most elements concern none of them).
                let byFirst = byFirstByte
                var pending: UInt64 = tables.count < 64 ? (1 << UInt64(tables.count)) - 1 : ~0
                index.entries.withUnsafeBufferPointer { entries in
                    walk: for e in entries {
                        if missing == 0 { break }
                        let n = e.node
                        if let byFirst {
                            // Index 256: elements without a name (only subjects without a name concern them).
                            var candidates = byFirst[n.pointee.name.map { Int($0[0]) } ?? 256] & pending
                            while candidates != 0 {
                                let i = candidates.trailingZeroBitCount
                                candidates &= candidates - 1
                                if tables[i].matches(e) {
                                    found[i] = n; missing -= 1; pending &= ~(1 << UInt64(i))
                                    if i < leading { break walk }
                                }
                            }
                        } else {
                            for i in 0..<tables.count where found[i] == nil && tables[i].matches(e) {
                                found[i] = n; missing -= 1
                                if i < leading { break walk }
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// For each first byte of an element name (and 256 for no name), the bits of the matchers (at most 64) whose
    /// subjects may have such a name: all bytes for a matcher whose subject has no name, else its subjects' first bytes.
    static func matchersByFirstByte(_ matchers: [SelectorMatcher]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 257)
        for (i, m) in matchers.enumerated() {
            let bit: UInt64 = 1 << UInt64(i)
            if m.storage.subjectFirstBytes.isEmpty {
                for b in 0..<257 { out[b] |= bit }
            } else {
                for b in m.storage.subjectFirstByteList { out[Int(b)] |= bit }
            }
        }
        return out
    }

    /// Attribute values of this many bytes or more are read once per element and test in a walk: a relative's
    /// compound (an ancestor's for a descendant combinator) is tested once per candidate, so one long value (a
    /// `class` of thousands of words on `<html>`) would be read once per link. Real class values stay below it.
    static let longValueBytes = 256

    /// Ancestors a descendant combinator tests one by one before it asks the walk's answers: past them, whether an
    /// ancestor matches is kept per element, so a deep chain is climbed once per walk, not once per candidate (links
    /// x depth under thousands of unclosed tags, up to `TreeDepthLimit.maxDepth`). Real pages rarely climb this far.
    static let shortClimb = 32

    /// The answers of relatives' tests on long values (`longValueBytes`), and of descendant combinators past
    /// `shortClimb`, for one walk (one scope).
    fileprivate struct WalkAnswers {
        struct Key: Hashable { var node: xmlNodePtr; var test: UnsafePointer<FlatTest> }
        var answers: [Key: Bool] = [:]
        /// Long values read in full.
        var reads = 0
        struct AncestorKey: Hashable { var node: xmlNodePtr; var compound: UnsafePointer<FlatCompound> }
        /// Whether the element or one of its ancestors matches the compound (and what it is joined to on its left).
        var ancestorAnswers: [AncestorKey: Bool] = [:]
        /// Ancestors tested by descendant combinators.
        var ancestorTests = 0

        mutating func answer(_ node: xmlNodePtr, _ test: UnsafePointer<FlatTest>, _ compute: () -> Bool) -> Bool {
            let key = Key(node: node, test: test)
            if let known = answers[key] { return known }
            reads += 1
            let a = compute()
            answers[key] = a
            return a
        }
    }

    fileprivate struct Tables {
        let bytes: UnsafeBufferPointer<UInt8>
        let tests: UnsafeBufferPointer<FlatTest>
        let compounds: UnsafeBufferPointer<FlatCompound>
        let complexes: UnsafeBufferPointer<FlatComplex>
        let subjectFirstBytes: UnsafeBufferPointer<Bool>
        /// Set for the duration of one walk (nil: long values are read each time).
        var answers: UnsafeMutablePointer<WalkAnswers>? = nil

        func select(in doc: xmlDocPtr, context: xmlNodePtr?, first: Bool) -> [xmlNodePtr] {
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

        /// Whether the element of `e` matches with no scope; its keys first, its tests only when they pass.
        func matches(_ e: ElementIndex.Entry) -> Bool {
            for x in complexes where e.keys & x.subjectKeys == x.subjectKeys && e.ancestorKeys & x.ancestorKeys == x.ancestorKeys
                && matches(x, index: Int(x.count) - 1, e.node, scope: nil) {
                return true
            }
            return false
        }

        func matches(_ n: xmlNodePtr, scope: xmlNodePtr?) -> Bool {
            if !subjectFirstBytes.isEmpty {
                guard let name = n.pointee.name, subjectFirstBytes[Int(name[0])] else { return false }
            }
            for x in complexes where matches(x, index: Int(x.count) - 1, n, scope: scope) { return true }
            return false
        }

        /// Right to left: the compound at `index` matches `n`, and what it is joined to matches a relative of `n`.
        /// Relatives are looked for inside the scope only (the XPath starts at the context node's descendants-or-self).
        private func matches(_ x: FlatComplex, index: Int, _ n: xmlNodePtr, scope: xmlNodePtr?) -> Bool {
            let c = compounds[Int(x.first) + index]
            guard matches(c, n, relative: index < Int(x.count) - 1) else { return false }
            if index == 0 { return true }
            switch c.combinator {
            case .child:
                guard let p = parent(n, scope: scope) else { return false }
                return matches(x, index: index - 1, p, scope: scope)
            case .descendant:
                var a = parent(n, scope: scope)
                var steps = 0
                // A relative's own climb is kept from its first step: it runs once per relative the candidate's climb
                // passes, so a short climb there would be up to `shortClimb` squared per candidate.
                let shortClimb = index == Int(x.count) - 1 ? SelectorMatcher.shortClimb : 0
                while let p = a {
                    if steps == shortClimb, let answers {
                        return climb(x, index: index, from: p, scope: scope, answers: answers)
                    }
                    answers?.pointee.ancestorTests += 1
                    if matches(x, index: index - 1, p, scope: scope) { return true }
                    a = parent(p, scope: scope)
                    steps += 1
                }
                return false
            case .adjacent:
                guard let s = previousElement(n) else { return false }
                return matches(x, index: index - 1, s, scope: scope)
            case .sibling:
                var s = previousElement(n)
                while let e = s {
                    if matches(x, index: index - 1, e, scope: scope) { return true }
                    s = previousElement(e)
                }
                return false
            }
        }

        /// Whether `start` or one of its ancestors matches compound `index - 1` of `x` (with its own relatives), each
        /// element's answer kept for the walk: the elements climbed through share the answer of where the climb ended.
        private func climb(_ x: FlatComplex, index: Int, from start: xmlNodePtr, scope: xmlNodePtr?,
                           answers: UnsafeMutablePointer<WalkAnswers>) -> Bool {
            let compound = UnsafePointer(compounds.baseAddress!) + Int(x.first) + index - 1
            var path: [xmlNodePtr] = []
            var found = false
            var a: xmlNodePtr? = start
            while let p = a {
                if let known = answers.pointee.ancestorAnswers[.init(node: p, compound: compound)] { found = known; break }
                path.append(p)
                answers.pointee.ancestorTests += 1
                if matches(x, index: index - 1, p, scope: scope) { found = true; break }
                a = parent(p, scope: scope)
            }
            for p in path { answers.pointee.ancestorAnswers[.init(node: p, compound: compound)] = found }
            return found
        }

        private func parent(_ n: xmlNodePtr, scope: xmlNodePtr?) -> xmlNodePtr? {
            if n == scope { return nil }
            guard let p = n.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
            return p
        }

        private func previousElement(_ n: xmlNodePtr) -> xmlNodePtr? {
            var s = n.pointee.prev
            while let e = s, e.pointee.type != XML_ELEMENT_NODE { s = e.pointee.prev }
            return s
        }

        private func slice(_ s: Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(s.start)..<Int(s.start + s.count)])
        }

        /// `relative`: `n` is tested as a relative of a candidate (once per candidate, not once per walk).
        private func matches(_ c: FlatCompound, _ n: xmlNodePtr, relative: Bool) -> Bool {
            if c.name.count >= 0 {
                guard n.pointee.ns == nil, let own = n.pointee.name, Node.nameEquals(own, slice(c.name)) else { return false }
            }
            var k = Int(c.firstTest)
            let end = k + Int(c.testCount)
            while k < end {
                if !passes(k, n, relative: relative) { return false }
                k += 1
            }
            return true
        }

        private func passes(_ k: Int, _ n: xmlNodePtr, relative: Bool) -> Bool {
            let t = tests[k]
            switch t.kind {
            case .never: return false
            case .noneOf:
                for j in Int(t.first)..<Int(t.first + t.count) where matches(compounds[j], n, relative: relative) { return false }
                return true
            default: break
            }
            let v = t.value.count >= 0 ? slice(t.value) : UnsafeBufferPointer(start: nil, count: 0)
            guard let attr = SelectorMatcher.attribute(n, slice(t.name)) else { return false }
            if t.kind == .present { return true }
            // A value that is one text node (nearly all) is compared as the C string it is, without measuring it
            // first: fingerprints test the `href` of every link of a page for a few substrings.
            if let child = attr.pointee.children, child.pointee.next == nil,
               child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
                if t.valueIsCString {
                    switch t.kind {
                    case .equals: return Node.nameEquals(content, v)
                    case .prefix: return SelectorMatcher.startsWith(content, v)
                    case .substring where !relative:
                        return strstr(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self),
                                      UnsafeRawPointer(v.baseAddress!).assumingMemoryBound(to: CChar.self)) != nil
                    default: break
                    }
                }
                if relative {
                    // Measured up to the bound only: a long value is measured and read once per walk.
                    let cs = UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)
                    let count = strnlen(cs, SelectorMatcher.longValueBytes)
                    if count == SelectorMatcher.longValueBytes, let answers {
                        return answers.pointee.answer(n, tests.baseAddress! + k) {
                            compare(UnsafeBufferPointer(start: content, count: strlen(cs)), t, v)
                        }
                    }
                    return compare(UnsafeBufferPointer(start: content, count: count), t, v)
                }
            } else if relative, let answers, attr.pointee.children != nil {
                // A value of several nodes (rare): built once per walk.
                return answers.pointee.answer(n, tests.baseAddress! + k) {
                    SelectorMatcher.value(of: attr, in: n) { compare($0, t, v) }
                }
            }
            return SelectorMatcher.value(of: attr, in: n) { compare($0, t, v) }
        }

        /// Test `t` (not `present`, `noneOf` or `never`) on attribute value `a`; `v` is its value.
        private func compare(_ a: UnsafeBufferPointer<UInt8>, _ t: FlatTest, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
            switch t.kind {
            case .present: return true
            case .equals: return a.elementsEqual(v)
            case .equalsIgnoringCase:
                return a.count == v.count && SelectorMatcher.equalsIgnoringCase(a, 0, v)
            case .prefixIgnoringCase:
                return a.count >= v.count && SelectorMatcher.equalsIgnoringCase(a, 0, v)
            case .substringIgnoringCase:
                return a.count >= v.count && (0...(a.count - v.count)).contains { SelectorMatcher.equalsIgnoringCase(a, $0, v) }
            case .token: return hasToken(a, v)
            case .dashMatch: return a.elementsEqual(v) || (a.count > v.count && a.starts(with: v) && a[v.count] == 0x2D)
            case .prefix: return a.starts(with: v)
            case .suffix: return a.count >= v.count && UnsafeBufferPointer(rebasing: a[(a.count - v.count)...]).elementsEqual(v)
            case .substring: return SelectorMatcher.contains(a, v)
            case .noneOf, .never: return false
            }
        }
    }

    /// The attribute `name` (no namespace) of `n`; nil when it is absent.
    private static func attribute(_ n: xmlNodePtr, _ name: UnsafeBufferPointer<UInt8>) -> xmlAttrPtr? {
        var a = n.pointee.properties
        while let attr = a {
            if attr.pointee.ns == nil, let an = attr.pointee.name, Node.nameEquals(an, name) { return attr }
            a = attr.pointee.next
        }
        return nil
    }

    /// Whether the C string `s` starts with `v` (which holds no NUL).
    private static func startsWith(_ s: UnsafePointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<v.count where s[k] != v[k] { return false } // the NUL ending a shorter `s` differs
        return true
    }

    /// Runs `body` on the value of attribute `attr` of element `n`, read in place when it is a single text node.
    static func value(of attr: xmlAttrPtr, in n: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let child = attr.pointee.children else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content {
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        guard let v = xmlNodeListGetString(n.pointee.doc, child, 1) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { lb_xmlFree(v) }
        return body(UnsafeBufferPointer(start: v, count: Int(xmlStrlen(v))))
    }

    static func isXMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func hasToken(_ a: UnsafeBufferPointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = a.count
        while i < n {
            while i < n, isXMLSpace(a[i]) { i += 1 }
            let start = i
            while i < n, !isXMLSpace(a[i]) { i += 1 }
            if i - start == v.count, UnsafeBufferPointer(rebasing: a[start..<i]).elementsEqual(v) { return true }
        }
        return false
    }

    /// Whether `a[at...]` starts with `v` (ASCII lowercase) once `a`'s ASCII capitals are lowered (`translate()`).
    fileprivate static func equalsIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ at: Int, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<v.count {
            let x = a[at + k]
            if (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) != v[k] { return false }
        }
        return true
    }

    private static func contains(_ a: UnsafeBufferPointer<UInt8>, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = v.first, a.count >= v.count else { return v.isEmpty }
        var i = 0
        while i + v.count <= a.count {
            if a[i] == f, UnsafeBufferPointer(rebasing: a[i..<(i + v.count)]).elementsEqual(v) { return true }
            i += 1
        }
        return false
    }
}
