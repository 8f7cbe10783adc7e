/// A value worked out when it is first read, then kept: a step of an extraction that only some pages need.
/// Not thread-safe: one extraction run reads it, on one thread.
final class Deferred<Value> {
    private var make: (() -> Value)?
    private var made: Value?

    init(_ make: @escaping () -> Value) { self.make = make }

    /// Whether the value was read (and so worked out).
    var isMade: Bool { made != nil }

    var value: Value {
        if let made { return made }
        let v = make!()
        made = v
        // What the closure held (nodes, the metadata) is not kept past its one call.
        make = nil
        return v
    }
}
