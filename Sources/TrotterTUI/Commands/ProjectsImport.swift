import ArgumentParser
import DashboardModel
import Foundation
import TrotterSupport

extension Projects {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Onboard every project an organisation key can see, in parallel, on one sealed key.",
            discussion: """
            Lists every project the key can reach (all pages; --org limits it to one organisation), keeps those whose
            name matches --match, and onboards the rest as their own onboarding runs, as many at once as a sweep
            collects. Importing again onboards only what is new or failed and reports the rest as already onboarded;
            projects imported with this key that it no longer sees are marked gone. The private key (or
            service-account secret) is read from standard input when it is not a terminal, else from a prompt that
            does not echo. A service account (--client-id) can list (--dry-run) but not onboard: App Services
            accepts only API keys. Exit status: 0 when every chosen project ended onboarded, 1 when any failed.
            """
        )
        @Option(name: .customLong("public-key"), help: "The organisation API key's public key.") var publicKey: String?
        @Option(name: .customLong("client-id"), help: "A service account's client ID (mdb_sa_id_…), instead of --public-key.") var clientID: String?
        @Option(name: .customLong("org"), help: "Only the projects of this organisation (24 hex characters).") var orgID: String?
        @Option(help: "A regular expression searched in project names, e.g. '^prod-'.") var match: String?
        @Flag(help: "Show what would be done; change nothing.") var dryRun = false
        @Flag(help: "One JSON object per project (JSON Lines); the summary goes to standard error.") var json = false

        func validate() throws {
            if (publicKey == nil) == (clientID == nil) { throw ValidationError("Give exactly one of --public-key or --client-id.") }
            if let clientID, !clientID.hasPrefix("mdb_sa_id_") { throw ValidationError("--client-id takes a service account's mdb_sa_id_… client ID.") }
        }

        func run() async throws {
            let secret = try readSecret(prompt: clientID == nil ? "Private key: " : "Client secret: ")
            let key = ImportKey(publicKey: publicKey ?? clientID ?? "", privateKey: Secret(secret), orgID: orgID)
            let out = ImportPrinter(json: json)
            // Through a server the key goes to it in the request body; its vault keeps it, as the embedded one does.
            if let remote = RemoteCommands.manager() {
                let (listing, outcomes) = try await RemoteCommands.perform { try await importing(remote, key, out) }
                return try finish(listing, outcomes)
            }
            let boot = try await ManagerBootstrap.open()
            let result: (ImportListing, [ImportOutcome])
            do { result = try await importing(boot.manager, key, out) } catch { try await Self.closeAndFail(boot, error) }
            await boot.close()
            try finish(result.0, result.1)
        }

        private func importing(_ manager: some ManagerService, _ key: ImportKey, _ out: ImportPrinter) async throws -> (ImportListing, [ImportOutcome]) {
            let listing = try await manager.listImport(key, match: match)
            if dryRun {
                let outcomes = ImportPrinter.dryRun(listing)
                outcomes.forEach(out.line)
                return (listing, outcomes)
            }
            return (listing, try await manager.importProjects(key, listing: listing, chosen: nil, onOutcome: out.line))
        }

        private func finish(_ listing: ImportListing, _ outcomes: [ImportOutcome]) throws {
            let summary = ImportPrinter.summary(outcomes, listing: listing, dryRun: dryRun)
            if json { FileHandle.standardError.write(Data(summary.utf8)) }
            if !json { print(summary, terminator: "") }
            if outcomes.contains(where: { !$0.isSuccess }) { throw ExitCode(1) }
        }
    }
}

/// One line per project as it ends (text or JSON Lines), and the summary.
struct ImportPrinter: Sendable {
    let json: Bool

    @Sendable func line(_ o: ImportOutcome) {
        let text: String
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: (try? encoder.encode(o)) ?? Data("{}".utf8), as: UTF8.self)
        } else {
            var s = "\(Self.label(o.result).padding(toLength: 17, withPad: " ", startingAt: 0)) \(o.name) (\(o.id))"
            if let reason = o.reason { s += ": \(reason)" }
            text = s
        }
        // One write per line: projects end on several threads at once.
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func label(_ r: ImportOutcome.Result) -> String {
        switch r {
        case .onboarded: "onboarded"
        case .alreadyOnboarded: "already onboarded"
        case .failed: "refused"
        case .wouldOnboard: "would onboard"
        case .gone: "gone"
        }
    }

    /// What an import would do, without doing it.
    static func dryRun(_ listing: ImportListing) -> [ImportOutcome] {
        listing.gone.map { ImportOutcome(id: $0.id, name: $0.name, result: .gone, reason: "would be marked gone: not listed for this key any more") }
            + listing.candidates.map { c in
                switch c.standing {
                case .onboarded: ImportOutcome(id: c.id, name: c.name, result: .alreadyOnboarded)
                case .onboarding: ImportOutcome(id: c.id, name: c.name, result: .wouldOnboard, reason: "onboarding under way; the import would wait for it")
                case .retry: ImportOutcome(id: c.id, name: c.name, result: .wouldOnboard, reason: "onboarded before but not ready: onboarding again")
                case .new: ImportOutcome(id: c.id, name: c.name, result: .wouldOnboard)
                }
            }
    }

    static func summary(_ outcomes: [ImportOutcome], listing: ImportListing, dryRun: Bool) -> String {
        func n(_ r: ImportOutcome.Result) -> Int { outcomes.filter { $0.result == r }.count }
        let parts = dryRun
            ? ["\(n(.wouldOnboard)) to onboard", "\(n(.alreadyOnboarded)) already onboarded", "\(n(.gone)) gone"]
            : ["\(n(.onboarded)) onboarded", "\(n(.alreadyOnboarded)) already onboarded", "\(n(.failed)) refused", "\(n(.gone)) gone"]
        var s = (dryRun ? "dry run: " : "") + parts.joined(separator: ", ")
        s += " (\(listing.candidates.count) chosen"
        if listing.filteredOut > 0 { s += ", \(listing.filteredOut) left out by --match" }
        return s + ")\n"
    }
}
