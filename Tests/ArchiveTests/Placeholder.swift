import Testing
@Test func ArchiveTestsBuilds() { #expect(Bool(true)) }
