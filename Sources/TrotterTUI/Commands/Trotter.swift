import ArgumentParser
import DashboardModel

@main
struct Trotter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trotter",
        abstract: "GlobeTrotter: a terminal dashboard for MongoDB Atlas organisations.",
        version: TrotterVersion.string,
        subcommands: [
            Sandbox.self,
            Atlas.self,
            Projects.self,
            Sweep.self,
            Namespaces.self,
            FreeSpace.self,
            Machines.self,
            Runs.self,
            Dashboard.self,
        ]
    )
}
