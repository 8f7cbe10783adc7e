import Extract
import Foundation

/// What changed between two snapshots of a site: posts added, removed, moved (new URL, same post)
/// and changed, field by field (a moved post whose content also changed is in both `moved` and
/// `changed`, under its new URL). Only content counts: fields outside `Differ.fields` (fetch time,
/// status, boilerplate that never reaches the record) never make a post changed.
public struct SnapshotDiff: Equatable, Sendable {
    public struct Move: Equatable, Sendable { public var from: String; public var to: String }
    public struct FieldChange: Equatable, Sendable { public var old: JSONValue; public var new: JSONValue }
    public struct Change: Equatable, Sendable {
        public var url: String
        /// Field name (`title`, `body`, ...) to its old and new value.
        public var fields: [String: FieldChange]
        /// Unified diff of the body by paragraph ("" when the body did not change).
        public var bodyDiff: String
    }

    public var site: String
    public var old: String
    public var new: String
    public var added: [String]
    public var removed: [String]
    public var moved: [Move]
    public var changed: [Change]
    public var unchanged: Int

    /// True when nothing was added, removed, moved or changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && moved.isEmpty && changed.isEmpty }
}

/// Compares two snapshots. Posts stored as the same object are unchanged without being read, so the
/// cost is proportional to the posts that differ.
public enum Differ {
    /// The fields compared, in report order.
    public static let fields = ["title", "authors", "published", "modified", "body", "related", "tags"]
    /// A renamed post with no shared identifier still counts as moved when its body is identical and has
    /// at least this many words (short bodies, like "Coming soon", are too common to identify a post).
    static let minWordsForBodyMatch = 20

    public static func diff(old: Snapshot, new: Snapshot) throws -> SnapshotDiff {
        let oldEntries = old.entries, newEntries = new.entries
        var removed: [String] = [], added: [String] = [], changed: [SnapshotDiff.Change] = []
        var unchanged = 0
        // Both indexes are sorted by URL: one merge pass.
        var i = 0, j = 0
        while i < oldEntries.count || j < newEntries.count {
            if j == newEntries.count || (i < oldEntries.count && oldEntries[i].url < newEntries[j].url) {
                removed.append(oldEntries[i].url); i += 1
            } else if i == oldEntries.count || newEntries[j].url < oldEntries[i].url {
                added.append(newEntries[j].url); j += 1
            } else {
                let a = oldEntries[i], b = newEntries[j]
                i += 1; j += 1
                if a.object == b.object { unchanged += 1; continue }
                guard let ra = try old.record(url: a.url), let rb = try new.record(url: b.url) else { continue }
                if let change = compare(ra, rb) { changed.append(change) } else { unchanged += 1 }
            }
        }
        let moved = try matchMoves(removed: removed, added: added, old: old, new: new)
        let movedFrom = Set(moved.map(\.from)), movedTo = Set(moved.map(\.to))
        // A moved post can also have been edited: its edits are reported under its new URL.
        for move in moved {
            guard let ra = try old.record(url: move.from), let rb = try new.record(url: move.to),
                  let change = compare(ra, rb) else { continue }
            changed.append(change)
        }
        changed.sort { $0.url < $1.url }
        return SnapshotDiff(site: new.site, old: old.id, new: new.id,
                            added: added.filter { !movedTo.contains($0) },
                            removed: removed.filter { !movedFrom.contains($0) },
                            moved: moved, changed: changed, unchanged: unchanged)
    }

