import Foundation
import Testing
@testable import Extract

struct MetaTagCase: CustomTestStringConvertible, Sendable {
    let name: String
    let values: [String]
    let tags: [String]
    var testDescription: String { name }
}

@Test(arguments: [
    MetaTagCase(name: "one property per tag", values: ["performance", "cli"], tags: ["performance", "cli"]),
    MetaTagCase(name: "one property listing them with commas (Docusaurus)", values: ["performance,cli"], tags: ["performance", "cli"]),
    MetaTagCase(name: "commas and spaces", values: ["Rust, WebAssembly ,  tooling"], tags: ["Rust", "WebAssembly", "tooling"]),
    MetaTagCase(name: "a comma inside one of several tags stays", values: ["Law, Politics", "Europe"], tags: ["Law, Politics", "Europe"]),
    MetaTagCase(name: "one tag without a comma", values: ["notes"], tags: ["notes"]),
    MetaTagCase(name: "empty parts dropped", values: ["a,,b,"], tags: ["a", "b"]),
])
func readsArticleTagValues(_ c: MetaTagCase) {
    #expect(TagFinder.dedupe(TagFinder.splitJoined(c.values)) == c.tags)
}
