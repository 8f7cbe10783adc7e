import CLibXML2
import Glibc

/// Drops the text of `<script>` and `<style>` elements from a page before libxml2 parses it: about half of a typical
/// page's bytes, which libxml2 would read character by character into text nodes that nothing reads.
///
/// The bytes are tokenized the way libxml2 2.9's HTML parser does in recovery mode (read from 2.9.14's source:
/// comments end at `-->` or `--!>`; start tags with quoted, unquoted and bogus attributes; DOCTYPE literals; `<?`
/// processing instructions; a script ends at the first `</script`, any case). Anything this model does not cover
/// exactly (a NUL byte, a tag or attribute name of 100 bytes or more, an end tag like `</scriptx`, element text that
/// starts with a tag, ...) stops the removal there: the rest of the page is kept as is. So the tree libxml2 builds
/// is the one it builds from the original bytes, minus the text nodes of the emptied elements. Later libxml2 versions
/// tokenize differently (2.14 follows HTML5), hence `modelsLoadedLibxml2`.
enum RawTextStripper {
    /// Whether the libxml2 loaded at run time is one this model describes (2.9.x).
    static let modelsLoadedLibxml2: Bool = {
        let v = lb_libxml_runtime_version()
        return v >= 20900 && v < 21000
    }()

    /// Scripts whose `type` contains this (any case) keep their text: JSON-LD and other JSON data are read.
    static let keptScriptType: [UInt8] = Array("json".utf8)

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let bang = UInt8(ascii: "!"), dash = UInt8(ascii: "-"), question = UInt8(ascii: "?")
    private static let dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'"), equals = UInt8(ascii: "=")
    private static let amp = UInt8(ascii: "&")

    /// The page without the text of its `<style>` elements and of its `<script>` elements other than JSON ones;
    /// `nil` when nothing was removed. `page` must be the bytes libxml2 will parse as UTF-8.
    static func stripped(_ page: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = page.baseAddress, page.count > 0, memchr(base, 0, page.count) == nil else { return nil }
        var scanner = Scanner(b: page)
        return scanner.run()
    }

