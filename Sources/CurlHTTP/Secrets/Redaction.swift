import TrotterSupport

/// Last line of defence for messages: whatever a server echoes, known secret values never reach a description
/// or a log line.
package enum Redaction {
    package static func scrub(_ text: String, secrets: [Secret]) -> String {
        var out = text
        for secret in secrets where secret.reveal().count >= 4 {
            out = out.replacing(secret.reveal(), with: "<redacted>")
        }
        return out
    }

    /// A short, secret-free account of why a body did not decode.
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable body" }
        func path(_ p: [any CodingKey]) -> String {
            p.isEmpty ? "the top level" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let ctx): return "not valid JSON at \(path(ctx.codingPath)) (the body may be cut off)"
        case .keyNotFound(let key, let ctx): return "field \"\(key.stringValue)\" missing at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx): return "unexpected type at \(path(ctx.codingPath))"
        case .valueNotFound(_, let ctx): return "null where a value was expected at \(path(ctx.codingPath))"
        @unknown default: return "unreadable body"
        }
    }
}
