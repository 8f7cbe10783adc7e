import Foundation
import HTML

/// Subtree membership by climbing parents.
enum Exclusion {
    /// Whether a node lies in a comment thread (an ancestor's class or id mentions "comment"). Not `<body>` or
    /// `<html>`: their classes describe the page (WordPress's Twenty Twenty marks every post `showing-comments`).
    static func inComments(_ n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000, !c.hasName("body"), !c.hasName("html") {
            if isCommentThread(ClassHints.classAndID(c)) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }

    /// `inComments` for many nodes of a page: each ancestor's class and id read once, `known` keeping for each
    /// element climbed whether it or an ancestor below `<body>` is a comment thread (climbing from each of
    /// thousands of nested `<time>`s was nodes x depth, FINDINGS 73).
    static func inComments(_ n: Node, known: inout [Node: Bool]) -> Bool {
        var path: [Node] = []
        var answer = false
        var cur = n.parent
        while let c = cur, path.count < 10_000, !c.hasName("body"), !c.hasName("html") {
            if let k = known[c] { answer = k; break }
            path.append(c)
            if isCommentThread(ClassHints.classAndID(c)) { answer = true; break }
            cur = c.parent
        }
        for p in path { known[p] = answer }
        return answer
    }

    /// Whether a class-and-id string names a comment thread (not a link to it or its count).
    private static func isCommentThread(_ s: String) -> Bool {
        ByteSearch.contains(s, "comment") && !ByteSearch.contains(s, "comments-link") && !ByteSearch.contains(s, "comment-count")
    }

    /// Whether `a` is a proper ancestor of `n`.
    static func isAncestor(_ a: Node, of n: Node) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000 { if c == a { return true }; cur = c.parent; depth += 1 }
        return false
    }

    /// Whether a proper ancestor of `n` is a `name` element.
    static func hasAncestor(_ n: Node, named name: String) -> Bool {
        var cur = n.parent
        var depth = 0
        while let c = cur, depth < 10_000 { if c.name == name { return true }; cur = c.parent; depth += 1 }
        return false
    }

    static func isInside(_ n: Node, _ set: Set<Node>) -> Bool {
        if set.isEmpty { return false }
        var cur: Node? = n
        var depth = 0
        while let c = cur, depth < 10_000 {
            if set.contains(c) { return true }
            cur = c.parent; depth += 1
        }
        return false
    }
}
