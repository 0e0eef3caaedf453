import Foundation
import Hummingbird
import Logging
import NIOCore

/// A small loopback server for transport behaviour the Atlas emulator does not cover: slow and dribbled
/// bodies, gzip, failures that heal after N attempts, echoing methods and headers.
struct TestHTTPServer {
    /// Counts requests per key and tracks concurrency, for the "fail N times" and per-host-limit routes.
    actor Counters {
        var hits: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
        func hit(_ key: String) -> Int { hits[key, default: 0] += 1; return hits[key]! }
        func enter() { inFlight += 1; maxInFlight = max(maxInFlight, inFlight) }
        func leave() { inFlight -= 1 }
    }

    /// A gzip-compressed `{"zipped": true, "pad": "x" * 64}`.
    static let gzipBody: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 170, 202, 44, 40, 72, 77, 81, 178, 82, 40, 41,
                                    42, 77, 213, 81, 80, 42, 72, 4, 113, 148, 42, 40, 4, 74, 181, 0, 169, 194, 108, 112, 91, 0, 0, 0]

    static func router(_ counters: Counters) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/headers") { request, _ in
            var out: [String: String] = [:]
            for field in request.headers { out[field.name.canonicalName] = field.value }
            return try json(out)
        }
        router.on("/echo", method: .post) { request, _ in try await echo(request) }
        router.on("/echo", method: .put) { request, _ in try await echo(request) }
        router.on("/echo", method: .patch) { request, _ in try await echo(request) }
        router.on("/echo", method: .delete) { request, _ in try await echo(request) }
        router.get("/gzip") { request, _ in
            guard request.headers[.acceptEncoding]?.contains("gzip") == true else { return Response(status: .notAcceptable) }
            return Response(status: .ok, headers: [.contentEncoding: "gzip", .contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: gzipBody)))
        }
        // /flaky/KEY/FAILURES/STATUS[?retryAfter=S]: STATUS for the first FAILURES requests of KEY, then 200.
        router.get("/flaky/{key}/{failures}/{status}") { request, context in
            let key = try context.parameters.require("key")
            let failures = try context.parameters.require("failures", as: Int.self)
            let status = try context.parameters.require("status", as: Int.self)
            let n = await counters.hit(key)
            guard n > failures else {
                var headers = HTTPFields()
                if let ra = request.uri.queryParameters.get("retryAfter") { headers[.retryAfter] = ra }
                return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: "{}")))
            }
            return try json(["attempts": "\(n)"])
        }
        // /slow?ms=N: answers after N ms, counting concurrency.
        router.get("/slow") { request, _ in
            await counters.enter()
            let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 100
            try? await Task.sleep(for: .milliseconds(ms))
            await counters.leave()
            return try json(["slept": "\(ms)"])
        }
        // /dribble?chunks=N&ms=M: a body in N chunks M ms apart; counts completions under key "dribble-done".
        router.get("/dribble") { request, _ in
            let chunks = request.uri.queryParameters.get("chunks", as: Int.self) ?? 100
            let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 100
            return Response(status: .ok, body: .init { writer in
                for _ in 0..<chunks {
                    try await writer.write(ByteBuffer(string: "xxxxxxxx"))
                    try await Task.sleep(for: .milliseconds(ms))
                }
                try await writer.finish(nil)
                _ = await counters.hit("dribble-done")
            })
        }
        return router
    }

    static func echo(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        return try json(["method": request.method.rawValue, "body": String(buffer: body),
                         "contentType": request.headers[.contentType] ?? ""])
    }

    static func json(_ value: [String: String]) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs the server on 127.0.0.1:0 for the duration of `body`.
    static func with<T: Sendable>(_ body: @Sendable (_ baseURL: String, _ counters: Counters) async throws -> T) async throws -> T {
        let counters = Counters()
        let (ports, portCont) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router(counters),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portCont.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "test-http", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = RunningServer(app)
        guard let port = await ports.first(where: { _ in true }) else {
            await server.stop()
            throw CancellationError()
        }
        do {
            let result = try await body("http://127.0.0.1:\(port)", counters)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
