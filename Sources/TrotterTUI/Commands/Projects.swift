import ArgumentParser
import DashboardModel
import Foundation

struct Projects: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Onboard, list and remove Atlas projects.",
        subcommands: [Add.self, Import.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Onboard a project: check its keys, store them sealed, deploy the worker app, first sweep.",
            discussion: """
            The private key (or service-account secret) is read from standard input when it is not a terminal,
            else from a prompt that does not echo. It is never a flag, so it stays out of shell history and ps.
            """
        )
        @Option(name: .customLong("project"), help: "The project ID (24 hex characters).") var projectID: String
        @Option(name: .customLong("public-key"), help: "The API key's public key, or a service account's client ID.") var publicKey: String
        @Flag(help: "Return once the onboarding run has started, without waiting for it to end.") var noWait = false

        func run() async throws {
            let secret = try readSecret(prompt: "Private key: ")
            if let remote = RemoteCommands.manager() {
                return try await RemoteCommands.addProject(remote, projectID: projectID, publicKey: publicKey, secret: secret, wait: !noWait)
            }
            let boot = try await ManagerBootstrap.open()
            do {
                let runID = try await boot.manager.addProject(projectID: projectID, publicKey: publicKey, privateKey: secret)
                print("onboarding run \(runID) started")
                if !noWait {
                    let state = try await boot.manager.engine.waitForEnd(runID: runID)
                    for phase in state.phases { print("  \(phase.name): \(phase.status.rawValue)") }
                    print("onboarding \(state.status.rawValue)")
                    await boot.close()
                    if state.status != .succeeded {
                        let project = await boot.manager.currentSnapshot().projects.first { $0.onboardingRunID == runID }
                        Self.fail(CommandFailure(project?.lastError ?? "onboarding \(state.status.rawValue); `trotter runs show \(runID)` has the details"))
                    }
                    return
                }
            } catch {
                try await Self.closeAndFail(boot, error)
            }
            await boot.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List onboarded projects with their state and last sweep.")
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let projects = try await RemoteCommands.projects()
            if json {
                try printJSON(projects.map { p in
                    ["id": p.id, "name": p.name, "state": p.state.rawValue, "clusterCount": String(p.clusterCount),
                     "workerAppId": p.workerAppID ?? "", "lastSweep": p.lastSweep.map { $0.ISO8601Format() } ?? "",
                     "lastError": p.lastError ?? ""]
                })
            } else {
                let rows = projects.map { [$0.id, $0.name, $0.state.rawValue, String($0.clusterCount),
                                           $0.lastSweep.map { $0.ISO8601Format() } ?? "never", $0.lastError ?? ""] }
                print(TextTable.render(header: ["ID", "NAME", "STATE", "CLUSTERS", "LAST SWEEP", "ERROR"], rows: rows))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a project: its sealed keys, clusters and samples are wiped.")
        @Argument(help: "The project ID.") var projectID: String

        func run() async throws {
            if let remote = RemoteCommands.manager() {
                try await RemoteCommands.perform { try await remote.removeProject(projectID: projectID) }
                print("removed \(projectID)")
                return
            }
            let boot = try await ManagerBootstrap.open()
            do {
                try await boot.manager.removeProject(projectID: projectID)
                await boot.close()
                print("removed \(projectID)")
            } catch {
                await boot.close()
                Self.fail(error)
            }
        }
    }
}

/// Reads a secret from stdin when piped, else from the terminal without echo (getpass-like, via termios).
func readSecret(prompt: String) throws -> String {
    if isatty(STDIN_FILENO) == 0 {
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("No private key on standard input.") }
        return line
    }
    FileHandle.standardError.write(Data(prompt.utf8))
    var old = termios()
    tcgetattr(STDIN_FILENO, &old)
    var noEcho = old
    noEcho.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSANOW, &noEcho)
    defer {
        tcsetattr(STDIN_FILENO, TCSANOW, &old)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    return readLine(strippingNewline: true) ?? ""
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
