import Synchronization

/// Why a CSS selector could not be translated: the selector, the character offset where parsing stopped
/// (in Unicode scalars from the start) and what was expected there.
public struct CSSSelectorError: Error, CustomStringConvertible, Equatable, Sendable {
    public let selector: String
    public let position: Int
    public let reason: String

    public var description: String { "CSS selector \"\(selector)\" at \(position): \(reason)" }
}

/// CSS selectors (Selectors Level 3 plus `:has()`/`:contains()`) translated to XPath 1.0 for libxml2.
///
/// Supported: type and `*`, `.class`, `#id`, `[attr]`, `[attr=v]`, `~=`, `|=`, `^=`, `$=`, `*=` (with an optional
/// ` i` flag), the descendant, `>`, `+` and `~` combinators, groups (`,`), `:not()`, `:has()`, `:contains()`,
/// `:nth-child()`, `:nth-last-child()`, `:nth-of-type()`, `:nth-last-of-type()`, `:first-child`, `:last-child`,
/// `:only-child`, `:first-of-type`, `:last-of-type`, `:only-of-type`, `:empty`, `:root`.
public enum CSSSelector {
    /// Translates a CSS selector (group allowed) to an XPath expression that, evaluated with any context node
    /// (or the document), selects the matching elements among the context's descendants-or-self, in document order.
    public static func xpath(_ css: String) throws(CSSSelectorError) -> String {
        try compile(css).xpath
    }

    /// Compiles a CSS selector (group allowed) once; see `Selector`.
    public static func compile(_ css: String) throws(CSSSelectorError) -> Selector {
        if let hit = cache.withLock({ $0[css] }) { return hit }
        var parser = Parser(css)
        let (xpath, native) = try parser.parseGroup()
        let result = Selector(xpath: xpath, matcher: native.map { SelectorMatcher(alternatives: $0) })
        cache.withLock { c in
            // Rules files hold a bounded set of selectors; the cap only guards against unbounded callers.
            if c.count >= cacheLimit { c.removeAll(keepingCapacity: true) }
            c[css] = result
        }
        return result
    }

    private static let cacheLimit = 4096
    private static let cache = Mutex<[String: Selector]>([:])
}

// MARK: - Parser

/// A compound selector as XPath: the node test (`div`, `*`) and the predicate conditions.
private struct Compound {
    var element = "*"
    var conditions: [String] = []
    /// The same compound for `SelectorMatcher`; nil once a part it does not cover is seen.
    var native: SelectorMatcher.Compound? = SelectorMatcher.Compound()

    /// `div[c1][c2]`, the step body after an axis.
    var step: String { element + conditions.map { "[\($0)]" }.joined() }
}

private struct Parser {
    let source: String
    let s: [Unicode.Scalar]
    var i = 0
    /// How deep :not()/:has() nest right now; bounded so a hostile selector cannot exhaust the stack.
    var nesting = 0
    static let maxNesting = 16

    init(_ css: String) {
        source = css
        s = Array(css.unicodeScalars)
    }

    func fail(_ reason: String, at pos: Int? = nil) -> CSSSelectorError {
        CSSSelectorError(selector: source, position: pos ?? i, reason: reason)
    }

