import Logging
import ServiceLifecycle

/// Runs a Hummingbird application for a test and stops it gracefully. Cancelling the server's task instead
/// trips swift-nio's "Deinited NIOAsyncWriter without calling finish()" precondition now and then (a crash
/// that took down about one full test run in fourteen). A request still dribbling a body gets a few seconds,
/// then the task is cancelled after all.
final class RunningServer: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(_ service: some Service) {
        var quiet = Logger(label: "test-server.lifecycle")
        quiet.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [], logger: quiet))
        self.group = group
        task = Task { try await group.run() }
    }

    func stop(grace: Duration = .seconds(3)) async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}
