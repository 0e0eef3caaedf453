import Benchmark
import Orchestration
import OrchestrationEngine
import TrotterStore
import Foundation
import Synchronization

/// Orchestration figures the README quotes (targets in brackets):
/// - "Fold": pure fold throughput, one scaled iteration = one event [≥ 1M events/s]
/// - "Durable append": events appended to the SQLite store (WAL) in transactions of 1,000 [≥ 20k events/s]
/// - "Inspector step": one `state(at:)` at a random index of a 100,000-event run [≤ 1 ms]
let benchmarks: @Sendable () -> Void = {
    let run = LongRun(events: 100_000)

    Benchmark("Fold", configuration: .init(metrics: [.throughput, .wallClock], timeUnits: .nanoseconds,
                                           scalingFactor: .mega, maxDuration: .seconds(5))) { benchmark in
        var state = run.initial
        let count = run.events.count
        for index in benchmark.scaledIterations {
            let position = index % count
            if position == 0 { state = run.initial }
            state.apply(run.events[position])
        }
        blackHole(state)
    }

    let store = try? Store.temporary()
    let batches = Counter()
    Benchmark("Durable append", configuration: .init(metrics: [.throughput, .wallClock], timeUnits: .microseconds,
                                                     scalingFactor: .kilo, maxDuration: .seconds(5))) { benchmark in
        guard let store else { benchmark.error("could not create a temporary store"); return }
        let batch = batches.next()
        let events = benchmark.scaledIterations.map { index in
            StatusEvent(id: "bench/\(batch)/\(index)", runID: "bench-\(batch % 64)", kind: .jobSucceeded,
                        phase: "p", job: "j\(index % 8)", attempt: 1, detail: "ok")
        }
        do { blackHole(try await store.append(events)) } catch { benchmark.error("append failed: \(error)") }
    }

    let inspector = RunInspector(definition: run.definition, events: run.events, checkpointInterval: 256)
    let positions = Counter()
    Benchmark("Inspector step (100k-event run)", configuration: .init(metrics: [.wallClock], timeUnits: .microseconds,
                                                                    maxDuration: .seconds(5))) { benchmark in
        // A different, pseudo-random index each time: never the cached state.
        let index = (positions.next() &* 7919) % (run.events.count + 1)
        blackHole(inspector.state(at: index))
    }
}

/// A long synthetic run: four parallel jobs, each retried over and over (start, fail, retry).
struct LongRun: Sendable {
    let definition: MachineDefinition
    let initial: RunState
    let events: [StatusEvent]

    init(events count: Int) {
        let jobs = (0..<4).map { JobDefinition(name: "job\($0)", run: .sim(SimJobSpec()), retry: RetryPolicy(attempts: 1_000_000, backoff: .zero)) }
        definition = MachineDefinition(name: "long", phases: [PhaseDefinition(name: "p", jobs: jobs)])
        initial = RunState(runID: "long", definition: definition)
        var events = [StatusEvent(id: "0", runID: "long", seq: 1, kind: .runStarted),
                      StatusEvent(id: "1", runID: "long", seq: 2, kind: .phaseStarted, phase: "p")]
        var attempt = 1
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        while events.count < count {
            for kind in [StatusEventKind.jobStarted, .jobFailed, .jobRetrying] {
                for job in jobs where events.count < count {
                    events.append(StatusEvent(id: "\(events.count)", runID: "long", seq: Int64(events.count + 1), at: date,
                                              kind: kind, phase: "p", job: job.name,
                                              attempt: kind == .jobRetrying ? attempt + 1 : attempt, detail: nil))
                }
            }
            attempt += 1
        }
        self.events = events
    }
}

/// A thread-safe counter for unique ids across benchmark iterations.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
