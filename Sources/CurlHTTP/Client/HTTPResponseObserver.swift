/// Told of every response an ``HTTPClient`` receives, retried attempts included (so a 429 that was retried is
/// still seen). Called on the caller's task, never with the request's secrets beyond what `HTTPRequest` shows
/// (`redactedURL`); it must be quick and must not block.
public typealias HTTPResponseObserver = @Sendable (_ request: HTTPRequest, _ status: Int) -> Void
