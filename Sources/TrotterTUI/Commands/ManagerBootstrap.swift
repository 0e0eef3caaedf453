import ArgumentParser
import AtlasAPI
import AWSAPI
import CurlHTTP
import DashboardModel
import Foundation
import Logging
import Manager
import TeamCoordination
import TrotterStore

/// Opens the embedded manager the way every manager command does: `TROTTER_HOME`, the store, the log file,
/// the libcurl client and the Atlas/App Services endpoints from the environment.
struct ManagerBootstrap {
    let manager: EmbeddedManager
    let http: HTTPClient
    let aws: AWSClient
    let logSink: FileLogHandler.Sink

    static func open(home: URL? = nil, endpoints: AtlasEndpoints? = nil, sweepInterval: Duration? = nil,
                     awsEnvironment: AWSEnvironment = AWSEnvironment(), observeHTTP: HTTPResponseObserver? = nil,
                     database: DatabaseURL? = nil,
                     configure: (inout ManagerSettings) -> Void = { _ in },
                     prepare: (EmbeddedManager, Logger) async throws -> Void = { _, _ in }) async throws -> ManagerBootstrap {
        var settings = ManagerSettings(home: home ?? ManagerSettings.defaultHome(), endpoints: endpoints ?? .fromEnvironment())
        settings.sweepInterval = sweepInterval
        try settings.applyForecastLimits()
        configure(&settings)
        try FileManager.default.createDirectory(at: settings.home, withIntermediateDirectories: true)
        let sink = try FileLogHandler.Sink(path: settings.home.appendingPathComponent("trotter.log"))
        let logger = Logger(label: "trotter") { FileLogHandler(label: $0, sink: sink) }
        let store: Store
        if let database {
            store = try await Store.connect(url: database, logger: logger)
        } else {
            store = try Store(path: settings.home.appendingPathComponent("trotter.sqlite").path)
        }
        let http = HTTPClient(configuration: HTTPClientConfiguration(maxConcurrentPerHost: settings.maxRequestsPerHost),
                              observer: observeHTTP)
        let aws = AWSClient(http: HTTPClient(configuration: .aws), environment: awsEnvironment)
        let manager = try EmbeddedManager(settings: settings, store: store, http: http, aws: aws, logger: logger)
        // Before start, which resumes unfinished runs: they are driven the way this process is set up to.
        try await prepare(manager, logger)
        try await manager.start()
        return ManagerBootstrap(manager: manager, http: http, aws: aws, logSink: sink)
    }

    func close() async {
        await manager.shutdown()
        http.shutdown()
        aws.http.shutdown()
        logSink.flush()
    }
}

/// A failure worded for a person, for `fail(_:)`.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

extension ParsableCommand {
    /// Prints an error for a person on stderr and exits 1 (API or network trouble), per the CLI's contract.
    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("trotter: \(error)\n".utf8))
        Foundation.exit(1)
    }

    /// Closes the manager, then exits: 2 for a malformed field (the caller's input), 1 for anything else.
    static func closeAndFail(_ boot: ManagerBootstrap, _ error: any Error) async throws -> Never {
        await boot.close()
        if let e = error as? ManagerError, case .invalidField = e {
            FileHandle.standardError.write(Data("trotter: \(e)\n".utf8))
            throw ExitCode(2)
        }
        fail(error)
    }
}
