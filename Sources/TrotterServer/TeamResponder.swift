import CurlHTTP
import Hummingbird

/// Carries requests between Hummingbird and the team API.
struct TeamResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: TeamAPI
    /// Largest request body accepted (a machine definition is the biggest).
    static let maxBody = 4 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers where headers[field.name.canonicalName] == nil {
            headers[field.name.canonicalName] = field.value
        }
        let buffer = try await request.body.collect(upTo: Self.maxBody)
        let answer = await api.handle(TeamRequest(method: request.method.rawValue, target: request.uri.string,
                                                  headers: headers, body: Array(buffer.readableBytesView)))
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        if answer.contentType.hasPrefix("text/event-stream") { fields[.cacheControl] = "no-cache" }
        let body = answer.stream.map { stream in
            ResponseBody { writer in
                try await stream { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                try await writer.finish(nil)
            }
        } ?? ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: body)
    }
}
