import Foundation
import Testing
@testable import Extract

@Suite struct JSONValueTests {
    /// Foundation's reading of a text, typed: what `JSONValue.parse` must give.
    static func foundation(_ text: String) -> JSONValue? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        return JSONValue(foundation: any)
    }

    /// A value written out with sorted keys, to compare trees.
    static func describe(_ v: JSONValue?) -> String {
        guard let v else { return "nil" }
        switch v {
        case .string(let s): return "s" + String(reflecting: s)
        case .number(let n): return "n(\(n))"
        case .null: return "null"
        case .array(let a): return "[" + a.map { describe($0) }.joined(separator: ",") + "]"
        case .object(let o):
            // A key given twice is one key: its last value.
            let keys = Set(o.members.map(\.key)).sorted()
            return "{" + keys.map { String(reflecting: $0) + ":" + describe(o[$0]) }.joined(separator: ",") + "}"
        }
    }

    static let deep64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    static let deep65 = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    static let deep512 = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    static let deep513 = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)

    /// (name, text, whether the strict reader decides it itself; the others go to Foundation).
    static let rows: [(String, String, Bool)] = [
        ("object", #"{"@type":"BlogPosting","headline":"Hi"}"#, true),
        ("yoast graph", #"{"@context":"https://schema.org","@graph":[{"@type":"Article","@id":"https://x.test/p/#article","author":{"name":"Zoë","@id":"https://x.test/#/schema/person/1"},"wordCount":1234,"isAccessibleForFree":true,"image":{"@id":"https://x.test/#primaryimage"}},{"@type":"ImageObject","width":1200,"height":630,"caption":null}]}"#, true),
        ("duplicate key: the last wins", #"{"a":1,"b":2,"a":3}"#, true),
        ("duplicate key in a large object", "{" + (0..<40).map { #""k\#($0 % 30)":\#($0)"# }.joined(separator: ",") + "}", true),
        ("canonically equal keys are one key", "{\"\u{E9}\":1,\"e\u{301}\":2}", true),
        ("booleans and null", "[true,false,null]", true),
        ("integers", "[0,-0,7,-12,123456789012345678,-123456789012345678]", true),
        ("19 digits", "1234567890123456789", false),
        ("20 digits (UInt64)", "12345678901234567890", false),
        ("23 digits (decimal)", "99999999999999999999999", false),
        ("fractions", "[1.5,1.0,-0.0,0.1]", false),
        ("exponents", "[1e2,1E+2,1e-2]", false),
        ("exponent out of range", "1e400", false),
        ("leading zero", "01", false),
        ("negative leading zero", "-01", false),
        ("bare minus", "-", false),
        ("fraction without digits", "[1.]", false),
        ("number then letter", "[1x]", false),
        ("lone high surrogate", #""\ud800""#, false),
        ("lone low surrogate", #""\udc00x""#, false),
        ("high surrogate then no low", #""\ud800\u0041""#, false),
        ("surrogate pair", #""\ud83d\ude00 \uD83D\uDE00""#, true),
        ("escaped nul", #""a\u0000b""#, false),
        ("raw control character", "\"a\u{01}b\"", false),
        ("raw tab in a string", "\"a\tb\"", false),
        ("raw newline in a string", "\"a\nb\"", false),
        ("escapes", #""\"\\\/\b\f\n\r\t\u00e9\u00E9\u20ac""#, true),
        ("unknown escape", #""\x""#, false),
        ("short unicode escape", #""\u12""#, false),
        ("escaped URL", #"{"url":"https:\/\/x.test\/a\/"}"#, true),
        ("trailing comma in an array", "[1,]", false),
        ("trailing comma in an object", #"{"a":1,}"#, false),
        ("byte-order mark", "\u{FEFF}{}", false),
        ("garbage after the value", "{} x", false),
        ("two values", "{}{}", false),
        ("spaces around", " \t\r\n{ \"a\" : [ 1 , 2 ] }  \n", true),
        ("no-break space between tokens", "[1,\u{A0}2]", false),
        ("empty text", "", false),
        ("only spaces", "  ", false),
        ("fragment: string", #""s""#, true),
        ("fragment: number", "42", true),
        ("fragment: literal", "null", true),
        ("literal cut short", "[tru]", false),
        ("literal run on", "truex", false),
        ("NaN", "NaN", false),
        ("Infinity", "[Infinity]", false),
        ("unterminated object", #"{"a":"#, false),
        ("unterminated array", "[1", false),
        ("unterminated string", #""abc"#, false),
        ("unquoted key", "{a:1}", false),
        ("missing colon", #"{"a" 1}"#, false),
        ("single quotes", "{'a':1}", false),
        ("comment", "/* c */{}", false),
        ("empty containers", #"{"a":{},"b":[],"c":[{}],"":""}"#, true),
        ("non-ASCII text", "[\"Zoë – 日本 😀 \u{2028} \u{FFFE} é\"]", true),
        ("depth 64", deep64, true),
        ("depth 65", deep65, false),
        ("depth 512", deep512, false),
        ("depth 513", deep513, false),
    ]

    @Test(arguments: rows.indices) func readsAsFoundationDoes(_ i: Int) {
        let (name, text, strict) = Self.rows[i]
        let want = Self.describe(Self.foundation(text))
        #expect(Self.describe(JSONValue.parse(text)) == want, "\(name)")
        #expect((JSONValue.strict(text) != nil) == strict, "\(name): strict reader")
        if let v = JSONValue.strict(text) { #expect(Self.describe(v) == want, "\(name): strict reader") }
    }

    /// The finders' reading before the typed tree (`JSONLD.string` over Foundation's `Any`).
    static func anyString(_ v: Any?) -> String? {
        if let s = v as? String { return s }
        if let n = v as? NSNumber { return n.stringValue }
        if let a = v as? [Any] { for x in a { if let s = anyString(x) { return s } } }
        if let o = v as? [String: Any] { return (o["@value"] as? String) ?? (o["name"] as? String) }
        return nil
    }

    @Test func stringReadsAsTheFoundationTreeDid() throws {
        let values = [#""a""#, "7", "-0", "1.5", "1e2", "12345678901234567890", "true", "false", "null", "[]", "[null,2,\"x\"]",
                      "[[],{\"name\":\"n\"}]", #"{"@value":"v","name":"n"}"#, #"{"@value":3,"name":"n"}"#, #"{"name":true}"#,
                      #"{"name":["x"]}"#, "{}"]
        for v in values {
            let text = #"{"k":"# + v + "}"
            let any = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let typed = try #require(JSONValue.parse(text)?.object)
            #expect(JSONLD.string(typed["k"]) == Self.anyString(any["k"]), "\(v)")
            #expect((typed["k"] == nil) == (any["k"] == nil), "\(v)")
            #expect(typed["k"]?.string == any["k"] as? String, "\(v)")
            #expect((typed["k"]?.array == nil) == ((any["k"] as? [Any]) == nil), "\(v)")
            #expect((typed["k"]?.object == nil) == ((any["k"] as? [String: Any]) == nil), "\(v)")
        }
    }

    /// Mutants of JSON-LD texts (bytes cut, doubled, swapped for JSON's own characters): every one reads as
    /// Foundation reads it.
    @Test func mutantsReadAsFoundationDoes() {
        let seeds = ["yoast graph", "escapes", "non-ASCII text"].map { n in Self.rows.first { $0.0 == n }!.1 } + [#"{"a":[1,{"b":null,"c":"\u00e9\n"}],"d":-3}"#]
        let pieces: [[UInt8]] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "0", "-", ".", "e", "t", " ", "\u{1}", "é"]
            .map { Array($0.utf8) }
        var rng = SplitMix(seed: 17)
        var differing: [String] = []
        for n in 0..<6_000 {
            var b = Array(seeds[n % seeds.count].utf8)
            for _ in 0...(n % 3) {
                let at = Int(rng.next() % UInt64(b.count + 1))
                switch rng.next() % 3 {
                case 0: if at < b.count { b.remove(at: at) }
                case 1: b.insert(contentsOf: pieces[Int(rng.next() % UInt64(pieces.count))], at: at)
                default: if at < b.count { b.insert(b[at], at: at) }
                }
            }
            guard let text = String(validating: b, as: UTF8.self) else { continue }
            if Self.describe(JSONValue.parse(text)) != Self.describe(Self.foundation(text)) { differing.append(text) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
    }

    /// A graph that counts the nodes read from it.
    final class Reads { var count = 0 }
    struct CountingGraph: Collection {
        let nodes: [JSONValue.Object]
        let reads: Reads
        var startIndex: Int { nodes.startIndex }
        var endIndex: Int { nodes.endIndex }
        func index(after i: Int) -> Int { i + 1 }
        subscript(i: Int) -> JSONValue.Object { reads.count += 1; return nodes[i] }
    }

    /// An author list of many `@id` references (a hostile page: 1 MB of them took 8 s) reads the graph once,
    /// and a reference resolves to the first node of its `@id`, as `graph.first(where:)` did.
    @Test func organizationReferencesReadTheGraphOnce() throws {
        let filler = String(repeating: #"{"@id":"y"},"#, count: 500)
        let refs = String(repeating: #"{"@id":"x"},"#, count: 2_000)
        let text = #"{"@graph":["# + filler + #"{"@type":"Organization","@id":"x","name":"Org"},"#
            + #"{"@type":"Person","@id":"x","name":"P"},{"@type":"BlogPosting","author":["# + refs + #"{"@id":"x"}]}]}"#
        let objects = JSONLD.objects([try #require(JSONValue.parse(text))])
        let article = try #require(objects.first(where: JSONLD.isArticle))
        let reads = Reads()
        let graph = CountingGraph(nodes: objects, reads: reads)
        #expect(JSONLD.onlyOrganizations(article["author"], graph: graph))
        #expect(reads.count <= objects.count, "\(reads.count) nodes read from a graph of \(objects.count)")
        // The first node of an `@id` is the one a reference names; a person there makes the list not only organizations.
        let personFirst = text.replacingOccurrences(of: #""Organization","@id":"x""#, with: #""Person","@id":"x""#)
        let objects2 = JSONLD.objects([try #require(JSONValue.parse(personFirst))])
        let article2 = try #require(objects2.first(where: JSONLD.isArticle))
        #expect(!JSONLD.onlyOrganizations(article2["author"], graph: objects2))
        #expect(!JSONLD.onlyOrganizations(article["author"], graph: [JSONValue.Object]()))
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// `JSONLD.stripSchema` reads ASCII types by bytes: the same as Foundation's backward searches for "/", then ":".
@Test func stripSchemaIsFoundationsSearch() {
    func foundation(_ t: String) -> String {
        if let r = t.range(of: "/", options: .backwards) { return String(t[r.upperBound...]) }
        if let r = t.range(of: ":", options: .backwards) { return String(t[r.upperBound...]) }
        return t
    }
    for t in ["https://schema.org/blogposting", "http://schema.org/", "schema:article", "article", "", "/", ":", "a:b/c",
              "a/b:c", "schema:/x", "x:", "//", "https://schema.org/NewsArticle\r\n", "x/\u{301}y:article", "sch\u{E9}ma:article"] {
        #expect(JSONLD.stripSchema(t) == foundation(t), "\(t.debugDescription)")
    }
}

/// Rows of `stripSchemaIsFoundationsSearch`, one named case each, with marks on both sides of each other and
/// non-ASCII text before and after them (read by Foundation, not by bytes).
@Test(arguments: ["https://schema.org/blogposting", "http://schema.org/", "schema:article", "article", "", "/", ":",
                  "a:b/c", "a/b:c", "schema:/x", "x:", "//", "::", "a:b:c", "a/b/c:d", "https://schema.org/NewsArticle\r\n",
                  "x/\u{301}y:article", "sch\u{E9}ma:article", "\u{E9}/blog", "blog/\u{E9}", "\u{E9}"])
func stripSchemaRowIsFoundationsSearch(_ t: String) {
    let foundation: String
    if let r = t.range(of: "/", options: .backwards) { foundation = String(t[r.upperBound...]) }
    else if let r = t.range(of: ":", options: .backwards) { foundation = String(t[r.upperBound...]) }
    else { foundation = t }
    #expect(JSONLD.stripSchema(t) == foundation)
}
