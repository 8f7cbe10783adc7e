import Foundation
import Testing
@testable import Extract

/// The byte check before the posted-phrase search says "maybe" wherever Foundation finds a phrase in the lowercased
/// text (capitals, accents precomposed or not, U+212A and U+0130 that lowercase to ASCII), and "no" on prose.
@Test func postedPhraseCheckNeverMissesAPhrase() {
    let samples = [
        "This entry was posted on Monday, December 14th, 2015", "THIS ENTRY WAS POSTED ON MONDAY", "This entry was posted on",
        "Cet article a été publié le 3 mai 2021", "CET ARTICLE A ÉTÉ PUBLIÉ LE 3 MAI", "Cet article a e\u{301}te\u{301} publie\u{301} le 3 mai",
        "Este artículo fue publicado el 3 de mayo", "Este arti\u{301}culo fue publicado el 3", "Dieser Arti\u{212A}el wurde am 14. Dezember",
        "D\u{130}eser artikel wurde am 14.", "Questo articolo è stato pubblicato il 3 maggio", "Dit bericht werd geplaatst op 3 mei",
        "“This entry was posted on” — he said", "The company was founded on May 3, 2015, and has grown since.",
        "Die Firma wurde am 14. Dezember gegründet", "“Quoted” prose with curly quotes and no phrase at all.", "",
    ]
    for s in samples {
        let lower = s.lowercased()
        let found = DateFinder.postedPhrases.contains { lower.range(of: $0) != nil }
        if found { #expect(DateFinder.mayHoldPostedPhrase(s), "\(s)") }
    }
    #expect(!DateFinder.mayHoldPostedPhrase("The company was founded on May 3, 2015, and has grown since."))
    #expect(!DateFinder.mayHoldPostedPhrase("“Quoted” prose with curly quotes and no phrase at all."))
}
