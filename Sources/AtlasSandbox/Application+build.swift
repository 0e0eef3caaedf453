public import Hummingbird
import Logging

extension AtlasSandbox {
    /// Builds the Hummingbird application that serves this sandbox; `start(_:)`, `trotter sandbox` and the
    /// tests all go through here.
    ///
    /// - Parameter onServerRunning: called with the bound port once the server listens.
    /// - Returns: the application; run it with `run()` or `runService()` (which also handles SIGINT/SIGTERM).
    public func buildApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "AtlasSandbox")
        // The server's own logging must not flood a terminal: warnings and worse only.
        let configuration = engine.configuration
        logger.logLevel = configuration.logLevel
        return Application(
            responder: SandboxResponder(engine: engine),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "atlas-sandbox"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                self.serverDidStart(port: port)
                await onServerRunning(port)
            },
            logger: logger
        )
    }
}

extension AtlasSandbox {
    /// Serves in the foreground until SIGINT or SIGTERM, then shuts down gracefully (for `trotter sandbox`).
    /// - Parameter onServerRunning: called with the bound port once the server listens.
    public func runUntilSignalled(onServerRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await buildApplication(onServerRunning: onServerRunning).runService()
    }
}
