import Foundation

/// The three fields of the onboarding form, checked for shape before any network call.
/// Shapes (ATLAS-API.md): project ID = 24 hex characters; API key: public key = 8 lowercase letters and
/// private key = a UUID; or a service account: client ID `mdb_sa_id_…` and secret `mdb_sa_sk_…`.
public struct ProjectKeyForm: Sendable, Hashable {
    public enum Field: String, Sendable, CaseIterable {
        case projectID = "Project ID", publicKey = "Public key", privateKey = "Private key"
    }

    public var projectID: String
    public var publicKey: String
    public var privateKey: String

    public init(projectID: String, publicKey: String, privateKey: String) {
        self.projectID = projectID; self.publicKey = publicKey; self.privateKey = privateKey
    }

    /// What is wrong with one field, for a person; nil when it is fine. Never quotes the private key.
    public func problem(with field: Field) -> String? {
        switch field {
        case .projectID: return Self.projectIDProblem(projectID)
        case .publicKey: return Self.publicKeyProblem(publicKey)
        case .privateKey: return Self.privateKeyProblem(privateKey, publicKey: publicKey)
        }
    }

    /// Every field's problem, in form order.
    public var problems: [(field: Field, message: String)] {
        Field.allCases.compactMap { f in problem(with: f).map { (f, $0) } }
    }

    public var isValid: Bool { problems.isEmpty }

    public var isServiceAccount: Bool { Self.trimmed(publicKey).hasPrefix(Self.clientIDPrefix) }

    static let clientIDPrefix = "mdb_sa_id_"
    static let clientSecretPrefix = "mdb_sa_sk_"

    // Messages are short: the form shows them under an 80-column field as you type.
    public static func projectIDProblem(_ raw: String) -> String? {
        let v = trimmed(raw)
        if v.isEmpty { return "Required: the 24-hex-digit project ID from the Atlas project settings." }
        if !v.allSatisfy(\.isHexDigit) { return "Only hex digits 0-9 a-f are allowed." }
        if v.count != 24 { return "Must be 24 hex digits (now \(v.count))." }
        return nil
    }

    public static func publicKeyProblem(_ raw: String) -> String? {
        let v = trimmed(raw)
        if v.isEmpty { return "Required: an 8-letter public key or an mdb_sa_id_ client ID." }
        if v.hasPrefix(clientIDPrefix) {
            return v.count > clientIDPrefix.count ? nil : "Add the client ID after mdb_sa_id_."
        }
        if v.count > 2, clientIDPrefix.hasPrefix(v) { return "Keep typing: mdb_sa_id_…" }
        if !v.allSatisfy({ $0.isASCII && $0.isLowercase }) { return "A public key has lowercase letters a-z only." }
        if v.count != 8 { return "A public key has 8 letters (now \(v.count))." }
        return nil
    }

    /// Never quotes what was typed: it is a secret.
    public static func privateKeyProblem(_ raw: String, publicKey: String) -> String? {
        let v = trimmed(raw)
        let serviceAccount = trimmed(publicKey).hasPrefix(clientIDPrefix)
        if v.isEmpty { return "Required: the private key (UUID) or the mdb_sa_sk_ secret." }
        if v.hasPrefix(clientSecretPrefix) {
            if v.count == clientSecretPrefix.count { return "Add the secret after mdb_sa_sk_." }
            return serviceAccount ? nil : "An mdb_sa_sk_ secret needs its mdb_sa_id_ client ID as Public key."
        }
        if v.count > 2, clientSecretPrefix.hasPrefix(v) { return "Keep typing: mdb_sa_sk_…" }
        if isUUID(v) { return serviceAccount ? "A service account needs its mdb_sa_sk_ secret." : nil }
        return "Must be a UUID 8-4-4-4-12 hex digits (now \(v.count) characters)."
    }

    static func isUUID(_ v: String) -> Bool {
        let groups = v.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    package static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension ProjectKeyForm: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "ProjectKeyForm(projectID: \(projectID), publicKey: \(publicKey), privateKey: <redacted>)" }
    public var debugDescription: String { description }
}
