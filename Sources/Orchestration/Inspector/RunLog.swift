import TrotterSupport

/// A run's definition with its events: what the dashboard's inspector folds (through ``RunInspector``, the
/// engine's own fold), what `trotter runs export` writes and `trotter runs replay` reads.
public struct RunLog: Sendable, Hashable, Codable {
    public var runID: String
    public var definition: MachineDefinition
    public var stepMode: Bool
    /// Events in log order: all of them, or those after the `seq` asked for.
    public var events: [StatusEvent]

    public init(runID: String, definition: MachineDefinition, stepMode: Bool, events: [StatusEvent]) {
        self.runID = runID; self.definition = definition; self.stepMode = stepMode; self.events = events
    }

    /// The log as it may leave the trotter that runs it (an export, the team API): each webhook cut to scheme and
    /// host, since a webhook's path is its secret. Atlas keys and AWS secrets are never in a definition.
    public func withWebhooksCut() -> RunLog {
        var out = self
        out.definition.notify = definition.notify.map { NotifyTarget(webhook: URLRedaction.hostOnly($0.webhook)) }
        return out
    }

    /// The inspector over this log.
    public func inspector(checkpointInterval: Int = 256) -> RunInspector {
        RunInspector(definition: definition, events: events, runID: runID, stepMode: stepMode,
                     checkpointInterval: checkpointInterval)
    }
}
