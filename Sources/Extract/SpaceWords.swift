/// The words of an attribute value that holds several names apart by spaces (`rel`, `property`, `itemprop`).
enum SpaceWords {
    /// `s.split(separator: " ")`, with an ASCII string split by its bytes: in ASCII every Character is one byte but
    /// CR LF, so a " " Character is the byte 0x20 and nothing else (the Character reading took ~3,500 instructions
    /// per `<meta>` key on the 350-page batch). Any other string is split by Characters: a space that a combining
    /// mark follows is no " " Character.
    static func split(_ s: String) -> [Substring] {
        let words: [Substring]? = s.withUTF8Bytes { b in
            var space = false
            for x in b { if x >= 0x80 { return nil } else if x == 0x20 { space = true } }
            // Most values (a `<meta>` key, a link's `rel`) are one word.
            guard space else { return b.isEmpty ? [] : [s[...]] }
            let u = s.utf8
            var out: [Substring] = []
            var i = 0
            while i < b.count {
                if b[i] == 0x20 { i += 1; continue }
                var j = i
                while j < b.count, b[j] != 0x20 { j += 1 }
                out.append(s[u.index(u.startIndex, offsetBy: i)..<u.index(u.startIndex, offsetBy: j)])
                i = j
            }
            return out
        }
        return words ?? s.split(separator: " ")
    }
}
