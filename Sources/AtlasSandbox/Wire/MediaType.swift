/// Atlas's versioned media type: `application/vnd.atlas.YYYY-MM-DD+json`.
enum AtlasMediaType {
    /// Resource versions every endpoint the sandbox serves accepts.
    static let standardVersions = ["2023-01-01", "2023-02-01"]
    /// The cluster list also has the newer per-region-config shape.
    static let clusterVersions = standardVersions + ["2024-08-05"]

    /// The first version named in `Accept` that the endpoint knows, or `nil` (→ 406 `INVALID_VERSION_DATE`).
    static func negotiate(accept: [String], known: [String]) -> String? {
        for value in accept {
            for item in value.split(separator: ",") {
                let type = item.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                let prefix = "application/vnd.atlas.", suffix = "+json"
                guard type.hasPrefix(prefix), type.hasSuffix(suffix) else { continue }
                let version = String(type.dropFirst(prefix.count).dropLast(suffix.count))
                if known.contains(version) { return version }
            }
        }
        return nil
    }

    static func contentType(_ version: String) -> String { "application/vnd.atlas.\(version)+json" }
}
