import Testing
@testable import Fetch

/// The per-host connection cap groups requests by scheme, host and port.
@Test(arguments: [
    ("http://Example.COM:8080/a/b?c#d", "http://example.com:8080"),
    ("https://h.test?q=1", "https://h.test"),
    ("http://h.test#frag", "http://h.test"),
    ("http://h.test", "http://h.test"),
    ("http://user@h.test/x", "http://user@h.test"),
])
func hostKey(url: String, key: String) {
    #expect(EventLoop.hostKey(url) == key)
}
