import ArgumentParser
import AtlasSandbox
import Foundation

/// `trotter sandbox`: runs the Atlas emulator in the foreground until SIGINT/SIGTERM.
struct Sandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local Atlas Admin API / App Services emulator with a synthetic organisation.",
        discussion: """
            Prints the base URL and the sandbox's own throwaway credentials. Point trotter at it with
            ATLAS_BASE_URL=<base URL> and the printed ATLAS_PUBLIC_KEY / ATLAS_PRIVATE_KEY.
            """
    )

    @Option(help: "Port to listen on (0 = any free port).") var port: Int = 0
    @Option(help: "Projects in the synthetic organisation.") var projects: Int = 3
    @Option(help: "Clusters per project.") var clusters: Int = 2
    @Option(help: "Collections per cluster.") var collections: Int = 20
    @Option(help: "Seed of the synthetic organisation.") var seed: UInt64 = 1
    @Option(name: .customLong("latency-ms"), help: "Delay added to every response, in milliseconds.") var latencyMs: Int = 0
    @Option(name: .customLong("error-rate"), help: "Fraction of requests answered 500/503.") var errorRate: Double = 0
    @Option(name: .customLong("truncate-rate"), help: "Fraction of responses cut short.") var truncateRate: Double = 0
    @Option(name: .customLong("malformed-rate"), help: "Fraction of responses with invalid JSON.") var malformedRate: Double = 0
    @Option(name: .customLong("slow-rate"), help: "Fraction of responses dribbled slowly.") var slowRate: Double = 0
    @Option(name: .customLong("rate-limit-capacity"), help: "Requests per project before 429 (token bucket).") var rateLimitCapacity: Int?
    @Option(name: .customLong("rate-limit-refill"), help: "Tokens refilled per project per minute.") var rateLimitRefill: Int?
    @Option(help: "Seconds between automatic data advances (default: data moves only on demand).") var tick: Double?
    @Option(name: .customLong("credentials-file"), help: "Also write the credentials as JSON to this file (mode 0600).") var credentialsFile: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535.") }
        guard projects >= 1, clusters >= 1, collections >= 1 else {
            throw ValidationError("--projects, --clusters and --collections must be at least 1.")
        }
        for (name, rate) in [("error", errorRate), ("truncate", truncateRate), ("malformed", malformedRate), ("slow", slowRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("--\(name)-rate must be between 0 and 1.")
        }
        if let tick, tick <= 0 { throw ValidationError("--tick must be a positive number of seconds.") }
    }

    func sandboxConfiguration() -> SandboxConfiguration {
        var config = SandboxConfiguration()
        config.port = port
        config.projects = projects
        config.clustersPerProject = clusters
        config.collectionsPerCluster = collections
        config.seed = seed
        config.faults.latencyMs = latencyMs
        config.faults.errorRate = errorRate
        config.faults.truncateRate = truncateRate
        config.faults.malformedRate = malformedRate
        config.faults.slowBodyRate = slowRate
        if let rateLimitCapacity { config.rateLimit.capacity = rateLimitCapacity }
        if let rateLimitRefill { config.rateLimit.refillPerMinute = rateLimitRefill }
        config.tick = tick
        return config
    }

    func run() async throws {
        let sandbox = AtlasSandbox(configuration: sandboxConfiguration())
        let file = credentialsFile
        try await sandbox.runUntilSignalled { _ in
            let credentials = sandbox.credentials
            if let file {
                do {
                    try SandboxOutput.write(credentials, to: file)
                } catch {
                    FileHandle.standardError.write(Data("trotter sandbox: cannot write \(file): \(error.localizedDescription)\n".utf8))
                }
            }
            // Unbuffered, so a script reading our stdout through a pipe sees the banner at once.
            FileHandle.standardOutput.write(Data(SandboxOutput.banner(credentials).utf8))
        }
    }
}
