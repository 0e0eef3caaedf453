import Foundation
import TrotterSupport

/// Definitions are read with the one JSON reader trotter has (`JSONValue.parse`, also the Atlas and App Services
/// wire's): kept as a tree so the parser can report faults by JSON path and reject keys it does not know
/// (Codable's synthesized decoding silently ignores them).
extension JSONValue {
    static func definition(_ data: Data) throws(DefinitionError) -> JSONValue {
        do {
            return try JSONValue.parse(Array(data))
        } catch {
            throw DefinitionError(.malformedJSON, at: "$",
                                  "the file is not valid JSON (\(error.reason) at byte \(error.offset)); check brackets, commas and quotes")
        }
    }

    /// A plain JSON number (whole or not), never an Extended JSON wrapper: definitions are plain JSON.
    var plainNumber: Double? {
        switch self {
        case .int(let whole): Double(whole)
        case .number(let number): number
        default: nil
        }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Compact JSON with sorted keys: the payload's text when no file bytes are at hand (a decoded definition).
    var compactText: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let whole): return String(whole)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let text):
            return String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        case .array(let items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { JSONValue.string($0).compactText + ":" + members[$0]!.compactText }
                .joined(separator: ",") + "}"
        }
    }
}
