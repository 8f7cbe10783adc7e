/// The element tables of libxml2 2.9.14's HTML parser (`HTMLparser.c`), which `HTMLParser` follows: the names
/// it knows, the empty ones, which start tags close which open elements, and how far an end tag may close.
/// Copied from that file's `html40ElementTable`, `htmlStartClose`, `htmlEndPriority` and `HTMLtree.c`'s
/// `htmlBooleanAttrs`; the tree `HTMLParser` builds must stay the one libxml2 builds (`HTMLParserTests`).
enum HTMLElements {
    /// Every element name the tables mention, lowercase. An element's id is its position here (-1: unknown name).
    static let names: [String] = [
        "a", "abbr", "acronym", "address", "applet", "area", "b", "base", "basefont", "bdo", "big", "blockquote",
        "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "dir",
        "div", "dl", "dt", "em", "embed", "fieldset", "font", "form", "frame", "frameset", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "hr", "html", "i", "iframe", "img", "input", "ins", "isindex", "kbd", "label", "legend",
        "li", "link", "map", "menu", "meta", "noframes", "noscript", "object", "ol", "optgroup", "option", "p",
        "param", "pre", "q", "s", "samp", "script", "select", "small", "span", "strike", "strong", "style", "sub",
        "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul", "var",
        "listing", "xmp"
    ]

    static let table = NameTable(names)

    /// libxml2 reads at most this many bytes of a tag or attribute name (`HTML_PARSER_BUFFER_SIZE`).
    static let maxNameBytes = 100

    /// The id of a name from this list (a precondition failure for any other: the names used by the parser's code).
    static func id(_ name: String) -> Int {
        guard let i = table.index(of: name) else { preconditionFailure("HTMLElements: \(name) is not listed") }
        return i
    }

    /// Elements with no content and no end tag (`empty` in `html40ElementTable`).
    static let empty: [Bool] = flags([
        "area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex", "link", "meta", "param"
    ])

    /// The open elements (keys) that a start tag (values) closes first (`htmlStartClose`).
    static let startCloses: [Bool] = {
        let closing: [String: [String]] = [
            "a": ["a", "fieldset", "table", "td", "th"],
            "address": ["dd", "dl", "dt", "form", "li", "ul"],
            "b": ["center", "p", "td", "th"],
            "big": ["p"],
            "caption": ["col", "colgroup", "tbody", "tfoot", "thead", "tr"],
            "col": ["col", "colgroup", "tbody", "tfoot", "thead", "tr"],
            "colgroup": ["colgroup", "tbody", "tfoot", "thead", "tr"],
            "dd": ["dt"],
            "dir": ["dd", "dl", "dt", "form", "ul"],
            "dl": ["form", "li"],
            "dt": ["dd", "dl"],
            "font": ["center", "td", "th"],
            "form": ["form"],
            "h1": ["fieldset", "form", "li", "p", "table"],
            "h2": ["fieldset", "form", "li", "p", "table"],
            "h3": ["fieldset", "form", "li", "p", "table"],
            "h4": ["fieldset", "form", "li", "p", "table"],
            "h5": ["fieldset", "form", "li", "p", "table"],
            "h6": ["fieldset", "form", "li", "p", "table"],
            "head": ["a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "body", "br", "center",
                "cite", "code", "dd", "dfn", "dir", "div", "dl", "dt", "em", "fieldset", "font", "form", "frameset",
                "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "kbd", "li", "listing", "map", "menu",
                "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tt",
                "u", "ul", "var", "xmp"],
            "hr": ["form"],
            "i": ["center", "p", "td", "th"],
            "legend": ["fieldset"],
            "li": ["li"],
            "link": ["body", "frameset"],
            "listing": ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"],
            "menu": ["dd", "dl", "dt", "form", "ul"],
            "ol": ["form", "ul"],
            "option": ["optgroup", "option"],
            "p": ["address", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "dir", "div", "dl",
                "dt", "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "li",
                "listing", "menu", "ol", "p", "pre", "table", "tbody", "td", "tfoot", "th", "title", "tr", "ul", "xmp"],
            "pre": ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"],
            "s": ["p"],
            "script": ["noscript"],
            "small": ["p"],
            "span": ["td", "th"],
            "strike": ["p"],
            "style": ["body", "frameset"],
            "tbody": ["tbody", "tfoot"],
            "td": ["tbody", "td", "tfoot", "th", "tr"],
            "tfoot": ["tbody"],
            "th": ["tbody", "td", "tfoot", "th", "tr"],
            "thead": ["tbody", "tfoot"],
            "title": ["body", "frameset"],
            "tr": ["tbody", "tfoot", "tr"],
            "tt": ["p"],
            "u": ["p", "td", "th"],
            "ul": ["address", "form", "menu", "ol", "pre"],
            "xmp": ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]
        ]
        var m = [Bool](repeating: false, count: names.count * names.count)
        for (old, news) in closing {
            for new in news { m[id(old) * names.count + id(new)] = true }
        }
        return m
    }()

    /// Elements some start tag closes (the keys of `startCloses`).
    static let closable: [Bool] = (0..<names.count).map { old in
        (0..<names.count).contains { startCloses[old * names.count + $0] }
    }

    /// How far an end tag may reach: it closes open elements of lower or equal priority only (`htmlEndPriority`).
    static let endPriority: [Int] = {
        var p = [Int](repeating: 100, count: names.count)
        for (name, priority) in [("div", 150), ("td", 160), ("th", 160), ("tr", 170), ("thead", 180), ("tbody", 180),
                                 ("tfoot", 180), ("table", 190), ("head", 200), ("body", 200), ("html", 220)] {
            p[id(name)] = priority
        }
        return p
    }()

    /// Attributes that get their own name as value when written without one (`htmlBooleanAttrs`).
    static let booleanAttributes = NameTable([
        "checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref", "noresize", "noshade",
        "nowrap", "readonly", "selected",
    ])

    private static func flags(_ set: [String]) -> [Bool] {
        var f = [Bool](repeating: false, count: names.count)
        for n in set { f[id(n)] = true }
        return f
    }
}
