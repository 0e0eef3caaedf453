/// Where the inspector stops when it runs forward or back (`n` / `N`) or follows a live run: at an event of
/// one job, or at an event of one kind.
public enum Breakpoint: Sendable, Hashable, CustomStringConvertible {
    case job(String)
    case kind(StatusEventKind)

    public var description: String {
        switch self {
        case .job(let name): "job \(name)"
        case .kind(let kind): kind.rawValue
        }
    }

    /// A kind from what an operator typed: its name, case-insensitive, or the one kind it starts.
    public static func kind(named text: String) -> StatusEventKind? {
        let t = text.lowercased()
        if let exact = StatusEventKind.allCases.first(where: { $0.rawValue.lowercased() == t }) { return exact }
        let matches = StatusEventKind.allCases.filter { $0.rawValue.lowercased().hasPrefix(t) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// The log's kinds and job names as small integers, so a breakpoint search over a million events compares
/// bytes and integers, not strings (< 2 ms for the whole log).
public struct EventIndex: Sendable, Hashable {
    private var kinds: [UInt8] = []
    private var jobs: [Int32] = []
    private var jobIDs: [String: Int32] = [:]
    private static let kindCodes: [StatusEventKind: UInt8] = Dictionary(
        uniqueKeysWithValues: StatusEventKind.allCases.enumerated().map { ($1, UInt8($0)) })

    public init(_ events: [StatusEvent] = []) { append(contentsOf: events) }

    public var count: Int { kinds.count }

    public mutating func append(contentsOf events: [StatusEvent]) {
        kinds.reserveCapacity(kinds.count + events.count)
        jobs.reserveCapacity(jobs.count + events.count)
        for e in events {
            kinds.append(Self.kindCodes[e.kind]!)
            guard let job = e.job else { jobs.append(-1); continue }
            if let id = jobIDs[job] { jobs.append(id) } else {
                let id = Int32(jobIDs.count)
                jobIDs[job] = id
                jobs.append(id)
            }
        }
    }

    /// The event number (1-based) of the first event after number `from` (forward) or before it (backward) that
    /// hits one of the breakpoints, with the breakpoint it hit.
    public func next(after from: Int, forward: Bool, _ breakpoints: [Breakpoint]) -> (event: Int, hit: Breakpoint)? {
        var kindHits = [Breakpoint?](repeating: nil, count: StatusEventKind.allCases.count)
        var jobHits: [Int32: Breakpoint] = [:]
        for b in breakpoints {
            switch b {
            case .kind(let kind): kindHits[Int(Self.kindCodes[kind]!)] = b
            case .job(let name): if let id = jobIDs[name] { jobHits[id] = b }
            }
        }
        let jobList = Array(jobHits.keys)
        func hit(_ i: Int) -> Breakpoint? {
            if let b = kindHits[Int(kinds[i])] { return b }
            let j = jobs[i]
            if j >= 0, jobList.contains(j) { return jobHits[j] }
            return nil
        }
        // Event number n is at index n - 1.
        if forward {
            var i = max(0, from)
            while i < kinds.count { if let b = hit(i) { return (i + 1, b) }; i += 1 }
        } else {
            var i = min(kinds.count, from - 1) - 1
            while i >= 0 { if let b = hit(i) { return (i + 1, b) }; i -= 1 }
        }
        return nil
    }
}
