/// What a NOTIFY says: a topic and ids, never a payload (PostgreSQL caps a notification at 8,000 bytes, and a
/// listener reads the rows it cares about anyway). Text form: `topic:id,id,id`.
public struct ChangeNotice: Sendable, Equatable {
    /// The one channel the coordination layer notifies on; topics tell the notices apart.
    public static let channel = "trotter_coordination"
    /// Below PostgreSQL's 8,000-byte limit with room to spare.
    static let maximumPayloadBytes = 7_900

    public var topic: String
    public var ids: [String]

    public init(topic: String, ids: [String]) {
        self.topic = topic
        self.ids = ids
    }

    /// `nil` for text that is not a notice of ours.
    public init?(payload: String) {
        guard let colon = payload.firstIndex(of: ":"), colon != payload.startIndex else { return nil }
        topic = String(payload[..<colon])
        let list = payload[payload.index(after: colon)...]
        ids = list.isEmpty ? [] : list.split(separator: ",").map(String.init)
    }

    /// One payload per chunk of ids that fits the limit; a notice with no ids still sends its topic.
    func payloads() -> [String] {
        let prefix = topic + ":"
        var payloads: [String] = [], current = prefix
        for id in ids {
            let addition = (current == prefix ? "" : ",") + id
            if current.utf8.count + addition.utf8.count > Self.maximumPayloadBytes, current != prefix {
                payloads.append(current)
                current = prefix + id
            } else {
                current += addition
            }
        }
        payloads.append(current)
        return payloads
    }
}
