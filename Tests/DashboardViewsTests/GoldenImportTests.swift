import DashboardModel
import DashboardViews
import Foundation
import Testing

/// The organisation import overlay (`N` in the Projects pane): keys, checklist, filter, toggles, progress.
@Suite struct GoldenImportTests {
    let secret = "0f8fad5b-d9cb-469f-a165-70867728950e"

    func listing() -> ImportListing {
        let names = ["prod-payments", "prod-search", "dev-web", "qa-ml", "legacy-billing", "stage-ledger"]
        return ImportListing(candidates: names.enumerated().map { i, n in
            ImportCandidate(id: "6650a1b2c3d4e5f6a7b8c9d\(i)", name: n, orgID: "o", standing: i == 2 ? .onboarded : i == 3 ? .retry : .new)
        }.sorted { $0.name < $1.name })
    }

    /// Keys typed and submitted, the listing answered.
    func listed(width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixture.state(width: width, height: height)
        _ = Fixture.press(&s, .char("4"), .char("N"))
        Fixture.type(&s, "abcdefgh")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, secret)
        let effects = Fixture.press(&s, .enter)
        #expect(effects == [.listOrganisation(OrgKeySubmission(publicKey: "abcdefgh", privateKey: secret))])
        _ = Update.update(&s, .organisationListed(listing()))
        return s
    }

    func form(_ s: AppState) -> OrgImportForm? {
        if case .orgImport(let f) = s.overlay { return f }
        return nil
    }

    @Test func keysAreValidatedAndThePrivateKeyIsMasked() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("4"), .char("N"))
        Fixture.type(&s, "ABC")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "not-a-uuid")
        #expect(Fixture.press(&s, .enter).isEmpty, "an invalid key is not sent")
        Golden.check("import-keys-errors-80x24", DashboardScreen.render(s))
        #expect(form(s)?.focus == 0, "the first bad field takes the focus")
        _ = Fixture.press(&s, .ctrl("u"))
        Fixture.type(&s, "abcdefgh")
        _ = Fixture.press(&s, .tab, .ctrl("u"))
        Fixture.type(&s, secret)
        let screen = DashboardScreen.render(s).textDump()
        #expect(!screen.contains("0f8fad5b") && screen.contains(String(repeating: "•", count: secret.count)))
        #expect(!"\(form(s)!)".contains("0f8fad5b") && !"\(OrgKeySubmission(publicKey: "a", privateKey: secret))".contains("0f8fad5b"))
        _ = Fixture.press(&s, .enter)
        _ = Update.update(&s, .organisationFailed("Atlas answered HTTP 401 UNAUTHORIZED to GET /api/atlas/v2/groups: You are not authorized for this resource. Check the API key."))
        #expect(form(s)?.stage == .keys, "a refused listing returns to the keys")
        Golden.check("import-keys-refused-80x24", DashboardScreen.render(s))
    }

    @Test func everyProjectStartsCheckedAndSpaceAndFilterChooseThem() {
        var s = listed()
        #expect(form(s)?.chosen.count == 6)
        Golden.check("import-choose-80x24", DashboardScreen.render(s))
        _ = Fixture.press(&s, .char(" "))          // unchecks the first row (dev-web)
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, "prod")
        _ = Fixture.press(&s, .enter)
        #expect(form(s)?.visible.map(\.name) == ["prod-payments", "prod-search"])
        _ = Fixture.press(&s, .down, .char(" "))   // unchecks prod-search
        Golden.check("import-choose-filtered-80x24", DashboardScreen.render(s))
        #expect(form(s)?.chosen.count == 4)
        _ = Fixture.press(&s, .char("a"))          // not all visible are checked: checks both
        #expect(form(s)?.chosen.count == 5)
        _ = Fixture.press(&s, .char("a"))          // all visible checked: unchecks both
        #expect(form(s)?.chosen.count == 3)
        _ = Fixture.press(&s, .char("/"), .escape) // the filter cleared: every row again
        #expect(form(s)?.visible.count == 6)
    }

    @Test func importingShowsEachProjectsProgress() {
        var s = listed(width: 200, height: 60)
        let l = listing()
        let effects = Fixture.press(&s, .enter)
        #expect(effects == [.importOrganisation(OrgKeySubmission(publicKey: "abcdefgh", privateKey: secret), listing: l,
                                                chosen: Set(l.candidates.map(\.id)))])
        _ = Update.update(&s, .importOutcome(ImportOutcome(id: l.candidates[0].id, name: l.candidates[0].name, result: .alreadyOnboarded)))
        let legacy = l.candidates.first { $0.name == "legacy-billing" }!
        _ = Update.update(&s, .importOutcome(ImportOutcome(id: legacy.id, name: legacy.name, result: .failed,
            reason: "onboarding: App Services answered HTTP 403 Forbidden. The API key needs the Project Owner role on this project.")))
        let prod = l.candidates.first { $0.name == "prod-payments" }!
        _ = Update.update(&s, .importOutcome(ImportOutcome(id: prod.id, name: prod.name, result: .onboarded, runID: "r1")))
        Golden.check("import-progress-200x60", DashboardScreen.render(s))
        _ = Update.update(&s, .importFinished([]))
        #expect(form(s)?.stage == .done)
        _ = Fixture.press(&s, .enter)
        #expect(s.overlay == nil)
    }

    @Test func nothingCheckedIsRefusedWithAHint() {
        var s = listed()
        _ = Fixture.press(&s, .char("a"))
        #expect(form(s)?.chosen.isEmpty == true)
        #expect(Fixture.press(&s, .enter).isEmpty)
        #expect(s.status?.text.contains("space checks one") == true)
    }
}
