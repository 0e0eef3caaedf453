/// Recursive-descent parser for conditions. Grammar, lowest precedence first:
/// ```
/// or      := and ("or" and)*
/// and     := unary ("and" unary)*
/// unary   := "not" unary | primary
/// primary := "(" or ")" | "always" | "any" "failed" | "all" "succeeded" | NAME ("succeeded"|"failed"|"skipped")
/// ```
struct ConditionParser {
    private struct Token { var text: String; var offset: Int }
    private var tokens: [Token] = []
    private var position = 0
    private let length: Int
    private var lexError: ConditionSyntaxError?

    init(_ text: String) {
        length = text.count
        var current = ""
        var start = 0
        for (offset, char) in text.enumerated() {
            if char == "(" || char == ")" || char.isWhitespace {
                if !current.isEmpty { tokens.append(Token(text: current, offset: start)); current = "" }
                if !char.isWhitespace { tokens.append(Token(text: String(char), offset: offset)) }
            } else if char.isLetter || char.isNumber || char == "_" || char == "-" || char == "." {
                if current.isEmpty { start = offset }
                current.append(char)
            } else if lexError == nil {
                lexError = ConditionSyntaxError(offset: offset, message: "unexpected character '\(char)'")
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, offset: start)) }
    }

    mutating func parseAll() throws(ConditionSyntaxError) -> Condition {
        if let lexError { throw lexError }
        guard !tokens.isEmpty else { throw ConditionSyntaxError(offset: 0, message: "empty condition") }
        let condition = try parseOr()
        if position < tokens.count {
            throw ConditionSyntaxError(offset: tokens[position].offset, message: "unexpected '\(tokens[position].text)'")
        }
        return condition
    }

    private var peek: String? { position < tokens.count ? tokens[position].text : nil }
    private var offset: Int { position < tokens.count ? tokens[position].offset : length }

    private mutating func parseOr() throws(ConditionSyntaxError) -> Condition {
        var lhs = try parseAnd()
        while peek == "or" { position += 1; lhs = .or(lhs, try parseAnd()) }
        return lhs
    }

    private mutating func parseAnd() throws(ConditionSyntaxError) -> Condition {
        var lhs = try parseUnary()
        while peek == "and" { position += 1; lhs = .and(lhs, try parseUnary()) }
        return lhs
    }

    private mutating func parseUnary() throws(ConditionSyntaxError) -> Condition {
        if peek == "not" { position += 1; return .not(try parseUnary()) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ConditionSyntaxError) -> Condition {
        guard let token = peek else { throw ConditionSyntaxError(offset: offset, message: "the condition ends too early") }
        let start = offset
        position += 1
        switch token {
        case "(":
            let inner = try parseOr()
            guard peek == ")" else { throw ConditionSyntaxError(offset: offset, message: "missing ')'") }
            position += 1
            return inner
        case ")", "and", "or":
            throw ConditionSyntaxError(offset: start, message: "unexpected '\(token)'")
        case "always":
            return .always
        case "any" where peek == "failed":
            position += 1
            return .anyFailed
        case "all" where peek == "succeeded":
            position += 1
            return .allSucceeded
        default:
            guard let word = peek, let outcome = Condition.Outcome(rawValue: word) else {
                throw ConditionSyntaxError(offset: offset, message: "expected 'succeeded', 'failed' or 'skipped' after '\(token)'")
            }
            position += 1
            return .outcome(name: token, outcome)
        }
    }
}
