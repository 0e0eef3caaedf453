/// Why a machine definition was rejected, with the JSON path of the fault (e.g. `$.phases[1].jobs[0].when`).
public struct DefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of fault, for code that reacts to it.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String { case malformedJSON, unknownKey, missingKey, wrongType, duplicateName, emptyPhase,
            noPhases, badCondition, unknownName, laterName, badDuration, badValue, noRun }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        public var description: String { kind.rawValue }

        public static let malformedJSON = Code(.malformedJSON)
        public static let unknownKey = Code(.unknownKey)
        public static let missingKey = Code(.missingKey)
        public static let wrongType = Code(.wrongType)
        public static let duplicateName = Code(.duplicateName)
        public static let emptyPhase = Code(.emptyPhase)
        public static let noPhases = Code(.noPhases)
        public static let badCondition = Code(.badCondition)
        public static let unknownName = Code(.unknownName)
        public static let laterName = Code(.laterName)
        public static let badDuration = Code(.badDuration)
        public static let badValue = Code(.badValue)
        public static let noRun = Code(.noRun)
    }

    public var code: Code
    /// JSON path of the offending value, `$` being the document root.
    public var path: String
    /// What is wrong and how to fix it, for a person.
    public var message: String

    public init(_ code: Code, at path: String, _ message: String) {
        self.code = code; self.path = path; self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
