import ArgumentParser
import DashboardModel

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
        ],
        defaultSubcommand: Dashboard.self
    )
}
