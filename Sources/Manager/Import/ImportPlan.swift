import AtlasAPI
import DashboardModel
import Foundation

/// The pure part of `projects import`: what to do with each project, from the listing and the store.
enum ImportPlan {
    /// The store's view of an existing project, as the plan needs it.
    struct Existing: Sendable, Hashable {
        var id: String
        var name: String
        var orgID: String?
        var state: ProjectState
        var sharedKeyID: String?
        /// An onboarding run that has not ended.
        var runActive: Bool
    }

    static func listing(found: [AtlasProject], existing: [Existing], match: Regex<AnyRegexOutput>?,
                        sharedKeyID: String, orgID: String?) -> ImportListing {
        let byID = Dictionary(existing.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        var candidates: [ImportCandidate] = []
        var filteredOut = 0
        for p in found where seen.insert(p.id).inserted {
            if let match, (try? match.firstMatch(in: p.name)) == nil { filteredOut += 1; continue }
            candidates.append(ImportCandidate(id: p.id, name: p.name, orgID: p.orgId, standing: standing(byID[p.id])))
        }
        // Gone: imported with this very key (and, with --org, from that organisation), not listed now.
        let gone = existing.filter { e in
            e.sharedKeyID == sharedKeyID && !seen.contains(e.id) && e.state != .gone && (orgID == nil || e.orgID == orgID)
        }.map { ImportCandidate(id: $0.id, name: $0.name, orgID: $0.orgID ?? "", standing: .onboarded) }
        return ImportListing(candidates: candidates.sorted { ($0.name, $0.id) < ($1.name, $1.id) }, gone: gone,
                             filteredOut: filteredOut)
    }

    static func standing(_ e: Existing?) -> ImportCandidate.Standing {
        guard let e else { return .new }
        switch e.state {
        case .ready: return .onboarded
        case .onboarding: return e.runActive ? .onboarding : .retry
        case .failed, .gone, .removed: return .retry
        }
    }

    /// `--match`: a regular expression searched in each project's name.
    static func regex(_ pattern: String?) throws -> Regex<AnyRegexOutput>? {
        guard let pattern, !pattern.isEmpty else { return nil }
        do { return try Regex(pattern) } catch {
            throw ManagerError.invalidField(field: "--match", message: "not a regular expression (\(error)); e.g. '^prod-' or 'payments|billing'.")
        }
    }
}

