import CurlHTTP
import DashboardModel
import Foundation

extension RemoteClient {
    /// The server's change stream held open (`GET /v1/events`, no `wait`): one batch per chunk the network
    /// delivers, in order; an empty batch is a heartbeat (the first comes as soon as the stream is open). It ends
    /// with an error when the server goes away or refuses (401/403), and resumes nothing itself: the caller
    /// opens a new one with the last id it applied (`Last-Event-ID`).
    public func eventStream(after lastEventID: Int64) -> AsyncThrowingStream<[TeamEvent], any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [TeamEvent].self)
        var headers = [("Accept", "text/event-stream"), ("Last-Event-ID", String(lastEventID))]
        if let token = target.token { headers.append(("Authorization", "Bearer \(token)")) }
        let request = HTTPRequest(method: .get, url: target.baseURL + "/v1/events", headers: headers)
        let parser = ChunkParser()
        let task = Task { [http, target] in
            do {
                let response = try await http.stream(request) { bytes in continuation.yield(parser.feed(bytes)) }
                if response.isSuccess {
                    continuation.finish(throwing: RemoteError.unreachable("\(target.baseURL): the server ended the change stream"))
                } else {
                    continuation.finish(throwing: RemoteClient.refusal(response))
                }
            } catch {
                let tls = (error as? HTTPError)?.kind == .tls
                continuation.finish(throwing: RemoteError.unreachable("\(target.baseURL): \(error)" + (tls ? Self.caAdvice : "")))
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The parser behind a stream, fed on the HTTP engine's thread only (one transfer's chunks come in order).
    private final class ChunkParser: @unchecked Sendable {
        private var parser = ServerSentEvents.StreamParser()
        func feed(_ bytes: [UInt8]) -> [TeamEvent] { parser.feed(bytes) }
    }
}
