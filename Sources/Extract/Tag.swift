import Foundation
import HTML

/// Element kinds the scorer cares about.
enum Tag: UInt8 {
    case p, div, section, article, main, body, header, heading1, heading, pre, td, th, blockquote, ul, ol, li
    case dl, dd, dt, img, table, a, form, fieldset, input, object, embed, iframe, figure, code, br, address
    case inline, other

    static let byName: [String: Tag] = [
        "p": .p, "div": .div, "section": .section, "article": .article, "main": .main, "body": .body,
        "header": .header, "h1": .heading1, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading,
        "h6": .heading, "pre": .pre, "td": .td, "th": .th, "blockquote": .blockquote, "ul": .ul, "ol": .ol,
        "li": .li, "dl": .dl, "dd": .dd, "dt": .dt, "img": .img, "picture": .img, "table": .table, "a": .a, "form": .form,
        "fieldset": .fieldset, "input": .input, "textarea": .input, "select": .input, "object": .object,
        "embed": .embed, "iframe": .iframe, "video": .embed, "audio": .embed, "figure": .figure, "code": .code,
        "br": .br, "address": .address,
        "span": .inline, "em": .inline, "strong": .inline, "b": .inline, "i": .inline, "u": .inline,
        "s": .inline, "small": .inline, "sub": .inline, "sup": .inline, "abbr": .inline, "cite": .inline,
        "q": .inline, "mark": .inline, "time": .inline, "font": .inline, "label": .inline, "kbd": .inline,
        "samp": .inline, "var": .inline, "del": .inline, "ins": .inline, "dfn": .inline, "bdi": .inline,
        "bdo": .inline, "wbr": .inline, "data": .inline, "big": .inline, "tt": .inline, "strike": .inline,
    ]

    static func of(_ name: String) -> Tag { byName[name] ?? .other }

    /// A set of kinds as the bits of one word (`Tag` has under 64 cases): membership without hashing.
    struct Mask {
        let bits: UInt64
        init(_ tags: [Tag]) { bits = tags.reduce(0) { $0 | 1 << UInt64($1.rawValue) } }
        func contains(_ t: Tag) -> Bool { bits >> UInt64(t.rawValue) & 1 != 0 }
    }

    /// Phrasing content: runs of these directly in a block container form an implicit paragraph.
    var isPhrasing: Bool { self == .inline || self == .a || self == .code || self == .br || self == .img }
    /// Readability's DIV_TO_P_ELEMS: a div holding none of these reads as a paragraph.
    var isBlockForDiv: Bool {
        switch self {
        case .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul, .section, .article, .heading, .heading1, .figure: return true
        default: return false
        }
    }
}
