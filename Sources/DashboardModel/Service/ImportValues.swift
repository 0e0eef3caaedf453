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
public struct ImportListing: Sendable, Hashable, Codable {
    public var candidates: [ImportCandidate]
    /// Projects imported with this key that the listing no longer has: marked gone by the import.
    public var gone: [ImportCandidate]
    /// Listed projects left out by `--match`.
    public var filteredOut: Int

    public init(candidates: [ImportCandidate], gone: [ImportCandidate] = [], filteredOut: Int = 0) {
        self.candidates = candidates; self.gone = gone; self.filteredOut = filteredOut
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
