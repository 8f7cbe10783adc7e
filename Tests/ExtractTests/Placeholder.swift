import Testing
@Test func ExtractTestsBuilds() { #expect(Bool(true)) }
