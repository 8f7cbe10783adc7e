/// A fixed list of labels a line may open with, asked with `String.hasPrefix`, grouped by their first character.
/// On text that is not all ASCII, `hasPrefix` compares character by character (grapheme clusters, canonical
/// equivalence), and asking every label of a list of forty for each short line of a page was ~1.5% of extraction.
/// A text opens with a label only when their first characters are equal, so only the labels sharing the text's
/// first character are asked: the same answers, in the same list order.
struct LeadingLabels: Sendable {
    /// The labels, in list order (none empty).
    let labels: [String]
    private let byFirst: [Character: [String]]

    init(_ labels: [String]) {
        precondition(!labels.contains(""), "an empty label opens every text")
        self.labels = labels
        var byFirst: [Character: [String]] = [:]
        for label in labels { byFirst[label.first!, default: []].append(label) }
        self.byFirst = byFirst
    }

    /// The labels whose first character is `text`'s first, in list order: every label `text` may open with (also
    /// when a label is asked followed by a space, which joins no character before it).
    func candidates(for text: String) -> [String] {
        guard let c = text.first else { return [] }
        return byFirst[c] ?? []
    }

    /// Whether `text` opens with one of the labels (`hasPrefix`).
    func opens(_ text: String) -> Bool {
        candidates(for: text).contains { text.hasPrefix($0) }
    }
}
