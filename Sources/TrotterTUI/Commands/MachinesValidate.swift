import ArgumentParser
import DashboardModel
import Foundation
import Orchestration

/// `trotter machines validate FILE`: exit 0 when valid, 2 with the JSON path of the fault on stderr.
struct MachinesValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a state-machine definition; print the JSON path of the first fault."
    )

    @Argument(help: "The definition file (JSON).")
    var file: String

    func run() async throws {
        let definition = try MachineFile.load(file)
        let jobs = definition.phases.reduce(0) { $0 + $1.jobs.count }
        print("\(file): valid — machine \(definition.name), \(definition.phases.count) phases, \(jobs) jobs")
    }
}

/// Reading a definition file for the CLI, with the exit code 2 of an invalid one.
enum MachineFile {
    static func load(_ file: String) throws -> MachineDefinition {
        guard let data = FileManager.default.contents(atPath: file) else {
            Stderr.print("\(file): cannot read the file; check the path and its permissions")
            throw ExitCode(2)
        }
        do {
            return try MachineDefinition.parse(json: data)
        } catch {
            Stderr.print("\(file): \(error.path): \(error.message)")
            throw ExitCode(2)
        }
    }
}

/// Messages for people go to stderr, keeping stdout for results (and `--json` lines).
enum Stderr {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
