/// Strips what may carry secrets from a URL before it goes into a message: user info and the query string.
enum URLRedaction {
    static func redact(_ url: String) -> String {
        var s = Substring(url)
        if let q = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<q] }
        guard let schemeEnd = s.range(of: "://") else { return String(s) }
        let afterScheme = s[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            return String(s[..<schemeEnd.upperBound]) + String(authority[authority.index(after: at)...])
                + String(afterScheme[authorityEnd...])
        }
        return String(s)
    }

    /// `scheme://host:port` of a URL, the key for per-host limits and handle reuse.
    static func hostKey(_ url: String) -> String {
        let clean = redact(url)
        guard let schemeEnd = clean.range(of: "://") else { return clean }
        let rest = clean[schemeEnd.upperBound...]
        let end = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(clean[..<end]).lowercased()
    }
}
