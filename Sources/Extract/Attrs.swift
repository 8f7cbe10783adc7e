import Foundation
import HTML

/// The attributes the scorer reads, taken in one pass over the element's attribute list
/// (`xmlGetProp` per name also consults the DTD and showed up in profiles). Only `class`, `id` and `itemprop`
/// become strings; the others are tested on their bytes (every element of a page is read here).
/// Not copyable: made for every element of a page, a copy retained and released its four strings (FINDINGS 90).
struct Attrs: ~Copyable {
    /// `class` and `id`, lowercased as `fastLowercased` lowers them (every reader compares them lowercased): ASCII
    /// values are lowered as their string is made, not copied a second time.
    var lowerClass = "", lowerID = ""
    var itemprop: String?
    /// `hidden` is present, or an inline style hides the element.
    private var hiddenByMarkup = false
    /// Hidden by an inline style, not by the `hidden` attribute.
    private var hiddenByStyleOnly = false
    /// `aria-hidden="true"`.
    private var ariaHidden = false
    /// `class`, as written, holds "fallback-image"; read for an `aria-hidden` element only (`isHidden` asks no other).
    private var fallbackImage = false
    /// `role` is one of `ClassHints.unlikelyRoles` (lowercased).
    var unlikelyRole = false
    /// `role`, lowercased, is an ARIA footnote or endnote role (`doc-footnote`, `doc-endnotes`...).
    var noteRole = false
    /// `rel`, lowercased, contains `author`.
    var relAuthor = false
    /// `property` (RDFa: `PageMetadata.rdfaDateProp`, `PageMetadata.isRDFaCreatorName`).
    var rdfaProperty: String?

    /// The names read here, in the order `init` switches on.
    private static let query = AttributeQuery(["class", "id", "style", "role", "rel", "itemprop", "aria-hidden", "hidden",
                                                            "property"])
    private static let classQuery = AttributeQuery(["class"])

    init(_ n: Node) {
        // Look up only the attributes read here: copying every value (src, href, data-*) was measurable.
        guard n.hasAttributes else { return }
        var cls = "", id = "", itemprop: String?
        var hiddenByMarkup = false, ariaHidden = false, unlikelyRole = false, noteRole = false, relAuthor = false
        var hiddenByStyle = false, hiddenAttribute = false, property: String?, fallbackImage = false
        n.attributeBytes(Self.query) { k, v in
            switch k {
            case 0: cls = Self.lowered(v)
            case 1: id = Self.lowered(v)
            case 2: if Self.hidesByStyle(v) { hiddenByMarkup = true; hiddenByStyle = true }
            case 3: unlikelyRole = Self.isUnlikelyRole(v); noteRole = Self.isNoteRole(v)
            case 4: relAuthor = Self.lowercasedContains(v, Self.author)
            case 5: itemprop = Self.string(v)
            case 6: ariaHidden = Self.equals(v, Self.trueValue)
            case 7: hiddenByMarkup = true; hiddenAttribute = true
            default: property = Self.string(v)
            }
        }
        // Only `isHidden` of an `aria-hidden` element asks for "fallback-image": its class, as written, is read again
        // for it alone (searching every element's class was ~3M instructions of the 350-page batch).
        if ariaHidden, !cls.isEmpty {
            n.attributeBytes(Self.classQuery) { _, v in fallbackImage = Self.contains(v, Self.fallbackImageBytes) }
        }
        self.lowerClass = cls; self.lowerID = id; self.itemprop = itemprop; self.rdfaProperty = property
        self.hiddenByMarkup = hiddenByMarkup; self.ariaHidden = ariaHidden; self.fallbackImage = fallbackImage
        self.hiddenByStyleOnly = hiddenByStyle && !hiddenAttribute
        self.unlikelyRole = unlikelyRole; self.noteRole = noteRole; self.relAuthor = relAuthor
    }

