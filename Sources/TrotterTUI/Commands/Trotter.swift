import ArgumentParser
import DashboardModel
import Foundation
import TrotterSupport

@main
struct Trotter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trotter",
        abstract: "GlobeTrotter: a terminal dashboard for MongoDB Atlas organisations.",
        discussion: "With no subcommand, trotter opens the dashboard on the embedded manager ($TROTTER_HOME).",
        version: TrotterVersion.string,
        subcommands: [
            Dashboard.self,
            Demo.self,
            Projects.self,
            Sweep.self,
            Namespaces.self,
            FreeSpace.self,
            Machines.self,
            Runs.self,
            Atlas.self,
            Sandbox.self,
            Serve.self,
            Tokens.self,
            Audit.self,
            DashboardsBenchmark.self,
        ],
        defaultSubcommand: Dashboard.self
    )

    /// As argument-parser's, but a usage error exits 2 (the CLI's contract: 0 ok, 1 API/network, 2 usage)
    /// instead of its 64.
    static func main() async {
        do {
            var command = try parseAsRoot(RemoteCommands.takeGlobalOptions(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
