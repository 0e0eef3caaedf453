import DashboardModel
import DashboardViews
import Foundation
import Orchestration

/// `trotter runs replay --bench-events N`: a synthetic run of N events (10 phases × 100 jobs, each failing and
/// retrying until it succeeds) written to JSON Lines and read back, opened in the inspector, then stepped,
/// gone to and searched for breakpoints, each as a frame (update + render), as the dashboard does.
enum InspectorBenchmark {
    static func log(events n: Int, phases: Int = 10, jobsPerPhase: Int = 100) -> RunLog {
        let runID = "r-bench"
        let jobs = (0..<phases).map { p in (0..<jobsPerPhase).map { "job-\(p)-\($0)" } }
        let definition = MachineDefinition(name: "bench", phases: jobs.enumerated().map { p, names in
            PhaseDefinition(name: "phase-\(p)", jobs: names.map {
                JobDefinition(name: $0, run: .sim(SimJobSpec()), retry: RetryPolicy(attempts: 1_000_000, backoff: .zero))
            })
        })
        // Events per job so that the whole run is about n events: 3 per failed attempt, 2 for the last.
        let perJob = max(2, (n - 2 - 2 * phases) / (phases * jobsPerPhase))
        var events: [StatusEvent] = []
        events.reserveCapacity(n + 16)
        var at = PreviewData.epoch
        func add(_ kind: StatusEventKind, _ phase: String? = nil, _ job: String? = nil, _ attempt: Int? = nil, _ detail: String? = nil) {
            at = at.addingTimeInterval(0.01)
            events.append(StatusEvent(id: "e\(events.count + 1)", runID: runID, seq: Int64(events.count + 1), at: at,
                                      kind: kind, phase: phase, job: job, attempt: attempt, detail: detail))
        }
        add(.runStarted, nil, nil, nil, "bench")
        for (p, names) in jobs.enumerated() {
            let phase = "phase-\(p)"
            add(.phaseStarted, phase)
            let failures = (perJob - 2) / 3
            for attempt in 1...failures + 1 {
                for job in names {
                    add(.jobStarted, phase, job, attempt, "sim")
                    if attempt <= failures {
                        add(.jobFailed, phase, job, attempt, "attempt \(attempt) failed")
                        add(.jobRetrying, phase, job, attempt + 1)
                    } else {
                        add(p == phases - 1 && job == names.last ? .jobTimedOut : .jobSucceeded, phase, job, attempt, "ok")
                    }
                }
            }
            add(.phaseCompleted, phase, nil, nil, p == phases - 1 ? "failed" : "succeeded")
        }
        add(.runFinished, nil, nil, nil, "failed")
        return RunLog(runID: runID, definition: definition, stepMode: false, events: events)
    }

    static func run(events n: Int, width: Int, height: Int) -> String {
        let clock = ContinuousClock()
        var out = ""
        var log = log(events: n)
        out += "inspector benchmark: \(Formatters.grouped(log.events.count)) events, 1,000 jobs, \(width)x\(height)\n"
        var bytes = Data()
        let write = clock.measure { bytes = log.jsonLines() }
        let read = clock.measure { log = (try? RunLog.parse(jsonLines: bytes)) ?? log }
        out += String(format: "export to JSON Lines %.0f ms (%.0f MB); read back %.0f ms\n", ms(write),
                      Double(bytes.count) / 1e6, ms(read))
        bytes = Data()

        var s = AppState(width: width, height: height, now: PreviewData.epoch)
        var snap = DashboardSnapshot.empty
        snap.version = 1
        snap.runs = [PreviewRuns.summary(log, machine: "bench")]
        _ = Update.update(&s, .snapshot(snap))
        let open = clock.measure {
            _ = Update.update(&s, .openRun(log.runID))
            _ = Update.update(&s, .runLog(log))
            _ = DashboardScreen.render(s)
        }
        out += String(format: "open (fold, checkpoints, attempts, index, first frame): %.0f ms\n", ms(open))

        func frames(_ name: String, _ count: Int, _ keys: (Int) -> [Key]) {
            var times: [Double] = []
            for i in 0..<count {
                let d = clock.measure {
                    for key in keys(i) { _ = Update.update(&s, .key(key)) }
                    _ = DashboardScreen.render(s)
                }
                times.append(ms(d))
            }
            times.sort()
            out += String(format: "%@ n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", name as NSString, count,
                          times[count / 2], times[min(count - 1, count * 99 / 100)], times[count - 1])
        }
        var rng = SystemRandomNumberGenerator()
        let total = log.events.count
        frames("go to a random event", 200) { _ in
            [.char("g")] + String(Int.random(in: 0...total, using: &rng)).map { Key.char($0) } + [.enter]
        }
        frames("step back", 500) { _ in [.left] }
        frames("step forward", 500) { _ in [.right] }
        // One jobTimedOut at the very end: each search from the start scans the whole log.
        _ = Update.update(&s, .key(.char("b")))
        for c in "jobTimedOut" { _ = Update.update(&s, .key(.char(c))) }
        _ = Update.update(&s, .key(.enter))
        frames("breakpoint search over the whole log", 100) { _ in [.home, .char("n")] }
        _ = Update.update(&s, .key(.char("t")))
        frames("timeline step", 200) { i in [i % 2 == 0 ? .left : .right] }
        out += String(format: "resident memory: %.0f MB\n", FrameBenchmark.residentMB())
        return out
    }

    static func ms(_ d: Duration) -> Double { FrameBenchmark.ms(d) }
}