    /// `hidden`, `aria-hidden=true` (except Readability's lazy-image fallback) or an inline `display:none`/`visibility:hidden`
    /// (except on the story's own body, see `revealedBodyHints`).
    var isHidden: Bool {
        (hiddenByMarkup && !(hiddenByStyleOnly && isStoryBody)) || (ariaHidden && !fallbackImage)
    }

    /// Names of the story's own text container: a paywall script shows it after a check, so the served page
    /// hides it with an inline style (`<div id="articleBody" style="display: none">`); the text is the story.
    static let revealedBodyHints = ["articlebody", "article-body", "article__body", "story-body", "storybody"]

    /// `itemprop=articleBody`, or an id or class naming the story's body.
    private var isStoryBody: Bool {
        if itemprop == "articleBody" { return true }
        return ClassHints.containsAny(lowerID, Self.revealedBodyHints) || ClassHints.containsAny(lowerClass, Self.revealedBodyHints)
    }

    private static func string(_ v: Span<UInt8>) -> String {
        v.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// `string(v).fastLowercased`, an ASCII value lowered while its string is made.
    private static func lowered(_ v: Span<UInt8>) -> String {
        v.withUnsafeBufferPointer { u in
            for b in u where b >= 0x80 { return String(decoding: u, as: UTF8.self).fastLowercased }
            return String(unsafeUninitializedCapacity: u.count) { o in
                for i in 0..<u.count { let b = u[i]; o[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                return u.count
            }
        }
    }

    private static func contains(_ v: Span<UInt8>, _ needle: [UInt8]) -> Bool {
        v.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }
    private static let fallbackImageBytes = Array("fallback-image".utf8)

    private static func equals(_ v: Span<UInt8>, _ want: [UInt8]) -> Bool {
        guard v.count == want.count else { return false }
        for i in v.indices where v[i] != want[i] { return false }
        return true
    }
    private static let trueValue = Array("true".utf8)
    private static let author = Array("author".utf8)

    /// ASCII lowercasing is enough for these tests: the only non-ASCII characters that lowercase to ASCII letters
    /// are the Kelvin sign (`k`) and `İ` (`i` plus a combining dot), and no role name or `author` holds a `k`, nor
    /// can a string with a combining dot equal a role name.
    private static func lowercasedASCII(_ v: Span<UInt8>) -> [UInt8] {
        var s = [UInt8]()
        s.reserveCapacity(v.count)
        for i in v.indices { let b = v[i]; s.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return s
    }

    private static func lowercasedContains(_ v: Span<UInt8>, _ needle: [UInt8]) -> Bool {
        let s = lowercasedASCII(v)
        return s.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }

    private static func isUnlikelyRole(_ v: Span<UInt8>) -> Bool {
        let s = lowercasedASCII(v)
        return unlikelyRoleBytes.contains(s)
    }
    private static let unlikelyRoleBytes = Set(ClassHints.unlikelyRoles.map { Array($0.utf8) })

    private static func isNoteRole(_ v: Span<UInt8>) -> Bool {
        let s = lowercasedASCII(v)
        return noteRolePrefixes.contains { s.starts(with: $0) }
    }
    private static let noteRolePrefixes = [Array("doc-footnote".utf8), Array("doc-endnote".utf8)]

    /// An inline style with `display:none` or `visibility:hidden`, compared lowercased and without spaces.
    /// ASCII lowercasing is enough: no non-ASCII character lowercases into these needles' letters (the Kelvin sign
    /// gives `k`; `İ` gives `i` with a combining dot that breaks the match, as a kept combining mark does).
    static func hidesByStyle(_ style: String) -> Bool {
        var style = style
        return style.withUTF8 { hidesByStyle($0.span) }
    }

    static func hidesByStyle(_ style: Span<UInt8>) -> Bool {
        var s = [UInt8]()
        s.reserveCapacity(style.count)
        for i in style.indices where style[i] != 0x20 { let b = style[i]; s.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return s.withUnsafeBufferPointer { h in
            Self.hiddenStyles.contains { needle in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
        }
    }
    private static let hiddenStyles: [[UInt8]] = [Array("display:none".utf8), Array("visibility:hidden".utf8)]
}
