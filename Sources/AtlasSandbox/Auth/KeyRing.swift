import Foundation
import Synchronization

/// Every credential the sandbox knows: API keys, service accounts and the tokens it has issued.
///
/// Keys are random per sandbox (they are throwaway secrets, not part of the seeded organisation).
final class KeyRing: Sendable {
    struct APIKey: Sendable {
        let privateKey: String
        let principal: Principal
    }
    struct Token: Sendable {
        let principal: Principal
        let expires: Date
    }
    private struct State {
        var keys: [String: APIKey] = [:]
        var revoked: Set<String> = []
        var serviceAccounts: [String: String] = [:]
        var bearerTokens: [String: Token] = [:]
        var sessions: [String: Token] = [:]
        var refreshTokens: [String: Principal] = [:]
    }
    private let state = Mutex(State())

    let orgPublicKey: String
    let orgPrivateKey: String
    let clientID: String
    let clientSecret: String

    init() {
        orgPublicKey = KeyRing.publicKey()
        orgPrivateKey = UUID().uuidString.lowercased()
        clientID = "mdb_sa_id_" + KeyRing.randomHex(24)
        clientSecret = "mdb_sa_sk_" + KeyRing.randomHex(40)
        let org = APIKey(privateKey: orgPrivateKey, principal: .organisation(name: orgPublicKey))
        let (id, secret) = (clientID, clientSecret)
        let publicKey = orgPublicKey
        state.withLock {
            $0.keys[publicKey] = org
            $0.serviceAccounts[id] = secret
        }
    }

    /// Atlas public keys are 8 lowercase letters.
    static func publicKey() -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in NameBank.lowercaseLetters[Int(rng.next() % 26)] })
    }

    static func randomHex(_ count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Array("0123456789abcdef")[Int(rng.next() % 16)] })
    }

    /// The key's secret and scope, unless unknown or revoked.
    func apiKey(_ publicKey: String) -> APIKey? {
        state.withLock { $0.revoked.contains(publicKey) ? nil : $0.keys[publicKey] }
    }

    func makeProjectKey(projectID: String) -> (publicKey: String, privateKey: String) {
        let publicKey = KeyRing.publicKey()
        let privateKey = UUID().uuidString.lowercased()
        state.withLock {
            $0.keys[publicKey] = APIKey(privateKey: privateKey, principal: .project(name: publicKey, projectID: projectID))
        }
        return (publicKey, privateKey)
    }

    /// Revokes an API key and every token issued to it.
    func revoke(publicKey: String) {
        state.withLock { state in
            state.revoked.insert(publicKey)
            let owned: (Principal) -> Bool = {
                switch $0 {
                case .organisation(let name), .project(let name, _): name == publicKey
                }
            }
            state.bearerTokens = state.bearerTokens.filter { !owned($0.value.principal) }
            state.sessions = state.sessions.filter { !owned($0.value.principal) }
            state.refreshTokens = state.refreshTokens.filter { !owned($0.value) }
        }
    }

    func serviceAccountMatches(clientID: String, secret: String) -> Bool {
        guard let known = state.withLock({ $0.serviceAccounts[clientID] }) else { return false }
        return Digest.constantTimeEqual(known, secret)
    }

    func issueBearer(for clientID: String, lifetime: TimeInterval, now: Date = Date()) -> String {
        let token = "sa_" + KeyRing.randomHex(48)
        state.withLock {
            $0.bearerTokens[token] = Token(principal: .organisation(name: clientID), expires: now + lifetime)
        }
        return token
    }

    enum TokenCheck { case valid(Principal), expired, unknown }

    func checkBearer(_ token: String, now: Date = Date()) -> TokenCheck {
        guard let found = state.withLock({ $0.bearerTokens[token] }) else { return .unknown }
        return found.expires > now ? .valid(found.principal) : .expired
    }

    /// App Services login: an access token and a refresh token for the key's principal.
    func openSession(for principal: Principal, lifetime: TimeInterval, now: Date = Date())
        -> (access: String, refresh: String)
    {
        let access = "as_" + KeyRing.randomHex(48)
        let refresh = "rt_" + KeyRing.randomHex(48)
        state.withLock {
            $0.sessions[access] = Token(principal: principal, expires: now + lifetime)
            $0.refreshTokens[refresh] = principal
        }
        return (access, refresh)
    }

    func refreshSession(_ refresh: String, lifetime: TimeInterval, now: Date = Date()) -> String? {
        state.withLock { state in
            guard let principal = state.refreshTokens[refresh] else { return nil }
            let access = "as_" + KeyRing.randomHex(48)
            state.sessions[access] = Token(principal: principal, expires: now + lifetime)
            return access
        }
    }

    func checkSession(_ token: String, now: Date = Date()) -> TokenCheck {
        guard let found = state.withLock({ $0.sessions[token] }) else { return .unknown }
        return found.expires > now ? .valid(found.principal) : .expired
    }

    func isRefreshToken(_ token: String) -> Bool { state.withLock { $0.refreshTokens[token] != nil } }
}
