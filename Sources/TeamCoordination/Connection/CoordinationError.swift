/// What went wrong, for people: each message says what happened and what to do. None contains a password.
public struct CoordinationError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let invalidURL = Code("invalidURL")
        public static let unreachable = Code("unreachable")
        public static let authentication = Code("authentication")
        public static let noDatabase = Code("noDatabase")
        public static let database = Code("database")
        /// A write with a fencing token that is no longer the job's: another server claimed it since.
        public static let staleFence = Code("staleFence")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func invalidURL(_ message: String) -> Self { Self(.invalidURL, message) }
}
