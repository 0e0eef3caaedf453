import Foundation
import TrotterSupport

extension TeamWire {
    /// The organisation key of an import, as it goes to the server (in the request body, never in a URL). Its
    /// description hides the private key, so printing a body cannot leak it.
    public struct ImportKeyBody: Codable, Sendable, CustomStringConvertible {
        public var publicKey: String
        public var privateKey: String
        public var orgID: String?
        public init(_ key: ImportKey) {
            publicKey = key.publicKey; privateKey = key.privateKey.reveal(); orgID = key.orgID
        }
        public var importKey: ImportKey { ImportKey(publicKey: publicKey, privateKey: Secret(privateKey), orgID: orgID) }
        public var description: String { "ImportKeyBody(publicKey: \(publicKey), privateKey: <redacted>, orgID: \(orgID ?? "nil"))" }
    }

    /// `POST /v1/imports/list`: what the key sees, planned against what the server has onboarded.
    public struct ImportList: Codable, Sendable {
        public var key: ImportKeyBody
        public var match: String?
        public init(key: ImportKey, match: String?) { self.key = ImportKeyBody(key); self.match = match }
    }

    /// `POST /v1/imports`: onboard the chosen projects of a listing the client was shown. The server lists again
    /// and imports only what is in both (a stale or made-up listing cannot onboard or mark gone anything else).
    public struct Import: Codable, Sendable {
        public var key: ImportKeyBody
        /// Candidate ids to import (the listing's, after the operator's choice).
        public var chosen: [String]
        /// The listing's gone ids, to mark gone.
        public var gone: [String]
        public init(key: ImportKey, chosen: [String], gone: [String]) {
            self.key = ImportKeyBody(key); self.chosen = chosen; self.gone = gone
        }
    }

    /// One line of the import's answer (JSON Lines, written as projects end): an outcome, then the final
    /// `outcomes` (the summary, in the embedded manager's order) or an `error` that ended it.
    public struct ImportLine: Codable, Sendable {
        public var outcome: ImportOutcome?
        public var outcomes: [ImportOutcome]?
        public var error: Failure?
        public init(outcome: ImportOutcome? = nil, outcomes: [ImportOutcome]? = nil, error: Failure? = nil) {
            self.outcome = outcome; self.outcomes = outcomes; self.error = error
        }
    }
}

/// Splits a JSON Lines body into lines as the network delivers it, whatever the chunk boundaries; blank lines
/// (the server's heartbeats) are dropped.
public struct JSONLinesParser: Sendable {
    private var pending: [UInt8] = []
    public init() {}

    public mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        pending += bytes
        guard let end = pending.lastIndex(of: 0x0A) else { return [] }
        let lines = pending[..<end].split(separator: 0x0A).map(Array.init)
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        pending.removeSubrange(...end)
        return lines
    }
}
