import DashboardModel
import Foundation
import Testing
@testable import DashboardViews
@testable import Orchestration

/// The inspector as a debugger, on a log the real engine wrote: attempts, why-skipped, go to, breakpoints
/// (also while following), the timeline and the export file.
@Suite struct DebuggerTests {
    static func inspecting(_ log: RunLog, width: Int = 100, height: Int = 30) -> AppState {
        var s = Fixture.state(width: width, height: height)
        var snap = s.snapshot
        snap.version += 1
        snap.runs.insert(PreviewRuns.summary(log, machine: log.definition.name), at: 0)
        _ = Update.update(&s, .snapshot(snap))
        _ = Update.update(&s, .openRun(log.runID))
        _ = Update.update(&s, .runLog(log))
        return s
    }

    static func select(_ s: inout AppState, job: String) {
        while s.inspector!.selectedJob > 0 { _ = Fixture.press(&s, .up) }
        while s.inspector?.selectedJobName != job, s.inspector!.selectedJob < s.inspector!.flatJobs.count - 1 {
            _ = Fixture.press(&s, .down)
        }
    }

    @Test func attemptsAndWhySkipped() async throws {
        let log = try await EngineInspectorGoldenTests.engineLog()
        let inspector = log.inspector()
        let attempts = RunAttempts(log.events)
        #expect(attempts.attempts(of: "orders").map(\.outcome) == [.jobFailed, .jobSucceeded])
        #expect(attempts.attempts(of: "join").map(\.attempt) == [1, 2])
        #expect(attempts.attempts(of: "join").allSatisfy { $0.outcome == .jobFailed && $0.detail?.contains("schema mismatch") == true })
        #expect(attempts.attempts(of: "audit").isEmpty && attempts.phases.map(\.name) == ["extract", "transform", "load", "alert"])
        #expect(attempts.phases[2].skipped)
        #expect(inspector.whySkipped(job: "write", asOf: log.events.count)
                == "phase load: when \"transform succeeded\" was false: transform failed")
        #expect(inspector.whySkipped(job: "audit", asOf: log.events.count)
                == "when \"orders failed\" was false: orders succeeded (attempt 2)")
        #expect(inspector.whySkipped(job: "audit", asOf: 3) == nil)  // not decided yet at event 3
        #expect(inspector.whySkipped(job: "join", asOf: log.events.count) == nil)

        var s = Self.inspecting(log)
        Self.select(&s, job: "write")
        _ = Fixture.press(&s, .char("w"))
        Golden.check("inspector-why-skipped-100x30", DashboardScreen.render(s))
        Self.select(&s, job: "join")
        let screen = DashboardScreen.render(s)
        #expect(screen.textDump().contains("#1") && screen.textDump().contains("#2") && screen.textDump().contains("schema mismatch"))
        Golden.check("inspector-why-attempts-100x30", screen)
    }

    @Test func goToAndBreakpoints() async throws {
        let log = try await EngineInspectorGoldenTests.engineLog()
        var s = Self.inspecting(log)
        let n = log.events.count
        _ = Fixture.press(&s, .char("g"))
        Fixture.type(&s, "5")
        Golden.check("inspector-goto-prompt-100x30", DashboardScreen.render(s))
        _ = Fixture.press(&s, .enter)
        #expect(s.inspector?.cursor == 5 && s.inspector?.follow == false && s.inspector?.prompt == nil)
        _ = Fixture.press(&s, .char("g"))
        Fixture.type(&s, "abc")
        _ = Fixture.press(&s, .enter)
        #expect(s.inspector?.cursor == 5 && s.status?.level == .warning)

        // n with no breakpoint says how to set one.
        _ = Fixture.press(&s, .char("n"))
        #expect(s.status?.text.contains("b sets one") == true)
        // A kind, typed in part: "jobf" is jobFailed.
        _ = Fixture.press(&s, .char("b"))
        Fixture.type(&s, "jobf")
        _ = Fixture.press(&s, .enter)
        #expect(s.inspector?.breakpoints == [.kind(.jobFailed)])
        let failures = log.events.indices.filter { log.events[$0].kind == .jobFailed }.map { $0 + 1 }
        _ = Fixture.press(&s, .home)
        var hits: [Int] = []
        for _ in failures { _ = Fixture.press(&s, .char("n")); hits.append(s.inspector!.cursor) }
        #expect(hits == failures)
        _ = Fixture.press(&s, .char("n"))
        #expect(s.inspector?.cursor == failures.last && s.status?.text.contains("No breakpoint hit after") == true)
        _ = Fixture.press(&s, .char("N"))
        #expect(s.inspector?.cursor == failures[failures.count - 2])
        // The selected job: Enter on an empty prompt; the same again removes it.
        Self.select(&s, job: "page")
        _ = Fixture.press(&s, .char("b"), .enter)
        #expect(s.inspector?.breakpoints == [.kind(.jobFailed), .job("page")])
        Golden.check("inspector-breakpoints-100x30", DashboardScreen.render(s))
        _ = Fixture.press(&s, .char("b"), .enter)
        #expect(s.inspector?.breakpoints == [.kind(.jobFailed)])
        _ = Fixture.press(&s, .char("b"))
        Fixture.type(&s, "nothing")
        _ = Fixture.press(&s, .enter)
        #expect(s.status?.level == .warning && s.status?.text.contains("awaitingApproval") == true)
        _ = Fixture.press(&s, .char("B"))
        #expect(s.inspector?.breakpoints.isEmpty == true)
        _ = Fixture.press(&s, .char("g"))
        Fixture.type(&s, "\(n + 50)")
        _ = Fixture.press(&s, .enter)
        #expect(s.inspector?.cursor == n)
    }

    /// Following a live run, a breakpoint hit among new events stops following there and says why.
    @Test func breakpointsStopFollowing() async throws {
        let log = try await EngineInspectorGoldenTests.engineLog()
        var first = log
        first.events = Array(log.events.prefix(3))
        var s = Self.inspecting(first)
        #expect(s.inspector?.follow == true && s.inspector?.cursor == 3)
        _ = Fixture.press(&s, .char("b"))
        Fixture.type(&s, "jobRetrying")
        _ = Fixture.press(&s, .enter)
        #expect(s.inspector?.follow == true)
        var rest = log
        rest.events = Array(log.events.dropFirst(3))
        _ = Update.update(&s, .runLog(rest))
        let hit = log.events.firstIndex { $0.kind == .jobRetrying }! + 1
        #expect(s.inspector?.cursor == hit && s.inspector?.follow == false && s.inspector?.eventCount == log.events.count)
        #expect(s.status?.text.hasPrefix("Stopped following at breakpoint jobRetrying: #\(hit) jobRetrying") == true)
    }

    @Test func timelineDrawsAttemptsPhasesAndTheCursor() async throws {
        let log = try await EngineInspectorGoldenTests.engineLog()
        var s = Self.inspecting(log)
        _ = Fixture.press(&s, .char("t"))
        #expect(s.inspector?.mode == .timeline)
        Golden.check("inspector-timeline-last-100x30", DashboardScreen.render(s))
        _ = Fixture.press(&s, .char("g"))
        Fixture.type(&s, "12")
        _ = Fixture.press(&s, .enter)
        let text = DashboardScreen.render(s).textDump()
        #expect(text.contains("event 12 at") && text.contains("orders #2") && text.contains("join #2"))
        Golden.check("inspector-timeline-event12-100x30", DashboardScreen.render(s))
        _ = Fixture.press(&s, .escape)
        #expect(s.inspector?.mode == .events && s.inspector != nil)
        _ = Fixture.press(&s, .char("t"), .char("q"))  // q closes the inspector from any view
        #expect(s.inspector == nil)
        var ascii = Self.inspecting(log, width: 80, height: 24)
        ascii.theme = Theme(color: false, unicode: false)
        _ = Fixture.press(&ascii, .char("t"), .left, .left)
        Golden.check("inspector-timeline-ascii-80x24", DashboardScreen.render(ascii))
    }

    @Test func helpListsTheDebuggerKeys() async throws {
        var s = Self.inspecting(try await EngineInspectorGoldenTests.engineLog(), width: 100, height: 50)
        _ = Fixture.press(&s, .char("?"))
        let text = DashboardScreen.render(s).textDump()
        for key in ["timeline", "go to event", "breakpoint", "previous breakpoint", "why"] { #expect(text.contains(key), "\(key)") }
        Golden.check("help-inspector-100x50", DashboardScreen.render(s))
    }

    @Test func exportFileRoundTripsAndHidesWebhookPaths() throws {
        var log = PreviewRuns.all(now: Fixture.now)[1].log
        log.definition.notify = [NotifyTarget(webhook: "https://hooks.slack.com/services/T000/B000/s3cretPath")]
        // Strings the byte reader must unescape as JSONDecoder would: quotes, backslashes, control characters,
        // non-ASCII and a character outside the BMP (a surrogate pair when escaped).
        log.events[2].detail = "say \"hi\" \\ path/to\nline two\ttab \u{1} é 東京 🚀"
        log.events[3].detail = nil
        let data = log.jsonLines()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("s3cretPath") && text.contains("https://hooks.slack.com/…"))
        #expect(text.split(separator: "\n").count == log.events.count + 1)
        let back = try RunLog.parse(jsonLines: data)
        let escaped = Data(text.replacingOccurrences(of: "🚀", with: "\\ud83d\\ude80").utf8)
        #expect(try RunLog.parse(jsonLines: escaped).events == log.events)
        #expect(back.events == log.events && back.runID == log.runID && back.definition.phases == log.definition.phases)
        // A broken line is named.
        var lines = text.split(separator: "\n").map(String.init)
        lines[4] = "{\"kind\": \"jobExploded\"}"
        #expect(throws: RunLogFileError.self) { try RunLog.parse(jsonLines: Data(lines.joined(separator: "\n").utf8)) }
        do { _ = try RunLog.parse(jsonLines: Data(lines.joined(separator: "\n").utf8)) } catch { #expect(error.line == 5) }
        do { _ = try RunLog.parse(jsonLines: Data("hello\n".utf8)) } catch { #expect(error.line == 1) }
    }

    /// The integer index finds exactly what a plain scan of the events finds.
    @Test func breakpointSearchMatchesAPlainScan() {
        let events = PreviewRuns.all(now: Fixture.now).flatMap(\.log.events)
        let index = EventIndex(events)
        let sets: [[Breakpoint]] = [[.kind(.jobFailed)], [.job("transform")], [.job("write-warehouse"), .kind(.phaseCompleted)], [.job("nope")]]
        for bps in sets {
            func hits(_ e: StatusEvent) -> Bool {
                bps.contains { b in if case .kind(let k) = b { e.kind == k } else if case .job(let j) = b { e.job == j } else { false } }
            }
            for from in 0...events.count {
                let forward = events.indices.first { $0 >= from && hits(events[$0]) }.map { $0 + 1 }
                let backward = events.indices.last { $0 < from - 1 && hits(events[$0]) }.map { $0 + 1 }
                #expect(index.next(after: from, forward: true, bps)?.event == forward, "\(bps) after \(from)")
                #expect(index.next(after: from, forward: false, bps)?.event == backward, "\(bps) before \(from)")
            }
        }
    }
}
