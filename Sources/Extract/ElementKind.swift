import HTML

/// What Extract's walks know about an element name, found with one `NameTable` lookup per element: the name
/// lists of the scorer, the renderer, the metadata walk and the related-section search, joined in one table.
struct ElementKind: Sendable {
    /// The name, for listed names; empty for any other.
    let name: String
    let tag: Tag
    /// In `FlatTree.junk`.
    let isJunk: Bool
    /// `BodyRenderer.roles`.
    let role: BodyRenderer.Role
    /// `BodyRenderer.allowedInline`.
    let inline: String?
    /// `RelatedFinder.candidateTags`.
    let relatedCandidate: RelatedFinder.CandidateTag?
    let metadata: PageMetadata.Element

    init(_ name: String) {
        self.name = name
        tag = Tag.of(name)
        isJunk = FlatTree.junk.contains(name)
        role = BodyRenderer.roles[name] ?? []
        inline = BodyRenderer.allowedInline[name]
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
