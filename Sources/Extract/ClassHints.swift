import Foundation
import HTML

/// Class/id hints, as substrings of the lowercased `class id` string.
enum ClassHints {
    /// Containers that are almost never content.
    static let unlikely = ["-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
                           "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
                           "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
                           "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "newsletter",
                           "subscribe", "share", "cookie", "consent"]
    /// ...unless one of these also appears.
    static let maybeCandidate = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
                           "post", "text", "blog", "story"]
    static let negative = ["-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
                           "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                           "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "newsletter", "subscribe"]
    /// Byline containers (Readability's `byline` pattern, and "author" as German, Spanish, Portuguese, Polish, Czech and
    /// Italian ("autore") sites name it, French "auteur", German "verfasser", and "writer", Naver Blog's and Korean
    /// skins' `<span class="writer">`).
    static let byline = ["byline", "author", "dateline", "writtenby", "p-author", "autor", "auteur", "verfasser", "writer"]
    /// Share buttons, dropped inside the content when short ("sharing": Avada's `fusion-sharing-box`, whose heading
    /// "Share this post!" outlives its social links).
    static let share = ["share", "sharing", "sharedaddy", "social"]
    /// Page controls that themes put inside the content column (furo's `back-to-top` link, the eleventy-base-blog's
    /// `links-nextprev` "Next: ..." line): never text.
    static let pageControls = ["back-to-top", "backtotop", "back_to_top", "scroll-to-top", "scrolltotop", "go-to-top",
                               "skip-link", "skip-to-content", "nextprev", "next-prev", "prev-next", "prevnext", "post-nav"]
    /// An author's box after the post (Squarespace's `author-bio`, "about the author" widgets): a bio, not the post.
    static let authorBox = ["author-bio", "authorbio", "author-box", "authorbox", "about-author", "about-the-author",
                            "author-profile"]
    /// Bits shown only on paper (sphinx-book-theme's `onlyprint` title and contents, Bootstrap's `visible-print`),
    /// dropped inside the content when short: a reader never sees them. A long one can be the page's only copy
    /// of the story (a `content print-only` column that a stylesheet shows on screen too).
    static let printOnly = ["onlyprint", "only-print", "print-only", "printonly", "visible-print", "show-for-print"]
    /// A paywall's prompt inside the story (Condé Nast's `paywall-bar`, `paywall-inline-barrier`), dropped inside the
    /// content when short: a paywall class alone marks the locked text itself (Wired's every `<p class="paywall">`,
    /// Piano's `paywall-content`), so a prompt word must name it too.
    static let paywall = ["paywall", "pay-wall", "regwall", "reg-wall"]
    static let paywallPrompt = ["bar", "modal", "prompt", "message", "banner", "cta", "call-to-action", "notice",
                                "offer", "overlay", "upsell"]
    /// A newsletter's sign-up box inside the story (the Guardian's `<figure id="sign-up-to-first-edition">`).
    static let signup = ["sign-up", "signup"]
    /// ARIA roles that are never content.
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"]

    /// Why a short element (under `ContentFinder.minimumContentLength` characters) inside the content is boilerplate
    /// by its lowercased "class id" words alone (share buttons, page controls, print-only copies, author boxes, paywall
    /// prompts), or `nil`.
    /// Both the heuristic content and content chosen by a site rule drop these.
    static func shortBoilerplate(_ classAndID: String) -> String? {
        reason(shortBoilerplateLists.mask(classAndID))
    }

    /// `shortBoilerplate(cls + " " + id)` without joining them: no needle of its lists holds a space, so none
    /// matches across the joint (joining them was a third of the search's instructions in `FlatTree.dropInside`).
    static func shortBoilerplate(cls: String, id: String) -> String? {
        reason(shortBoilerplateLists.mask(cls) | shortBoilerplateLists.mask(id))
    }

    /// The reason `shortBoilerplate` gives for the lists found.
    private static func reason(_ found: UInt32) -> String? {
        if found & 0b1 != 0 && found & 0b10 == 0 { return "share" }
        if found & 0b100 != 0 { return "control" }
        if found & 0b1000 != 0 { return "print" }
        if found & 0b10000 != 0 { return "author box" }
        if found & 0b1100000 == 0b1100000 { return "paywall" }
        if found & 0b10000000 != 0 { return "newsletter" }
        return nil
    }

    /// `shortBoilerplate`'s lists searched in one pass (bit k for list k): share, the words that make a share class
    /// the content's own, page controls, print-only, author box, paywall and a paywall's prompt, newsletter sign-up.
    private static let shortBoilerplateLists = NeedleSet(lists: [share, ["content", "article"], pageControls, printOnly, authorBox,
                                                                 paywall, paywallPrompt, signup])

    static func containsAny(_ s: String, _ words: [String]) -> Bool { ByteSearch.containsAny(s, words) }

    /// An element's `class` and `id` joined by a space and lowercased, the string the hint lists are searched in
    /// (" " for an element with no attributes, without reading any).
    static func classAndID(_ n: Node) -> String {
        guard n.hasAttributes else { return " " }
        return ((n.attribute("class") ?? "") + " " + (n.attribute("id") ?? "")).fastLowercased
    }
    static func containsAny(_ s: String, _ words: NeedleSet) -> Bool { !s.isEmpty && words.matches(s) }

    /// Which of the scorer's hint lists occur in a lowercased class or id string.
    struct Found: OptionSet {
        let rawValue: UInt32
        static let unlikely = Found(rawValue: 1 << 0)
        static let maybeCandidate = Found(rawValue: 1 << 1)
        static let positive = Found(rawValue: 1 << 2)
        static let negative = Found(rawValue: 1 << 3)
        static let byline = Found(rawValue: 1 << 4)
    }

    /// The lists the scorer checks on every element, in `Found`'s bit order, searched in one pass.
    /// Searching the class and the id separately finds what searching "class id" finds: no needle holds a space.
    static let scorerSet = NeedleSet(lists: [unlikely, maybeCandidate, positive, negative, byline])

    static func found(in s: String) -> Found { s.isEmpty ? [] : Found(rawValue: scorerSet.mask(s)) }

    static func isHid(_ s: String) -> Bool {
        // Each test needs the bytes "hid" (no other character equals an ASCII letter): most strings stop here.
        ByteSearch.contains(s, "hid")
            && (s == "hid" || s.hasPrefix("hid ") || s.hasSuffix(" hid") || ByteSearch.contains(s, " hid "))
    }

    /// Readability's class weight: -25 per negative and +25 per positive hint, for class and id separately
    /// (`clsHints` and `idHints` are `found(in:)` of each).
    static func weight(cls: String, clsHints: Found, id: String, idHints: Found) -> Int {
        func weight(_ s: String, _ f: Found) -> Int {
            if s.isEmpty { return 0 }
            return (f.contains(.negative) || isHid(s) ? -25 : 0) + (f.contains(.positive) ? 25 : 0)
        }
        return weight(cls, clsHints) + weight(id, idHints)
    }
}
