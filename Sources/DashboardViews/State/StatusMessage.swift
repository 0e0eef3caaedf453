/// The status line's message.
public struct StatusMessage: Hashable, Sendable {
    public enum Level: Sendable, Hashable { case info, warning, error }
    public var level: Level
    public var text: String

    public init(_ level: Level, _ text: String) {
        self.level = level; self.text = text
    }
}