    /// One pass over the page; `out` is started at the first removal.
    private struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        /// Bytes before this have been copied to `out` (or removed).
        var copied = 0
        var removed = false

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        /// The byte at `i`, or 0 past the end (where libxml2 sees its terminating NUL).
        @inline(__always) func at(_ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

        mutating func run() -> [UInt8]? {
            let n = b.count
            var i = 0
            scan: while i < n {
                guard let hit = memchr(b.baseAddress! + i, Int32(lt), n - i) else { break }
                i = b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let c1 = at(i + 1)
                if c1 == RawTextStripper.slash {
                    i = endTag(i)
                } else if Self.isLetter(c1) {
                    guard let next = startTag(i) else { break scan }
                    i = next
                } else if c1 == RawTextStripper.bang {
                    if at(i + 2) == RawTextStripper.dash && at(i + 3) == RawTextStripper.dash {
                        guard let end = commentEnd(from: i + 4) else { break scan }
                        i = end
                    } else if isDoctype(i) {
                        guard let end = doctypeEnd(i) else { break scan }
                        i = end
                        // After a DOCTYPE met in the body, libxml2 reads an immediate "</" as text.
                        if at(i) == RawTextStripper.lt && at(i + 1) == RawTextStripper.slash { break scan }
                    } else {
                        i += 1
                    }
                } else if c1 == RawTextStripper.question {
                    guard let next = processingInstruction(i) else { break scan }
                    i = next
                } else {
                    i += 1
                }
            }
            guard removed else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied...]))
            return out
        }

        /// After `</name ...>` (libxml2 skips to the next '>'), or after `</` when no name follows (dropped, the
        /// rest is text).
        func endTag(_ i: Int) -> Int {
            let nameEnd = nameRun(from: i + 2)
            if nameEnd == i + 2 || !Self.startsName(b[i + 2]) { return i + 2 }
            var j = nameEnd
            if at(j) != RawTextStripper.gt {
                j = find(RawTextStripper.gt, from: j) ?? b.count
            }
            return min(j + 1, b.count)
        }

        /// Reads the start tag at `i` (a letter follows '<'); empties a script or style element that follows.
        /// Returns where tokenizing goes on, `nil` to stop removing.
        mutating func startTag(_ i: Int) -> Int? {
            let nameStart = i + 1
            let nameEnd = nameRun(from: nameStart)
            if nameEnd - nameStart >= HTMLElements.maxNameBytes { return nil }
            let kind = RawKind(b, nameStart, nameEnd)
            var keep = false
            var sawType = false
            var j = skipBlanks(nameEnd)
            while j < b.count {
                let c = b[j]
                if c == RawTextStripper.gt || (c == RawTextStripper.slash && at(j + 1) == RawTextStripper.gt) { break }
                if Self.startsName(c) {
                    let attrEnd = nameRun(from: j)
                    if attrEnd - j >= HTMLElements.maxNameBytes { return nil }
                    let isType = attrEnd - j == 4 && Self.lowerEquals(b, j, "type")
                    j = skipBlanks(attrEnd)
                    var value = j..<j
                    if at(j) == RawTextStripper.equals {
                        j = skipBlanks(j + 1)
                        let q = at(j)
                        if q == RawTextStripper.dquote || q == RawTextStripper.squote {
                            let close = find(q, from: j + 1) ?? b.count
                            value = (j + 1)..<close
                            j = min(close + 1, b.count)
                        } else {
                            var k = j
                            while k < b.count, b[k] != RawTextStripper.gt, !Self.isBlank(b[k]) { k += 1 }
                            value = j..<k
                            j = k
                        }
                    }
                    // libxml2 keeps the first of repeated attributes.
                    if isType && !sawType {
                        sawType = true
                        keep = find(RawTextStripper.amp, from: value.lowerBound, before: value.upperBound) != nil
                            || containsLowercased(value, RawTextStripper.keptScriptType)
                    }
                } else {
                    // A bogus attribute: libxml2 drops it up to a blank or the end of the tag.
                    while j < b.count, !Self.isBlank(b[j]), b[j] != RawTextStripper.gt,
                          !(b[j] == RawTextStripper.slash && at(j + 1) == RawTextStripper.gt) { j += 1 }
                }
                j = skipBlanks(j)
            }
            guard j < b.count else { return b.count }
            if b[j] == RawTextStripper.slash { return j + 2 }
            let textStart = j + 1
            guard kind != .other else { return textStart }
            let name = kind == .script ? Self.script : Self.style
            // The text ends at the first "</name", any case, whatever follows.
            var end = b.count
            var k = textStart
            while k < b.count, let hit = memchr(b.baseAddress! + k, Int32(RawTextStripper.lt), b.count - k) {
                let p = b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at(p + 1) == RawTextStripper.slash && lowerEquals(p + 2, name) { end = p; break }
                k = p + 1
            }
            // libxml2 reads "</scriptx>" as another (ignored) end tag and goes on with the text; and text starting
            // with a tag may close the element first.
            if end < b.count && Self.isNameByte(at(end + 2 + name.count)) { return nil }
            if end > textStart && b[textStart] == RawTextStripper.lt {
                let c = at(textStart + 1)
                if c == RawTextStripper.slash || Self.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") {
                    return nil
                }
            }
            if end > textStart && !(kind == .script && keep) {
                if !removed {
                    out.reserveCapacity(b.count)
                    removed = true
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<textStart]))
                copied = end
            }
            return end
        }

        /// After the comment whose text starts at `start` (libxml2 reads two characters, then looks for "-->" or
        /// "--!>" from the first of them); `nil` when it runs to the end.
        func commentEnd(from start: Int) -> Int? {
            guard start + 2 <= b.count else { return nil }
            var k = start
            while let hit = find(RawTextStripper.dash, from: k) {
                if at(hit + 1) == RawTextStripper.dash {
                    if at(hit + 2) == RawTextStripper.gt { return hit + 3 }
                    if at(hit + 2) == RawTextStripper.bang && at(hit + 3) == RawTextStripper.gt { return hit + 4 }
                }
                k = hit + 1
            }
            return nil
        }

        func isDoctype(_ i: Int) -> Bool {
            i + 9 <= b.count && lowerEquals(i + 2, Self.doctype)
        }

        /// After the DOCTYPE at `i`: libxml2 reads a name, `SYSTEM "uri"` or `PUBLIC "id" "uri"` (a quoted '>' does not
        /// end it), then skips to the next '>'. `nil` for a name libxml2 reads with its Unicode rules.
        func doctypeEnd(_ i: Int) -> Int? {
            var j = skipBlanks(i + 9)
            let c = at(j)
            if c >= 0x80 { return nil }
            if Self.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") {
                j = nameRun(from: j)
                if at(j) >= 0x80 { return nil }
            }
            j = skipBlanks(j)
            if lowerEquals(j, Self.system) {
                j = literalEnd(skipBlanks(j + 6))
            } else if lowerEquals(j, Self.public) {
                j = skipBlanks(literalEnd(skipBlanks(j + 6)))
                j = literalEnd(j)
            }
            j = skipBlanks(j)
            if at(j) != RawTextStripper.gt { j = find(RawTextStripper.gt, from: j) ?? b.count }
            return min(j + 1, b.count)
        }

        /// After a quoted literal starting at `j` (to the same quote or the end), or `j` when no quote is there.
        func literalEnd(_ j: Int) -> Int {
            let q = at(j)
            guard q == RawTextStripper.dquote || q == RawTextStripper.squote else { return j }
            return find(q, from: j + 1).map { $0 + 1 } ?? b.count
        }

        /// After `<?target ...>`, or after `<?` when no ASCII name follows (libxml2 drops those two bytes);
        /// `nil` when the target is not plain ASCII (libxml2's Unicode name rules are not modelled).
        func processingInstruction(_ i: Int) -> Int? {
            let c = at(i + 2)
            if c >= 0x80 { return nil }
            guard Self.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return i + 2 }
            let nameEnd = nameRun(from: i + 2)
            if at(nameEnd) >= 0x80 { return nil }
            guard let close = find(RawTextStripper.gt, from: nameEnd) else { return b.count }
            return close + 1
        }

        func find(_ byte: UInt8, from: Int, before limit: Int? = nil) -> Int? {
            let end = limit ?? b.count
            guard from < end, let hit = memchr(b.baseAddress! + from, Int32(byte), end - from) else { return nil }
            return b.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        func nameRun(from start: Int) -> Int {
            var j = start
            while j < b.count, Self.isNameByte(b[j]) { j += 1 }
            return j
        }

        func skipBlanks(_ start: Int) -> Int {
            var j = start
            while j < b.count, Self.isBlank(b[j]) { j += 1 }
            return j
        }

        /// Whether the bytes at `i` are `word` (lowercase ASCII) in any case.
        func lowerEquals(_ i: Int, _ word: [UInt8]) -> Bool {
            guard i + word.count <= b.count else { return false }
            for (k, w) in word.enumerated() where b[i + k] | 0x20 != w { return false }
            return true
        }

        func containsLowercased(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
            guard range.count >= word.count else { return false }
            for i in range.lowerBound...(range.upperBound - word.count) where lowerEquals(i, word) { return true }
            return false
        }

        static func lowerEquals(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ word: StaticString) -> Bool {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard i + w.count <= b.count else { return false }
            for k in 0..<w.count where b[i + k] | 0x20 != w[k] { return false }
            return true
        }

        static let script = Array("script".utf8), style = Array("style".utf8), doctype = Array("doctype".utf8)
        static let system = Array("system".utf8), `public` = Array("public".utf8)

        @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        /// libxml2's HTML name characters (`htmlParseHTMLName`).
        @inline(__always) static func isNameByte(_ c: UInt8) -> Bool {
            isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2D || c == 0x5F || c == 0x2E
        }
        /// What may start a name for `htmlParseHTMLName`.
        @inline(__always) static func startsName(_ c: UInt8) -> Bool {
            isLetter(c) || c == 0x5F || c == 0x3A || c == 0x2E
        }
        /// libxml2's `IS_BLANK_CH`.
        @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    }

    private enum RawKind {
        case script, style, other

        init(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            if end - start == 6 && Scanner.lowerEquals(b, start, "script") { self = .script }
            else if end - start == 5 && Scanner.lowerEquals(b, start, "style") { self = .style }
            else { self = .other }
        }
    }
}
