import Foundation

/// One state-machine run as listed in the Runs pane.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: String
    public var machine: String
    /// A `RunStatus` raw value: pending, running, awaitingApproval, succeeded, failed, cancelled.
    public var status: String
    public var currentPhase: String?
    public var startedAt: Date?
    public var endedAt: Date?
    public var stepMode: Bool
    /// The `seq` of the run's newest event (0 before any): it moves with every event, job events included, so an
    /// open inspector knows to fetch what is new.
    public var lastSeq: Int64

    public init(id: String, machine: String, status: String, currentPhase: String?, startedAt: Date?,
                endedAt: Date?, stepMode: Bool, lastSeq: Int64 = 0) {
        self.id = id; self.machine = machine; self.status = status; self.currentPhase = currentPhase
        self.startedAt = startedAt; self.endedAt = endedAt; self.stepMode = stepMode; self.lastSeq = lastSeq
    }
}
