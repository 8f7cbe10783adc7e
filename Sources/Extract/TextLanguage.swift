/// Which of two languages a text is written in, told by their commonest function words: enough to see that a page
/// whose `lang` says German holds an English post (a multilingual blog's untranslated copy), not to name a language.
enum TextLanguage {
    /// Function words of each language told apart (lowercased): frequent in any prose of the language, rare in
    /// another's. Words two languages share are not counted between them (`reads`).
    static let functionWords: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "is", "that", "was", "with", "for", "this", "are", "from", "have", "which",
               "were", "would", "their", "been", "there", "they", "what", "when", "not", "but", "it", "be", "by"],
        "de": ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "den", "auch", "eine", "ein", "dem", "wird",
               "zu", "auf", "für", "sind", "ich", "wir", "aber", "von", "es", "im", "dass", "noch", "nach"],
        "fr": ["le", "la", "les", "et", "des", "est", "une", "dans", "pour", "pas", "qui", "sur", "avec", "sont",
               "nous", "mais", "du", "au", "cette", "être", "il", "elle", "ce", "ou", "que", "un", "aux"],
        "es": ["el", "los", "las", "que", "del", "por", "una", "con", "para", "como", "pero", "más", "está", "son",
               "este", "fue", "muy", "también", "sus", "cuando", "es", "se", "lo", "su", "y", "un", "al"],
        "it": ["il", "che", "della", "per", "una", "sono", "con", "non", "gli", "del", "anche", "più", "questo",
               "nel", "alla", "come", "stato", "essere", "degli", "ma", "di", "è", "si", "lo", "un", "ha", "le"],
        "pt": ["que", "não", "uma", "para", "com", "os", "das", "dos", "por", "mais", "como", "mas", "foi", "ao",
               "ele", "tem", "são", "também", "seu", "está", "em", "um", "se", "na", "no", "do", "da"],
        "nl": ["de", "het", "een", "van", "en", "dat", "niet", "zijn", "voor", "met", "ook", "maar", "wordt", "naar",
               "deze", "bij", "nog", "werd", "geen", "heeft", "is", "op", "te", "ik", "je", "er", "aan"],
    ]

    /// Fewest function words of the language read that make the text that language: a post's worth of prose.
    static let minWords = 20
    /// How many times the other language's function words the language read must count.
    static let dominance = 5
    /// Characters of the text read at most: a post's opening tells its language.
    static let maxScanned = 20_000

    /// The primary subtag of a language tag, lowercased ("de" of "de-AT", "DE_de" or "de"); nil for no tag or an
    /// empty subtag.
    static func primary(_ tag: String?) -> String? {
        guard let tag, let first = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, !first.isEmpty else { return nil }
        return first.lowercased()
    }

    static func knows(_ language: String) -> Bool { functionWords[language] != nil }

    /// Every function word of `functionWords` and how often the text's opening (`maxScanned`) holds it.
    static func counts(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for word in text.prefix(maxScanned).lowercased().split(whereSeparator: { !$0.isLetter }) {
            let w = String(word)
            if allWords.contains(w) { out[w, default: 0] += 1 }
        }
        return out
    }

    private static let allWords = functionWords.values.reduce(into: Set<String>()) { $0.formUnion($1) }

    /// Whether the text whose `counts` these are is written in `language` and not in `other` (primary subtags
    /// `functionWords` knows).
    static func reads(_ counts: [String: Int], as language: String, ratherThan other: String) -> Bool {
        guard language != other, let a = functionWords[language], let b = functionWords[other] else { return false }
        let hits = a.subtracting(b).reduce(0) { $0 + counts[$1, default: 0] }
        let against = b.subtracting(a).reduce(0) { $0 + counts[$1, default: 0] }
        return hits >= minWords && hits >= dominance * max(against, 1)
    }
}
