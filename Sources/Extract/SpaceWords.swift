/// The words of an attribute value that holds several names apart by spaces (`rel`, `property`, `itemprop`).
enum SpaceWords {
    /// `s.split(separator: " ")`, with an ASCII string split by its bytes: in ASCII every Character is one byte but
    /// CR LF, so a " " Character is the byte 0x20 and nothing else (the Character reading took ~3,500 instructions
    /// per `<meta>` key on the 350-page batch). Any other string is split by Characters: a space that a combining
    /// mark follows is no " " Character.
    static func split(_ s: String) -> [Substring] {
        let u = s.utf8
        let ascii: Bool = s.withUTF8Bytes { b in
            for x in b where x >= 0x80 { return false }
            return true
        }
        guard ascii else { return s.split(separator: " ") }
        var out: [Substring] = []
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x20 { i = u.index(after: i); continue }
            var j = i
            while j != u.endIndex, u[j] != 0x20 { j = u.index(after: j) }
            out.append(s[i..<j])
            i = j
        }
        return out
    }
}
