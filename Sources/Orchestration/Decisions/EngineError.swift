/// Why an operator action or a query on the engine failed, for a person.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String { case unknownRun, unknownJob, ownedElsewhere, notAwaitingApproval, cannotRetry, finished, notAJobOutcome, badToken }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        public var description: String { kind.rawValue }

        public static let unknownRun = Code(.unknownRun)
        public static let unknownJob = Code(.unknownJob)
        public static let ownedElsewhere = Code(.ownedElsewhere)
        public static let notAwaitingApproval = Code(.notAwaitingApproval)
        public static let cannotRetry = Code(.cannotRetry)
        public static let finished = Code(.finished)
        public static let notAJobOutcome = Code(.notAJobOutcome)
        public static let badToken = Code(.badToken)
    }

    public var code: Code
    public var message: String
    public var description: String { message }

    package init(_ code: Code, _ message: String) { self.code = code; self.message = message }

    package static func unknownRun(_ id: String) -> EngineError {
        EngineError(.unknownRun, "no run \"\(id)\" in this store; `trotter runs list` shows the runs")
    }
}
