import CLibXML2

extension Node {
    /// A number the caller attaches to this node: 0 until set, then kept as long as the document. Stored in the
    /// node itself (libxml2's application slot), so reading it costs no lookup; any writer overwrites what another
    /// wrote, so callers check that a mark is theirs before trusting it.
    public var mark: Int {
        get { Int(bitPattern: ptr.pointee._private) }
        nonmutating set { ptr.pointee._private = UnsafeMutableRawPointer(bitPattern: newValue) }
    }
}
