import ArgumentParser

/// `trotter atlas ...`: headless Atlas queries for scripts and tests, credentials from the environment.
struct Atlas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Query the Atlas Administration API (credentials from the environment).",
        discussion: """
            Credentials: ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY (API key), or ATLAS_CLIENT_ID and \
            ATLAS_CLIENT_SECRET (service account). ATLAS_BASE_URL selects the server (default \
            https://cloud.mongodb.com). Exit codes: 0 ok, 1 API or network error, 2 usage error.
            """,
        subcommands: [AtlasProjects.self, AtlasClusters.self, AtlasProcesses.self, AtlasDisks.self]
    )
}

/// Options every `trotter atlas` subcommand takes.
struct AtlasOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print a JSON array keeping the API's field names instead of a table.")
    var json = false
}

/// Options of the per-project subcommands. `--project` is checked in `run` so that a missing one exits 2.
struct AtlasProjectOption: ParsableArguments {
    @Option(name: .long, help: "The project (group) ID, 24 hexadecimal characters.")
    var project: String?

    func required() throws -> String {
        guard let project, !project.isEmpty else {
            AtlasCLI.printError("--project ID is required (see `trotter atlas projects` for IDs).")
            throw ExitCode(2)
        }
        return project
    }
}