    /// The changed fields of one post, or `nil` when its content is the same.
    static func compare(_ a: PageRecord, _ b: PageRecord) -> SnapshotDiff.Change? {
        var fields: [String: SnapshotDiff.FieldChange] = [:]
        func note(_ name: String, _ same: Bool, _ old: JSONValue, _ new: JSONValue) {
            if !same { fields[name] = .init(old: old, new: new) }
        }
        note("title", a.title == b.title, str(a.title), str(b.title))
        note("authors", a.authors == b.authors, .array(a.authors.map(JSONValue.string)), .array(b.authors.map(JSONValue.string)))
        note("published", sameDate(a.published, b.published), date(a.published), date(b.published))
        note("modified", sameDate(a.modified, b.modified), date(a.modified), date(b.modified))
        note("body", a.body.text == b.body.text, .string(a.body.text), .string(b.body.text))
        note("related", cardKeys(a.related) == cardKeys(b.related), cards(a.related), cards(b.related))
        note("tags", a.tags == b.tags, .array(a.tags.map(JSONValue.string)), .array(b.tags.map(JSONValue.string)))
        guard !fields.isEmpty else { return nil }
        let bodyDiff = fields["body"] == nil ? "" : ParagraphDiff.unified(old: a.body.text, new: b.body.text)
        return .init(url: b.url, fields: fields, bodyDiff: bodyDiff)
    }

    /// Dates compare by the value they resolve to, at the coarser of the two precisions: a relative date
    /// ("2 days ago", then "9 days ago" a week later) that lands on the same day is the same date.
    static func sameDate(_ a: DateField?, _ b: DateField?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a.precision == "day" || b.precision == "day" || a.date.count == 10 || b.date.count == 10 {
            return a.date.prefix(10) == b.date.prefix(10)
        }
        return a.date == b.date
    }

    /// What identifies a related card for the diff: its URL, title and summary (not its image).
    private static func cardKeys(_ r: [RelatedLink]) -> [[String?]] { r.map { [$0.url, $0.title, $0.summary] } }

    private static func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    private static func date(_ d: DateField?) -> JSONValue { d.map { .string($0.date) } ?? .null }
    private static func cards(_ r: [RelatedLink]) -> JSONValue {
        .array(r.map { .object(["title": .string($0.title), "url": .string($0.url), "summary": str($0.summary)]) })
    }

    /// Pairs removed with added URLs that are the same post: the new page was reached through a redirect
    /// from the old URL, or both share an identifier (canonical URL, JSON-LD `@id`, shortlink), or
    /// (last resort) both have the same long body.
    static func matchMoves(removed: [String], added: [String], old: Snapshot, new: Snapshot) throws -> [SnapshotDiff.Move] {
        guard !removed.isEmpty, !added.isEmpty else { return [] }
        var addedRecords: [String: PageRecord] = [:]
        var byIdentifier: [String: String] = [:], byRedirect: [String: String] = [:], byBody: [String: String] = [:]
        for url in added {
            guard let r = try new.record(url: url) else { continue }
            addedRecords[url] = r
            let fetch = new.fetchInfo(url: url)
            for hop in fetch?.redirects ?? [] where byRedirect[hop] == nil { byRedirect[hop] = url }
            for id in identifiers(r, fetch) where byIdentifier[id] == nil { byIdentifier[id] = url }
            if r.body.wordCount >= minWordsForBodyMatch, byBody[r.body.text] == nil { byBody[r.body.text] = url }
        }
        var moves: [SnapshotDiff.Move] = []
        var taken = Set<String>()
        for url in removed {
            guard let r = try old.record(url: url) else { continue }
            var target = byRedirect[url]
            if target == nil {
                target = identifiers(r, old.fetchInfo(url: url)).lazy.compactMap { byIdentifier[$0] }.first { !taken.contains($0) }
            }
            if target == nil, r.body.wordCount >= minWordsForBodyMatch { target = byBody[r.body.text] }
            if let t = target, !taken.contains(t) {
                taken.insert(t)
                moves.append(.init(from: url, to: t))
            }
        }
        return moves.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Names of a post: the fetch identifiers (canonical, JSON-LD `@id`, shortlink) and a canonical URL
    /// that differs from the URL. (A new page whose `@id` is still the old URL matches that way too.)
    private static func identifiers(_ r: PageRecord, _ f: FetchInfo?) -> [String] {
        var ids = f?.identifiers ?? []
        if r.canonicalURL != r.url { ids.append(r.canonicalURL) }
        return ids
    }
}
