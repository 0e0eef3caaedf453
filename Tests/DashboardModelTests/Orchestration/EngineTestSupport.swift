import Foundation
import Logging
@testable import CurlHTTP
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterStore

/// A fresh store and scratch directory per test (tests run in parallel), removed when the test lets go of it.
final class EngineFixture: Sendable {
    let store: Store
    let directory: URL

    init() async throws {
        (store, directory) = try await TestStore.temporary()
    }

    deinit {
        store.close()   // a PostgreSQL store's connections: the parallel pass otherwise held them until it ended
        try? FileManager.default.removeItem(at: directory)
    }

    func engine(crash: CrashPoint? = nil, sender: any WebhookSender = CurlWebhookSender(http: HTTPClient())) -> OrchestrationEngine {
        var configuration = OrchestrationEngine.Configuration(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        configuration.crashPoint = crash
        return OrchestrationEngine(store: store, sender: sender, configuration: configuration)
    }

    /// A shell command line that records one execution of `name` in the scratch directory, then runs `then`.
    func recording(_ name: String, then: String = "true") -> String {
        #"["sh", "-c", "echo ran >> '\#(directory.path)/\#(name).runs'; \#(then)"]"#
    }

    /// How many times the job recorded by ``recording(_:then:)`` ran.
    func runs(of name: String) -> Int {
        let text = (try? String(contentsOf: directory.appendingPathComponent("\(name).runs"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    var path: String { directory.path }
}

extension OrchestrationEngine {
    /// Waits for the end with a generous limit, so a broken test fails instead of hanging.
    func end(_ runID: String) async throws -> RunState {
        try await waitFor(runID: runID, timeout: .seconds(60)) { $0.status.isFinished }
    }
}
