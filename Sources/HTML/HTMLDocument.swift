import CLibXML2

/// Why a document could not be parsed.
public enum HTMLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The input held no bytes, or nothing libxml2 could turn into a tree.
    case empty
    /// An XPath expression did not compile or evaluate.
    case invalidXPath(String)

    public var description: String {
        switch self {
        case .empty: return "empty document"
        case .invalidXPath(let e): return "invalid XPath expression: \(e)"
        }
    }
}

/// A parsed HTML (or XML) document. Owns the libxml2 tree; every `Node` keeps its document alive.
///
/// Under libxml2 2.9.x, HTML documents have no ID table: XPath's `id()` finds nothing in them (`@id` tests work).
///
/// Not thread-safe: parse, query and drop a document on one task. Separate documents may be used
/// on separate threads.
public final class HTMLDocument {
    let doc: xmlDocPtr
    /// The base URL given at parse time, if any.
    public let url: String?

    private static let silenced: Void = { _ = usesArena; lb_silence_errors(); xmlInitParser() }()

    /// Whether HTML parses put libxml2's allocations in a per-document arena (`lb_html_read_memory_in_arena`).
    /// Its allocator hooks go in before libxml2 parses anything; the shim's audit is of 2.9.x, as `skipsIDTable`'s.
    static let usesArena: Bool = skipsIDTable && lb_arena_install() != 0
    /// The chunks the tree was parsed into (`nil`: malloc's), given back after `xmlFreeDoc`.
    private let arena: UnsafeMutableRawPointer?

    /// The encoding detected by `init(bytes:url:contentType:)`; `nil` when the caller chose (or left it to libxml2).
    public let charset: Charset.Detection?

    /// One XPath context per document, reused by every query (creating one costs more than a simple query).
    private var xpathContext: xmlXPathContextPtr?
    /// Compiled XPath expressions of this document, by source text.
    private var compiled: [String: xmlXPathCompExprPtr] = [:]
    /// Queries are a bounded set in practice (rules and heuristics); beyond this, compile per call.
    private static let compiledCacheLimit = 512
    /// Built by the first whole-document selector walk, dropped when the tree changes.
    private var index: ElementIndex?

    /// Parses HTML bytes. `encoding` is an IANA charset label to force (see `Charset.detect`);
    /// `nil` lets libxml2 sniff. Broken markup is repaired, never rejected.
    /// - Throws: `HTMLError.empty` when there is nothing to parse.
    public convenience init(bytes: [UInt8], url: String? = nil, encoding: String? = nil) throws(HTMLError) {
        try self.init(parsing: bytes, url: url, encoding: encoding, charset: nil)
    }

    /// Parses HTML bytes in the encoding `Charset.detect` finds: the `contentType` charset (an HTTP
    /// `Content-Type` value), else the BOM, else `<meta charset>`, else UTF-8 if valid, else a legacy guess.
    /// Bytes declared UTF-8 but not valid UTF-8 get U+FFFD for each bad sequence instead of switching the
    /// rest of the page to Latin-1 (what libxml2 does on its own).
    /// The tree is a page's, for extraction: `<style>` elements and `<script>` elements other than JSON ones
    /// (a `type` containing "json") are kept, with their attributes, but without their text.
    /// - Throws: `HTMLError.empty` when there is nothing to parse.
    public convenience init(bytes: [UInt8], url: String? = nil, contentType: String?) throws(HTMLError) {
        try self.init(bytes: bytes, url: url, contentType: contentType, dropsRawText: true)
    }

    /// Whether HTML is parsed without an ID table (`lb_html_read_memory_without_ids`, which copies 2.9.x's
    /// `htmlReadMemory`): nothing here reads the table, and filling it was ~1% of a parse.
    static let skipsIDTable: Bool = {
        let v = lb_libxml_runtime_version()
        return v >= 20900 && v < 21000
    }()

    /// Whether the tree was parsed into an arena (tests).
    var parsedInArena: Bool { arena != nil }

    /// Whether `HTMLParser` built the tree (else libxml2's parser did) (tests).
    let parsedByHTMLParser: Bool

    /// Whether libxml2 registered ID attributes in this document's ID table (tests).
    var hasIDTable: Bool { doc.pointee.ids != nil }

