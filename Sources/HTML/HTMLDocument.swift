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
/// Not thread-safe: parse, query and drop a document on one task. Separate documents may be used
/// on separate threads.
public final class HTMLDocument {
    let doc: xmlDocPtr
    /// The base URL given at parse time, if any.
    public let url: String?

    private static let silenced: Void = { lb_silence_errors(); xmlInitParser() }()

    /// Parses HTML bytes. `encoding` is an IANA charset label to force (see `Charset.detect`);
    /// `nil` lets libxml2 sniff. Broken markup is repaired, never rejected.
    /// - Throws: `HTMLError.empty` when there is nothing to parse.
    public init(bytes: [UInt8], url: String? = nil, encoding: String? = nil) throws(HTMLError) {
        _ = Self.silenced
        lb_silence_errors() // per-thread in libxml2: set on whichever thread parses
        guard !bytes.isEmpty else { throw .empty }
        var opts = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        if encoding != nil { opts |= HTML_PARSE_IGNORE_ENC.rawValue }
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, Int32(opts))
            }
        }
        guard let parsed else { throw .empty }
        self.doc = parsed
        self.url = url
    }

    /// Parses XML bytes (sitemaps, feeds). Recovers from errors, never loads external entities.
    public init(xml bytes: [UInt8], url: String? = nil) throws(HTMLError) {
        _ = Self.silenced
        lb_silence_errors()
        guard !bytes.isEmpty else { throw .empty }
        let opts = XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), url, nil, Int32(opts))
            }
        }
        guard let parsed else { throw .empty }
        self.doc = parsed
        self.url = url
    }

    deinit { xmlFreeDoc(doc) }

    /// The root element (`<html>` for HTML), or `nil` for a document without elements.
    public var root: Node? {
        guard let r = xmlDocGetRootElement(doc) else { return nil }
        return Node(r, in: self)
    }

    /// Evaluates an XPath expression and returns the matched nodes in document order.
    /// - Parameter context: evaluate relative to this node (default: the document).
    public func select(xpath: String, from context: Node? = nil) throws(HTMLError) -> [Node] {
        guard let ctx = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(ctx) }
        if let context { ctx.pointee.node = context.ptr }
        guard let obj = xmlXPathEvalExpression(xpath, ctx) else { throw .invalidXPath(xpath) }
        defer { xmlXPathFreeObject(obj) }
        guard let set = obj.pointee.nodesetval, set.pointee.nodeNr > 0, let tab = set.pointee.nodeTab else { return [] }
        var out: [Node] = []
        out.reserveCapacity(Int(set.pointee.nodeNr))
        for i in 0..<Int(set.pointee.nodeNr) {
            if let n = tab[i] { out.append(Node(n, in: self)) }
        }
        return out
    }

    /// Evaluates an XPath expression to a string (`string(...)`, `count(...)`, or the first node's text).
    public func string(xpath: String, from context: Node? = nil) throws(HTMLError) -> String {
        guard let ctx = xmlXPathNewContext(doc) else { return "" }
        defer { xmlXPathFreeContext(ctx) }
        if let context { ctx.pointee.node = context.ptr }
        guard let obj = xmlXPathEvalExpression(xpath, ctx) else { throw .invalidXPath(xpath) }
        defer { xmlXPathFreeObject(obj) }
        guard let s = xmlXPathCastToString(obj) else { return "" }
        defer { lb_xmlFree(s) }
        return String(cString: s)
    }
}
