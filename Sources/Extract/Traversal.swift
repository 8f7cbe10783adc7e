import Foundation
import HTML

/// Iterative pre-order traversal with enter/leave callbacks, so depth never grows the call stack.
enum Traversal {
    /// `enter` returns whether to descend into the node's children; `leave` runs after the children of
    /// every element that was descended into (including the root).
    static func run(_ root: Node, enter: (Node) -> Bool, leave: (Node) -> Void) {
        var cur: Node? = root
        while let n = cur {
            let descend = enter(n)
            if descend, n.isElement || n == root, let c = n.firstChild { cur = c; continue }
            if descend && n.isElement { leave(n) }
            if n == root { return }
            var m = n
            cur = nil
            while true {
                if let s = m.nextSibling { cur = s; break }
                guard let p = m.parent else { break }
                leave(p)
                if p == root { break }
                m = p
            }
        }
    }
}