    /// `dropsRawText`: empty script and style elements as described above (tests compare with `false`).
    /// `registersIDs`: parse with `htmlReadMemory` itself, ID table and all (tests compare the trees).
    /// `parsesWithLibxml2`: never with `HTMLParser` (tests compare the trees).
    convenience init(bytes: [UInt8], url: String?, contentType: String?, dropsRawText: Bool,
                     registersIDs: Bool = false, parsesWithLibxml2: Bool = false) throws(HTMLError) {
        let (detection, checked) = Charset.detectNotingValidity(bytes: bytes, contentType: contentType)
        // Every UTF-8 detection leaves valid UTF-8: validated (source .utf8, or a label's check) or repaired here.
        if detection.label == "UTF-8", detection.source != .utf8, !checked,
           let repaired = bytes.withUnsafeBufferPointer({ Charset.repairedUTF8($0) }) {
            try self.init(parsing: repaired, url: url, encoding: detection.label, charset: detection, validUTF8: true,
                          dropsRawText: dropsRawText, registersIDs: registersIDs, parsesWithLibxml2: parsesWithLibxml2)
        } else {
            try self.init(parsing: bytes, url: url, encoding: detection.label, charset: detection,
                          validUTF8: detection.label == "UTF-8", dropsRawText: dropsRawText, registersIDs: registersIDs,
                          parsesWithLibxml2: parsesWithLibxml2)
        }
    }

