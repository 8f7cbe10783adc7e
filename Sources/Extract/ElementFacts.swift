import HTML

/// What the content scorer reads from one element's name and attributes, worked out once per page:
/// `PageMetadata.collect` records every element it walks, and the scorer (up to four attempts per page) reads
/// the record instead of copying the name and attributes again.
struct ElementFacts {
    let tag: Tag
    private(set) var flags: Flags
    /// `class`, lowercased.
    let cls: String

    struct Flags: OptionSet {
        let rawValue: UInt8
        /// In `FlatTree.junk`, except an `<aside>` of footnotes (`noteClasses`, `Attrs.noteRole`).
        static let junk = Flags(rawValue: 1 << 0)
        /// `Attrs.isHidden`, or an ARIA role that is never content (`ClassHints.unlikelyRoles`).
        static let hidden = Flags(rawValue: 1 << 1)
        /// `h2` (the scorer drops a title-like `h1` or `h2`).
        static let h2 = Flags(rawValue: 1 << 2)
        /// `rel` or `itemprop` says `author` (a byline).
        static let authorAttribute = Flags(rawValue: 1 << 3)
        /// `Attrs.isHidden` alone (`FlatTree.isHidden`), without the role.
        static let hiddenByAttributes = Flags(rawValue: 1 << 4)
    }

    /// The class hints and weight the scorer computes from `class` and `id`.
    struct Hints {
        /// `ClassHints.found` of class and of id, together.
        let found: ClassHints.Found
        /// `ClassHints.weight`.
        let weight: Int
    }

    /// Class words of an `<aside>` that holds the post's footnotes (docutils' `aside.footnote-list`): with an ARIA
    /// footnote role, such an aside is text, unlike the sidebars that make `aside` junk.
    static let noteClasses = ["footnote", "endnote"]

    /// `cls` is the `class` value lowercased.
    init(kind: borrowing ElementKind, attrs: borrowing Attrs, cls: String) {
        tag = kind.tag
        var flags: Flags = []
        if kind.isJunk {
            let name = kind.name
            if !(name == "aside" && (attrs.noteRole || ClassHints.containsAny(cls, Self.noteClasses))) { flags.insert(.junk) }
        }
        if attrs.isHidden { flags.insert([.hidden, .hiddenByAttributes]) }
        if attrs.unlikelyRole { flags.insert(.hidden) }
        if kind.metadata == .h2 { flags.insert(.h2) }
        if attrs.relAuthor { flags.insert(.authorAttribute) }
        if let ip = attrs.itemprop, ByteSearch.contains(ip.lowercased(), "author") { flags.insert(.authorAttribute) }
        self.flags = flags
        self.cls = cls
    }

    static func hints(cls: String, id: String) -> Hints {
        let c = ClassHints.found(in: cls), i = ClassHints.found(in: id)
        return Hints(found: c.union(i), weight: ClassHints.weight(cls: cls, clsHints: c, id: id, idHints: i))
    }

    /// The facts of one document's elements, found again through `Node.mark` (the position here, plus one).
    final class Table {
        /// One recorded element: the node by identity (a `Node` would retain the document once per element), its
        /// facts, its `id` lowercased, and its class hints, worked out on first use (most elements are never scored).
        private struct Entry {
            let node: Node.Identity
            var facts: ElementFacts
            let id: String
            var hints: Hints?
        }
        /// One array, one append per element (four arrays were four appends and four growths).
        private var entries: [Entry] = []
        /// Room made before the first element: a page of the 350-page batch records ~230 elements on average, and
        /// growing from empty moved the entries to a new buffer about eight times a page (0.35% of the batch).
        private static let initialCapacity = 256

        init() { entries.reserveCapacity(Self.initialCapacity) }

        /// Records an element (and marks the node). Takes the attributes: their class and id strings move into the
        /// record instead of being copied (a retain and a release each, per element).
        func add(_ n: Node, kind: borrowing ElementKind, attrs: consuming Attrs) {
            let facts = ElementFacts(kind: kind, attrs: attrs, cls: attrs.lowerClass)
            entries.append(Entry(node: n.identity, facts: facts, id: attrs.lowerID))
            n.mark = entries.count
        }

        /// The position of a node recorded here, or `nil` (a mark from elsewhere, or none).
        private func index(_ n: Node) -> Int? {
            let i = n.mark - 1
            return i >= 0 && i < entries.count && entries[i].node == n.identity ? i : nil
        }

        /// Takes a recorded `<aside>` out of the junk: it holds the story's `itemprop=articleBody` (a news CMS that sets
        /// the whole story in an aside panel, rnz.de's `main > aside > section[itemtype=Article]`), so it is no sidebar.
        func keepAside(_ n: Node) {
            if let i = index(n) { entries[i].facts.flags.remove(.junk) }
        }

        /// How many elements are recorded.
        var count: Int { entries.count }

        /// The facts of an element, recorded or worked out now.
        func facts(_ n: Node) -> ElementFacts {
            if let i = index(n) { return entries[i].facts }
            let attrs = Attrs(n)
            return ElementFacts(kind: ElementKind.of(n), attrs: attrs, cls: attrs.lowerClass)
        }

        /// An element's `class` and `id`, lowercased, recorded or read now.
        func classAndID(_ n: Node) -> (cls: String, id: String) {
            if let i = index(n) { return (entries[i].facts.cls, entries[i].id) }
            let attrs = Attrs(n)
            return (attrs.lowerClass, attrs.lowerID)
        }

        /// `FlatTree.isHidden(n)`, recorded or worked out now.
        func isHidden(_ n: Node) -> Bool {
            if let i = index(n) { return entries[i].facts.flags.contains(.hiddenByAttributes) }
            return FlatTree.isHidden(n)
        }

        /// `ClassHints.classAndID(n)`, from the recorded class and id: lowercasing maps each scalar on its own, so
        /// the parts lowered and joined are the joined string lowered (`tableClassAndIDIsClassHints`).
        func joinedClassAndID(_ n: Node) -> String {
            guard let i = index(n) else { return ClassHints.classAndID(n) }
            return entries[i].facts.cls + " " + entries[i].id
        }

        /// The class hints of an element, recorded or worked out now.
        func hints(_ n: Node) -> Hints {
            guard let i = index(n) else {
                let attrs = Attrs(n)
                return ElementFacts.hints(cls: attrs.lowerClass, id: attrs.lowerID)
            }
            if let h = entries[i].hints { return h }
            let h = ElementFacts.hints(cls: entries[i].facts.cls, id: entries[i].id)
            entries[i].hints = h
            return h
        }
    }
}
