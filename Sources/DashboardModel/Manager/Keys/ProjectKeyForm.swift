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

    static func projectIDProblem(_ raw: String) -> String? {
        let v = trimmed(raw)
        if v.isEmpty { return "Enter the project ID (24 hex characters, from the project's settings or URL)." }
        if v.count != 24 { return "A project ID has 24 hex characters; this has \(v.count)." }
        if !v.allSatisfy(\.isHexDigit) { return "A project ID has only hex characters (0-9, a-f)." }
        return nil
    }

    static func publicKeyProblem(_ raw: String) -> String? {
        let v = trimmed(raw)
        if v.isEmpty { return "Enter the API key's public key (8 lowercase letters) or a service account's client ID (mdb_sa_id_…)." }
        if v.hasPrefix(clientIDPrefix) {
            return v.count > clientIDPrefix.count ? nil : "The client ID is incomplete after mdb_sa_id_."
        }
        if v.count != 8 || !v.allSatisfy({ $0.isASCII && $0.isLowercase && $0.isLetter }) {
            return "A public key is 8 lowercase letters (e.g. abcdwxyz); a service account's client ID starts mdb_sa_id_."
        }
        return nil
    }

    static func privateKeyProblem(_ raw: String, publicKey: String) -> String? {
        let v = trimmed(raw)
        let serviceAccount = trimmed(publicKey).hasPrefix(clientIDPrefix)
        if v.isEmpty {
            return serviceAccount ? "Enter the service account's client secret (mdb_sa_sk_…)."
                                  : "Enter the API key's private key (a UUID, shown once when the key was created)."
        }
        if serviceAccount {
            return v.hasPrefix(clientSecretPrefix) && v.count > clientSecretPrefix.count
                ? nil : "A service account's client secret starts mdb_sa_sk_."
        }
        if v.hasPrefix(clientSecretPrefix) {
            return "This is a service-account secret: put the account's client ID (mdb_sa_id_…) in Public key."
        }
        return isUUID(v) ? nil : "A private key is a UUID: 8-4-4-4-12 hex characters with dashes (\(v.count) characters entered)."
    }

    static func isUUID(_ v: String) -> Bool {
        let groups = v.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension ProjectKeyForm: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "ProjectKeyForm(projectID: \(projectID), publicKey: \(publicKey), privateKey: <redacted>)" }
    public var debugDescription: String { description }
}
