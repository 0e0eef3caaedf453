import ArgumentParser
import CurlHTTP
import DashboardModel
import Foundation
import Orchestration
import TeamClient

/// The commands' way to a `trotter serve` when TROTTER_MANAGER_URL (or --manager) names one.
enum RemoteCommands {
    static func configuration(caFile: String?) -> HTTPClientConfiguration {
        // The dashboard's first snapshot of a 2,000-project organisation (300,000 namespaces) is about 100 MB,
        // over the Atlas client's 64 MB cap; the server is the team's own.
        var c = HTTPClientConfiguration(connectTimeout: 5, totalTimeout: 75, proxy: .none, maxResponseBytes: 1 << 30)
        c.caFile = caFile
        return c
    }

    /// TROTTER_CA_FILE, checked: a path that is not a readable file stops the command with why (exit 2).
    static func caFile() -> String? {
        guard let path = ProcessInfo.processInfo.environment["TROTTER_CA_FILE"], !path.isEmpty else { return nil }
        guard FileManager.default.isReadableFile(atPath: path) else {
            Stderr.print("trotter: TROTTER_CA_FILE / --ca-file \(path): no such readable file (give the PEM certificate of the CA that signed the server's certificate)")
            Foundation.exit(2)
        }
        return path
    }

    /// The remote manager, or nil for the embedded one. Each gets its own client (its engine thread starts on
    /// first use; it trusts TROTTER_CA_FILE or --ca-file, read after `takeGlobalOptions` has run): a command asks
    /// for one and makes a few calls with it.
    static func manager() -> RemoteManager? {
        RemoteTarget.fromEnvironment().map {
            RemoteManager(client: RemoteClient(target: $0, http: HTTPClient(configuration: configuration(caFile: caFile()))))
        }
    }

    /// Runs a call to the server; a refusal (401 and 403 say which) or an unreachable server prints why and exits 1.
    static func perform<T>(_ call: () async throws -> T) async throws -> T {
        do { return try await call() } catch let error as RemoteError {
            Stderr.print("trotter: \(error)")
            throw ExitCode(1)
        }
    }

    /// The newest snapshot, from the server when connected to one, else from the embedded manager.
    static func snapshot() async throws -> DashboardSnapshot {
        if let remote = manager() { return try await perform { try await remote.fetchSnapshot() } }
        let boot = try await ManagerBootstrap.open()
        let snapshot = await boot.manager.currentSnapshot()
        await boot.close()
        return snapshot
    }

    /// The projects alone (not the organisation's namespaces), from the server or the embedded manager.
    static func projects() async throws -> [ProjectSummary] {
        if let remote = manager() { return try await perform { try await remote.fetchProjects() } }
        return try await snapshot().projects
    }

    /// The namespaces a query selects: the server applies it (a few rows on the wire, not the organisation's).
    static func namespaces(_ query: NamespaceQuery) async throws -> [NamespaceStats] {
        if let remote = manager() { return try await perform { try await remote.fetchNamespaces(query) } }
        return query.apply(to: try await snapshot().namespaces)
    }

    /// The free-storage rollup and the clusters' disks: made by the server when connected to one (kilobytes on
    /// the wire, not every namespace), else from the embedded manager's snapshot.
    static func freeSpace() async throws -> TeamWire.FreeSpace {
        if let remote = manager() { return try await perform { try await remote.fetchFreeSpace() } }
        let s = try await snapshot()
        return TeamWire.FreeSpace(rollup: FreeSpaceRollup(namespaces: s.namespaces), clusters: s.clusters)
    }

    /// Prints a remote run's events as they come (as `RunFollower` does for a local one) and returns its end state.
    static func follow(_ remote: RemoteManager, runID: String, json: Bool = false, quiet: Bool = false) async throws -> RunState {
        var number = 0
        let final = try await perform {
            try await remote.follow(runID: runID) { event in
                number += 1
                if !quiet { print(json ? RunJSON.line(event) : EventText.line(event, number: number)) }
                fflush(nil)
            }
        }
        if !quiet { print(json ? RunJSON.summary(final) : "run \(runID) \(final.status.rawValue)") }
        return final
    }

    /// Sets TROTTER_MANAGER_URL / TROTTER_TOKEN / TROTTER_CA_FILE from `--manager URL` / `--token TOKEN` /
    /// `--ca-file FILE` anywhere on the command line
    /// and returns the arguments without them (they apply to every command, so they are read before parsing).
    static func takeGlobalOptions(_ arguments: [String]) -> [String] {
        var out: [String] = []
        let legacyReport = Self.isLegacyReport(arguments)
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            var names = ["--manager": "TROTTER_MANAGER_URL", "--ca-file": "TROTTER_CA_FILE"]
            if !legacyReport { names["--token"] = "TROTTER_TOKEN" }
            if let variable = names[a], i + 1 < arguments.count {
                setenv(variable, arguments[i + 1], 1)
                i += 2
                continue
            }
            if let eq = a.firstIndex(of: "="), let variable = names[String(a[..<eq])] {
                setenv(variable, String(a[a.index(after: eq)...]), 1)
                i += 1
                continue
            }
            out.append(a)
            i += 1
        }
        return out
    }

    /// `runs report … --token T` without a server and without `--task-token`: the old spelling, where `--token`
    /// is the job's task token, left for the command. Through a server `--token` is always the API token.
    static func isLegacyReport(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let isReport = zip(arguments, arguments.dropFirst()).contains { $0 == "runs" && $1 == "report" }
        let named = { (flag: String) in arguments.contains { $0 == flag || $0.hasPrefix(flag + "=") } }
        let remote = !(environment["TROTTER_MANAGER_URL"] ?? "").isEmpty || named("--manager")
        return isReport && !remote && !named("--task-token")
    }
}

/// `sweep` and `projects add` through a server: start, follow to the end, print what the embedded ones print.
extension RemoteCommands {
    static func sweep(_ remote: RemoteManager) async throws {
        let runID = try await perform { try await remote.sweepNow() }
        let state = try await follow(remote, runID: runID, quiet: true)
        let failed = state.allJobs.filter { $0.status == .failed || $0.status == .timedOut }
        let projects = try await perform { try await remote.fetchProjects() }
        print("sweep \(runID): \(state.status.rawValue), \(state.allJobs.count - failed.count - 1) of \(state.allJobs.count - 1) projects collected")
        for p in projects where p.lastError != nil { print("  \(p.name) (\(p.id)): \(p.lastError ?? "")") }
        if state.status != .succeeded { throw ExitCode(1) }
    }

    static func addProject(_ remote: RemoteManager, projectID: String, publicKey: String, secret: String, wait: Bool) async throws {
        let runID: String
        do {
            runID = try await remote.addProject(projectID: projectID, publicKey: publicKey, privateKey: secret)
        } catch RemoteError.refused(400, let message) {
            Stderr.print("trotter: \(message)")
            throw ExitCode(2)
        } catch let error as RemoteError {
            Stderr.print("trotter: \(error)")
            throw ExitCode(1)
        }
        print("onboarding run \(runID) started")
        guard wait else { return }
        let state = try await follow(remote, runID: runID, quiet: true)
        for phase in state.phases { print("  \(phase.name): \(phase.status.rawValue)") }
        print("onboarding \(state.status.rawValue)")
        if state.status != .succeeded {
            let project = try await perform { try await remote.fetchProjects().first { $0.onboardingRunID == runID } }
            Stderr.print("trotter: \(project?.lastError ?? "onboarding \(state.status.rawValue); `trotter runs show \(runID)` has the details")")
            throw ExitCode(1)
        }
    }
}
