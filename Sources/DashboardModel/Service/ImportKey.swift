import Foundation
import TrotterSupport

/// The organisation key of `projects import`: one key, every project it can see.
public struct ImportKey: Sendable {
    public var publicKey: String
    public var privateKey: Secret
    /// Restricts the listing to one organisation (`GET /orgs/{orgId}/groups`); nil = every project the key sees.
    public var orgID: String?

    public init(publicKey: String, privateKey: Secret, orgID: String? = nil) {
        self.publicKey = ProjectKeyForm.trimmed(publicKey)
        self.privateKey = Secret(ProjectKeyForm.trimmed(privateKey.reveal()))
        self.orgID = orgID.map(ProjectKeyForm.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    }

    package var isServiceAccount: Bool { publicKey.hasPrefix(ProjectKeyForm.clientIDPrefix) }
    package var kind: String { isServiceAccount ? "serviceAccount" : "apiKey" }

    /// Shapes first, no network: the same rules as the project form's two key fields.
    package func validate() throws {
        if let p = ProjectKeyForm.publicKeyProblem(publicKey) { throw ManagerError.invalidField(field: "Public key", message: p) }
        if let p = ProjectKeyForm.privateKeyProblem(privateKey.reveal(), publicKey: publicKey) {
            throw ManagerError.invalidField(field: "Private key", message: p)
        }
        if let orgID, orgID.count != 24 || !orgID.allSatisfy(\.isHexDigit) {
            throw ManagerError.invalidField(field: "--org", message: "An organisation ID is 24 hex digits (Atlas: Organization > Settings).")
        }
    }
}
