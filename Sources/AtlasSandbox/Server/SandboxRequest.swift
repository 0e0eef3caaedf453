import Foundation

/// A request as the sandbox's route logic sees it: plain values, no Hummingbird types, so routes are pure.
struct SandboxRequest: Sendable {
    let method: String
    /// Path without the query, as sent (percent-encoded).
    let path: String
    /// Path segments, percent-decoded.
    let segments: [String]
    /// Query items in order, percent-decoded.
    let query: [(name: String, value: String)]
    /// Header values by lowercased name.
    let headers: [String: [String]]
    let body: [UInt8]

    init(method: String, target: String, headers: [String: [String]], body: [UInt8]) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "/")
        segments = path.split(separator: "/").map(SandboxRequest.percentDecoded)
        query = parts.count > 1 ? SandboxRequest.parseForm(String(parts[1])) : []
        self.headers = headers
        self.body = body
    }

    /// `a=1&b=two` (also `application/x-www-form-urlencoded` bodies), `+` meaning space.
    static func parseForm(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = {
                percentDecoded($0.contains("+") ? Substring($0.replacingOccurrences(of: "+", with: " ")) : $0)
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    /// Foundation's decoder only where there is something to decode: every request has a dozen parts.
    static func percentDecoded(_ part: Substring) -> String {
        part.utf8.contains(UInt8(ascii: "%")) ? String(part).removingPercentEncoding ?? String(part) : String(part)
    }

    func header(_ name: String) -> String? { headers[name.lowercased()]?.first }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// "http://host:port" as the client addressed us, for `links[].href`.
    var origin: String { "http://\(header("host") ?? "127.0.0.1")" }

    /// Segments after a prefix, or `nil` when the path does not start with it.
    func segments(after prefix: [String]) -> [String]? {
        guard segments.count >= prefix.count, Array(segments.prefix(prefix.count)) == prefix else { return nil }
        return Array(segments.dropFirst(prefix.count))
    }

    /// The 24-hex project ID named in the path (`…/groups/{id}/…`), if any.
    var projectID: String? {
        guard let index = segments.firstIndex(of: "groups"), index + 1 < segments.count else { return nil }
        let candidate = segments[index + 1]
        return candidate.count == 24 && candidate.allSatisfy(\.isHexDigit) ? candidate : nil
    }
}
