import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A local emulator of the Atlas Administration API v2 and App Services Admin API v3 subset trotter uses,
/// serving a deterministic synthetic organisation over HTTP on 127.0.0.1.
///
/// ```swift
/// let sandbox = try await AtlasSandbox.start(SandboxConfiguration())
/// ...
/// await sandbox.stop()
/// print(sandbox.baseURL, sandbox.credentials.publicKey)
/// ```
public final class AtlasSandbox: Sendable {
    let engine: SandboxEngine
    private struct Running {
        var port: Int?
        var server: Task<Void, any Error>?
        var group: ServiceGroup?
        var ticker: Task<Void, Never>?
    }
    private let running = Mutex(Running())

    /// Creates the sandbox (its organisation and keys) without starting a server; see `buildApplication`.
    public init(configuration: SandboxConfiguration) {
        engine = SandboxEngine(configuration: configuration)
    }

    /// Starts a sandbox and returns once it listens.
    /// - Throws: the server's error when it cannot bind.
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws -> AtlasSandbox {
        let sandbox = AtlasSandbox(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = sandbox.buildApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        // A ServiceGroup, so stop() can shut the server down gracefully: cancelling its task instead trips
        // swift-nio's "Deinited NIOAsyncWriter without calling finish()" precondition now and then.
        var quiet = Logger(label: "atlas-sandbox.lifecycle")
        quiet.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: quiet))
        let server = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        sandbox.running.withLock { $0.server = server; $0.group = group }
        var iterator = ports.makeAsyncIterator()
        guard await iterator.next() != nil else {
            try await server.value
            throw SandboxStartError(message: "The sandbox server stopped before it listened.")
        }
        return sandbox
    }

    /// Stops the server started by `start(_:)` and the automatic ticks.
    public func stop() async {
        let (server, group, ticker) = running.withLock { state in
            defer { state.server = nil; state.group = nil; state.ticker = nil }
            return (state.server, state.group, state.ticker)
        }
        ticker?.cancel()
        await group?.triggerGracefulShutdown()
        // A client still dribbling a request gets a few seconds, then the server task is cancelled after all.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(3))
            server?.cancel()
        }
        _ = await server?.result
        watchdog.cancel()
    }

    /// Called by the application once bound: remember the port and start ticking if configured.
    func serverDidStart(port: Int) {
        let tick = engine.configuration.tick
        let data = engine.data
        running.withLock { state in
            state.port = port
            if let tick, tick > 0, state.ticker == nil {
                state.ticker = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(tick))
                        if !Task.isCancelled { data.advance(by: 1) }
                    }
                }
            }
        }
    }

    /// "http://127.0.0.1:PORT" once the server listens.
    public var baseURL: String {
        "http://\(engine.configuration.host):\(running.withLock { $0.port } ?? engine.configuration.port)"
    }

    /// The organisation key, the service account and the projects, for `baseURL`.
    public var credentials: SandboxCredentials { credentials(baseURL: baseURL) }

    /// The same credentials for another base URL (e.g. when a proxy sits in front).
    public func credentials(baseURL: String) -> SandboxCredentials {
        SandboxCredentials(
            baseURL: baseURL, publicKey: engine.keys.orgPublicKey, privateKey: engine.keys.orgPrivateKey,
            clientId: engine.keys.clientID, clientSecret: engine.keys.clientSecret, orgId: engine.catalog.orgID,
            projects: engine.catalog.projects.map { .init(id: $0.id, name: $0.name) })
    }
}

/// The sandbox could not start.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message + " Check that the host and port are free and allowed." }
}
