// swift-tools-version:6.1
import PackageDescription

// Data flows one way: Fetch -> HTML -> Extract -> Archive (which reads the answers it stored with Fetch's
// content decoding), with Crawl driving the pipeline
// and `lookback` a thin CLI over all of them.
// The extractor's per-node loops mutate arrays held by classes; in release builds the runtime exclusivity
// checks on those accesses cost about 2% of extraction CPU. Debug builds (the tests) keep the checks, and the
// compile-time checks stay on everywhere.
let perNodeLoops: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "lookback",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lookback", targets: ["lookback"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries, each behind its shim. zlib and libdeflate are used by Fetch (decoding answers) and Archive
        // (WARC records); each of the others by exactly one Swift module (brotli: Fetch, decoding `br` answers).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),

        /// HTML/XML documents, XPath, CSS selectors, charset detection (wraps libxml2).
        .target(name: "HTML", dependencies: ["CLibXML2"], swiftSettings: perNodeLoops),
        /// HTTP fetching over the libcurl multi interface.
        .target(name: "Fetch", dependencies: ["CCurl", "CLibDeflate", "CZlib", "CBrotli"]),
        /// Rules + metadata + heuristics + normalization into a page record.
        .target(name: "Extract", dependencies: ["HTML", "CCrypto"], swiftSettings: perNodeLoops),
        /// Snapshots, WARC capture, export and diff.
        .target(name: "Archive", dependencies: ["Fetch", "HTML", "Extract", "CZlib", "CLibDeflate"]),
        /// Frontier, politeness, discovery, resumable state, the crawl pipeline.
        .target(name: "Crawl", dependencies: [
            "Fetch", "HTML", "Extract", "Archive",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // jemalloc replaces glibc's malloc in the binary: extraction allocates many small strings and arrays per
        // page; with glibc malloc, malloc/free/consolidate were about 10% of its CPU, jemalloc takes ~7% off extraction
        // (bench/FINDINGS.md, "extract: where the CPU went").
        .executableTarget(name: "lookback", dependencies: [
            "Extract", "Archive", "Crawl",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.linkedLibrary("jemalloc")]),

        /// Helpers shared by the test targets (temporary folders that a test run removes).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "FlyingFox"], exclude: []),
        .testTarget(name: "ExtractTests", dependencies: ["Extract", "HTML", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Extract", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CrawlTests", dependencies: ["Crawl", "Fetch", "Archive", "Extract", "HTML", "FlyingFox", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["lookback", "Archive", "Extract", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz target (Fuzz/, libFuzzer's entry point): only with LOOKBACK_FUZZ set, as scripts/fuzz.sh builds it, so
// `swift build` and the tests never compile it.
if Context.environment["LOOKBACK_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "lookback-fuzz", dependencies: ["Extract", "HTML"], path: "Fuzz"))
}
