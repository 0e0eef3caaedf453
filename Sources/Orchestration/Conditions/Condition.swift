/// A condition over earlier outcomes, as a phase's or job's `when` writes it:
/// `always`, `NAME succeeded|failed|skipped`, `any failed`, `all succeeded`, joined with `and`, `or`, `not`
/// and parentheses. It is stored and encoded as its text.
public indirect enum Condition: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Hashable { case succeeded, failed, skipped }

    case always
    case anyFailed
    case allSucceeded
    case outcome(name: String, Outcome)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)

    /// Parses the text of a condition.
    /// - Throws: ``ConditionSyntaxError`` saying where the text stops making sense.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> Condition {
        var parser = ConditionParser(text)
        return try parser.parseAll()
    }

    /// Every job or phase name the condition mentions.
    public var names: [String] {
        switch self {
        case .always, .anyFailed, .allSucceeded: []
        case .outcome(let name, _): [name]
        case .not(let inner): inner.names
        case .and(let lhs, let rhs), .or(let lhs, let rhs): lhs.names + rhs.names
        }
    }

    /// Canonical text; parsing it gives back an equal condition.
    public var description: String { render(parentPrecedence: 0) }

    private func render(parentPrecedence: Int) -> String {
        switch self {
        case .always: return "always"
        case .anyFailed: return "any failed"
        case .allSucceeded: return "all succeeded"
        case .outcome(let name, let outcome): return "\(name) \(outcome.rawValue)"
        case .not(let inner): return "not " + inner.render(parentPrecedence: 3)
        case .and(let lhs, let rhs):
            let text = lhs.render(parentPrecedence: 2) + " and " + rhs.render(parentPrecedence: 2)
            return parentPrecedence > 2 ? "(\(text))" : text
        case .or(let lhs, let rhs):
            let text = lhs.render(parentPrecedence: 1) + " or " + rhs.render(parentPrecedence: 1)
            return parentPrecedence > 1 ? "(\(text))" : text
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Condition.parse(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

/// A condition that cannot be parsed, with the character offset where parsing failed.
public struct ConditionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String {
        "\(message) at character \(offset + 1); write e.g. `extract succeeded and not users failed`, `any failed` or `always`"
    }
}
