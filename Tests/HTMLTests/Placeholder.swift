import Testing
@Test func HTMLTestsBuilds() { #expect(Bool(true)) }
