import DashboardModel
import Foundation
import Manager

/// `projects import` through the server: the organisation key comes in the request body, is used and sealed by the
/// embedded manager's vault as in embedded mode, and never goes into a log, an error, the audit or an answer.
extension TeamAPI {
    /// Seconds between blank lines on a quiet import stream: one project's onboarding can take longer than the
    /// client's silence timeout.
    static let importHeartbeat: Duration = .seconds(5)

    /// `POST /v1/imports/list`: what the key sees, planned against what is onboarded here; changes nothing.
    func listImport(_ r: TeamRequest, caller: String) async throws -> TeamResponse {
        let body = try r.decode(TeamWire.ImportList.self)
        let key = body.key.importKey
        let listing = try await Self.scrubbing(key) { try await manager.listImport(key, match: body.match) }
        try await record(caller, "projects.import.list", Self.auditTarget(key, count: listing.candidates.count))
        return .json(listing)
    }

    /// `POST /v1/imports`: onboards the chosen projects, one JSON line per project as it ends, then the summary.
    /// The key is checked and the organisation listed again before the answer starts, so a bad key or an Atlas
    /// refusal of the listing is the answer's status; per-project refusals are outcomes, as in embedded mode.
    func importProjects(_ r: TeamRequest, caller: String) async throws -> TeamResponse {
        let body = try r.decode(TeamWire.Import.self)
        let key = body.key.importKey
        let fresh = try await Self.scrubbing(key) { try await manager.listImport(key, match: nil) }
        let chosen = Set(body.chosen), gone = Set(body.gone)
        let listing = ImportListing(candidates: fresh.candidates.filter { chosen.contains($0.id) },
                                    gone: fresh.gone.filter { gone.contains($0.id) })
        if key.isServiceAccount, listing.candidates.contains(where: \.willOnboard) { throw ManagerError.serviceAccountCannotOnboard }
        try await record(caller, "projects.import", Self.auditTarget(key, count: listing.candidates.count))
        var response = TeamResponse(status: 200, contentType: "application/x-ndjson", body: [])
        response.stream = { [manager] write in
            // nil is a heartbeat. The import runs on its own: a client that goes away does not stop it.
            let (lines, sink) = AsyncStream.makeStream(of: TeamWire.ImportLine?.self)
            Task {
                do {
                    let all = try await manager.importProjects(key, listing: listing) { sink.yield(TeamWire.ImportLine(outcome: $0)) }
                    sink.yield(TeamWire.ImportLine(outcomes: all))
                } catch {
                    sink.yield(TeamWire.ImportLine(error: TeamWire.Failure(error: Self.scrub("\(error)", key), status: 500)))
                }
                sink.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: TeamAPI.importHeartbeat)
                    sink.yield(nil)
                }
            }
            defer { beat.cancel() }
            for await line in lines {
                // A heartbeat is a line of 63 spaces: the client's low-speed check wants 1 byte/s on average over
                // about five seconds, which a bare newline every five seconds (0.2 byte/s) is not.
                var bytes: [UInt8] = line.map { (try? TeamWire.encoder().encode($0)).map(Array.init) ?? [] } ?? Array(repeating: 0x20, count: 63)
                bytes.append(0x0A)
                try await write(bytes)
            }
        }
        return response
    }

    /// What the audit says of an import: the key's public half and how many projects, never the private key.
    static func auditTarget(_ key: ImportKey, count: Int) -> String {
        "\(count) project\(count == 1 ? "" : "s") with key \(key.publicKey)" + (key.orgID.map { " in organisation \($0)" } ?? "")
    }

    /// Runs `body`; an error other than a bad field (a 400 as in embedded mode) becomes a 502 naming Atlas's
    /// answer, with the private key cut out of it should any part of the chain have echoed it.
    static func scrubbing<T>(_ key: ImportKey, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ManagerError {
            if case .invalidField = error { throw TeamAPIError(400, scrub(error.description, key)) }
            throw TeamAPIError(409, scrub(error.description, key))
        } catch {
            throw TeamAPIError(502, "Listing the organisation's projects failed: " + scrub("\(error)", key))
        }
    }

    static func scrub(_ text: String, _ key: ImportKey) -> String {
        let secret = key.privateKey.reveal()
        return secret.count < 4 ? text : text.replacingOccurrences(of: secret, with: "<redacted>")
    }
}
