import Testing
@testable import Extract

/// The scorer's text measure: scalars (not bytes) with whitespace runs counted once, and commas in ASCII,
/// Arabic (U+060C) and fullwidth (U+FF0C) form, but not other characters that share their last byte.
@Test func measureCountsCharactersAndAllThreeCommas() {
    #expect(FlatTree.measure("") == (0, 0))
    #expect(FlatTree.measure("  a  b \n") == (4, 0))
    #expect(FlatTree.measure("a,b") == (3, 1))
    #expect(FlatTree.measure("\u{65E5}\u{FF0C}\u{672C}\u{060C}x, y") == (8, 3))
    // U+030C (CC 8C), U+FF8C (EF BE 8C), U+070C (DC 8C), U+FC8C (EF B2 8C), U+0F0C (E0 BC 8C) are not commas.
    #expect(FlatTree.measure("a\u{030C}\u{FF8C}\u{070C}\u{FC8C}\u{0F0C}") == (6, 0))
}

/// Inline styles hide an element with `display:none` or `visibility:hidden` in any case and with spaces anywhere;
/// other whitespace and combining marks still break the words.
@Test func hiddenStylesAreFoundInAnyCaseAndSpacing() {
    for style in ["display:none", "DISPLAY : None", "color:red; visibility: Hidden;", "d isplay:n one x"] {
        #expect(Attrs.hidesByStyle(style), "\(style)")
    }
    for style in ["", "display:block", "display:\tnone", "display:\u{301}none", "display: \u{301}none", "visibility:visible"] {
        #expect(!Attrs.hidesByStyle(style), "\(style)")
    }
}
