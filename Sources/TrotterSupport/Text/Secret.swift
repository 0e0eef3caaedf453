/// A secret string (private key, client secret, token) that never prints itself.
///
/// `description`, `debugDescription` and string interpolation all give `<redacted>`; only `reveal()` gives the
/// value, and only the code that puts it on the wire should call it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps `value`.
    public init(_ value: String) { self.value = value }

    /// The secret itself. Call only where it goes onto the wire.
    public func reveal() -> String { value }

    /// Whether the secret is the empty string (a missing credential).
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
}
