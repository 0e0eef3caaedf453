import Foundation
import Hummingbird

/// Carries requests between Hummingbird and the engine, and applies the planned faults on the way out.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let engine: SandboxEngine
    /// Largest request body accepted (App Services function sources are the big ones).
    static let maxBody = 4 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [String: [String]] = [:]
        for field in request.headers { headers[field.name.canonicalName, default: []].append(field.value) }
        // HTTP/1 `Host` arrives as the request's authority, not as a header field.
        if let authority = request.head.authority { headers["host"] = [authority] }
        let buffer = try await request.body.collect(upTo: SandboxResponder.maxBody)
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue, target: request.uri.string, headers: headers,
            body: Array(buffer.readableBytesView))
        let plan = engine.faults.plan(projectID: sandboxRequest.projectID)
        if plan.latencyMs > 0 { try await Task.sleep(for: .milliseconds(plan.latencyMs)) }
        let answer: SandboxResponse
        if let status = plan.serverError {
            engine.counters.record(sandboxRequest.path)
            answer = status == 503
                ? .atlasError(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable (sandbox fault injection).")
                : .atlasError(500, "UNEXPECTED_ERROR", "Unexpected error (sandbox fault injection).")
        } else {
            answer = engine.handle(sandboxRequest)
        }
        return SandboxResponder.render(answer, plan: plan)
    }

    static func render(_ answer: SandboxResponse, plan: FaultPlan) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            // HTTPTypes is not a declared dependency; its types are reached through Hummingbird's `HTTPFields`.
            if let fieldName = HTTPFields.Element.Name(name) {
                fields.append(HTTPFields.Element(name: fieldName, value: value))
            }
        }
        let status = HTTPResponse.Status(code: answer.status)
        let body = answer.body
        if plan.truncate, body.count > 1 {
            // Announce the full length, send half, then fail the write so the connection closes early.
            fields[.contentLength] = String(body.count)
            let half = Array(body.prefix(body.count / 2))
            return Response(status: status, headers: fields, body: ResponseBody(contentLength: body.count) { writer in
                try await writer.write(ByteBuffer(bytes: half))
                throw TruncatedBody()
            })
        }
        if plan.malformed, body.count > 1 {
            var damaged = Array(body.prefix(body.count / 2))
            damaged += Array("<!-- upstream error -->".utf8)
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: damaged)))
        }
        if plan.slow, !body.isEmpty {
            // Twenty chunks at most, so a slow body takes about 20 × the chunk delay.
            let chunkSize = max(1, (body.count + 19) / 20)
            let delay = plan.slowChunkDelayMs
            return Response(status: status, headers: fields, body: ResponseBody(contentLength: body.count) { writer in
                var offset = 0
                while offset < body.count {
                    let end = min(body.count, offset + chunkSize)
                    try await writer.write(ByteBuffer(bytes: body[offset..<end]))
                    offset = end
                    if offset < body.count { try await Task.sleep(for: .milliseconds(delay)) }
                }
                try await writer.finish(nil)
            })
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Thrown on purpose to cut a response short.
struct TruncatedBody: Error {}
