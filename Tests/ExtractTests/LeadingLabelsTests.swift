import Testing
@testable import Extract

/// `LeadingLabels` answers as asking every label with `hasPrefix` does, in list order: ASCII and other texts,
/// decomposed and precomposed letters, a combining mark right after a label, labels followed by a space.
@Test func leadingLabelsAnswerAsHasPrefix() {
    let lists = [DateFinder.dateLabels + DateFinder.editLabels, DateFinder.editLabels, AuthorFinder.allLeadingPrefixes,
                 AuthorFinder.foreignLeadingPrefixes, RelatedFinder.headingPrefixes]
    var texts = ["", " ", "x", "published: 3 march", "publié le 3 mars", "publie\u{301} le 3 mars", "re\u{301}dige\u{301} le 2",
                 "rédigé le 2", "date:\u{301} 2021", "投稿日 2021年", "投稿日\u{3099}", "von anna schmidt", "von\u{301} anna",
                 "ενημερώθηκε 3", "ενημερω\u{301}θηκε", "more from the verge", "\u{212A}eep", "by jane", "by:", "d", "\r\ndate:"]
    for list in lists { for l in list { texts += [l, l + " x", l + "\u{301}", String(l.dropLast()), l.uppercased()] } }
    for list in lists {
        let grouped = LeadingLabels(list)
        for t in texts {
            #expect(grouped.opens(t) == list.contains { t.hasPrefix($0) }, "\(t)")
            let spaced = { (p: String) in t.hasPrefix(p + " ") || (p.hasSuffix(":") && t.hasPrefix(p)) }
            #expect(grouped.candidates(for: t).first(where: spaced) == list.first(where: spaced), "\(t)")
        }
    }
}
