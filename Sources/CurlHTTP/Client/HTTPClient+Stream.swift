/// Takes a streamed body's bytes as libcurl delivers them, on the engine thread: it must be quick and must not
/// block (hand the bytes on, e.g. to an `AsyncStream`).
public typealias HTTPChunkHandler = @Sendable (_ bytes: [UInt8]) -> Void

extension HTTPClient {
    /// One request whose 2xx body is handed to `onChunk` as it arrives (server-sent events), for as long as the
    /// server keeps it open. No retries and no per-host slot (a stream would hold one for its whole life).
    /// A stream silent for longer than 45 s (or the configuration's `totalTimeout`, if shorter), plus the up to 5 s
    /// libcurl averages its speed over, fails with `.timeout`.
    /// - Returns: when the server ends the response: its status and headers; the body only when not 2xx.
    public func stream(_ request: HTTPRequest, onChunk: @escaping HTTPChunkHandler) async throws(HTTPError) -> HTTPResponse {
        try await engine.perform(request, onChunk: onChunk)
    }
}
