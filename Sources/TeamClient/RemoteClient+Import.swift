import CurlHTTP
import DashboardModel
import Foundation

extension RemoteClient {
    /// `POST /v1/imports`: hands each project's outcome to `onOutcome` as the server streams it (JSON Lines, in the
    /// order projects end) and returns the server's final list. The key goes in the body only, never in the URL.
    func importStream(_ body: TeamWire.Import, onOutcome: @escaping @Sendable (ImportOutcome) -> Void) async throws -> [ImportOutcome] {
        var headers = [("Accept", "application/x-ndjson"), ("Content-Type", "application/json")]
        if let token = target.token { headers.append(("Authorization", "Bearer \(token)")) }
        let request = HTTPRequest(method: .post, url: target.baseURL + "/v1/imports", headers: headers,
                                  body: Array(try TeamWire.encoder().encode(body)), retryable: false)
        let reader = ImportLineReader(onOutcome: onOutcome)
        let response: HTTPResponse
        do {
            response = try await http.stream(request) { reader.feed($0) }
        } catch {
            throw RemoteError.unreachable("\(target.baseURL): \(error)" + (error.kind == .tls ? Self.caAdvice : ""))
        }
        guard response.isSuccess else { throw Self.refusal(response) }
        return try reader.result(target.baseURL)
    }
}

/// The import answer's lines, fed on the HTTP engine's thread only (one transfer's chunks come in order).
private final class ImportLineReader: @unchecked Sendable {
    private var parser = JSONLinesParser()
    private var outcomes: [ImportOutcome]?
    private var failure: TeamWire.Failure?
    private let onOutcome: @Sendable (ImportOutcome) -> Void

    init(onOutcome: @escaping @Sendable (ImportOutcome) -> Void) { self.onOutcome = onOutcome }

    func feed(_ bytes: [UInt8]) {
        for line in parser.feed(bytes) {
            guard let item = try? TeamWire.decoder().decode(TeamWire.ImportLine.self, from: Data(line)) else { continue }
            if let o = item.outcome { onOutcome(o) }
            if let all = item.outcomes { outcomes = all }
            if let e = item.error { failure = e }
        }
    }

    func result(_ server: String) throws -> [ImportOutcome] {
        if let failure { throw RemoteError.refused(status: failure.status, message: failure.error) }
        guard let outcomes else {
            throw RemoteError.unreachable("\(server): the import's answer ended before its summary; `trotter projects` shows where each project stands")
        }
        return outcomes
    }
}
