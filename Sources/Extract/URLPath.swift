import Foundation
import HTML

/// The path (plus query) of an absolute URL, for rule patterns.
enum URLPath {
    static func pathAndQuery(_ url: String) -> String {
        guard let r = url.range(of: "://") else { return url }
        let rest = url[r.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
