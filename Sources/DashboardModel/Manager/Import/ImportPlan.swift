import Foundation

/// One project an organisation key can see, and where it stands in this manager.
public struct ImportCandidate: Sendable, Hashable, Codable {
    public enum Standing: String, Sendable, Codable {
        /// Not onboarded here yet.
        case new
        /// Ready: importing again changes nothing.
        case onboarded
        /// An onboarding run is under way; the import waits for it instead of starting another.
        case onboarding
        /// Onboarded before but failed, or gone and now back: onboarded again (every step is idempotent).
        case retry
    }

    public var id: String
    public var name: String
    public var orgID: String
    public var standing: Standing

    public init(id: String, name: String, orgID: String, standing: Standing) {
        self.id = id; self.name = name; self.orgID = orgID; self.standing = standing
    }

    /// Whether the import starts an onboarding run for it.
    public var willOnboard: Bool { standing == .new || standing == .retry }
}

/// What a key sees, planned: the projects to show (after `--match`) and the ones imported with this key
/// before that it no longer sees (gone from the organisation).
public struct ImportListing: Sendable, Hashable {
    public var candidates: [ImportCandidate]
    /// Projects imported with this key that the listing no longer has: marked gone by the import.
    public var gone: [ImportCandidate]
    /// Listed projects left out by `--match`.
    public var filteredOut: Int

    public init(candidates: [ImportCandidate], gone: [ImportCandidate] = [], filteredOut: Int = 0) {
        self.candidates = candidates; self.gone = gone; self.filteredOut = filteredOut
    }
}

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

/// How one chosen project ended.
public struct ImportOutcome: Sendable, Hashable, Codable {
    public enum Result: String, Sendable, Codable {
        case onboarded, alreadyOnboarded, failed, wouldOnboard, gone
    }

    public var id: String
    public var name: String
    public var result: Result
    public var runID: String?
    /// Why it failed (or why it is gone), for a person; never a secret.
    public var reason: String?

    public init(id: String, name: String, result: Result, runID: String? = nil, reason: String? = nil) {
        self.id = id; self.name = name; self.result = result; self.runID = runID; self.reason = reason
    }

    /// Counts as a success for the exit status (gone projects are reported, not failures).
    public var isSuccess: Bool { result != .failed }
}
