import Testing
@Test func CrawlTestsBuilds() { #expect(Bool(true)) }
