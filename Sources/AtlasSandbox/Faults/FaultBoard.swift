import Synchronization

/// What to do to one response, drawn from the fault settings.
struct FaultPlan: Sendable, Hashable {
    var latencyMs = 0
    var serverError: Int? = nil
    var truncate = false
    var malformed = false
    var slow = false
    var slowChunkDelayMs = 100
}

/// Global fault settings plus per-project faults switched on at run time, and the seeded dice.
final class FaultBoard: Sendable {
    private struct State {
        var perProject: [String: SandboxFault] = [:]
        var dice: SplitMix64
    }
    private let base: FaultSettings
    private let state: Mutex<State>

    init(base: FaultSettings, seed: UInt64) {
        self.base = base
        state = Mutex(State(dice: SplitMix64.derived(seed, 99)))
    }

    func set(_ fault: SandboxFault?, for projectID: String) {
        state.withLock { $0.perProject[projectID] = fault }
    }

    func fault(for projectID: String) -> SandboxFault? { state.withLock { $0.perProject[projectID] } }

    /// Rolls the dice for one request.
    func plan(projectID: String?) -> FaultPlan {
        state.withLock { state in
            let settings = projectID.flatMap { state.perProject[$0] }?.applied(to: base) ?? base
            var plan = FaultPlan(latencyMs: settings.latencyMs, slowChunkDelayMs: settings.slowChunkDelayMs)
            if settings.errorRate > 0, state.dice.chance(settings.errorRate) {
                plan.serverError = state.dice.chance(0.5) ? 500 : 503
                return plan
            }
            if settings.truncateRate > 0, state.dice.chance(settings.truncateRate) { plan.truncate = true }
            else if settings.malformedRate > 0, state.dice.chance(settings.malformedRate) { plan.malformed = true }
            else if settings.slowBodyRate > 0, state.dice.chance(settings.slowBodyRate) { plan.slow = true }
            return plan
        }
    }
}
