/// What a team token may do: viewers read everything; operators also change things (projects, sweeps, runs).
public enum TeamRole: String, Sendable, Codable, Hashable, CaseIterable {
    case viewer, `operator`

    public func allows(_ needed: TeamRole) -> Bool { self == .operator || needed == .viewer }
}

/// A token as `tokens list` shows it (never the token itself: the store keeps only its SHA-256).
public struct TeamToken: Sendable, Codable, Hashable {
    public var name: String
    public var role: TeamRole
    public var createdAt: Double
    public var revokedAt: Double?

    public init(name: String, role: TeamRole, createdAt: Double, revokedAt: Double?) {
        self.name = name; self.role = role; self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}

/// One operator action as `trotter audit` lists it.
public struct AuditEntry: Sendable, Codable, Hashable {
    public var id: Int64
    public var at: Double
    public var tokenName: String
    public var action: String
    public var target: String

    public init(id: Int64, at: Double, tokenName: String, action: String, target: String) {
        self.id = id; self.at = at; self.tokenName = tokenName; self.action = action; self.target = target
    }
}

/// A team-store failure, worded for a person.
public struct TeamStoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ text: String) { description = text }
}
