import AtlasAPI
import DashboardModel

extension ImportKey {
    /// The row this key is kept under, shared by every project it imported.
    var sharedKeyID: String { SharedKeyRow.id(kind: kind, publicKey: publicKey) }
    var credentials: AtlasCredentials {
        isServiceAccount ? .serviceAccount(clientID: publicKey, clientSecret: privateKey)
            : .apiKey(publicKey: publicKey, privateKey: privateKey)
    }
}
