import Crypto
import Foundation
import Synchronization

/// Issues self-verifying digest nonces: `<issued-at>.<generation>.<random>.<mac>`.
///
/// The MAC (HMAC-SHA256 under a per-sandbox secret) means the server needs no table of nonces; the issue time
/// gives expiry (→ `stale=true`), and the generation lets tests expire every nonce at once.
final class NonceIssuer: Sendable {
    enum Verdict: Equatable { case fresh, stale, invalid }

    private let key = SymmetricKey(size: .bits256)
    private let lifetime: TimeInterval
    private let generation = Mutex(0)

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    func issue(now: Date = Date()) -> String {
        let issued = String(Int64(now.timeIntervalSince1970 * 1000), radix: 16)
        let body = "\(issued).\(generation.withLock { $0 }).\(UUID().uuidString.lowercased().prefix(8))"
        return "\(body).\(mac(body))"
    }

    func verify(_ nonce: String, now: Date = Date()) -> Verdict {
        let parts = nonce.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return .invalid }
        let body = parts[0..<3].joined(separator: ".")
        guard Digest.constantTimeEqual(String(parts[3]), mac(body)), let issuedMs = Int64(parts[0], radix: 16),
            let gen = Int(parts[1])
        else { return .invalid }
        if gen != generation.withLock({ $0 }) { return .stale }
        let age = now.timeIntervalSince1970 - Double(issuedMs) / 1000
        return age > lifetime ? .stale : .fresh
    }

    /// Makes every nonce issued so far stale.
    func expireAll() { generation.withLock { $0 += 1 } }

    private func mac(_ text: String) -> String {
        Digest.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).prefix(12))
    }
}