    var atEnd: Bool { i >= s.count }
    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }

    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = i
        while let c = peek, Self.isSpace(c) { i += 1 }
        return i > start
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c.value >= 0x80 || c == "\\"
    }

    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || (c >= "0" && c <= "9") || c == "-"
    }

    // group := selector (',' selector)*
    mutating func parseGroup() throws(CSSSelectorError) -> (String, [SelectorMatcher.Complex]?) {
        var parts: [String] = []
        var native: [SelectorMatcher.Complex]? = []
        repeat {
            skipSpace()
            if atEnd || peek == "," { throw fail("expected a selector") }
            let (path, complex) = try parseComplex(firstAxis: "descendant-or-self::", stopAt: ",")
            parts.append(path)
            if let complex { native?.append(complex) } else { native = nil }
            skipSpace()
            if peek == "," { i += 1; continue }
            if !atEnd { throw fail("unexpected \"\(s[i])\"") }
            break
        } while true
        return (parts.joined(separator: " | "), native)
    }

    /// selector := compound (combinator compound)*, as a location path starting with `firstAxis`.
    /// Stops (without consuming) at `stopAt` (`,` at top level, `)` inside `:not()`/`:has()`) or at the end.
    mutating func parseComplex(firstAxis: String, stopAt: Unicode.Scalar) throws(CSSSelectorError) -> (String, SelectorMatcher.Complex?) {
        let head = try parseCompound()
        var path = firstAxis + head.step
        var native: SelectorMatcher.Complex? = head.native.map { SelectorMatcher.Complex(compounds: [$0], combinators: []) }
        func append(_ c: Compound, _ combinator: SelectorMatcher.Combinator) {
            guard let n = c.native else { native = nil; return }
            native?.compounds.append(n)
            native?.combinators.append(combinator)
        }
        while true {
            let hadSpace = skipSpace()
            guard let c = peek, c != stopAt else { break }
            if c == ")" || c == "," { break } // the caller reports a misplaced one
            let combinatorPos = i
            switch c {
            case ">", "+", "~":
                i += 1
                skipSpace()
                if atEnd || peek == stopAt || peek == "," || peek == ")" {
                    throw fail("expected a selector after \"\(c)\"", at: combinatorPos)
                }
                let next = try parseCompound()
                switch c {
                case ">": path += "/" + next.step; append(next, .child)
                case "+": path += "/following-sibling::*[1]/self::" + next.step; append(next, .adjacent)
                default: path += "/following-sibling::" + next.step; append(next, .sibling)
                }
            default:
                guard hadSpace else { throw fail("unexpected \"\(c)\"") }
                let next = try parseCompound()
                path += "/descendant::" + next.step
                append(next, .descendant)
            }
        }
        return (path, native)
    }

    mutating func parseCompound() throws(CSSSelectorError) -> Compound {
        var comp = Compound()
        let start = i
        if let c = peek {
            if c == "*" {
                i += 1
                comp.element = "*"
            } else if Self.isNameStart(c) {
                comp.element = try parseIdentifier().lowercased()
                comp.native?.name = Array(comp.element.utf8)
            }
        }
        while let c = peek {
            switch c {
            case "#":
                i += 1
                let id = try parseIdentifier()
                comp.conditions.append("@id=\(literal(id))")
                comp.native?.tests.append(.equals(Array("id".utf8), Array(id.utf8)))
            case ".":
                i += 1
                let cls = try parseIdentifier()
                comp.conditions.append("contains(concat(' ', normalize-space(@class), ' '), \(literal(" " + cls + " ")))")
                add(Self.tokenTest("class", cls), to: &comp)
            case "[":
                let (condition, test) = try parseAttribute()
                comp.conditions.append(condition)
                add(test, to: &comp)
            case ":":
                let (condition, test) = try parsePseudo(element: comp.element)
                comp.conditions.append(condition)
                add(test, to: &comp)
            default:
                if i == start { throw fail("expected a selector, found \"\(c)\"") }
                return comp
            }
        }
        if i == start { throw fail("expected a selector") }
        return comp
    }

    func add(_ test: SelectorMatcher.Test?, to comp: inout Compound) {
        if let test { comp.native?.tests.append(test) } else { comp.native = nil }
    }

    /// The whitespace-token test, when `value` (non-empty, no XML whitespace) makes it equal to the XPath form.
    static func tokenTest(_ name: String, _ value: String) -> SelectorMatcher.Test? {
        let v = Array(value.utf8)
        if v.isEmpty || v.contains(where: SelectorMatcher.isXMLSpace) { return nil }
        return .token(Array(name.utf8), v)
    }

    mutating func parseIdentifier() throws(CSSSelectorError) -> String {
        var out = String.UnicodeScalarView()
        let start = i
        if peek == "-" { out.append("-"); i += 1 }
        while let c = peek, Self.isNameChar(c) {
            if c == "\\" {
                i += 1
                out.append(try parseEscape())
            } else {
                out.append(c)
                i += 1
            }
        }
        if out.isEmpty || (out.count == 1 && out.first == "-" && i - start == 1) { throw fail("expected a name", at: start) }
        return String(out)
    }

    /// After a backslash: a hex escape (up to 6 digits, one optional trailing space) or the escaped character.
    mutating func parseEscape() throws(CSSSelectorError) -> Unicode.Scalar {
        guard let c = peek else { throw fail("unfinished escape") }
        var hex: UInt32 = 0
        var digits = 0
        while digits < 6, let h = peek, let v = Self.hexValue(h) {
            hex = hex * 16 + v
            digits += 1
            i += 1
        }
        if digits > 0 {
            if let sp = peek, Self.isSpace(sp) { i += 1 }
            return Unicode.Scalar(hex) ?? "\u{FFFD}"
        }
        i += 1
        return c
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    mutating func parseString() throws(CSSSelectorError) -> String {
        guard let q = peek, q == "\"" || q == "'" else { throw fail("expected a string") }
        let start = i
        i += 1
        var out = String.UnicodeScalarView()
        while let c = peek {
            i += 1
            if c == q { return String(out) }
            if c == "\\" { out.append(try parseEscape()) } else { out.append(c) }
        }
        throw fail("unterminated string", at: start)
    }

    // '[' name (op value flag?)? ']'
    mutating func parseAttribute() throws(CSSSelectorError) -> (String, SelectorMatcher.Test?) {
        let open = i
        i += 1
        skipSpace()
        let name = try parseIdentifier().lowercased()
        let attr = "@" + name
        skipSpace()
        guard let c = peek else { throw fail("expected \"]\"", at: open) }
        if c == "]" { i += 1; return (attr, .present(Array(name.utf8))) }
        var op = ""
        if c == "=" {
            op = "="
            i += 1
        } else if "~|^$*".unicodeScalars.contains(c), i + 1 < s.count, s[i + 1] == "=" {
            op = String(c) + "="
            i += 2
        } else {
            throw fail("expected an attribute operator or \"]\"")
        }
        skipSpace()
        guard let v = peek else { throw fail("expected a value") }
        let value = (v == "\"" || v == "'") ? try parseString() : try parseIdentifier()
        skipSpace()
        var caseInsensitive = false
        if let f = peek, f == "i" || f == "I" {
            caseInsensitive = true
            i += 1
            skipSpace()
        } else if let f = peek, f == "s" || f == "S" {
            i += 1
            skipSpace()
        }
        guard peek == "]" else { throw fail("expected \"]\"") }
        i += 1
        let subject = caseInsensitive ? lowercase(attr) : attr
        let val = caseInsensitive ? value.lowercased() : value
        let lit = literal(val)
        let n = Array(name.utf8), bytes = Array(val.utf8)
        if caseInsensitive {
            // Natively `=`, `^=` and `*=` with a non-empty ASCII value (translate() lowercases ASCII only; "" matches an
            // absent attribute).
            let ascii = !bytes.isEmpty && val.allSatisfy(\.isASCII)
            let test: SelectorMatcher.Test?
            switch op {
            case "=" where ascii: test = .equalsIgnoringCase(n, bytes)
            case "^=" where ascii: test = .prefixIgnoringCase(n, bytes)
            case "*=" where ascii: test = .substringIgnoringCase(n, bytes)
            default: test = nil
            }
            return (try attributeCondition(op, subject, val, lit), test)
        }
        let test: SelectorMatcher.Test?
        switch op {
        case "=": test = .equals(n, bytes)
        case "~=": test = val.unicodeScalars.contains(where: Self.isSpace) ? .never : (bytes.isEmpty ? .never : Self.tokenTest(name, val))
        case "|=": test = .dashMatch(n, bytes)
        case "^=": test = bytes.isEmpty ? .never : .prefix(n, bytes)
        // string-length() counts characters: the byte suffix is the same only for an ASCII value.
        case "$=": test = bytes.isEmpty ? .never : (val.allSatisfy(\.isASCII) ? .suffix(n, bytes) : nil)
        default: test = bytes.isEmpty ? .never : .substring(n, bytes)
        }
        return (try attributeCondition(op, subject, val, lit), test)
    }

    func attributeCondition(_ op: String, _ subject: String, _ val: String, _ lit: String) throws(CSSSelectorError) -> String {
        switch op {
        case "=": return "\(subject)=\(lit)"
        case "~=":
            // A whitespace-separated token; empty or spaced values never match (Selectors 3).
            if val.isEmpty || val.unicodeScalars.contains(where: Self.isSpace) { return "false()" }
            return "contains(concat(' ', normalize-space(\(subject)), ' '), \(literal(" " + val + " ")))"
        case "|=": return "\(subject)=\(lit) or starts-with(\(subject), \(literal(val + "-")))"
        case "^=": return val.isEmpty ? "false()" : "starts-with(\(subject), \(lit))"
        case "$=":
            if val.isEmpty { return "false()" }
            // XPath 1.0 has no ends-with.
            return "substring(\(subject), string-length(\(subject)) - \(val.utf16.count - 1))=\(lit)"
        default: return val.isEmpty ? "false()" : "contains(\(subject), \(lit))"
        }
    }

    func lowercase(_ expr: String) -> String {
        "translate(\(expr), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    }

    mutating func parsePseudo(element: String) throws(CSSSelectorError) -> (String, SelectorMatcher.Test?) {
        let start = i
        i += 1
        if peek == ":" { throw fail("pseudo-elements select no elements", at: start) }
        let name = try parseIdentifier().lowercased()
        let hasArgs = peek == "("
        if hasArgs {
            i += 1
            skipSpace()
            nesting += 1
            if nesting > Self.maxNesting { throw fail("pseudo-classes nested too deeply", at: start) }
        }
        defer { if hasArgs { nesting -= 1 } }
        func noArgs(_ xp: String) throws(CSSSelectorError) -> String {
            if hasArgs { throw fail(":\(name) takes no argument", at: start) }
            return xp
        }
        func requireArgs() throws(CSSSelectorError) {
            if !hasArgs { throw fail(":\(name) needs an argument in parentheses", at: start) }
        }
        func typeName() throws(CSSSelectorError) -> String {
            // XPath 1.0 cannot compare with the context element's own name.
            if element == "*" { throw fail(":\(name) needs a type selector before it", at: start) }
            return element
        }
        let result: String
        var test: SelectorMatcher.Test?
        switch name {
        case "first-child": result = try noArgs("not(preceding-sibling::*)")
        case "last-child": result = try noArgs("not(following-sibling::*)")
        case "only-child": result = try noArgs("not(preceding-sibling::*) and not(following-sibling::*)")
        case "first-of-type": result = try noArgs("not(preceding-sibling::\(try typeName()))")
        case "last-of-type": result = try noArgs("not(following-sibling::\(try typeName()))")
        case "only-of-type":
            let t = try typeName()
            result = try noArgs("not(preceding-sibling::\(t)) and not(following-sibling::\(t))")
        case "empty": result = try noArgs("not(*) and not(text())")
        case "root": result = try noArgs("not(parent::*)")
        case "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type":
            try requireArgs()
            let (a, b) = try parseNth()
            let axis = name.contains("last") ? "following-sibling" : "preceding-sibling"
            let test = name.hasSuffix("of-type") ? try typeName() : "*"
            result = nthCondition(a: a, b: b, count: "count(\(axis)::\(test))")
        case "not":
            try requireArgs()
            var alternatives: [String] = []
            var native: [SelectorMatcher.Compound]? = []
            repeat {
                skipSpace()
                let c = try parseCompound()
                alternatives.append("self::" + c.step)
                if let n = c.native { native?.append(n) } else { native = nil }
                skipSpace()
                if peek == "," { i += 1; continue }
                break
            } while true
            result = "not(\(alternatives.joined(separator: " or ")))"
            test = native.map { .noneOf($0) }
        case "has":
            try requireArgs()
            var alternatives: [String] = []
            repeat {
                skipSpace()
                var axis = "descendant::"
                switch peek {
                case ">": axis = ""; i += 1
                case "+": axis = "following-sibling::*[1]/self::"; i += 1
                case "~": axis = "following-sibling::"; i += 1
                default: break
                }
                skipSpace()
                alternatives.append(try parseComplex(firstAxis: axis, stopAt: ")").0)
                skipSpace()
                if peek == "," { i += 1; continue }
                break
            } while true
            result = alternatives.joined(separator: " or ")
        case "contains":
            try requireArgs()
            let text = (peek == "\"" || peek == "'") ? try parseString() : try parseIdentifier()
            result = "contains(string(.), \(literal(text)))"
        default:
            throw fail("unsupported pseudo-class :\(name)", at: start)
        }
        if hasArgs {
            skipSpace()
            guard peek == ")" else { throw fail("expected \")\"") }
            i += 1
        }
        return (result, test)
    }

    /// `an+b`, `odd`, `even`, `-n+3`, `5`; whitespace allowed around the sign.
    mutating func parseNth() throws(CSSSelectorError) -> (Int, Int) {
        let start = i
        var text = ""
        while let c = peek, c != ")" {
            if !Self.isSpace(c) { text.unicodeScalars.append(c) }
            i += 1
        }
        let t = text.lowercased()
        if t == "odd" { return (2, 1) }
        if t == "even" { return (2, 0) }
        func int(_ s: Substring) -> Int? { s.isEmpty ? nil : Int(s.hasPrefix("+") ? s.dropFirst() : s) }
        if let n = t.firstIndex(of: "n") {
            let aText = t[t.startIndex..<n]
            let a: Int?
            switch aText {
            case "", "+": a = 1
            case "-": a = -1
            default: a = int(aText)
            }
            let rest = t[t.index(after: n)...]
            let b: Int? = rest.isEmpty ? 0 : ((rest.first == "+" || rest.first == "-") ? int(rest) : nil)
            if let a, let b { return (a, b) }
        } else if let b = int(t[...]) {
            return (0, b)
        }
        throw fail("expected an+b, odd or even", at: start)
    }

    /// `count` is the number of siblings before (or after, for -last-) the element; its index is count+1.
    func nthCondition(a: Int, b: Int, count: String) -> String {
        let index = "(\(count) + 1)"
        if a == 0 { return b >= 1 ? "\(count) = \(b - 1)" : "false()" }
        if a > 0 {
            // index = a*k + b for some k >= 0
            let mod = "(\(index) - \(b)) mod \(a) = 0"
            return b > 1 ? "\(index) >= \(b) and \(mod)" : mod
        }
        // a < 0: index = b - |a|*k for k >= 0
        return "\(index) <= \(b) and (\(b) - \(index)) mod \(-a) = 0"
    }
}

/// An XPath 1.0 string literal for any text (XPath has no escapes, so mixed quotes need concat()).
private func literal(_ s: String) -> String {
    if !s.contains("'") { return "'\(s)'" }
    if !s.contains("\"") { return "\"\(s)\"" }
    let parts = s.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
    return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
}
