import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import Manager

@Suite struct ImportPlanTests {
    let found = [AtlasProject(id: "a1", name: "prod-payments", orgId: "o"), AtlasProject(id: "b2", name: "dev-web", orgId: "o"),
                 AtlasProject(id: "c3", name: "prod-search", orgId: "o"), AtlasProject(id: "d4", name: "qa-ml", orgId: "o")]

    func existing(_ id: String, _ state: ProjectState, key: String? = "apiKey:k", active: Bool = false) -> ImportPlan.Existing {
        .init(id: id, name: "old-\(id)", orgID: "o", state: state, sharedKeyID: key, runActive: active)
    }

    @Test func eachProjectStandsWhereTheStoreSaysAndMatchSearchesNames() throws {
        let store = [existing("a1", .ready), existing("b2", .failed), existing("c3", .onboarding, active: true), existing("d4", .gone)]
        let all = ImportPlan.listing(found: found, existing: store, match: nil, sharedKeyID: "apiKey:k", orgID: nil)
        #expect(Dictionary(uniqueKeysWithValues: all.candidates.map { ($0.id, $0.standing) })
                == ["a1": .onboarded, "b2": .retry, "c3": .onboarding, "d4": .retry])
        #expect(all.gone.isEmpty && all.filteredOut == 0)
        let prod = ImportPlan.listing(found: found, existing: [], match: try ImportPlan.regex("^prod-"), sharedKeyID: "apiKey:k", orgID: nil)
        #expect(prod.candidates.map(\.name) == ["prod-payments", "prod-search"])
        #expect(prod.filteredOut == 2)
        #expect(prod.candidates.allSatisfy { $0.standing == .new && $0.willOnboard })
    }

    @Test func anOnboardingWhoseRunEndedIsRetriedAndDuplicatesCountOnce() {
        let twice = found + [found[0]]
        let l = ImportPlan.listing(found: twice, existing: [existing("a1", .onboarding, active: false)], match: nil,
                                   sharedKeyID: "apiKey:k", orgID: nil)
        #expect(l.candidates.count == 4)
        #expect(l.candidates.first { $0.id == "a1" }?.standing == .retry)
    }

    @Test func goneAreOnlyThisKeysProjectsThatAreNotListed() {
        let store = [existing("zz", .ready), existing("yy", .ready, key: "apiKey:other"), existing("xx", .ready, key: nil),
                     existing("ww", .gone)]
        let l = ImportPlan.listing(found: found, existing: store, match: try? ImportPlan.regex("nothing-matches"),
                                   sharedKeyID: "apiKey:k", orgID: nil)
        // Not listed at all (a --match leaves projects out, it does not make them gone); already gone stays quiet.
        #expect(l.gone.map(\.id) == ["zz"])
        let otherOrg = ImportPlan.listing(found: found, existing: store, match: nil, sharedKeyID: "apiKey:k", orgID: "p")
        #expect(otherOrg.gone.isEmpty, "with --org, projects of other organisations are not judged")
    }

    @Test func aBadPatternIsAFieldErrorWithAnExample() throws {
        #expect(throws: ManagerError.self) { try ImportPlan.regex("([") }
        do { _ = try ImportPlan.regex("(["); Issue.record("no error") } catch {
            #expect("\(error)".contains("--match") && "\(error)".contains("^prod-"))
        }
        #expect(try ImportPlan.regex(nil) == nil)
        #expect(try ImportPlan.regex("") == nil)
    }
}
