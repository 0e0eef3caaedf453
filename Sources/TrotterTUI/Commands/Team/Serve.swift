import ArgumentParser
import DashboardModel
import Foundation
import TrotterServer
import TrotterSupport

/// `trotter serve`: one manager for the team, over HTTP (`/v1/...`), on the SQLite store in $TROTTER_HOME.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the manager to the team: dashboards and commands connect with TROTTER_MANAGER_URL and TROTTER_TOKEN.",
        discussion: """
            Projects, sealed keys, sweeps on their schedule, runs and notifications live in this process and its store \
            ($TROTTER_HOME). Clients need a token from `trotter tokens create`. With --tls-cert and --tls-key it serves \
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
    @Option(help: ArgumentHelp("postgres://USER[:PASSWORD]@HOST:PORT/DB (or TROTTER_DATABASE_URL): not built yet, refused; the store is SQLite in $TROTTER_HOME.",
                               valueName: "url"))
    var database: String?

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8421; got \"\(listen)\".")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        // Said at once rather than serving from SQLite while the operator believes the team shares a database.
        if let url = database ?? ProcessInfo.processInfo.environment["TROTTER_DATABASE_URL"], !url.isEmpty {
            throw ValidationError("""
                --database / TROTTER_DATABASE_URL (\(URLRedaction.hostOnly(url))): this trotter keeps its store in SQLite \
                ($TROTTER_HOME) and cannot serve from PostgreSQL yet, so several servers cannot share one database. \
                Leave it out to serve from $TROTTER_HOME (one server).
                """)
        }
        let tls = try loadTLS()
        do { try TeamServer.checkListen(host: host, insecure: insecureListen, tls: tls != nil) } catch {
            throw ValidationError("\(error)")
        }
        guard metricsNamespaces >= 0 else { throw ValidationError("--metrics-namespaces takes 0 or more; got \(metricsNamespaces).") }
        let metrics = TeamMetrics(namespaceLimit: metricsNamespaces)
        let boot = try await ManagerBootstrap.open(sweepInterval: sweepInterval > 0 ? .seconds(sweepInterval) : nil,
                                                   observeHTTP: metrics.atlasObserver)
        let server = TeamServer(manager: boot.manager, store: await boot.manager.engine.store, metrics: metrics)
        do {
            try await server.runUntilSignalled(host: host, port: port, tls: tls) { bound in
                let scheme = tls == nil ? "http" : "https"
                FileHandle.standardOutput.write(Data("trotter serve: listening on \(scheme)://\(host):\(bound)\n".utf8))
            }
        } catch {
            await server.stopFeed()
            await boot.close()
            Self.fail(error)
        }
        await server.stopFeed()
        await boot.close()
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
