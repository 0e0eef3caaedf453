import Crypto
import TrotterSupport

extension Hex {
    /// The hex SHA-256 of `text`'s UTF-8 bytes: how trotter keeps a token or a webhook address without keeping it
    /// (API tokens, callback task tokens, the notification ledger).
    package static func sha256(_ text: String) -> String { string(SHA256.hash(data: Array(text.utf8))) }
}
