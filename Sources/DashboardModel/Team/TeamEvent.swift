/// One change on the server's stream: the client fetches what it names.
public struct TeamEvent: Sendable, Codable, Hashable {
    public var id: Int64
    public var kind: String

    public init(id: Int64, kind: String) { self.id = id; self.kind = kind }
}
