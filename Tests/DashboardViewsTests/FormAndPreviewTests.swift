import DashboardModel
@testable import DashboardViews
import Testing

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
        let retried = try await m.runEvents(runID: "run-9c2e04")
        let model = InspectorFold.model(runID: "run-9c2e04", machine: "", stepMode: false, records: retried)
        let transform = model.state(at: retried.count - 1).phases.first { $0.name == "transform" }?.jobs.first
        #expect(transform?.status == "succeeded" && transform?.attempt == 3)
    }

    @Test func foldShowsStateAsOfEachEvent() {
        let run = PreviewRuns.all(now: Fixture.now).first { $0.summary.id == "run-9c2e04" }!
        let model = InspectorFold.model(runID: "run-9c2e04", machine: "m", stepMode: false, records: run.events)
        #expect(model.state(at: 0).status == "running" && model.state(at: 0).phases.isEmpty)
        let afterFirstFail = (0..<run.events.count).first { model.state(at: $0).phases.contains { $0.jobs.contains { $0.status == "failed" } } }!
        #expect(model.state(at: afterFirstFail).phases[1].jobs[0].attempt == 1)
        #expect(model.state(at: afterFirstFail + 1).phases[1].jobs[0].status == "retrying")
        #expect(model.state(at: run.events.count - 1).status == "failed")
        #expect(run.summary.status == "failed" && run.summary.currentPhase == "transform")
    }

    /// States come from checkpoints every 64 events; every index must read as the plain fold up to it reads.
    @Test func checkpointedStatesEqualThePlainFold() {
        let t = Fixture.now
        var records: [RunEventRecord] = [RunEventRecord(seq: 1, at: t, kind: "runStarted", phase: nil, job: nil, detail: nil),
                                          RunEventRecord(seq: 2, at: t, kind: "phaseStarted", phase: "collect", job: nil, detail: nil)]
        for i in 0..<150 {
            let job = "collect-\(i % 70)"
            for kind in ["jobStarted", i % 7 == 0 ? "jobFailed" : "jobSucceeded"] {
                records.append(RunEventRecord(seq: Int64(records.count + 1), at: t, kind: kind, phase: "collect", job: job, detail: "\(i)"))
            }
        }
        records.append(RunEventRecord(seq: Int64(records.count + 1), at: t, kind: "runFinished", phase: nil, job: nil, detail: "failed"))
        let model = InspectorFold.model(runID: "r", machine: "m", stepMode: false, records: records)
        #expect(model.checkpoints.count == records.count / InspectorModel.checkpointInterval + 1)
        var plain = model.initial
        for (i, r) in records.enumerated() {
            InspectorFold.apply(r, to: &plain)
            #expect(model.state(at: i) == plain, "event \(i)")
        }
        #expect(model.state(at: records.count + 10) == plain && model.state(at: -3) == model.state(at: 0))
        #expect(plain.status == "failed" && plain.phases[0].jobs.count == 70)
    }

    /// The orchestration engine's own kinds (StatusEventKind raw values), as the embedded manager sends them.
    @Test func foldReadsTheEngineKinds() {
        let t = Fixture.now
        func e(_ seq: Int64, _ kind: String, _ phase: String? = nil, _ job: String? = nil, _ detail: String? = nil) -> RunEventRecord {
            RunEventRecord(seq: seq, at: t.addingTimeInterval(Double(seq)), kind: kind, phase: phase, job: job, detail: detail)
        }
        let records = [
            e(1, "runStarted"), e(2, "awaitingApproval", "load"), e(3, "approved", "load"), e(4, "phaseStarted", "load"),
            e(5, "jobStarted", "load", "copy"), e(6, "jobInterrupted", "load", "copy", "worker died"),
            e(7, "jobStarted", "load", "copy"), e(8, "jobTimedOut", "load", "copy", "after 30s"),
            e(9, "phaseCompleted", "load"), e(10, "runFinished", nil, nil, "failed"),
            e(11, "retryRequested", nil, "copy"), e(12, "cancelRequested"),
        ]
        let m = InspectorFold.model(runID: "r", machine: "m", stepMode: true, records: records)
        #expect(m.state(at: 1).status == "awaitingApproval" && m.state(at: 1).phases[0].status == "awaitingApproval")
        #expect(m.state(at: 2).status == "running")
        #expect(m.state(at: 5).phases[0].jobs[0].status == "retrying")
        #expect(m.state(at: 7).phases[0].jobs[0].attempt == 2)
        #expect(m.state(at: 8).phases[0].status == "failed")
        #expect(m.state(at: 9).status == "failed")
        #expect(m.state(at: 10).status == "running")
        #expect(m.state(at: 11).status == "cancelled")
    }
}
