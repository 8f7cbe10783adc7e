import Foundation
import Testing
@testable import Extract

@Suite struct AdLabelTests {
    /// `isAdLabel(text:)` before the needle search in front.
    static func reference(_ text: String) -> Bool {
        let label = Trimming.trim(TextNormalizer.normalize(text).fastLowercased, ascii: FlatTree.isASCIINonLetter,
                                  CharacterSet.letters.inverted)
        return FlatTree.adLabels.contains(label)
    }

    static let rows: [(String, String)] = [
        ("a label", "Advertisement"),
        ("upper case", "ADVERTISEMENT"),
        ("dashes around", "— Advertisement —"),
        ("brackets and spaces", "  [ Ad ]  "),
        ("the longest label", "Article continues below advertisement"),
        ("the longest label, shouted, padded", "- - ARTICLE CONTINUES BELOW ADVERTISEMENT - -"),
        ("a label with a dash inside", "Advertisement - Scroll to continue"),
        ("35 letters", "Article continues below advertisementx"),
        ("34 letters, not a label", "abcdefghijklmnopqrstuvwxyzabcdefgh"),
        ("35 letters, not a label", "abcdefghijklmnopqrstuvwxyzabcdefghi"),
        ("a sentence", "I walked to the harbour this morning and the light was flat and grey."),
        ("decomposed accent", "Publicite\u{301}"),
        ("precomposed accent", "« Publicité »"),
        ("Kelvin sign lowercases to ASCII", "Ad\u{212A}"),
        ("Cyrillic", "Реклама"),
        ("CJK", "【広告】"),
        ("Arabic", "إعلان"),
        ("zero-width inside", "Adver\u{200B}tisement"),
        ("no-break spaces", "\u{A0}Sponsored\u{A0}content\u{A0}"),
        ("digits only", "2024"),
        ("empty", ""),
        ("astral letters around", "\u{1D400}Advertisement\u{1D400}"),
        ("emoji around", "😀 Advertisement 😀"),
        ("a label inside a sentence", "Read the advertisement below"),
        ("long non-ASCII sentence", "Zoë walked to the harbour this morning and the light was flat and grey – again."),
    ]

    @Test(arguments: rows.indices) func answersAsBefore(_ i: Int) {
        let (name, text) = Self.rows[i]
        #expect(FlatTree.isAdLabel(text: text) == Self.reference(text), "\(name)")
    }

    @Test func everyLabelIsOne() {
        for label in FlatTree.adLabels {
            #expect(FlatTree.isAdLabel(text: label), "\(label)")
            #expect(FlatTree.isAdLabel(text: "— " + label.uppercased() + " —"), "\(label)")
        }
    }
}
