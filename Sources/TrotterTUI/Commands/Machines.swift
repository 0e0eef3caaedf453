import ArgumentParser

/// `trotter machines`: check and run state-machine definitions.
struct Machines: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate and run state machines (phases of jobs).",
        subcommands: [MachinesValidate.self, MachinesRun.self]
    )
}
