/// Steps through a run's history: the state as of any event and what that event changed.
///
/// Event numbers are 1-based positions in the log: `state(at: 0)` is the state before any event, `state(at: k)` the
/// state after the first `k` events. States every `checkpointInterval` events are kept, so `state(at:)` folds at
/// most `checkpointInterval - 1` events from the nearest checkpoint (never the whole log), and the last state
/// asked for is cached so stepping forward by one folds one event.
public struct RunInspector: Sendable {
    public let definition: MachineDefinition
    public private(set) var events: [StatusEvent]
    public let checkpointInterval: Int
    /// `checkpoints[i]` is the state after `i * checkpointInterval` events.
    public private(set) var checkpoints: [RunState]
    private var tip: RunState
    private var cache: (index: Int, state: RunState)?

    public init(definition: MachineDefinition, events: [StatusEvent], runID: String? = nil, stepMode: Bool? = nil,
                checkpointInterval: Int = 256) {
        self.definition = definition
        self.checkpointInterval = max(1, checkpointInterval)
        let initial = RunState(runID: runID ?? events.first?.runID ?? "", definition: definition, stepMode: stepMode)
        self.events = []
        checkpoints = [initial]
        tip = initial
        append(contentsOf: events)
    }

    /// Number of events in the log.
    public var count: Int { events.count }

    /// Adds events of a live run.
    public mutating func append(contentsOf newEvents: [StatusEvent]) {
        events.reserveCapacity(events.count + newEvents.count)
        for event in newEvents {
            tip.apply(event)
            events.append(event)
            if events.count % checkpointInterval == 0 { checkpoints.append(tip) }
        }
    }

    /// The state after the first `index` events (clamped to `0...count`).
    public func state(at index: Int) -> RunState {
        let index = min(max(index, 0), events.count)
        if index == events.count { return tip }
        if let cache, cache.index <= index, index - cache.index < checkpointInterval {
            return fold(cache.state, from: cache.index, to: index)
        }
        let checkpoint = index / checkpointInterval
        return fold(checkpoints[checkpoint], from: checkpoint * checkpointInterval, to: index)
    }

    /// Like ``state(at:)``, remembering the result so the next step forward folds one event.
    public mutating func step(to index: Int) -> RunState {
        let state = state(at: index)
        cache = (min(max(index, 0), events.count), state)
        return state
    }

    /// What event number `index` (1-based) changed.
    public func changes(at index: Int) -> [RunChange] {
        guard index >= 1, index <= events.count else { return [] }
        return RunChange.diff(state(at: index - 1), state(at: index))
    }

    private func fold(_ start: RunState, from: Int, to: Int) -> RunState {
        var state = start
        var position = from
        while position < to {
            state.apply(events[position])
            position += 1
        }
        return state
    }
}
