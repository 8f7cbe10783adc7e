import CLibXML2

extension HTMLDocument {
    /// The whole tree as text, one node a line (type, name, attributes with their values, text), for tests that
    /// compare two parses of the same bytes. `omittingRawText`: without the text of `script` and `style` elements.
    func treeDump(omittingRawText: Bool = false) -> String {
        var out = ""
        if let dtd = doc.pointee.intSubset {
            out += "dtd \(Self.string(dtd.pointee.name)) \(Self.string(dtd.pointee.ExternalID)) \(Self.string(dtd.pointee.SystemID))\n"
        }
        Self.dump(doc.pointee.children, depth: 0, omittingRawText: omittingRawText, into: &out)
        return out
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "nil" }
        return String(decoding: UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))), as: UTF8.self).debugDescription
    }

    private static func dump(_ first: xmlNodePtr?, depth: Int, omittingRawText: Bool, into out: inout String) {
        var node = first
        let parentName = first?.pointee.parent?.pointee.name.map { string($0) }
        let skipsText = omittingRawText && (parentName == "\"script\"" || parentName == "\"style\"")
        while let n = node {
            if skipsText && (n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE) {
                node = n.pointee.next
                continue
            }
            out += String(repeating: " ", count: depth) + "\(n.pointee.type.rawValue) \(string(n.pointee.name))"
            if n.pointee.type == XML_ELEMENT_NODE {
                var attr = n.pointee.properties
                while let a = attr {
                    out += " @\(string(a.pointee.name))="
                    if let c = a.pointee.children {
                        out += "\(c.pointee.type.rawValue):\(string(c.pointee.content))"
                        if c.pointee.next != nil { out += "+more" }
                    } else {
                        out += "none"
                    }
                    attr = a.pointee.next
                }
                if n.pointee.ns != nil { out += " ns" }
            } else if n.pointee.type != XML_DTD_NODE {
                out += " " + string(n.pointee.content)
            }
            out += "\n"
            if n.pointee.type == XML_ELEMENT_NODE {
                dump(n.pointee.children, depth: depth + 1, omittingRawText: omittingRawText, into: &out)
            }
            node = n.pointee.next
        }
    }
}
