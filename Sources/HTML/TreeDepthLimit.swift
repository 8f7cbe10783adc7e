import CLibXML2

/// How deep a parsed HTML page nests: below an element this deep the tree is flat. Unclosed tags repeated through
/// a page (`<font>`, `<h1>`, `<table><tr><td>` a thousand times) nest every later element one level deeper, and every
/// step that reads an element's text or descendants (headings, dates, authors, boilerplate) then costs the
/// depth times the page: 100,000 unclosed `<h1>` took over a minute and 1.3 GB, 100,000 `<div>` 18 s.
enum TreeDepthLimit {
    /// Chromium's HTML parser stops nesting at this depth (`kMaximumHTMLParserDOMTreeDepth`); the deepest of 1,892
    /// corpus pages is 36.
    static let maxDepth = 512

    /// Makes every node below an element at `maxDepth` (the root element is at 1) a child of that element, in
    /// document order (an element without element children keeps its text): the text and the elements stay, in
    /// order, but no deeper. Returns whether the tree changed.
    static func apply(to doc: xmlDocPtr) -> Bool {
        let docNode = xmlNodePtr(OpaquePointer(doc))
        var changed = false
        var node = doc.pointee.children
        var depth = 1
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE, let first = n.pointee.children {
                if depth < maxDepth {
                    node = first
                    depth += 1
                    continue
                }
                if flatten(n) { changed = true }
            }
            // The next node in document order outside `n`'s subtree.
            var up = n
            node = nil
            while true {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                guard let parent = up.pointee.parent, parent != docNode else { break }
                up = parent
                depth -= 1
            }
        }
        return changed
    }

    /// Makes all of `top`'s descendants its children, but for the children of elements that have no element
    /// children (their text stays theirs: a script's JSON, a title's words); whether any was deeper.
    private static func flatten(_ top: xmlNodePtr) -> Bool {
        var all: [(node: xmlNodePtr, opened: Bool)] = []
        var cur = top.pointee.children
        while let c = cur {
            if c.pointee.type == XML_ELEMENT_NODE, let child = c.pointee.children, hasElementChild(c) {
                all.append((c, true))
                cur = child
                continue
            }
            all.append((c, false))
            var up = c
            cur = nil
            while up != top {
                if let next = up.pointee.next {
                    cur = next
                    break
                }
                up = up.pointee.parent!
            }
        }
        guard all.contains(where: \.opened) else { return false }
        var previous: xmlNodePtr?
        for (c, opened) in all {
            c.pointee.parent = top
            c.pointee.prev = previous
            c.pointee.next = nil
            if opened {
                c.pointee.children = nil
                c.pointee.last = nil
            }
            if let previous { previous.pointee.next = c } else { top.pointee.children = c }
            previous = c
        }
        top.pointee.last = previous
        return true
    }

    private static func hasElementChild(_ n: xmlNodePtr) -> Bool {
        var c = n.pointee.children
        while let x = c {
            if x.pointee.type == XML_ELEMENT_NODE { return true }
            c = x.pointee.next
        }
        return false
    }
}
