/// Shape checks for the three onboarding fields, as published by Atlas: a project ID is 24 hex digits;
/// an API key pair is an 8-letter lowercase public key and a UUID private key; a service account is a
/// client ID starting `mdb_sa_id_` and a secret starting `mdb_sa_sk_`.
public enum FieldValidation {
    /// The problem with a project ID, or nil when it is well-formed.
    public static func projectID(_ s: String) -> String? {
        if s.isEmpty { return "Required: the 24-hex-digit project ID from the Atlas project settings." }
        if !s.allSatisfy(\.isHexDigit) { return "Only hex digits 0-9 a-f are allowed." }
        if s.count != 24 { return "Must be 24 hex digits (now \(s.count))." }
        return nil
    }

    /// The problem with a public key / service-account client ID, or nil.
    public static func publicKey(_ s: String) -> String? {
        if s.isEmpty { return "Required: an 8-letter public key or an mdb_sa_id_ client ID." }
        if s.hasPrefix("mdb_sa_id_") {
            return s.count > "mdb_sa_id_".count ? nil : "Add the client ID after mdb_sa_id_."
        }
        if "mdb_sa_id_".hasPrefix(s) { return "Keep typing: mdb_sa_id_…" }
        if !s.allSatisfy({ $0.isASCII && $0.isLowercase }) { return "A public key has lowercase letters a-z only." }
        if s.count != 8 { return "A public key has 8 letters (now \(s.count))." }
        return nil
    }

    /// The problem with a private key / client secret, or nil. Never echoes the value.
    public static func privateKey(_ s: String, publicKey: String) -> String? {
        if s.isEmpty { return "Required: the private key (UUID) or the mdb_sa_sk_ secret." }
        if s.hasPrefix("mdb_sa_sk_") {
            return s.count > "mdb_sa_sk_".count ? nil : "Add the secret after mdb_sa_sk_."
        }
        if "mdb_sa_sk_".hasPrefix(s) { return "Keep typing: mdb_sa_sk_…" }
        if isUUID(s) {
            return publicKey.hasPrefix("mdb_sa_id_") ? "A service account needs its mdb_sa_sk_ secret." : nil
        }
        return "Must be a UUID 8-4-4-4-12 hex digits (now \(s.count) characters)."
    }

    static func isUUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
