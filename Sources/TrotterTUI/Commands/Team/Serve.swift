import ArgumentParser
import DashboardModel
import Foundation
import Manager
import Synchronization
import TeamCoordination
import TrotterServer
import TrotterSupport

/// `trotter serve`: one manager for the team, over HTTP (`/v1/...`), on the SQLite store in $TROTTER_HOME, or, with
/// `--database`, on the PostgreSQL that any number of servers share (one schedule, one set of runs).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the manager to the team: dashboards and commands connect with TROTTER_MANAGER_URL and TROTTER_TOKEN.",
        discussion: """
            Projects, sealed keys, sweeps on their schedule, runs and notifications live in the store: $TROTTER_HOME's SQLite \
            for one server, or with --database a PostgreSQL that several servers share: one sweep per interval for the \
            team, each run driven by one server on a lease (--lease) and taken over by another when that server dies, \
            changes announced to every server by NOTIFY. Every server of a team needs the same master key \
            (--master-key). Clients need a token from `trotter tokens create`. With --tls-cert and --tls-key it serves \
            HTTPS (clients trust a private CA with TROTTER_CA_FILE or --ca-file); without TLS it listens on loopback \
            only unless --insecure-listen. GET /metrics is Prometheus text for a viewer's token.
            """
    )

    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8421"
    @Flag(help: "Allow a non-loopback --listen address without TLS (tokens then cross the network in clear text).")
    var insecureListen = false
    @Option(help: ArgumentHelp("PEM certificate chain (leaf first) to serve HTTPS with; needs --tls-key.", valueName: "file"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("PEM private key of --tls-cert (unencrypted; keep it readable by this user only).", valueName: "file"))
    var tlsKey: String?
    @Option(help: "Seconds between scheduled sweeps (0 = no schedule).") var sweepInterval: Int = 300
    @Option(help: ArgumentHelp("How many namespaces /metrics gives their own series: the top N by reusable bytes.",
                               discussion: "Bounds the label cardinality Prometheus stores, however many collections are watched (0 = none)."))
    var metricsNamespaces: Int = 100
    @OptionGroup var store: DatabaseOption
    @Option(help: ArgumentHelp("With --database: how long a server holds a run it drives before another may take it over (renewed every third of it), e.g. 5s or 500ms.",
                               valueName: "duration"))
    var lease = "5s"
    @Option(help: ArgumentHelp("The master key file that seals the projects' keys (default $TROTTER_HOME/master.key); every server on one --database must be given the same one.",
                               valueName: "file"))
    var masterKey: String?
    @Option(help: ArgumentHelp("Projects this server collects or onboards at once (with --database: the team's sweep and onboarding jobs it works at once).",
                               discussion: "Atlas limits requests per organisation and per key: fewer at once spends less of that on one server."))
    var parallelProjects = 16
    @Option(help: ArgumentHelp("With --database: users' jobs (any machine's command, http, sim and lambda jobs) this server runs at once, claimed from the team's queue."))
    var parallelJobs = 64

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8421; got \"\(listen)\".")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let database = try store.url()
        guard let lease = Duration.parse(lease), lease >= .milliseconds(100) else {
            throw ValidationError("--lease takes a duration of 100ms or more, e.g. 5s or 500ms; got \"\(lease)\".")
        }
        let tls = try loadTLS()
        do { try TeamServer.checkListen(host: host, insecure: insecureListen, tls: tls != nil) } catch {
            throw ValidationError("\(error)")
        }
        guard (1...256).contains(parallelProjects) else { throw ValidationError("--parallel-projects takes 1 to 256; got \(parallelProjects).") }
        let parallelProjects = parallelProjects
        guard (1...1024).contains(parallelJobs) else { throw ValidationError("--parallel-jobs takes 1 to 1024; got \(parallelJobs).") }
        let parallelJobs = parallelJobs
        guard metricsNamespaces >= 0 else { throw ValidationError("--metrics-namespaces takes 0 or more; got \(metricsNamespaces).") }
        let metrics = TeamMetrics(namespaceLimit: metricsNamespaces)
        let masterKey = masterKey
        let boot: ManagerBootstrap
        let team = TeamShare()
        do {
            boot = try await ManagerBootstrap.open(sweepInterval: sweepInterval > 0 ? .seconds(sweepInterval) : nil,
                                                   observeHTTP: metrics.atlasObserver, database: database, configure: { settings in
                if database != nil {
                    settings.runLease = lease
                    settings.sharedSchedule = true
                }
                if let masterKey { settings.masterKeyFile = URL(fileURLWithPath: masterKey) }
                settings.maxParallelProjects = parallelProjects
            }, prepare: { manager, logger in
                // Several servers: a sweep's per-project jobs go to the team's queue, which every server works.
                guard let database else { return }
                try await manager.checkMasterKey()
                let coordinator = try await Coordinator.connect(url: database, logger: logger)
                let work = TeamWorkQueue(coordinator: coordinator, builtins: EmbeddedManager.sharedBuiltins, logger: logger)
                await manager.engine.share(work)
                team.set(coordinator: coordinator, work: work)
            })
        } catch { Self.fail(error) }
        let worker = team.work.map { work in
            Task { [manager = boot.manager] in
                await work.work(engine: manager.engine, server: "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                                lease: lease, collections: manager.settings.maxParallelProjects, jobs: parallelJobs)
            }
        }
        let server = TeamServer(manager: boot.manager, store: await boot.manager.engine.store, metrics: metrics)
        do {
            try await server.runUntilSignalled(host: host, port: port, tls: tls) { bound in
                let scheme = tls == nil ? "http" : "https"
                FileHandle.standardOutput.write(Data("trotter serve: listening on \(scheme)://\(host):\(bound)\n".utf8))
            }
        } catch {
            await server.stopFeed()
            worker?.cancel()
            await boot.close()
            await team.coordinator?.close()
            Self.fail(error)
        }
        await server.stopFeed()
        worker?.cancel()
        await boot.close()
        await team.coordinator?.close()
    }

    /// The team's queue, made while the manager is prepared (before it starts).
    final class TeamShare: Sendable {
        private let value = Mutex<(Coordinator, TeamWorkQueue)?>(nil)
        func set(coordinator: Coordinator, work: TeamWorkQueue) { value.withLock { $0 = (coordinator, work) } }
        var coordinator: Coordinator? { value.withLock { $0?.0 } }
        var work: TeamWorkQueue? { value.withLock { $0?.1 } }
    }

    /// The certificate and key, checked now: a bad path or a key of another certificate stops here (exit 2).
    private func loadTLS() throws -> ServerTLS? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let cert?, let key?):
            do { return try ServerTLS.load(certificate: cert, key: key) } catch { throw ValidationError("\(error)") }
        default: throw ValidationError("--tls-cert and --tls-key go together: give both for HTTPS, or neither.")
        }
    }
}
