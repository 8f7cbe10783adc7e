import Testing
@testable import Extract

@Suite struct ElementKindTests {
    /// `inlineRole` is the role of the tag an element is rendered as (`i` as `em`), not of its own name: the renderer
    /// opens that tag with it and closes it as phrasing when a block follows.
    static let rows: [(name: String, inlineRole: BodyRenderer.Role)] = [
        ("em", .phrasingOnly), ("i", .phrasingOnly), ("strong", .phrasingOnly), ("b", .phrasingOnly),
        ("code", .phrasingOnly), ("a", .phrasingOnly), ("sub", .phrasingOnly), ("sup", .phrasingOnly),
        ("p", []), ("div", []), ("span", []), ("custom-tag", []),
    ]

    @Test(arguments: rows.indices) func inlineRoleIsTheRenderedTagsRole(_ i: Int) {
        let row = Self.rows[i]
        #expect(ElementKind(row.name).inlineRole == row.inlineRole, "\(row.name)")
        #expect(ElementKind(row.name).inlineRole == BodyRenderer.allowedInline[row.name].flatMap { BodyRenderer.roles[$0] } ?? [])
    }
}
