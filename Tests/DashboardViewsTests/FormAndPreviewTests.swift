import DashboardModel
import Testing
@testable import DashboardViews
@testable import Orchestration

@Suite struct FormAndPreviewTests {
    @Test func fieldShapes() {
        #expect(FieldValidation.projectID("6650a1b2c3d4e5f6a7b8c9d0") == nil)
        #expect(FieldValidation.projectID("6650a1b2c3d4e5f6a7b8c9d") != nil)  // 23
        #expect(FieldValidation.projectID("6650a1b2c3d4e5f6a7b8c9dg") != nil)  // not hex
        #expect(FieldValidation.publicKey("abcdefgh") == nil)
        #expect(FieldValidation.publicKey("abcdefg") != nil)
        #expect(FieldValidation.publicKey("ABCDEFGH") != nil)
        #expect(FieldValidation.publicKey("mdb_sa_id_6650a1b2") == nil)
        #expect(FieldValidation.publicKey("mdb_sa") != nil)
        #expect(FieldValidation.privateKey("0f8fad5b-d9cb-469f-a165-70867728950e", publicKey: "abcdefgh") == nil)
        #expect(FieldValidation.privateKey("0f8fad5b-d9cb-469f-a165-70867728950", publicKey: "abcdefgh") != nil)
        #expect(FieldValidation.privateKey("mdb_sa_sk_xyz", publicKey: "mdb_sa_id_abc") == nil)
        #expect(FieldValidation.privateKey("0f8fad5b-d9cb-469f-a165-70867728950e", publicKey: "mdb_sa_id_abc") != nil)
        // Messages never echo what was typed.
        let msg = FieldValidation.privateKey("s3cr3t-value", publicKey: "abcdefgh") ?? ""
        #expect(!msg.contains("s3cr3t"))
    }

    @Test func formMasksAndRedacts() {
        var f = ProjectForm()
        f.focus = .privateKey
        for c in "mdb_sa_sk_topsecret" { f.insert(c) }
        #expect(f.display(.privateKey, mask: "•") == String(repeating: "•", count: 19))
        #expect(!String(describing: f).contains("topsecret"))
        f.insert(" ")  // pasted whitespace is dropped
        #expect(f.value(.privateKey).count == 19)
    }

    @Test func previewManagerPublishesChanges() async throws {
        let m = PreviewManager(namespaceCount: 30)
        var it = m.snapshots().makeAsyncIterator()
        let first = await it.next()
        #expect(first?.namespaces.count == 30)
        let runID = try await m.addProject(projectID: "6650a1b2c3d4e5f6a7b8c9d0", publicKey: "abcdefgh",
                                           privateKey: "0f8fad5b-d9cb-469f-a165-70867728950e")
        let next = await it.next()
        #expect(next?.projects.contains { $0.id == "6650a1b2c3d4e5f6a7b8c9d0" && $0.state == .onboarding } == true)
        #expect(next?.runs.contains { $0.id == runID } == true)
        await #expect(throws: PreviewError.self) {
            try await m.addProject(projectID: "dead00000000000000000001", publicKey: "abcdefgh",
                                   privateKey: "0f8fad5b-d9cb-469f-a165-70867728950e")
        }
        try await m.approve(runID: "run-5be811")
        let approved = await m.currentSnapshot().runs.first { $0.id == "run-5be811" }
        #expect(approved?.status == "succeeded")
        try await m.retry(runID: "run-9c2e04", job: "transform")
        let retried = try await m.runLog(runID: "run-9c2e04", after: 0).inspector()
        let transform = retried.state(at: retried.count).job("transform")
        #expect(transform?.status == .succeeded && transform?.attempt == 3)
        #expect(retried.state(at: retried.count).status == .succeeded)
        let tail = try await m.runLog(runID: "run-9c2e04", after: Int64(retried.count - 2))
        #expect(tail.events.map(\.seq) == [Int64(retried.count - 1), Int64(retried.count)])
    }

    /// The preview's logs are engine logs: the engine's fold reads each of them to the state its summary shows.
    @Test func previewRunsFoldWithTheEngine() throws {
        for run in PreviewRuns.all(now: Fixture.now) {
            // Each definition is one the strict parser accepts.
            #expect(try MachineDefinition.parse(json: run.log.definition.jsonData()) == run.log.definition)
            let inspector = run.log.inspector()
            let final = inspector.state(at: inspector.count)
            #expect(final.status.rawValue == run.summary.status, "\(run.summary.id)")
            #expect(final.eventCount == run.log.events.count)
            // Every event changes something: none is ignored by the fold as stale or out of place.
            for k in 1...inspector.count { #expect(!inspector.changes(at: k).isEmpty, "\(run.summary.id) event \(k)") }
        }
        let failed = PreviewRuns.all(now: Fixture.now).first { $0.summary.id == "run-9c2e04" }!
        #expect(failed.summary.status == "failed" && failed.summary.currentPhase == "load")
    }
}
