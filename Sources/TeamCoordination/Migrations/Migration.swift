/// One step of a component's schema. Never edit a shipped one: add the next version.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// Statements run in order, in the migration's transaction (PostgreSQL's DDL is transactional).
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
