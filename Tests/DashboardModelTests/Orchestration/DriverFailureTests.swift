import Foundation
import GRDB
import Testing
import TrotterStore
@testable import DashboardModel
@testable import Orchestration

/// A driver whose store refuses a write stops; it must let go of its run, so that once the cause is fixed the
/// run is resumed (here or by another engine) instead of staying "driven" and stuck.
@Suite struct DriverFailureTests {
    @Test func aFailedDriverUnregistersAndItsRunCanBeResumed() async throws {
        let fixture = try await EngineFixture()
        let engine = fixture.engine()
        let machine = try MachineDefinition.parse(json: """
        { "name": "fragile", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "command": ["true"] } }] }] }
        """)
        let runID = try await engine.start(definition: machine, stepMode: true)
        _ = try await engine.waitFor(runID: runID, timeout: .seconds(30)) { $0.status == .awaitingApproval }
        // The store now refuses the steps' cursor writes, as a full disk would.
        try await fixture.store.write { db in
            if db.dialect == .postgres {
                try db.execute(sql: """
                    CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$
                    """)
                try db.execute(sql: "CREATE TRIGGER refuse_write BEFORE INSERT OR UPDATE ON step_cursors FOR EACH ROW EXECUTE FUNCTION refuse()")
            } else {
                try db.execute(sql: """
                    CREATE TRIGGER refuse_insert BEFORE INSERT ON step_cursors BEGIN SELECT RAISE(ABORT, 'disk full'); END;
                    CREATE TRIGGER refuse_update BEFORE UPDATE ON step_cursors BEGIN SELECT RAISE(ABORT, 'disk full'); END;
                    """)
            }
        }
        try await engine.approve(runID: runID)
        let deadline = ContinuousClock.now + .seconds(20)
        while await engine.isDrivingHere(runID: runID), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await engine.isDrivingHere(runID: runID) == false, "the failed driver let go of its run")
        let kinds = try await engine.events(runID: runID).map(\.kind)
        #expect(kinds.last == .approved && !kinds.contains(.phaseStarted), "the approval is in the log, not acted on yet: \(kinds)")

        try await fixture.store.write { db in
            if db.dialect == .postgres {
                try db.execute(sql: "DROP TRIGGER refuse_write ON step_cursors")
            } else {
                try db.execute(sql: "DROP TRIGGER refuse_insert; DROP TRIGGER refuse_update")
            }
        }
        // Another engine may take it: the failed one cleared its ownership.
        let other = fixture.engine()
        try await other.resume(runID: runID)
        let final = try await other.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(final.job("a")?.status == .succeeded)
    }
}
