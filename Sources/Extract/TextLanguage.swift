/// Which of two languages a text is written in, told by their commonest function words or by their script: enough to
/// see that a page whose `lang` says German (or Russian, or Japanese) holds an English post (a multilingual blog's
/// untranslated copy), not to name a language.
enum TextLanguage {
    /// Function words of each language of the Latin script told apart (lowercased): frequent in any prose of the
    /// language, rare in another's. Words two languages share are not counted between them (`reads`). Words that are
    /// also English words of their own ("a", "i") are left out of the other languages, every English post holding them;
    /// "to", as frequent in Czech and Polish as in English, is listed in all three and so counts for none of them.
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
        "sv": ["och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte",
               "om", "ett", "var", "jag", "men", "så", "vi", "kan", "när", "från", "eller", "också"],
        "da": ["og", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "de", "ikke",
               "om", "et", "var", "jeg", "men", "så", "vi", "kan", "når", "fra", "eller", "også"],
        "nb": ["og", "å", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "de", "ikke",
               "om", "et", "var", "jeg", "men", "så", "vi", "kan", "når", "fra", "eller", "også"],
        "pl": ["w", "nie", "się", "na", "to", "że", "z", "do", "jest", "jak", "ale", "co", "tak", "po", "od", "za",
               "czy", "tym", "dla", "jego", "przez", "już", "być", "które", "jej", "był", "tylko"],
        "cs": ["v", "se", "na", "to", "je", "že", "s", "z", "do", "jako", "ale", "pro", "by", "jsem", "jsou", "jeho",
               "k", "po", "tak", "už", "které", "když", "byl", "není", "od", "také", "jen"],
        "tr": ["ve", "bir", "bu", "da", "de", "için", "ile", "çok", "ne", "gibi", "daha", "olan", "kadar", "ama",
               "sonra", "her", "ben", "var", "değil", "mi", "olarak", "şey", "diye", "ki", "biz", "çünkü", "ya"],
        "fi": ["ja", "on", "ei", "se", "että", "oli", "ovat", "kun", "mutta", "niin", "myös", "hän", "tai", "jos",
               "kuin", "ole", "sen", "joka", "tämä", "vain", "ollut", "mitä", "siitä", "nyt", "jo", "minä", "he"],
        "id": ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada", "juga",
               "ke", "ada", "karena", "saya", "kami", "bisa", "oleh", "sudah", "mereka", "tetapi", "atau", "lebih",
               "telah", "seperti"],
        "ro": ["și", "în", "de", "la", "cu", "pe", "care", "nu", "este", "mai", "din", "un", "o", "ce", "pentru",
               "sunt", "se", "ca", "fost", "sau", "dar", "lui", "au", "al", "acest", "foarte", "către"],
        "hu": ["az", "és", "hogy", "nem", "egy", "meg", "van", "volt", "de", "csak", "már", "mint", "még", "ez",
               "azt", "ki", "el", "vagy", "amit", "mert", "sem", "lesz", "fel", "így", "után", "nagyon", "minden"],
    ]

    /// Other primary subtags of a language `functionWords` lists ("no" and "nn" for Norwegian, "in" for Indonesian).
    static let aliases: [String: String] = ["no": "nb", "nn": "nb", "in": "id"]

    /// A script of its own and the languages written in it: a text is in one of them when it holds words of that
    /// script (`scriptOf`), and in none of them when it holds hardly any. Languages of one script are not told apart.
    enum Script: CaseIterable {
        case cyrillic, greek, hebrew, arabic, devanagari, thai, hangul, cjk

        var languages: Set<String> {
            switch self {
            case .cyrillic: ["ru", "uk", "bg", "be", "mk", "kk", "ky", "mn", "tg"]
            case .greek: ["el"]
            case .hebrew: ["he", "iw", "yi"]
            case .arabic: ["ar", "fa", "ur", "ps", "ckb"]
            case .devanagari: ["hi", "mr", "ne"]
            case .thai: ["th"]
            case .hangul: ["ko"]
            case .cjk: ["ja", "zh", "yue"]
            }
        }

        /// Whether a letter belongs to the script (by its Unicode block).
        func contains(_ v: UInt32) -> Bool {
            switch self {
            case .cyrillic: (0x0400...0x052F).contains(v)
            case .greek: (0x0370...0x03FF).contains(v) || (0x1F00...0x1FFF).contains(v)
            case .hebrew: (0x0590...0x05FF).contains(v)
            case .arabic: (0x0600...0x06FF).contains(v) || (0x0750...0x077F).contains(v)
            case .devanagari: (0x0900...0x097F).contains(v)
            case .thai: (0x0E00...0x0E7F).contains(v)
            case .hangul: (0xAC00...0xD7AF).contains(v) || (0x1100...0x11FF).contains(v) || (0x3130...0x318F).contains(v)
            case .cjk: (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            }
        }
    }

    /// The script a language of `Script` is written in; nil for the Latin-script languages.
    static func script(of language: String) -> Script? { Script.allCases.first { $0.languages.contains(language) } }

    /// The script a word's first letter is in; nil for Latin and other scripts `Script` does not list.
    static func scriptOf(_ word: Substring) -> Script? {
        guard let v = word.unicodeScalars.first?.value, v >= 0x0370 else { return nil }
        return Script.allCases.first { $0.contains(v) }
    }

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

    /// Whether `reads` can tell the language (a primary subtag) from others.
    static func knows(_ language: String) -> Bool { words(of: language) != nil || script(of: language) != nil }

    /// The function words of a language, under its own subtag or an alias.
    static func words(of language: String) -> Set<String>? { functionWords[aliases[language] ?? language] }

    /// What `reads` weighs of a text's opening (`maxScanned`): how often it holds each function word of
    /// `functionWords`, and how many of its words are written in each `Script`.
    struct Counts {
        var words: [String: Int] = [:]
        var scripts: [Script: Int] = [:]
    }

    static func counts(_ text: String) -> Counts {
        var out = Counts()
        for word in text.prefix(maxScanned).lowercased().split(whereSeparator: { !$0.isLetter }) {
            if let script = scriptOf(word) {
                out.scripts[script, default: 0] += 1
            } else if allWords.contains(String(word)) {
                out.words[String(word), default: 0] += 1
            }
        }
        return out
    }

    private static let allWords = functionWords.values.reduce(into: Set<String>()) { $0.formUnion($1) }

    /// Whether the text whose `counts` these are is written in `language` and not in `other` (primary subtags that
    /// `knows`); false for two languages of one script, which it cannot tell apart.
    static func reads(_ counts: Counts, as language: String, ratherThan other: String) -> Bool {
        guard language != other, knows(language), knows(other) else { return false }
        let scripts = (script(of: language), script(of: other))
        if let s = scripts.0, s == scripts.1 { return false }
        let a = words(of: language) ?? [], b = words(of: other) ?? []
        // A language's evidence: its function words the other lacks, or the words of its own script.
        func evidence(_ own: Set<String>, _ rival: Set<String>, _ script: Script?) -> Int {
            if let script { return counts.scripts[script, default: 0] }
            return own.subtracting(rival).reduce(0) { $0 + counts.words[$1, default: 0] }
        }
        let hits = evidence(a, b, scripts.0), against = evidence(b, a, scripts.1)
        return hits >= minWords && hits >= dominance * max(against, 1)
    }
}
