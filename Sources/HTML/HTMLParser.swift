import CLibXML2

/// libxml2 2.9.14's HTML parser (`HTMLparser.c` with the tree building of `SAX2.c`), done again over a byte buffer:
/// it builds, through libxml2's tree API, the tree `htmlReadMemory` builds from the same bytes with lookback's options
/// (recover, no blanks dropped, the page's charset declarations ignored). libxml2 reads its input a character at a
/// time through several layers; this reads bytes, which is most of the parse's time saved.
///
/// The input must be valid UTF-8 without NUL bytes (what `HTMLDocument` hands libxml2 in any case). Input that ends
/// inside a UTF-8 sequence (a cut download, which libxml2 reads on as Latin-1) is not modelled: `parse` returns `nil`
/// and the caller parses it with libxml2. (Every other construct is: a page left to libxml2 costs it time quadratic
/// in a tag's attributes, FINDINGS 73.)
/// `HTMLParserTests` compares both trees on every fixture page; `scripts/check-parser.sh` on any set of pages.
struct HTMLParser {
    /// Parses `bytes` into a new document as `htmlReadMemory(bytes, url, nil, options)` does when `options` carry
    /// `HTML_PARSE_IGNORE_ENC`, or returns `nil` (see above). Free the document with `xmlFreeDoc`. With it, the
    /// document's `ElementIndex`, made as the elements are (`nil` in the rare tree where an element's parent is not
    /// the open element: the index is then built from the tree when asked for), and the most elements that were open
    /// at once (no element lies deeper in the tree than one more than that).
    /// `dropsRawText`: `<style>` elements, and `<script>` elements but JSON ones, get no text (as `RawTextStripper`
    /// leaves them for libxml2).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, url: String?, options: Int32,
                      dropsRawText: Bool = false) -> (doc: xmlDocPtr, index: ElementIndex?, openDepth: Int)? {
        guard let base = bytes.baseAddress, endsWithWholeCharacter(bytes), let doc = htmlNewDocNoDtD(nil, nil) else {
            return nil
        }
        doc.pointee.properties = Int32(XML_DOC_HTML.rawValue)
        doc.pointee.parseFlags = options
        doc.pointee.dict = xmlDictCreate()
        if let url { doc.pointee.URL = UnsafePointer(xmlPathToURI(url)) }
        var parser = HTMLParser(base, bytes.count, doc, dropsRawText: dropsRawText)
        defer { parser.scratch.deallocate() }
        parser.parseDocument()
        doc.pointee.charset = Int32(XML_CHAR_ENCODING_UTF8.rawValue)
        return (doc, parser.indexBroken ? nil : ElementIndex(entries: parser.indexEntries), parser.openDepth)
    }

    private static func endsWithWholeCharacter(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = b.count - 1, continuations = 0
        while i >= 0 && continuations < 3 && b[i] & 0xC0 == 0x80 {
            i -= 1
            continuations += 1
        }
        guard i >= 0 else { return false }
        return b[i] < 0x80 ? continuations == 0 : charLength(b[i]) == continuations + 1
    }

    /// An element name as the parser's stacks hold it: interned in the document's dictionary (so equal names are
    /// equal pointers), with its position in `HTMLElements.names` (-1: a name the tables do not know).
    private struct Name {
        let ptr: UnsafePointer<xmlChar>
        let id: Int
    }

    /// `HTMLElements`' tables and the names the parser's own rules mention, read through one object per parse: each
    /// read of a `static let` in the byte loops was a `swift_once` call (~1% of an extraction). A class, as a struct
    /// of them was copied whole into some methods.
    private final class Tables: Sendable {
        let table = HTMLElements.table, names = HTMLElements.names
        let empty = HTMLElements.empty, startCloses = HTMLElements.startCloses, closable = HTMLElements.closable
        let endPriority = HTMLElements.endPriority, booleanAttributes = HTMLElements.booleanAttributes
        let html = HTMLElements.id("html"), head = HTMLElements.id("head"), body = HTMLElements.id("body")
        let p = HTMLElements.id("p"), script = HTMLElements.id("script"), style = HTMLElements.id("style")
        let headOnly = ["script", "style", "meta", "link", "title", "base"].map(HTMLElements.id)
        let framesOnly = ["noframes", "frame", "frameset"].map(HTMLElements.id)
        /// Each name's `ElementIndex` key.
        let nameKeys = HTMLElements.names.map { ElementIndex.bit(.name, Array($0.utf8)) }
        /// The names of at most 8 bytes by their bytes read as one little-endian word (zero-padded: no name holds a
        /// NUL), in open addressing: a tag's name is looked up by one multiply and, nearly always, one compare.
        let shortKeys: [UInt64], shortIDs: [Int]

        init() {
            var keys = [UInt64](repeating: 0, count: Self.shortSlots), ids = [Int](repeating: -1, count: Self.shortSlots)
            for (id, name) in HTMLElements.names.enumerated() where name.utf8.count <= 8 {
                var key: UInt64 = 0
                for (i, b) in name.utf8.enumerated() { key |= UInt64(b) << UInt64(8 * i) }
                var s = Self.slot(key)
                while keys[s] != 0 { s = (s + 1) & (Self.shortSlots - 1) }
                keys[s] = key
                ids[s] = id
            }
            shortKeys = keys
            shortIDs = ids
        }

        private static let shortSlots = 512
        @inline(__always) private static func slot(_ key: UInt64) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> 55) }

        /// The id of the name of at most 8 bytes whose word is `key`; -1 for a name the tables do not know.
        @inline(__always) func shortID(_ key: UInt64) -> Int {
            var s = Self.slot(key)
            while true {
                let k = shortKeys[s]
                if k == key { return shortIDs[s] } // an empty slot (0) for the empty name: -1
                if k == 0 { return -1 }
                s = (s + 1) & (Self.shortSlots - 1)
            }
        }

        static let shared = Tables()
    }

    private let t = Tables.shared
    /// libxml2 hands text to the tree in chunks of this many bytes (`HTML_PARSER_BIG_BUFFER_SIZE`); a chunk that
    /// fills up is never taken for ignorable blanks, which decides whether a `<p>` is implied around it.
    private static let textChunk = 1000

    private let input: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0
    private let doc: xmlDocPtr
    private let dict: OpaquePointer?
    /// `ctxt->nameTab` and `ctxt->nodeTab`: open elements by name, and their nodes (the two differ only in that an
    /// element's node is named without its prefix).
    private var names: [Name] = []
    private var nodes: [xmlNodePtr] = []
    /// `ctxt->html`: 3 once a `<head>` was opened, 10 once a `<body>` was.
    private var level = 1
    /// `ctxt->depth`: misplaced `<html>`, `<head>` and `<body>` start tags whose end tags are to be ignored.
    private var discarded = 0
    private var atEOF = false
    private let dropsRawText: Bool
    /// The script or style element whose text is not kept.
    private var droppedRawText: xmlNodePtr?
    /// Text for the current node not yet in the tree: libxml2 appends each piece to the node's last text child.
    private var pending: [UInt8] = []
    private var pendingType = XML_TEXT_NODE
    /// The pending text while it is one run of the input (most text nodes): copied once, into the node.
    private var pendingRun: (start: Int, count: Int)?
    /// An attribute of the start tag being read. A value with a reference in it is decoded into `values`; any other
    /// lies in the input.
    private struct Attribute {
        let name: Name
        let start: Int
        let count: Int
        /// Whether it has a value (`name=...`), which may be empty.
        let valued: Bool
        let referenced: Bool
    }

    private var attributes: [Attribute] = []
    /// The names in `attributes`, once there are `attributesScanned` of them (`hasAttribute`).
    private var attributeNames: Set<UnsafePointer<xmlChar>> = []
    private static let attributesScanned = 32
    /// Whether the attribute value just read had a reference in it.
    private var valueReferenced = false
    private var values: [UInt8] = []
    private var knownNames: [UnsafePointer<xmlChar>?]
    /// Open elements by id, and by name for names the tables do not know (`isOpen`).
    private var openCount: [Int32]
    private var openOthers: [UnsafePointer<xmlChar>: Int32] = [:]
    /// The first `otherNamesListed` names the tables do not know, counted in a list before `openOthers`: hashing
    /// each (HTML5's nav, section, svg, ...) into the dictionary at its start and end tag cost ~200 instructions.
    /// A name once counted in the dictionary stays there (the list only grows).
    private var listedOthers: [UnsafePointer<xmlChar>] = []
    private var listedOtherCounts: [Int32] = []
    private static let otherNamesListed = 16
    /// A lowercased name.
    private let scratch: UnsafeMutablePointer<UInt8>
    /// The element index (`ElementIndex`): its entries in document order (the order elements are made in), and the
    /// keys of each open node and its ancestors, beside `nodes`.
    private var indexEntries: [ElementIndex.Entry] = []
    private var indexKeys: [UInt64] = []
    private var indexBroken = false
    /// The most elements open at once.
    private var openDepth = 0
    /// Attribute names and unknown tag names interned lately, by their word (`intern`): 64 slots.
    private var attributeNameKeys = [UInt64](repeating: 0, count: 64)
    private var attributeNamePointers = [UnsafePointer<xmlChar>?](repeating: nil, count: 64)
    /// `class` and `id` interned in the document's dictionary.
    private let classAttribute: UnsafePointer<xmlChar>
    private let idAttribute: UnsafePointer<xmlChar>

    private init(_ input: UnsafePointer<UInt8>, _ count: Int, _ doc: xmlDocPtr, dropsRawText: Bool) {
        self.input = input
        self.dropsRawText = dropsRawText
        self.end = count
        self.doc = doc
        self.dict = doc.pointee.dict
        self.knownNames = Array(repeating: nil, count: HTMLElements.names.count)
        self.openCount = Array(repeating: 0, count: HTMLElements.names.count)
        self.classAttribute = xmlDictLookup(doc.pointee.dict, "class", 5)!
        self.idAttribute = xmlDictLookup(doc.pointee.dict, "id", 2)!
        // `readName` stores whole words.
        self.scratch = .allocate(capacity: HTMLElements.maxNameBytes + 8)
        pending.reserveCapacity(4096)
        values.reserveCapacity(1024)
    }

    // MARK: Reading

    /// The byte at `i`, 0 past the end (libxml2's buffers end in a NUL).
    @inline(__always) private func byte(_ i: Int) -> UInt8 { i < end ? input[i] : 0 }
    @inline(__always) private var cur: UInt8 { byte(pos) }
    @inline(__always) private func next(_ k: Int) -> UInt8 { byte(pos + k) }

    @inline(__always) private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The length of the UTF-8 character whose first byte is `c`.
    @inline(__always) private static func charLength(_ c: UInt8) -> Int {
        c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
    }

    /// The eight input bytes at `i` (which must all lie in the input) as one word.
    @inline(__always) private func word(at i: Int) -> UInt64 { ByteWord.load(input + i) }

    /// Whether the character at `i` is one XML allows (`IS_CHAR`); libxml2 drops the others from text and comments.
    /// In valid UTF-8 only C0 controls and U+FFFE/U+FFFF are not.
    @inline(__always) private func isChar(at i: Int) -> Bool {
        let c = input[i]
        if c < 0x20 { return c == 0x09 || c == 0x0A || c == 0x0D }
        if c == 0xEF && i + 2 < end && input[i + 1] == 0xBF && input[i + 2] >= 0xBE { return false }
        return true
    }

    private static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    private mutating func skipBlanks() {
        while Self.isBlank(cur) { pos += 1 }
    }

    /// Whether `<!DOCTYPE` (any case) starts at `pos`.
    private var atDoctype: Bool {
        guard cur == 0x3C, next(1) == 0x21 else { return false }
        let word: [UInt8] = Array("DOCTYPE".utf8)
        for (k, w) in word.enumerated() where next(2 + k) & 0xDF != w { return false }
        return true
    }

    private var atComment: Bool { cur == 0x3C && next(1) == 0x21 && next(2) == 0x2D && next(3) == 0x2D }
    private var atPI: Bool { cur == 0x3C && next(1) == 0x3F }

    // MARK: Names

    /// `element`: a tag's name, looked up in the tables (an attribute's is only interned).
    /// `key`: the first 8 bytes as `Tables.shortID` reads them.
    private mutating func intern(_ bytes: UnsafePointer<UInt8>, _ count: Int, element: Bool, key: UInt64) -> Name {
        let id = !element ? -1 : count <= 8 ? t.shortID(key) : t.table.index(of: bytes, count: count) ?? -1
        if id >= 0 {
            if let known = knownNames[id] { return Name(ptr: known, id: id) }
            let ptr = xmlDictLookup(dict, bytes, Int32(count))!
            knownNames[id] = ptr
            return Name(ptr: ptr, id: id)
        }
        if count > 8 { return Name(ptr: xmlDictLookup(dict, bytes, Int32(count))!, id: -1) }
        // Attribute names of up to 8 bytes (class, href, id, src, rel, ...) and tag names the tables do not know
        // (HTML5's nav, header, section, svg, path, ...: each start and end tag was an xmlDictLookup): the last one
        // interned in each slot is kept, so most are found without hashing them into the dictionary again. The
        // word holds the whole name, so equal words are equal names.
        let slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
        if attributeNameKeys[slot] == key, let ptr = attributeNamePointers[slot] { return Name(ptr: ptr, id: -1) }
        let ptr = xmlDictLookup(dict, bytes, Int32(count))!
        attributeNameKeys[slot] = key
        attributeNamePointers[slot] = ptr
        return Name(ptr: ptr, id: -1)
    }

    private mutating func known(_ id: Int) -> Name {
        if let ptr = knownNames[id] { return Name(ptr: ptr, id: id) }
        let ptr = t.names[id].withCString { xmlDictLookup(dict, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), -1)! }
        knownNames[id] = ptr
        return Name(ptr: ptr, id: id)
    }

    /// `htmlParseHTMLName`: a tag or attribute name, lowercased, consumed.
    private mutating func parseHTMLName(element: Bool = true) -> Name? {
        let c = cur
        guard Self.isLetter(c) || c == 0x5F || c == 0x3A || c == 0x2E else { return nil }
        let (count, key) = readName(at: pos, dot: true)
        pos += count
        return intern(scratch, count, element: element, key: key)
    }

    /// `htmlParseHTMLName_nonInvasive`: the id of the tag name after the `<` at `pos`, not consumed (no `.` in it).
    private mutating func peekTagID() -> Int {
        let (count, key) = readName(at: pos + 1, dot: false)
        return count <= 8 ? t.shortID(key) : t.table.index(of: scratch, count: count) ?? -1
    }

    /// The name at `start`, lowercased into `scratch`: its length and its first 8 bytes as `Tables.shortID` reads
    /// them. A name is ASCII letters and digits, `:`, `-`, `_` and (`dot`) `.`; libxml2 reads at most
    /// `maxNameBytes` of it (the rest is read next, as an attribute's name). Eight bytes a step while they lie in
    /// the input (names were read a byte a step: 3.4% of a post's instructions).
    @inline(__always) private func readName(at start: Int, dot: Bool) -> (count: Int, key: UInt64) {
        var i = 0
        var key: UInt64 = 0
        while start + i + 8 <= end {
            let w = word(at: start + i)
            let others = ~Self.nameBytes(w, dot: dot) & 0x8080_8080_8080_8080
            let n = min(others.trailingZeroBitCount >> 3, HTMLElements.maxNameBytes - i)
            let lower = (w | ByteWord.mask(w, in: 0x41, 0x5A) >> 2) & (n == 8 ? ~0 : (1 << UInt64(8 * n)) - 1)
            ByteWord.store(lower, scratch + i)
            if i == 0 { key = lower }
            i += n
            if n < 8 { return (i, key) }
        }
        while i < HTMLElements.maxNameBytes {
            let c = byte(start + i)
            guard Self.isLetter(c) || Self.isDigit(c) || c == 0x3A || c == 0x2D || c == 0x5F || (dot && c == 0x2E) else {
                break
            }
            let lower = c >= 0x41 && c <= 0x5A ? c + 0x20 : c
            scratch[i] = lower
            if i < 8 { key |= UInt64(lower) << UInt64(8 * i) }
            i += 1
        }
        return (i, key)
    }

    /// The top bit of each byte of `w` that a name may hold (`readName`).
    @inline(__always) private static func nameBytes(_ w: UInt64, dot: Bool) -> UInt64 {
        let letters = ByteWord.mask(w | 0x2020_2020_2020_2020, in: 0x61, 0x7A)
        // `-`, `.`, `/`, the digits and `:` lie side by side; `/` is none, nor `.` without `dot`.
        let marks = ByteWord.mask(w, in: 0x2D, 0x3A) & ~ByteWord.mask(w, 0x2F) & (dot ? ~0 : ~ByteWord.mask(w, 0x2E))
        return letters | marks | ByteWord.mask(w, 0x5F)
    }

    /// `htmlParseName`: a case-sensitive name (entities, a DOCTYPE's, a processing instruction's target), consumed;
    /// returns where it lies in the input. An ASCII name followed by an ASCII character is libxml2's fast path; any
    /// other name is read by `parseNameComplex`.
    private mutating func parseName() -> Range<Int>? {
        let c = cur
        if Self.isLetter(c) || c == 0x5F || c == 0x3A {
            var i = pos + 1
            while i < end {
                let c = input[i]
                guard Self.isLetter(c) || Self.isDigit(c) || c == 0x5F || c == 0x2D || c == 0x3A || c == 0x2E else { break }
                i += 1
            }
            if i == end { return nil }
            if input[i] < 0x80 {
                defer { pos = i }
                return pos..<i
            }
        }
        return parseNameComplex()
    }

    /// `htmlParseNameComplex`: a name of XML letters, digits, combining characters and extenders in any script, from
    /// `pos` (which starts it with a letter, `_` or `:`), consumed; `nil` (nothing consumed) when none starts there.
    private mutating func parseNameComplex() -> Range<Int>? {
        var (c, n) = codePoint(at: pos)
        guard c == 0x5F || c == 0x3A || Self.isXMLLetter(c) else { return nil }
        var i = pos
        while c == 0x2E || c == 0x2D || c == 0x5F || c == 0x3A || Self.isXMLLetter(c) || (c >= 0x30 && c <= 0x39)
                || (c >= 0x80 && (xmlIsDigit(c) != 0 || xmlIsCombining(c) != 0 || xmlIsExtender(c) != 0)) {
            i += n
            (c, n) = codePoint(at: i)
        }
        defer { pos = i }
        return pos..<i
    }

    /// The character at `i` of the (valid UTF-8) input and its length; 0 at the end.
    private func codePoint(at i: Int) -> (UInt32, Int) {
        guard i < end else { return (0, 0) }
        let b = input[i]
        if b < 0x80 { return (UInt32(b), 1) }
        let n = Self.charLength(b)
        var v = UInt32(b) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for k in 1..<n { v = v << 6 | UInt32(input[i + k] & 0x3F) }
        return (v, n)
    }

    /// libxml2's `IS_LETTER`: an XML base character or ideograph (ASCII: a letter; Latin-1: most letters).
    private static func isXMLLetter(_ c: UInt32) -> Bool {
        c < 0x80 ? isLetter(UInt8(c)) : xmlIsBaseChar(c) != 0 || xmlIsIdeographic(c) != 0
    }

    // MARK: The name stack (htmlnamePush, htmlnamePop)

    private mutating func pushName(_ name: Name) {
        if level < 3 && name.id == t.head { level = 3 }
        if level < 10 && name.id == t.body { level = 10 }
        names.append(name)
        if name.id >= 0 {
            openCount[name.id] += 1
        } else if let k = listedOthers.firstIndex(of: name.ptr) {
            listedOtherCounts[k] += 1
        } else if listedOthers.count < Self.otherNamesListed && openOthers[name.ptr] == nil {
            listedOthers.append(name.ptr)
            listedOtherCounts.append(1)
        } else {
            openOthers[name.ptr, default: 0] += 1
        }
    }

    private mutating func popName() {
        guard let name = names.popLast() else { return }
        if name.id >= 0 {
            openCount[name.id] -= 1
        } else if let k = listedOthers.firstIndex(of: name.ptr) {
            listedOtherCounts[k] -= 1
        } else {
            openOthers[name.ptr, default: 1] -= 1
        }
    }

    /// Whether an element of this name is open: counted, so that stray end tags under deep nesting cost no walk
    /// of the stack each (libxml2 walks it: quadratic).
    private mutating func isOpen(_ name: Name) -> Bool {
        if name.id >= 0 { return openCount[name.id] > 0 }
        if let k = listedOthers.firstIndex(of: name.ptr) { return listedOtherCounts[k] > 0 }
        return openOthers[name.ptr, default: 0] > 0
    }

    private var current: Name? { names.last }

    private func isCurrent(_ name: Name?) -> Bool { current?.ptr == name?.ptr }

    // MARK: The tree (xmlSAX2StartElement, xmlSAX2EndElement, xmlSAX2Characters, ...)

    private var docNode: xmlNodePtr { xmlNodePtr(OpaquePointer(doc)) }

    private static func append(_ child: xmlNodePtr, to parent: xmlNodePtr) {
        child.pointee.parent = parent
        if let last = parent.pointee.last {
            last.pointee.next = child
            child.pointee.prev = last
        } else {
            parent.pointee.children = child
        }
        parent.pointee.last = child
    }

    /// `xmlAddSibling`: `child` after the last sibling of `node`.
    private static func append(_ child: xmlNodePtr, after node: xmlNodePtr) {
        if let parent = node.pointee.parent {
            append(child, to: parent)
            return
        }
        var last = node
        while let n = last.pointee.next { last = n }
        last.pointee.next = child
        child.pointee.prev = last
    }

    /// Links a new comment or processing instruction where libxml2's SAX handlers do.
    private mutating func link(_ node: xmlNodePtr) {
        flushText()
        if let parent = nodes.last {
            if parent.pointee.type == XML_ELEMENT_NODE { Self.append(node, to: parent) } else { Self.append(node, after: parent) }
        } else {
            Self.append(node, to: docNode)
        }
    }

    private mutating func startElement(_ fullName: Name) {
        flushText()
        let node = xmlNewDocNodeEatName(doc, nil, UnsafeMutablePointer(mutating: localName(fullName)), nil)!
        var parent = nodes.last
        var above = indexKeys.last ?? 0
        if doc.pointee.children == nil {
            Self.append(node, to: docNode)
        } else if parent == nil {
            parent = doc.pointee.children
            // An element put into the first root (after </html>) has ancestors the stacks do not hold.
            if parent?.pointee.type == XML_ELEMENT_NODE { indexBroken = true }
            above = 0
        }
        nodes.append(node)
        if nodes.count > openDepth { openDepth = nodes.count }
        if let parent {
            if parent.pointee.type == XML_ELEMENT_NODE { Self.append(node, to: parent) } else { Self.append(node, after: parent) }
        }
        // The closure below captures this alone: capturing `self` (for `self.doc`) copied the whole parser.
        let doc = self.doc
        var lastProp: xmlAttrPtr?
        for k in attributes.indices {
            let a = attributes[k]
            // Linked here: given the node, libxml2 walks its attribute list to the end for each one (quadratic in a
            // tag's attributes).
            let prop = xmlNewNsPropEatName(nil, nil, UnsafeMutablePointer(mutating: a.name.ptr), nil)!
            prop.pointee.parent = node
            prop.pointee.doc = doc
            if let lastProp {
                lastProp.pointee.next = prop
                prop.pointee.prev = lastProp
            } else {
                node.pointee.properties = prop
            }
            lastProp = prop
            let text: xmlNodePtr?
            if a.valued {
                text = withValue(a) { xmlNewDocTextLen(doc, $0, Int32(a.count)) }
            } else if t.booleanAttributes.index(of: a.name.ptr, count: strlen(Self.cString(a.name.ptr))) != nil {
                text = xmlNewDocText(doc, a.name.ptr)
            } else {
                text = nil
            }
            if let text {
                prop.pointee.children = text
                prop.pointee.last = text
                text.pointee.parent = xmlNodePtr(OpaquePointer(prop))
            }
        }
        let own = ownKeys(of: node, fullName)
        indexEntries.append(ElementIndex.Entry(node: node, keys: own, ancestorKeys: above))
        indexKeys.append(above | own)
        // Asked only when there is something to remove: `removeAll(keepingCapacity:)` on an empty array still cost
        // ~50-80 instructions (11.3M of the 350-page batch's parse, four calls an element).
        if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        if !values.isEmpty { values.removeAll(keepingCapacity: true) }
    }

    /// `ElementIndex.keys(of:)` from the start tag just read: its name, its first `class` and `id`.
    // `mutating`, as are `peekTagID`, `isOpen` and `appendText`: called from mutating methods, a non-mutating one was
    // handed a copy of the whole parser (a memcpy a call: parseDocument 322.5M -> 303.5M instructions, 350 pages).
    private mutating func ownKeys(of node: xmlNodePtr, _ fullName: Name) -> UInt64 {
        var k: UInt64
        if fullName.id >= 0 {
            k = t.nameKeys[fullName.id]
        } else {
            let name = node.pointee.name!
            k = ElementIndex.bit(.name, UnsafeBufferPointer(start: name, count: strlen(Self.cString(name))))
        }
        var sawClass = false, sawID = false
        for a in attributes where !(sawClass && sawID) {
            // Names are interned: equal names are equal pointers.
            let n = a.name.ptr
            if !sawClass && n == classAttribute {
                sawClass = true
                if a.valued { k |= withValue(a) { ElementIndex.classKeys(UnsafeBufferPointer(start: $0, count: a.count)) } }
            } else if !sawID && n == idAttribute {
                sawID = true
                k |= a.valued ? withValue(a) { ElementIndex.bit(.id, UnsafeBufferPointer(start: $0, count: a.count)) }
                              : ElementIndex.bit(.id, UnsafeBufferPointer(start: nil, count: 0))
            }
        }
        return k
    }

    private mutating func popNode() {
        if !nodes.isEmpty {
            nodes.removeLast()
            indexKeys.removeLast()
        }
    }

    private func withValue<R>(_ a: Attribute, _ body: (UnsafePointer<UInt8>) -> R) -> R {
        guard a.referenced else { return body(input + a.start) }
        return values.withUnsafeBufferPointer { body($0.baseAddress! + a.start) }
    }

    /// `xmlSplitQName` as the HTML tree builder uses it: `o:p` makes an element named `p`.
    private mutating func localName(_ name: Name) -> UnsafePointer<xmlChar> {
        let s = name.ptr
        // The tables' names have no prefix.
        guard name.id < 0, s[0] != 0x3A else { return s }
        var i = 0
        while s[i] != 0 && s[i] != 0x3A { i += 1 }
        guard s[i] == 0x3A, s[i + 1] != 0 else { return s }
        return xmlDictLookup(dict, s + i + 1, -1)!
    }

    private mutating func endElement() {
        flushText()
        popNode()
    }

    /// `xmlSAX2Characters` / `xmlSAX2CDataBlock`: text for the current node (none before the first element).
    private mutating func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ type: xmlElementType = XML_TEXT_NODE) {
        guard !nodes.isEmpty, count > 0 else { return }
        if type != pendingType {
            flushText()
            pendingType = type
        }
        if pending.isEmpty && pendingRun == nil && bytes >= input && bytes < input + end {
            pendingRun = (input.distance(to: bytes), count)
            return
        }
        if let run = pendingRun {
            pending.append(contentsOf: UnsafeBufferPointer(start: input + run.start, count: run.count))
            pendingRun = nil
        }
        pending.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    private mutating func characters(_ byte: UInt8) {
        withUnsafePointer(to: byte) { characters($0, 1) }
    }

    private mutating func flushText() {
        guard let node = nodes.last else { return }
        if let run = pendingRun {
            appendText(input + run.start, run.count, to: node)
            pendingRun = nil
        } else if !pending.isEmpty {
            pending.withUnsafeBufferPointer { appendText($0.baseAddress!, $0.count, to: node) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    private mutating func appendText(_ bytes: UnsafePointer<UInt8>, _ count: Int, to node: xmlNodePtr) {
        if let last = node.pointee.last, last.pointee.type == pendingType {
            xmlTextConcat(last, bytes, Int32(count))
            return
        }
        let text = pendingType == XML_TEXT_NODE ? xmlNewDocTextLen(doc, bytes, Int32(count))
                                                : xmlNewCDataBlock(doc, bytes, Int32(count))
        if let text { Self.append(text, to: node) }
    }

    // MARK: Implied and closed elements (htmlAutoClose, htmlCheckImplied, htmlCheckParagraph, ...)

    private func startCloses(_ newID: Int, _ oldID: Int) -> Bool {
        newID >= 0 && oldID >= 0 && t.startCloses[oldID * t.names.count + newID]
    }

    private func priority(_ name: Name) -> Int { name.id >= 0 ? t.endPriority[name.id] : 100 }

    private mutating func closeCurrent() {
        endElement()
        popName()
    }

    private mutating func autoClose(_ newID: Int) {
        while let c = current, startCloses(newID, c.id) { closeCurrent() }
    }

    private mutating func autoCloseOnEnd() {
        while !names.isEmpty { closeCurrent() }
    }

    private mutating func autoCloseOnClose(_ name: Name) {
        let closing = priority(name)
        var i = names.count - 1
        while i >= 0 {
            if names[i].ptr == name.ptr { break }
            if priority(names[i]) > closing { return }
            i -= 1
        }
        if i < 0 { return }
        while let c = current, c.ptr != name.ptr { closeCurrent() }
    }

    private mutating func open(_ id: Int) {
        let name = known(id)
        pushName(name)
        startElement(name)
    }

    private mutating func checkImplied(_ newID: Int) {
        if newID == t.html { return }
        if names.isEmpty { open(t.html) }
        if newID == t.body || newID == t.head { return }
        if names.count <= 1 && t.headOnly.contains(newID) {
            if level >= 3 { return }
            open(t.head)
        } else if !t.framesOnly.contains(newID) {
            if level >= 10 { return }
            if names.contains(where: { $0.id == t.body || $0.id == t.head }) { return }
            open(t.body)
        }
    }

    /// Text may not sit right in `<html>` or `<head>`, or outside every element: it gets a `<p>`.
    private mutating func checkParagraph() {
        if let c = current, c.id != t.html && c.id != t.head { return }
        autoClose(t.p)
        checkImplied(t.p)
        open(t.p)
    }

    // MARK: The document (htmlParseDocument, htmlParseContentInternal)

    private mutating func parseDocument() {
        if end >= 4 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { pos = 3 }
        skipBlanks()
        while atComment || atPI {
            parseComment()
            parsePI()
            skipBlanks()
        }
        if atDoctype { parseDoctype() }
        skipBlanks()
        while atComment || atPI {
            parseComment()
            parsePI()
            skipBlanks()
        }
        parseContent()
        if cur == 0 { autoCloseOnEnd() }
        flushText()
        if doc.pointee.intSubset == nil {
            xmlCreateIntSubset(doc, "html", "-//W3C//DTD HTML 4.0 Transitional//EN",
                               "http://www.w3.org/TR/REC-html40/loose.dtd")
        }
    }

    private mutating func parseContent() {
        var currentNode = current
        var depth = names.count
        while !atEOF {
            if cur == 0x3C && next(1) == 0x2F {
                if parseEndTag() && (currentNode != nil || names.isEmpty) {
                    currentNode = current
                    depth = names.count
                }
                continue
            } else if cur == 0x3C && (Self.isLetter(next(1)) || next(1) == 0x5F || next(1) == 0x3A),
                      let c = current, c.id >= 0 && t.closable[c.id] {
                let newID = peekTagID()
                if startCloses(newID, c.id) {
                    autoClose(newID)
                    continue
                }
            }
            // Has the element been closed by the one that just started?
            if !names.isEmpty && depth >= names.count && !isCurrent(currentNode) {
                if cur == 0 { autoCloseOnEnd() }
                currentNode = current
                depth = names.count
                continue
            }
            if cur != 0, let n = currentNode, n.id == t.script || n.id == t.style {
                parseRawText()
                continue
            }
            if atDoctype { parseDoctype() }
            if atComment {
                parseComment()
            } else if atPI {
                parsePI()
            } else if cur == 0x3C && Self.isLetter(next(1)) {
                parseElement()
                currentNode = current
                depth = names.count
            } else if cur == 0x3C {
                characters(0x3C)
                pos += 1
            } else if cur == 0x26 {
                parseTextReference()
            } else if cur == 0 {
                autoCloseOnEnd()
                break
            } else {
                parseText()
            }
        }
    }

    // MARK: Tags (htmlParseElementInternal, htmlParseStartTag, htmlParseEndTag)

    private mutating func parseElement() {
        let failed = parseStartTag()
        guard failed != -1, let name = current else {
            if cur == 0x3E { pos += 1 }
            return
        }
        if cur == 0x2F && next(1) == 0x3E {
            pos += 2
            closeCurrent()
            return
        }
        if cur == 0x3E {
            pos += 1
        } else {
            // The start tag runs to the end of the input: the element is dropped from the stacks unclosed.
            if isCurrent(name) {
                flushText()
                popNode()
                popName()
            }
            if cur == 0 { autoCloseOnEnd() }
            return
        }
        if name.id >= 0 && t.empty[name.id] { closeCurrent() }
    }

    /// -1: no element; 0: an element opened; 1: a misplaced `<html>`, `<head>` or `<body>` dropped.
    private mutating func parseStartTag() -> Int {
        guard cur == 0x3C else { return -1 }
        pos += 1
        guard let name = parseHTMLName() else {
            while cur != 0 && cur != 0x3E { pos += Self.charLength(cur) }
            return -1
        }
        autoClose(name.id)
        checkImplied(name.id)
        var discard = false
        if !names.isEmpty && name.id == t.html {
            discard = true
            discarded += 1
        }
        if names.count != 1 && name.id == t.head {
            discard = true
            discarded += 1
        }
        if name.id == t.body {
            for n in names where n.id == t.body {
                discard = true
                discarded += 1
            }
        }
        skipBlanks()
        if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        if !attributeNames.isEmpty { attributeNames.removeAll() }
        if !values.isEmpty { values.removeAll(keepingCapacity: true) }
        while cur != 0 && cur != 0x3E && !(cur == 0x2F && next(1) == 0x3E) {
            if let attribute = parseHTMLName(element: false) {
                skipBlanks()
                var start = values.count, count = 0, valued = false
                valueReferenced = false
                if cur == 0x3D {
                    pos += 1
                    skipBlanks()
                    (start, count) = parseAttributeValue()
                    valued = true
                }
                if hasAttribute(attribute) {
                    if valueReferenced { values.removeSubrange(start...) }
                } else {
                    attributes.append(Attribute(name: attribute, start: start, count: count, valued: valued,
                                                referenced: valueReferenced))
                }
            } else {
                while cur != 0 && !Self.isBlank(cur) && cur != 0x3E && !(cur == 0x2F && next(1) == 0x3E) {
                    pos += Self.charLength(cur)
                }
            }
            skipBlanks()
        }
        if discard {
            attributes.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            return 1
        }
        let dropsText = dropsRawText && (name.id == t.style || (name.id == t.script && !keepsScriptText()))
        pushName(name)
        startElement(name)
        if dropsText { droppedRawText = nodes.last }
        return 0
    }

    /// Whether the start tag being read has an attribute of this name already: looked for in the list while it is
    /// short, then in a set (a tag with 100,000 attributes took 15 s of comparisons).
    private mutating func hasAttribute(_ name: Name) -> Bool {
        if attributes.count < Self.attributesScanned { return attributes.contains { $0.name.ptr == name.ptr } }
        if attributeNames.isEmpty { attributeNames = Set(attributes.lazy.map(\.name.ptr)) }
        return !attributeNames.insert(name.ptr).inserted
    }

    /// `RawTextStripper`'s rule: a script keeps its text when its first `type` says JSON, or has a reference in it.
    private func keepsScriptText() -> Bool {
        guard let type = attributes.first(where: { strcmp(Self.cString($0.name.ptr), "type") == 0 }) else { return false }
        if type.referenced { return true }
        let json = RawTextStripper.keptScriptType
        guard type.count >= json.count else { return false }
        return withValue(type) { v in
            (0...(type.count - json.count)).contains { k in
                (0..<json.count).allSatisfy { j in
                    let c = v[k + j]
                    return (c >= 0x41 && c <= 0x5A ? c + 0x20 : c) == json[j]
                }
            }
        }
    }

    /// Whether the end tag closed the current element.
    private mutating func parseEndTag() -> Bool {
        pos += 2
        guard let name = parseHTMLName() else { return false }
        skipBlanks()
        while cur != 0 && cur != 0x3E { pos += Self.charLength(cur) }
        if cur == 0x3E { pos += 1 }
        if discarded > 0 && (name.id == t.html || name.id == t.body || name.id == t.head) {
            discarded -= 1
            return false
        }
        guard isOpen(name) else { return false }
        autoCloseOnClose(name)
        guard isCurrent(name) else { return false }
        closeCurrent()
        return true
    }

    /// `htmlParseAttValue`: where the value lies, in the input or (`valueReferenced`) decoded into `values`.
    private mutating func parseAttributeValue() -> (Int, Int) {
        let quote = cur
        let stop: UInt8 = quote == 0x22 || quote == 0x27 ? quote : 0
        if stop != 0 { pos += 1 }
        var i = pos
        if stop != 0 {
            while i + 8 <= end {
                let w = word(at: i)
                if ByteWord.has(w, stop) || ByteWord.has(w, 0x26) {
                    // Straight to the first of them (`has` is exact for the word): the byte loop below stepped up
                    // to 7 bytes to it, ~10 instructions a byte.
                    i += (ByteWord.mask(w, stop) | ByteWord.mask(w, 0x26)).trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
        }
        while i < end {
            let c = input[i]
            if c == stop || c == 0x26 || (stop == 0 && (c == 0x3E || Self.isBlank(c))) { break }
            i += 1
        }
        var range = (pos, i - pos)
        if i < end && input[i] == 0x26 {
            range.0 = values.count
            parseAttributeText(until: stop)
            range.1 = values.count - range.0
        } else {
            pos = i
        }
        if stop != 0 && cur == stop { pos += 1 }
        return range
    }

    /// `htmlParseHTMLAttribute`: up to `stop`, or for 0 up to a blank or `>`, with references decoded.
    private mutating func parseAttributeText(until stop: UInt8) {
        // libxml2 writes the 0 it returns for an invalid character reference: the value (a C string) ends there,
        // though it reads on to the value's end.
        var cut: Int?
        while true {
            let runStart = pos
            var i = pos
            while i < end {
                let c = input[i]
                if c == stop || c == 0x26 || (stop == 0 && (c == 0x3E || Self.isBlank(c))) { break }
                i += 1
            }
            if i > runStart { values.append(contentsOf: UnsafeBufferPointer(start: input + runStart, count: i - runStart)) }
            pos = i
            guard cur == 0x26 else { break }
            valueReferenced = true
            if let bytes = parseReference() {
                values.append(contentsOf: bytes)
            } else if cut == nil {
                cut = values.count
            }
        }
        if let cut { values.removeSubrange(cut...) }
    }

    // MARK: References (htmlParseReference, htmlParseCharRef, htmlParseEntityRef)

    private func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// The character a `&#...;` reference stands for, consumed; 0 for none or an invalid one.
    private mutating func parseCharRef() -> UInt32 {
        var v: UInt32 = 0
        if next(2) == 0x78 || next(2) == 0x58 {
            pos += 3
            while cur != 0x3B {
                let c = cur
                let d: UInt32
                if Self.isDigit(c) { d = UInt32(c - 0x30) }
                else if c >= 0x61 && c <= 0x66 { d = UInt32(c - 0x61 + 10) }
                else if c >= 0x41 && c <= 0x46 { d = UInt32(c - 0x41 + 10) }
                else { break }
                if v < 0x110000 { v = v * 16 + d }
                pos += 1
            }
        } else {
            pos += 2
            while cur != 0x3B {
                let c = cur
                guard Self.isDigit(c) else { break }
                if v < 0x110000 { v = v * 10 + UInt32(c - 0x30) }
                pos += 1
            }
        }
        if cur == 0x3B { pos += 1 }
        return Self.isXMLChar(v) ? v : 0
    }

    /// After `&`: the name read (`nil`: none) and, when it is a known entity closed by `;`, its character.
    private mutating func parseEntityRef() -> (Range<Int>?, UInt32?) {
        pos += 1
        guard let name = parseName() else { return (nil, nil) }
        guard cur == 0x3B else { return (name, nil) }
        guard let k = HTMLEntities.table.index(of: input + name.lowerBound, count: name.count) else { return (name, nil) }
        pos += 1
        return (name, HTMLEntities.values[k])
    }

    /// The reference at `pos` (`&...`), consumed: the bytes libxml2 writes for it (a character, or the `&` and name
    /// of an unknown or unclosed entity); `nil` for an invalid character reference.
    private mutating func parseReference() -> [UInt8]? {
        var out: [UInt8] = []
        if next(1) == 0x23 {
            let c = parseCharRef()
            if c == 0 { return nil }
            appendUTF8(c, to: &out)
        } else {
            let (name, value) = parseEntityRef()
            if let value {
                appendUTF8(value, to: &out)
            } else {
                out.append(0x26)
                if let name { out.append(contentsOf: UnsafeBufferPointer(start: input + name.lowerBound, count: name.count)) }
            }
        }
        return out
    }

    /// `htmlParseReference`: a reference in text.
    private mutating func parseTextReference() {
        guard let bytes = parseReference() else { return }
        checkParagraph()
        bytes.withUnsafeBufferPointer { characters($0.baseAddress!, $0.count) }
    }

    // MARK: Text (htmlParseCharData, htmlParseScript)

    private mutating func parseText() {
        let start = pos
        var i = pos
        var clean = true
        text: while i < end {
            // Eight bytes at a time while none is `<`, `&`, a C0 control or 0xEF (which may start U+FFFE/FFFF).
            while i + 8 <= end {
                let w = word(at: i)
                if ByteWord.hasBelow(w, 0x20) || ByteWord.has(w, 0x3C) || ByteWord.has(w, 0x26) || ByteWord.has(w, 0xEF) { break }
                i += 8
            }
            // Then byte by byte through the word that holds one.
            let stop = min(i + 8, end)
            while i < stop {
                let c = input[i]
                if c == 0x3C || c == 0x26 { break text }
                if (c < 0x20 || c == 0xEF) && !isChar(at: i) { clean = false }
                i += 1
            }
        }
        pos = i
        if clean {
            addText(input + start, i - start)
        } else {
            let filtered = allowedChars(start..<i)
            filtered.withUnsafeBufferPointer { addText($0.baseAddress!, $0.count) }
        }
    }

    private mutating func addText(_ text: UnsafePointer<UInt8>, _ count: Int) {
        if count == 0 {
            if cur == 0 { atEOF = true }
            return
        }
        var blank = true
        for k in 0..<count where !Self.isBlank(text[k]) {
            blank = false
            break
        }
        if count >= Self.textChunk || !(blank && (cur == 0x3C || cur == 0)) { checkParagraph() }
        characters(text, count)
    }

    /// The characters of `range` that XML allows.
    private func allowedChars(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count + 1)
        if !range.contains(where: { !isChar(at: $0) }) {
            out.append(contentsOf: UnsafeBufferPointer(start: input + range.lowerBound, count: range.count))
            return out
        }
        var k = range.lowerBound
        while k < range.upperBound {
            let n = Self.charLength(input[k])
            if isChar(at: k) { out.append(contentsOf: UnsafeBufferPointer(start: input + k, count: n)) }
            k += n
        }
        return out
    }

    private static func cString(_ p: UnsafePointer<UInt8>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)
    }

    /// The content of `<script>` and `<style>`, up to the end tag of the current element.
    private mutating func parseRawText() {
        // Without an open element libxml2 finds no end tag (and drops the text).
        guard let name = current.map({ Self.cString($0.ptr) }) else {
            pos = end
            return
        }
        let length = strlen(name)
        var i = pos
        while true {
            guard i < end, let lt = memchr(input + i, 0x3C, end - i) else {
                i = end
                break
            }
            i = input.distance(to: lt.assumingMemoryBound(to: UInt8.self))
            if i + 1 < end && input[i + 1] == 0x2F && i + 2 + length <= end
                && strncasecmp(name, Self.cString(input + i + 2), length) == 0 {
                break
            }
            i += 1
        }
        var k = dropsRawText && nodes.last != nil && nodes.last == droppedRawText ? i : pos
        while k < i {
            var j = k
            while j < i && isChar(at: j) { j += 1 }
            characters(input + k, j - k, XML_CDATA_SECTION_NODE)
            k = j < i ? j + Self.charLength(input[j]) : j
        }
        pos = i
    }

    // MARK: Comments, processing instructions, DOCTYPE

    private mutating func parseComment() {
        guard atComment else { return }
        let start = pos + 4
        var k = start
        var close = -1, after = 0
        while k + 2 < end {
            if input[k] == 0x2D && input[k + 1] == 0x2D {
                if input[k + 2] == 0x3E { close = k; after = k + 3; break }
                if input[k + 2] == 0x21 && k + 3 < end && input[k + 3] == 0x3E { close = k; after = k + 4; break }
            }
            k += 1
        }
        guard close >= 0 else {
            pos = end
            return
        }
        var content = allowedChars(start..<close)
        content.append(0)
        pos = after
        if let node = content.withUnsafeBufferPointer({ xmlNewDocComment(doc, $0.baseAddress) }) { link(node) }
    }

    private mutating func parsePI() {
        guard atPI else { return }
        pos += 2
        guard let target = parseName() else { return }
        let targetBytes = Array(UnsafeBufferPointer(start: input + target.lowerBound, count: target.count)) + [0]
        if cur == 0x3E {
            pos += 1
            if let node = xmlNewDocPI(doc, targetBytes, nil) { link(node) }
            return
        }
        skipBlanks()
        var data: [UInt8] = []
        while cur != 0 && cur != 0x3E {
            let n = Self.charLength(cur)
            if isChar(at: pos) { data.append(contentsOf: UnsafeBufferPointer(start: input + pos, count: n)) }
            pos += n
        }
        guard cur == 0x3E else { return }
        pos += 1
        data.append(0)
        if let node = xmlNewDocPI(doc, targetBytes, data) { link(node) }
    }

    private mutating func parseDoctype() {
        pos += 9
        skipBlanks()
        let name = parseName().map { Array(UnsafeBufferPointer(start: input + $0.lowerBound, count: $0.count)) + [0] }
        skipBlanks()
        var publicID: [UInt8]?
        var systemID: [UInt8]?
        func keyword(_ word: String) -> Bool {
            for (k, w) in word.utf8.enumerated() where byte(pos + k) & 0xDF != w { return false }
            return true
        }
        if keyword("SYSTEM") {
            pos += 6
            skipBlanks()
            systemID = parseLiteral(pubid: false)
        } else if keyword("PUBLIC") {
            pos += 6
            skipBlanks()
            publicID = parseLiteral(pubid: true)
            skipBlanks()
            if cur == 0x22 || cur == 0x27 { systemID = parseLiteral(pubid: false) }
        }
        skipBlanks()
        if cur != 0x3E {
            while cur != 0 && cur != 0x3E { pos += Self.charLength(cur) }
        }
        if cur == 0x3E { pos += 1 }
        guard doc.pointee.intSubset == nil else { return }
        withOptionalPointer(name) { n in
            withOptionalPointer(publicID) { e in
                withOptionalPointer(systemID) { s in _ = xmlCreateIntSubset(doc, n, e, s) }
            }
        }
    }

    /// `htmlParseSystemLiteral` / `htmlParsePubidLiteral`: the quoted text, or `nil` when a character is not allowed.
    private mutating func parseLiteral(pubid: Bool) -> [UInt8]? {
        let quote = cur
        guard quote == 0x22 || quote == 0x27 else { return nil }
        pos += 1
        let start = pos
        var valid = true
        // libxml2 steps over characters but keeps as many bytes as it counted characters: a non-ASCII one shortens
        // what it keeps (and is no public identifier's).
        var count = 0
        while cur != 0 && cur != quote {
            let c = cur
            if pubid ? !Self.isPubidChar(c) : (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) { valid = false }
            pos += Self.charLength(c)
            count += 1
        }
        guard cur == quote else { return nil }
        defer { pos += 1 }
        return valid ? Array(UnsafeBufferPointer(start: input + start, count: count)) + [0] : nil
    }

    private func withOptionalPointer(_ a: [UInt8]?, _ body: (UnsafePointer<UInt8>?) -> Void) {
        guard let a else { return body(nil) }
        a.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    private static func isPubidChar(_ c: UInt8) -> Bool {
        if isLetter(c) || isDigit(c) { return true }
        return Array(" \r\n-'()+,./:=?;!*#@$_%".utf8).contains(c)
    }
}
