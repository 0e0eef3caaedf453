import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
@testable import CurlHTTP

/// A real HTTP server on 127.0.0.1 (port chosen by the system) for the notifier and the `http` executor: it records
/// every POST and answers with the status a test chooses per path.
final class LocalHTTPServer: Sendable {
    struct Received: Sendable, Hashable { var path: String; var body: Data }

    private let received = Mutex<[Received]>([])
    private let statuses: [String: Int]
    private let server = Mutex<RunningServer?>(nil)
    private let port = Mutex<Int?>(nil)

    /// - Parameter statuses: HTTP status by path (200 when not listed).
    init(statuses: [String: Int] = [:]) { self.statuses = statuses }

    var requests: [Received] { received.withLock { $0 } }

    /// Starts listening and returns the base URL, e.g. "http://127.0.0.1:40123".
    func start() async throws -> String {
        let router = Router()
        router.post("**") { [self] request, context -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let path = request.uri.path
            self.received.withLock { $0.append(Received(path: path, body: Data(buffer.readableBytesView))) }
            let status = self.statuses[path] ?? 200
            return Response(status: HTTPResponse.Status(code: status), body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"ok\":\(status < 300)}")))
        }
        // A change stream that opens, then goes silent without closing: a server paused (SIGSTOP) or cut off.
        router.get("/silent/v1/events") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": stream\n\n"))
                try await Task.sleep(for: .seconds(300))
                try await writer.finish(nil)
            })
        }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: Logger(label: "test-server", factory: { _ in SwiftLogNoOpLogHandler() }))
        server.withLock { $0 = RunningServer(app) }
        var iterator = started.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw CancellationError() }
        port.withLock { $0 = bound }
        return "http://127.0.0.1:\(bound)"
    }

    func stop() async {
        let running = server.withLock { $0 }
        await running?.stop()
    }

    /// Waits (generously) until `count` requests arrived.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(20)) async -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while requests.count < count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return requests
    }
}
