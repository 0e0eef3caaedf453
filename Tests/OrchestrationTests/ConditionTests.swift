import Testing
@testable import Orchestration

@Suite struct ConditionTests {
    @Test func precedenceIsNotThenAndThenOr() throws {
        let parsed = try Condition.parse("not a failed and b succeeded or c skipped")
        #expect(parsed == .or(.and(.not(.outcome(name: "a", .failed)), .outcome(name: "b", .succeeded)),
                              .outcome(name: "c", .skipped)))
        let grouped = try Condition.parse("a failed and (b succeeded or always)")
        #expect(grouped == .and(.outcome(name: "a", .failed), .or(.outcome(name: "b", .succeeded), .always)))
    }

    @Test(arguments: ["always", "any failed", "all succeeded", "not (a failed or b skipped)",
                      "a succeeded and (b failed or not c skipped)"])
    func printsTextThatParsesBackEqual(_ text: String) throws {
        let condition = try Condition.parse(text)
        #expect(try Condition.parse(condition.description) == condition)
    }

    @Test(arguments: ["", "a", "a won", "(a failed", "a failed)", "and a failed", "a failed or", "a failed & b failed", "any"])
    func rejectsBrokenText(_ text: String) {
        #expect(throws: ConditionSyntaxError.self) { try Condition.parse(text) }
    }

    @Test func evaluatesOverEarlierOutcomes() throws {
        let machine = try MachineDefinition.parse(json: """
        { "name": "m", "phases": [
          { "name": "extract", "jobs": [{ "name": "orders", "run": { "sim": {} } }, { "name": "users", "run": { "sim": {} } }] },
          { "name": "load", "when": "always", "jobs": [{ "name": "warehouse", "run": { "sim": {} } }] } ] }
        """)
        var state = RunState(runID: "r", definition: machine)
        state.phases[0].status = .failed
        state.phases[0].jobs[0].status = .succeeded
        state.phases[0].jobs[1].status = .timedOut
        #expect(try Condition.parse("orders succeeded").evaluate(in: state, beforePhase: 1))
        #expect(try Condition.parse("users failed").evaluate(in: state, beforePhase: 1))
        #expect(try Condition.parse("extract failed and not extract succeeded").evaluate(in: state, beforePhase: 1))
        #expect(Condition.anyFailed.evaluate(in: state, beforePhase: 1))
        #expect(!Condition.allSucceeded.evaluate(in: state, beforePhase: 1))
        // Nothing before phase 0: "all succeeded" holds vacuously, "any failed" does not.
        #expect(Condition.allSucceeded.evaluate(in: state, beforePhase: 0))
        #expect(!Condition.anyFailed.evaluate(in: state, beforePhase: 0))
    }
}
