import Foundation

/// One attempt of a job as the log tells it: when it started and ended (by event number and time), how.
public struct AttemptSpan: Sendable, Hashable {
    public var phase: String
    public var job: String
    public var attempt: Int
    /// Event numbers (1-based) of its start and of its end; nil while it runs.
    public var startEvent: Int
    public var start: Date
    public var endEvent: Int?
    public var end: Date?
    /// What ended it: jobSucceeded, jobFailed, jobTimedOut, jobInterrupted, jobCancelled, or the run's end.
    public var outcome: StatusEventKind?
    /// The end event's detail: the output tail or error.
    public var detail: String?

    /// As of event `k`: ended (with its outcome) or still running.
    public func outcome(asOf k: Int) -> StatusEventKind? {
        guard let endEvent, endEvent <= k else { return nil }
        return outcome
    }
}

/// One phase's span: from its start (or skip) to its completion.
public struct PhaseSpan: Sendable, Hashable {
    public var name: String
    public var startEvent: Int
    public var start: Date
    public var endEvent: Int?
    public var end: Date?
    public var skipped: Bool
}

/// A row of the timeline: a phase's band, or one attempt under it.
public enum TimelineRow: Sendable, Hashable {
    case phase(Int)
    case attempt(Int)
}

/// Every attempt and phase of a run in log order, for the timeline and the attempt history. Built in one pass
/// over the events and extended as a live run appends more.
public struct RunAttempts: Sendable, Hashable {
    public private(set) var attempts: [AttemptSpan] = []
    public private(set) var phases: [PhaseSpan] = []
    /// Phase bands and attempts in the order they began: each attempt under the band of its phase.
    public private(set) var rows: [TimelineRow] = []
    /// Row of each attempt, and each job's attempts (indices into `attempts`, oldest first).
    public private(set) var rowOfAttempt: [Int] = []
    public private(set) var attemptsByJob: [String: [Int]] = [:]
    public private(set) var eventCount = 0
    public private(set) var first: Date?
    public private(set) var last: Date?
    private var open: [String: Int] = [:]
    private var openPhase: [String: Int] = [:]

    public init(_ events: [StatusEvent] = []) { append(contentsOf: events) }

    public mutating func append(contentsOf events: [StatusEvent]) {
        for event in events { add(event) }
    }

    /// The attempts of one job, oldest first.
    public func attempts(of job: String) -> [AttemptSpan] { (attemptsByJob[job] ?? []).map { attempts[$0] } }

    /// The row of the job's latest attempt started by event `k` (its first attempt when none had started).
    public func row(ofJob job: String, asOf k: Int) -> Int? {
        guard let list = attemptsByJob[job], !list.isEmpty else { return nil }
        let started = list.last { attempts[$0].startEvent <= k } ?? list[0]
        return rowOfAttempt[started]
    }

    private mutating func add(_ e: StatusEvent) {
        eventCount += 1
        let k = eventCount
        if first == nil { first = e.at }
        last = e.at
        switch e.kind {
        case .jobStarted:
            guard let job = e.job else { return }
            if let i = open[job] { close(i, k, e, .jobInterrupted) }
            open[job] = attempts.count
            attemptsByJob[job, default: []].append(attempts.count)
            rowOfAttempt.append(rows.count)
            rows.append(.attempt(attempts.count))
            attempts.append(AttemptSpan(phase: e.phase ?? "", job: job, attempt: e.attempt ?? 1, startEvent: k, start: e.at))
        case .jobSucceeded, .jobFailed, .jobTimedOut, .jobInterrupted, .jobCancelled:
            guard let job = e.job, let i = open[job], e.attempt == nil || e.attempt == attempts[i].attempt else { return }
            close(i, k, e, e.kind)
            open[job] = nil
        case .phaseStarted, .phaseSkipped:
            guard let name = e.phase else { return }
            openPhase[name] = phases.count
            rows.append(.phase(phases.count))
            phases.append(PhaseSpan(name: name, startEvent: k, start: e.at, endEvent: e.kind == .phaseSkipped ? k : nil,
                                    end: e.kind == .phaseSkipped ? e.at : nil, skipped: e.kind == .phaseSkipped))
        case .phaseCompleted:
            guard let name = e.phase, let i = openPhase[name] else { return }
            phases[i].endEvent = k
            phases[i].end = e.at
            openPhase[name] = nil
        case .cancelRequested, .runFinished:
            for i in open.values { close(i, k, e, e.kind == .runFinished ? .runFinished : .jobCancelled) }
            open = [:]
            for i in openPhase.values { phases[i].endEvent = k; phases[i].end = e.at }
            openPhase = [:]
        default:
            return
        }
    }

    private mutating func close(_ i: Int, _ k: Int, _ e: StatusEvent, _ outcome: StatusEventKind) {
        attempts[i].endEvent = k
        attempts[i].end = e.at
        attempts[i].outcome = outcome
        if e.job == attempts[i].job { attempts[i].detail = e.detail }
    }
}
