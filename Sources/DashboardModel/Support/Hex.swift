import Crypto

/// Lower-case hex, and the SHA-256 digest by which trotter keeps a token or a webhook address without keeping it
/// (API tokens, callback task tokens, the notification ledger; SigV4 hashes in hex too).
enum Hex {
    static func string<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The hex SHA-256 of `text`'s UTF-8 bytes.
    static func sha256(_ text: String) -> String { string(SHA256.hash(data: Array(text.utf8))) }
}
