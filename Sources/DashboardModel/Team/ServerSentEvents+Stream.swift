extension ServerSentEvents {
    /// Reads a stream in the pieces the network delivers: an event (or comment) is handed on only once its blank
    /// line has arrived, whatever the chunk boundaries (mid-line, mid-CRLF).
    public struct StreamParser: Sendable {
        private var pending: [UInt8] = []
        private var lastWasCR = false

        public init() {}

        /// The events completed by `bytes`; an empty answer is still a sign of life (a comment, a heartbeat).
        public mutating func feed(_ bytes: [UInt8]) -> [TeamEvent] {
            // CRLF and lone CR end lines as LF does: normalise to LF, remembering a CR at a chunk's end.
            for b in bytes {
                if b == 0x0A, lastWasCR { lastWasCR = false; continue }
                lastWasCR = b == 0x0D
                pending.append(lastWasCR ? 0x0A : b)
            }
            guard let end = Self.lastBlankLine(pending) else { return [] }
            let complete = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(..<end)
            return ServerSentEvents.parse(complete)
        }

        /// The index just past the last "\n\n" (where the last complete event ends), if any.
        static func lastBlankLine(_ bytes: [UInt8]) -> Int? {
            var i = bytes.count - 1
            while i > 0 {
                if bytes[i] == 0x0A, bytes[i - 1] == 0x0A { return i + 1 }
                i -= 1
            }
            return nil
        }
    }
}
