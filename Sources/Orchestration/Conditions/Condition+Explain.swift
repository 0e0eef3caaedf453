extension Condition {
    /// The outcomes this condition reads, as they stood in `state` for something in phase `phaseIndex`:
    /// `orders failed (attempt 3)`, `transform succeeded`; for `any failed` / `all succeeded`, the earlier jobs
    /// that failed (or "no earlier job failed").
    public func outcomes(in state: RunState, beforePhase phaseIndex: Int) -> [String] {
        func job(_ j: JobState) -> String {
            j.name + " " + j.status.rawValue + (j.attempt > 0 ? " (attempt \(j.attempt))" : "")
        }
        switch self {
        case .always: return []
        case .anyFailed, .allSucceeded:
            let bad = state.phases.prefix(phaseIndex).flatMap(\.jobs).filter {
                $0.status.isFailure || (self == .allSucceeded && $0.status == .cancelled)
            }
            return bad.isEmpty ? ["no earlier job failed"] : bad.map(job)
        case .outcome(let name, _):
            if let j = state.job(name) { return [job(j)] }
            if let p = state.phase(name) { return [p.name + " " + p.status.rawValue] }
            return ["\(name) is not in this machine"]
        case .not(let inner): return inner.outcomes(in: state, beforePhase: phaseIndex)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            var seen = Set<String>()
            return (lhs.outcomes(in: state, beforePhase: phaseIndex) + rhs.outcomes(in: state, beforePhase: phaseIndex))
                .filter { seen.insert($0).inserted }
        }
    }
}

extension RunInspector {
    /// Why a job (or its phase) was skipped, as of event `k`: the condition and the outcomes it was evaluated on,
    /// e.g. `when "orders succeeded" was false: orders failed (attempt 3)`. Nil when it was not skipped by then.
    public func whySkipped(job name: String, asOf k: Int) -> String? {
        guard let (p, jobDef) = definition.job(named: name) else { return nil }
        let phaseName = definition.phases[p].name
        let upTo = min(max(k, 0), count)
        guard let index = events[..<upTo].lastIndex(where: {
            ($0.kind == .jobSkipped && $0.job == name) || ($0.kind == .phaseSkipped && $0.phase == phaseName)
        }) else { return nil }
        let skip = events[index]
        let before = state(at: index)
        let condition = skip.kind == .jobSkipped ? (jobDef.when ?? .always) : (definition.phases[p].when ?? .allSucceeded)
        let whose = skip.kind == .jobSkipped ? "" : "phase \(phaseName): "
        let outcomes = condition.outcomes(in: before, beforePhase: p)
        return whose + "when \"\(condition)\" was \(condition.evaluate(in: before, beforePhase: p))"
            + (outcomes.isEmpty ? "" : ": " + outcomes.joined(separator: ", "))
    }
}