    /// `validUTF8`: the caller checked that `bytes` are valid UTF-8 (only meaningful with `encoding` UTF-8).
    private init(parsing bytes: [UInt8], url: String?, encoding: String?, charset: Charset.Detection?,
                 validUTF8: Bool = false, dropsRawText: Bool = false, registersIDs: Bool = false,
                 parsesWithLibxml2: Bool = false) throws(HTMLError) {
        _ = Self.silenced
        lb_silence_errors() // per-thread in libxml2: set on whichever thread parses
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { throw .empty }
        var bytes = bytes
        var encoding = encoding
        var validUTF8 = validUTF8
        if let label = encoding, label.uppercased() != "UTF-8" {
            // Legacy encodings go through iconv here, where a bad byte costs one U+FFFD instead of the rest of the page.
            if label.hasPrefix("UTF-16"), let bom = Charset.bomLabel(bytes), bom == label { bytes.removeFirst(2) }
            if let utf8 = Transcoder.utf8(from: bytes, label: label) {
                bytes = utf8
                encoding = "UTF-8"
                validUTF8 = true
            }
            guard !bytes.isEmpty else { throw .empty }
        }
        // libxml2 ends the document at a NUL byte; HTML parsers skip it (a stray one from a broken CMS or a bad copy).
        if encoding?.uppercased() == "UTF-8", bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false }) {
            bytes.removeAll { $0 == 0 }
            guard !bytes.isEmpty else { throw .empty }
        }
        // Not HTML_PARSE_NOIMPLIED: without the implied <html> and <body>, a page that starts with text or a stray
        // tag (a PHP warning printed before <html>) gets that as its root and the real page as the root's siblings.
        var opts = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue
        if encoding != nil { opts |= HTML_PARSE_IGNORE_ENC.rawValue }
        // libxml2 reads UTF-8 natively; naming it would run the whole page through its UTF-8 "converter" (a copy that
        // also checks every byte again). Valid UTF-8 is parsed as is; a UTF-8 BOM is still skipped by libxml2's sniff.
        let libxmlEncoding = validUTF8 && encoding == "UTF-8" ? nil : encoding
        var arena: UnsafeMutableRawPointer?
        var parsed: xmlDocPtr?
        var index: ElementIndex?
        var shallow = false
        // HTMLParser builds libxml2's tree for valid UTF-8 read with the page's charset declarations ignored.
        if libxmlEncoding == nil, encoding != nil, !registersIDs, !parsesWithLibxml2 {
            if Self.usesArena { arena = lb_arena_enter() }
            let built = bytes.withUnsafeBufferPointer {
                HTMLParser.parse($0, url: url, options: Int32(opts), dropsRawText: dropsRawText)
            }
            parsed = built?.doc
            index = built?.index
            shallow = (built?.openDepth ?? .max) < TreeDepthLimit.maxDepth
            if Self.usesArena { lb_arena_leave() }
            if parsed == nil, let a = arena {
                lb_arena_release(a)
                arena = nil
            }
        }
        let byHTMLParser = parsed != nil
        if parsed == nil {
            // RawTextStripper models libxml2 reading UTF-8 as is, with the page's own charset declarations ignored.
            if dropsRawText, libxmlEncoding == nil, encoding != nil, RawTextStripper.modelsLoadedLibxml2,
               let stripped = bytes.withUnsafeBufferPointer({ RawTextStripper.stripped($0) }) {
                bytes = stripped
            }
            parsed = bytes.withUnsafeBufferPointer { buf in
                buf.withMemoryRebound(to: CChar.self) { chars in
                    if registersIDs || !Self.skipsIDTable {
                        return htmlReadMemory(chars.baseAddress, Int32(chars.count), url, libxmlEncoding, Int32(opts))
                    }
                    if Self.usesArena {
                        return lb_html_read_memory_in_arena(chars.baseAddress, Int32(chars.count), url, libxmlEncoding,
                                                            Int32(opts), &arena)
                    }
                    return lb_html_read_memory_without_ids(chars.baseAddress, Int32(chars.count), url, libxmlEncoding,
                                                           Int32(opts))
                }
            }
        }
        guard let parsed else { throw .empty }
        // A tree HTMLParser built with fewer elements open at once than the limit lies within it (no walk needed).
        if !shallow, TreeDepthLimit.apply(to: parsed) { index = nil }
        self.doc = parsed
        self.arena = arena
        self.url = url
        self.charset = charset
        self.parsedByHTMLParser = byHTMLParser
        self.index = index
    }

    /// Parses XML bytes (sitemaps, feeds). Recovers from errors, never loads external entities; a reference to an
    /// entity the document declares reads as nothing (the predefined five and character references read as usual).
    public init(xml bytes: [UInt8], url: String? = nil) throws(HTMLError) {
        _ = Self.silenced
        lb_silence_errors()
        guard !bytes.isEmpty else { throw .empty }
        let opts = XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
        let end = Self.endBeforeCrowdedTag(bytes)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { whole in
            UnsafeBufferPointer(rebasing: whole[..<end]).withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), url, nil, Int32(opts))
            }
        }
        guard let parsed else { throw .empty }
        Self.dropEntityReferences(parsed)
        self.doc = parsed
        self.arena = nil
        self.url = url
        self.charset = nil
        self.parsedByHTMLParser = false
    }

    /// Attributes an XML start tag may have: libxml2 2.9.14 compares each attribute with all before it, so 100,000
    /// in one tag of a 1 MB sitemap took 8.7 s (stress-crawl.py, FINDINGS 96). Sitemaps and feeds use a few.
    public static let maxXMLAttributes = 1_000

    /// Where the XML bytes are read up to: all of them, or the start of the first tag with more than
    /// `maxXMLAttributes` attributes (`=` outside quotes, comments and CDATA sections), which ends the document as a
    /// cut would (libxml2's recovery keeps what came before).
    static func endBeforeCrowdedTag(_ b: [UInt8]) -> Int {
        let n = b.count
        var i = 0
        while i < n {
            guard b[i] == 0x3C else { i += 1; continue }   // <
            let start = i
            if Self.hasPrefix(b, at: i, "<!--") {
                i = Self.after(b, from: i + 4, "-->")
                continue
            }
            if Self.hasPrefix(b, at: i, "<![CDATA[") {
                i = Self.after(b, from: i + 9, "]]>")
                continue
            }
            var count = 0
            var quote: UInt8 = 0
            i += 1
            scan: while i < n {
                let c = b[i]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else {
                    switch c {
                    case 0x22, 0x27: quote = c
                    case 0x3D:
                        count += 1
                        if count > maxXMLAttributes { return start }
                    case 0x3E: i += 1; break scan     // >
                    case 0x3C: break scan             // < : a new tag (broken markup)
                    default: break
                    }
                }
                i += 1
            }
        }
        return n
    }

    private static func hasPrefix(_ b: [UInt8], at i: Int, _ p: StaticString) -> Bool {
        let count = p.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        return p.withUTF8Buffer { q in (0..<count).allSatisfy { b[i + $0] == q[$0] } }
    }

    /// The index after the first `p` at or after `from`, or the end.
    private static func after(_ b: [UInt8], from: Int, _ p: StaticString) -> Int {
        var i = from
        while i < b.count {
            if b[i] == p.withUTF8Buffer({ $0[0] }), hasPrefix(b, at: i, p) { return i + p.utf8CodeUnitCount }
            i += 1
        }
        return b.count
    }

    /// Removes every entity reference node (in elements and attribute values): libxml2 keeps them unexpanded, and
    /// each read of a text or value expanded them again, so one 200 KB entity referenced 5,000 times in a 325 KB
    /// sitemap read as 1 GB of text (stress-crawl.py, FINDINGS 96). Sitemaps and feeds need no declared entities.
    private static func dropEntityReferences(_ doc: xmlDocPtr) {
        var refs: [xmlNodePtr] = []
        func collect(_ first: xmlNodePtr?) {
            var stack: [xmlNodePtr] = []
            if let first { stack.append(first) }
            while let n = stack.popLast() {
                if let next = n.pointee.next { stack.append(next) }
                switch n.pointee.type {
                case XML_ENTITY_REF_NODE:
                    refs.append(n)
                case XML_ELEMENT_NODE:
                    var a = n.pointee.properties
                    while let attr = a {
                        var c = attr.pointee.children
                        while let v = c { if v.pointee.type == XML_ENTITY_REF_NODE { refs.append(v) }; c = v.pointee.next }
                        a = attr.pointee.next
                    }
                    if let child = n.pointee.children { stack.append(child) }
                default:
                    break
                }
            }
        }
        collect(doc.pointee.children)
        for r in refs {
            xmlUnlinkNode(r)
            xmlFreeNode(r)
        }
    }

    deinit {
        for (_, c) in compiled { xmlXPathFreeCompExpr(c) }
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
        // A tree wholly in its arena goes with the arena's chunks (lb_arena_holds_all); others are freed node by node.
        if let arena, lb_arena_holds_all(arena) != 0 {
            lb_arena_release(arena)
        } else {
            xmlFreeDoc(doc)
            if let arena { lb_arena_release(arena) }
        }
    }

    /// The root element (`<html>` for HTML), or `nil` for a document without elements.
    public var root: Node? {
        guard let r = xmlDocGetRootElement(doc) else { return nil }
        return Node(r, in: self)
    }

    /// Evaluates an XPath expression and returns the matched nodes in document order.
    /// - Parameter context: evaluate relative to this node (default: the document).
    public func select(xpath: String, from context: Node? = nil) throws(HTMLError) -> [Node] {
        try evaluate(xpath, from: context) { obj in
            guard let set = obj.pointee.nodesetval, set.pointee.nodeNr > 0, let tab = set.pointee.nodeTab else { return [] }
            var out: [Node] = []
            out.reserveCapacity(Int(set.pointee.nodeNr))
            for i in 0..<Int(set.pointee.nodeNr) {
                if let n = tab[i] { out.append(Node(n, in: self)) }
            }
            return out
        }
    }

    /// Evaluates an XPath expression to a string (`string(...)`, `count(...)`, or the first node's text).
    public func string(xpath: String, from context: Node? = nil) throws(HTMLError) -> String {
        try evaluate(xpath, from: context) { obj in
            guard let s = xmlXPathCastToString(obj) else { return "" }
            defer { lb_xmlFree(s) }
            return String(cString: s)
        }
    }

    /// Selects the elements matching a CSS selector (see `CSSSelector`) among `context`'s descendants-or-self
    /// (default: the whole document), in document order.
    /// - Throws: `CSSSelectorError` for a selector that does not parse.
    public func select(css: String, from context: Node? = nil) throws -> [Node] {
        try select(try CSSSelector.compile(css), from: context)
    }

    /// The elements of the tree as it is now, for whole-document selector walks.
    var elementIndex: ElementIndex {
        if let index { return index }
        let built = ElementIndex(doc)
        index = built
        return built
    }

    /// Whether the element index is there already (tests).
    var hasElementIndex: Bool { index != nil }

    /// Called before the tree changes: the element index describes the old tree.
    func treeWillChange() { index = nil }

    /// Selects the nodes a compiled selector matches (for CSS, among `context`'s descendants-or-self, default the
    /// whole document), in document order.
    /// - Throws: `HTMLError.invalidXPath` when an XPath selector does not evaluate.
    public func select(_ selector: Selector, from context: Node? = nil) throws(HTMLError) -> [Node] {
        if let m = selector.matcher, context == nil {
            return m.select(in: elementIndex).map { Node($0, in: self) }
        }
        if let m = selector.matcher, !m.usesSiblings {
            return m.select(in: doc, context: context?.ptr).map { Node($0, in: self) }
        }
        return try select(xpath: selector.xpath, from: context)
    }

    /// The first match in the whole document of each selector, in one walk for the ones the walk evaluates.
    /// With `leading` above 0 the walk ends once one of the first `leading` selectors (all walked ones) has
    /// matched: the later walked selectors' entries are then the matches found before that point, `nil` for one
    /// that matches only further on (for a caller to whom any of the leading ones' matches is the whole answer).
    /// - Throws: `HTMLError.invalidXPath` when an XPath selector does not evaluate.
    public func firstMatches(_ selectors: [Selector], endingAtAnyOf leading: Int = 0) throws(HTMLError) -> [Node?] {
        try firstMatches(SelectorGroup(selectors), endingAtAnyOf: leading)
    }

    /// `firstMatches(group.selectors, endingAtAnyOf: leading)`, with the group's tables made once.
    /// - Throws: `HTMLError.invalidXPath` when an XPath selector does not evaluate.
    public func firstMatches(_ group: SelectorGroup, endingAtAnyOf leading: Int = 0) throws(HTMLError) -> [Node?] {
        let selectors = group.selectors
        precondition(selectors.prefix(leading).allSatisfy { $0.matcher != nil }, "the leading selectors are walked")
        let walked = group.walked.isEmpty ? []
            : SelectorMatcher.firstMatches(group.walked, in: elementIndex, endingAtAnyOf: leading, byFirstByte: group.byFirstByte)
        var out: [Node?] = []
        out.reserveCapacity(selectors.count)
        var k = 0
        for s in selectors {
            if s.matcher != nil {
                out.append(walked[k].map { Node($0, in: self) }); k += 1
            } else {
                out.append(try select(xpath: s.xpath, from: nil).first)
            }
        }
        return out
    }

    /// The first node (in document order) a compiled selector matches; a tree walk stops there.
    /// - Throws: `HTMLError.invalidXPath` when an XPath selector does not evaluate.
    public func first(_ selector: Selector, from context: Node? = nil) throws(HTMLError) -> Node? {
        if let m = selector.matcher, context == nil {
            return m.select(in: elementIndex, first: true).first.map { Node($0, in: self) }
        }
        if let m = selector.matcher, !m.usesSiblings {
            return m.select(in: doc, context: context?.ptr, first: true).first.map { Node($0, in: self) }
        }
        return try select(xpath: selector.xpath, from: context).first
    }

    /// Compiles (once per document) and evaluates `xpath`, handing the result object to `read` before freeing it.
    private func evaluate<T>(_ xpath: String, from context: Node?, _ read: (xmlXPathObjectPtr) -> T) throws(HTMLError) -> T {
        if xpathContext == nil { xpathContext = xmlXPathNewContext(doc) }
        guard let ctx = xpathContext else { throw .invalidXPath(xpath) }
        // Relative expressions (CSS translations) need a context node; the document node stands for "everywhere".
        ctx.pointee.node = context?.ptr ?? xmlNodePtr(OpaquePointer(doc))
        var comp = compiled[xpath]
        var owned = false
        if comp == nil {
            guard let c = xmlXPathCompile(xpath) else { throw .invalidXPath(xpath) }
            if compiled.count < Self.compiledCacheLimit { compiled[xpath] = c } else { owned = true }
            comp = c
        }
        defer { if owned, let comp { xmlXPathFreeCompExpr(comp) } }
        guard let obj = xmlXPathCompiledEval(comp, ctx) else { throw .invalidXPath(xpath) }
        defer { xmlXPathFreeObject(obj) }
        return read(obj)
    }
}

extension Node {
    /// Elements matching a CSS selector among this node's descendants-or-self, in document order.
    public func select(css: String) throws -> [Node] {
        try document.select(css: css, from: self)
    }
}
