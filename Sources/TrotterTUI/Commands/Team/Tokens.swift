import ArgumentParser
import DashboardModel
import Foundation
import Manager
import TrotterStore

/// `trotter tokens`: the server's API tokens, in its store ($TROTTER_HOME, or the team's `--database`).
struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke the API tokens of `trotter serve` (on the server's host).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once (only its SHA-256 is kept).")
        @Option(help: "A name for the token (who or what uses it); it appears in the audit.") var name: String
        @Option(help: "viewer (reads everything) or operator (also changes things).") var role: TeamRole
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            do {
                let token = try await TeamStore(store: try await store.open()).createToken(name: name, role: role)
                print(token)
                Stderr.print("token \(name) (\(role.rawValue)) created: it is shown only this once")
            } catch { Self.fail(error) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (names and roles; never the tokens).")
        @Flag(help: "Print a JSON array.") var json = false
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            let tokens: [TeamToken]
            do { tokens = try await TeamStore(store: try await store.open()).tokens() } catch { Self.fail(error) }
            if json { try printJSON(tokens); return }
            if tokens.isEmpty { print("no tokens yet: `trotter tokens create --name NAME --role viewer|operator`"); return }
            print(TextTable.render(header: ["NAME", "ROLE", "CREATED", "REVOKED"], rows: tokens.map { t in
                [t.name, t.role.rawValue, Date(timeIntervalSince1970: t.createdAt).ISO8601Format(),
                 t.revokedAt.map { Date(timeIntervalSince1970: $0).ISO8601Format() } ?? ""]
            }))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: its next request gets 401.")
        @Argument(help: "The token's name.") var name: String
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            do {
                try await TeamStore(store: try await store.open()).revoke(name: name)
                print("revoked \(name)")
            } catch { Self.fail(error) }
        }
    }
}

extension TeamRole: ExpressibleByArgument {}

/// `trotter audit`: every operator action with the token that did it (through the server when connected to one).
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List operator actions recorded by `trotter serve`, oldest first.")
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var store: DatabaseOption

    func run() async throws {
        let entries: [AuditEntry]
        if let remote = RemoteCommands.manager() {
            entries = try await RemoteCommands.perform { try await remote.audit() }
        } else {
            do { entries = try await TeamStore(store: try await store.open()).auditEntries() } catch { Self.fail(error) }
        }
        if json { try printJSON(entries); return }
        if entries.isEmpty { print("no operator actions recorded yet"); return }
        print(TextTable.render(header: ["AT", "TOKEN", "ACTION", "TARGET"], rows: entries.map { e in
            [Date(timeIntervalSince1970: e.at).ISO8601Format(), e.tokenName, e.action, e.target]
        }))
    }
}
