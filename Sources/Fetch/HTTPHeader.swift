/// One header line as received or sent: original case, value trimmed of surrounding white space.
public struct HTTPHeader: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The value of the first header called `name` (ASCII case-insensitive), or nil.
    public func first(named name: String) -> String? {
        first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }
}

/// Header names are ASCII; comparing bytes avoids `lowercased()` allocations on every lookup.
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
    while true {
        switch (ia.next(), ib.next()) {
        case (nil, nil): return true
        case let (x?, y?):
            guard x != y else { continue }
            let lx = x | 0x20
            guard lx == y | 0x20, lx >= 0x61, lx <= 0x7A else { return false }
        default: return false
        }
    }
}
