import DashboardModel
import Foundation

/// A request as the team API's routes see it: plain values, no Hummingbird types, so the routes are testable.
struct TeamRequest: Sendable {
    let method: String
    /// Path segments, percent-decoded (`/v1/runs/r1/log` → ["v1", "runs", "r1", "log"]).
    let segments: [String]
    let query: [String: String]
    /// Header values by lowercased name (the first of each).
    let headers: [String: String]
    let body: [UInt8]

    init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        segments = parts[0].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        if parts.count > 1 {
            for item in parts[1].split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(kv[0]).removingPercentEncoding ?? String(kv[0])
                let value = kv.count > 1 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
                query[name] = value
            }
        }
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The token of `Authorization: Bearer …`, if any.
    var bearer: String? {
        guard let value = headers["authorization"], value.lowercased().hasPrefix("bearer ") else { return nil }
        let token = value.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try TeamWireDecoding.decoder.decode(T.self, from: Data(body)) } catch {
            throw TeamAPIError(400, "The request body is not the JSON this endpoint takes: \(error)")
        }
    }
}

enum TeamWireDecoding {
    static var decoder: JSONDecoder { TeamWire.decoder() }
}
