import Testing
@testable import Extract

@Suite struct LowercasingTests {
    /// `fastLowercased` must give `lowercased()`'s bytes for every scalar, in runs of neighbours and beside ASCII
    /// (the fast path lowers ASCII itself), and where non-ASCII lowercases to ASCII or to several scalars.
    @Test func equalsLowercasedForEveryScalar() {
        var run = String.UnicodeScalarView()
        var differing: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            run.append(s)
            if run.count == 64 || v == 0x10FFFF {
                let text = "Ab " + String(run) + " ZΣ"
                if Array(text.fastLowercased.utf8) != Array(text.lowercased().utf8) { differing.append(text) }
                run = String.UnicodeScalarView()
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
        for s in ["", "post-content", "Post-Content", "entry_ÉTÉ", "\u{212A}elvin", "İstanbul", "a b\tc", "ΣΑΣ ΟΔΟΣ.",
                  "© 2024 Jane Doe – Last Updated", "ǅ ǈ ǋ", "Straße STRASSE", "ﬃ ﬀ"] {
            #expect(Array(s.fastLowercased.utf8) == Array(s.lowercased().utf8), "\(s)")
        }
    }
}
