import Foundation
import Testing
@testable import Orchestration

@Suite struct DefinitionValidationTests {
    static let valid = """
    { "name": "nightly-etl", "stepMode": false,
      "notify": [{ "webhook": "http://127.0.0.1:9000/hook" }],
      "phases": [
        { "name": "extract", "jobs": [
            { "name": "orders", "run": { "command": ["sh", "-c", "true"] }, "timeout": "5m",
              "retry": { "attempts": 3, "backoff": "2s" } },
            { "name": "users", "run": { "http": { "url": "http://127.0.0.1:9001/jobs/users" } } } ] },
        { "name": "load", "when": "orders succeeded and users succeeded", "jobs": [
            { "name": "warehouse", "run": { "sim": { "duration": "10ms", "seed": 3 } } } ] },
        { "name": "alert", "when": "any failed", "jobs": [
            { "name": "page", "run": { "builtin": { "name": "page", "params": { "to": "ops" } } } } ] } ] }
    """

    @Test func parsesTheIssueExample() throws {
        let machine = try MachineDefinition.parse(json: Self.valid)
        #expect(machine.name == "nightly-etl")
        #expect(machine.phases.map(\.name) == ["extract", "load", "alert"])
        let orders = machine.phases[0].jobs[0]
        #expect(orders.timeout == .seconds(300))
        #expect(orders.retry == RetryPolicy(attempts: 3, backoff: .seconds(2)))
        #expect(machine.phases[1].when == .and(.outcome(name: "orders", .succeeded), .outcome(name: "users", .succeeded)))
        #expect(machine.phases[2].jobs[0].run == .builtin(name: "page", params: ["to": "ops"]))
        #expect(machine.notify == [NotifyTarget(webhook: "http://127.0.0.1:9000/hook")])
    }

    @Test func encodedDefinitionParsesBackEqual() throws {
        let machine = try MachineDefinition.parse(json: Self.valid)
        #expect(try MachineDefinition.parse(json: machine.jsonData()) == machine)
        #expect(try JSONDecoder().decode(MachineDefinition.self, from: machine.jsonData()) == machine)
    }

    struct Fault: Sendable, CustomTestStringConvertible {
        var json: String
        var path: String
        var code: DefinitionError.Code
        var testDescription: String { "\(code) at \(path)" }
    }

    static func job(_ extra: String = "") -> String { #"{ "name": "a", "run": { "sim": {} }\#(extra) }"# }

    static let faults: [Fault] = [
        Fault(json: "{ not json", path: "$", code: .malformedJSON),
        Fault(json: #"{ "name": "m", "phases": [], "colour": 1 }"#, path: "$.colour", code: .unknownKey),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [\#(job(#", "retries": 2"#))] }] }"#,
              path: "$.phases[0].jobs[0].retries", code: .unknownKey),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "sim": { "speed": 1 } } }] }] }"#,
              path: "$.phases[0].jobs[0].run.sim.speed", code: .unknownKey),
        Fault(json: #"{ "phases": [] }"#, path: "$.name", code: .missingKey),
        Fault(json: #"{ "name": "m" }"#, path: "$.phases", code: .missingKey),
        Fault(json: #"{ "name": "m", "phases": [] }"#, path: "$.phases", code: .noPhases),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [] }] }"#, path: "$.phases[0].jobs", code: .emptyPhase),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [\#(job()), \#(job())] }] }"#,
              path: "$.phases[0].jobs[1].name", code: .duplicateName),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "a", "jobs": [{ "name": "b", "run": { "sim": {} } }] }, { "name": "b", "jobs": [{ "name": "c", "run": { "sim": {} } }] }] }"#,
              path: "$.phases[1].name", code: .duplicateName),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a" }] }] }"#,
              path: "$.phases[0].jobs[0].run", code: .noRun),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": {} }] }] }"#,
              path: "$.phases[0].jobs[0].run", code: .noRun),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "when": "a succeeded or", "jobs": [\#(job())] }] }"#,
              path: "$.phases[0].when", code: .badCondition),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "when": "ghost failed", "jobs": [\#(job())] }] }"#,
              path: "$.phases[0].when", code: .unknownName),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "when": "q succeeded", "jobs": [\#(job())] }, { "name": "q", "jobs": [{ "name": "b", "run": { "sim": {} } }] }] }"#,
              path: "$.phases[0].when", code: .laterName),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [\#(job()), { "name": "b", "when": "a failed", "run": { "sim": {} } }] }] }"#,
              path: "$.phases[0].jobs[1].when", code: .laterName),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [\#(job(#", "timeout": "soon""#))] }] }"#,
              path: "$.phases[0].jobs[0].timeout", code: .badDuration),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [\#(job(#", "retry": { "attempts": 2, "backoff": "2 weeks" }"#))] }] }"#,
              path: "$.phases[0].jobs[0].retry.backoff", code: .badDuration),
        Fault(json: #"{ "name": "m", "stepMode": "yes", "phases": [] }"#, path: "$.stepMode", code: .wrongType),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "command": [] } }] }] }"#,
              path: "$.phases[0].jobs[0].run.command", code: .badValue),
        Fault(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "sim": {}, "command": ["true"] } }] }] }"#,
              path: "$.phases[0].jobs[0].run", code: .badValue),
    ]

    @Test(arguments: faults) func rejectsWithThePathOfTheFault(_ fault: Fault) {
        #expect {
            _ = try MachineDefinition.parse(json: fault.json)
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.path == fault.path && error.code == fault.code && error.description.hasPrefix(fault.path + ": ")
        }
    }

    @Test func durationsReadTheUsualUnits() {
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("5m") == .seconds(300))
        #expect(DurationText.parse("1h") == .seconds(3600))
        #expect(DurationText.parse("5") == nil)
        #expect(DurationText.parse("-1s") == nil)
        #expect(DurationText.format(.milliseconds(1500)) == "1500ms")
        #expect(DurationText.format(.seconds(120)) == "2m")
    }
}
