import HTML

/// What Extract's walks know about an element name, found with one `NameTable` lookup per element: the name
/// lists of the scorer, the renderer, the metadata walk and the related-section search, joined in one table.
struct ElementKind: Sendable {
    /// The name, for listed names; empty for any other. A kind keeps its names as places in `names`, not as
    /// `String`s: walks copy the kind of every element, and a copy retained and released each string.
    var name: String { nameIndex < 0 ? "" : Self.names[nameIndex] }
    let tag: Tag
    /// In `FlatTree.junk`.
    let isJunk: Bool
    /// `BodyRenderer.roles`.
    let role: BodyRenderer.Role
    /// `BodyRenderer.allowedInline`.
    var inline: String? { inlineIndex < 0 ? nil : Self.names[inlineIndex] }
    /// `BodyRenderer.roles` of `inline` (empty when none).
    let inlineRole: BodyRenderer.Role
    /// `RelatedFinder.candidateTags`.
    let relatedCandidate: RelatedFinder.CandidateTag?
    let metadata: PageMetadata.Element
    /// Places in `names`, -1 for none.
    private let nameIndex: Int, inlineIndex: Int

    init(_ name: String) {
        nameIndex = Self.table.index(of: name) ?? -1
        tag = Tag.of(name)
        isJunk = FlatTree.junk.contains(name)
        role = BodyRenderer.roles[name] ?? []
        // Every tag an inline element is rendered as is an allowed inline name itself, so listed.
        inlineIndex = BodyRenderer.allowedInline[name].map { Self.table.index(of: $0)! } ?? -1
        inlineRole = BodyRenderer.allowedInline[name].flatMap { BodyRenderer.roles[$0] } ?? []
        relatedCandidate = RelatedFinder.candidateTags[name]
        metadata = PageMetadata.Element(name)
    }

    /// Every name that is in one of the lists.
    private static let names: [String] = {
        var all = Set(Tag.byName.keys).union(FlatTree.junk).union(BodyRenderer.roles.keys)
            .union(BodyRenderer.allowedInline.keys).union(RelatedFinder.candidateTags.keys)
        all.formUnion(PageMetadata.Element.names)
        return all.sorted()
    }()
    private static let table = NameTable(names)
    private static let kinds = names.map(ElementKind.init)
    private static let unlisted = ElementKind("")

    /// The kind of an element's name (of a name in no list, for other nodes).
    static func of(_ n: Node) -> ElementKind {
        if let i = table.index(of: n) { return kinds[i] }
        return unlisted
    }
}
