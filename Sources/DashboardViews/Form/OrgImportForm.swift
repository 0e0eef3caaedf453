import DashboardModel

/// The organisation import (`N` in the Projects pane): two key fields, then the projects the key sees with a
/// checkbox each, then each chosen project's progress. The private key is masked on screen and kept out of
/// every description; it leaves this value only in the list and import effects.
public struct OrgImportForm: Sendable, Hashable, CustomStringConvertible {
    public enum Stage: Sendable, Hashable {
        /// Typing the two keys.
        case keys
        /// Asking Atlas for every project the key sees.
        case listing
        /// The checklist.
        case choose
        /// Onboarding the chosen projects; rows fill with outcomes.
        case importing
        /// Every chosen project ended.
        case done
    }

    public var publicKey = ""
    public private(set) var privateKey = ""
    /// 0: public key, 1: private key.
    public var focus = 0
    public private(set) var touched: Set<Int> = []
    public var stage = Stage.keys
    /// The last failure (listing refused, key wrong), for a person; never the key.
    public var error: String?
    public private(set) var listing: ImportListing?
    public private(set) var checked: Set<String> = []
    public var filter = ""
    public var filterEditing = false
    /// Index of the highlighted row in `visible`.
    public var cursor = 0
    public var outcomes: [String: ImportOutcome] = [:]

    public init() {}

    public var description: String { "OrgImportForm(stage: \(stage), publicKey: \(publicKey), privateKey: <redacted>)" }

    // MARK: Keys stage

    public func display(_ field: Int, mask: Character) -> String {
        field == 1 ? String(repeating: mask, count: privateKey.count) : publicKey
    }

    public func fieldError(_ field: Int) -> String? {
        field == 0 ? FieldValidation.publicKey(publicKey) : FieldValidation.privateKey(privateKey, publicKey: publicKey)
    }

    public func visibleError(_ field: Int) -> String? { touched.contains(field) ? fieldError(field) : nil }

    public mutating func insert(_ ch: Character) {
        guard !ch.isWhitespace, !ch.isNewline else { return }
        if focus == 0 { publicKey.append(ch) } else { privateKey.append(ch) }
        touched.insert(focus); error = nil
    }

    public mutating func backspace() {
        if focus == 0 { if !publicKey.isEmpty { publicKey.removeLast() } } else if !privateKey.isEmpty { privateKey.removeLast() }
        touched.insert(focus); error = nil
    }

    public mutating func clearField() {
        if focus == 0 { publicKey = "" } else { privateKey = "" }
        touched.insert(focus)
    }

    public mutating func touchAll() { touched = [0, 1] }

    /// The key, when both fields are valid.
    public var key: OrgKeySubmission? {
        fieldError(0) == nil && fieldError(1) == nil ? OrgKeySubmission(publicKey: publicKey, privateKey: privateKey) : nil
    }

    // MARK: Checklist

    /// The listing arrived: every project checked.
    public mutating func load(_ l: ImportListing) {
        listing = l
        checked = Set(l.candidates.map(\.id))
        stage = .choose
        cursor = 0
    }

    public var candidates: [ImportCandidate] { listing?.candidates ?? [] }

    /// The rows the filter lets through (name or ID, case-insensitive).
    public var visible: [ImportCandidate] {
        let f = filter.lowercased()
        return f.isEmpty ? candidates : candidates.filter { $0.name.lowercased().contains(f) || $0.id.contains(f) }
    }

    public func isChecked(_ id: String) -> Bool { checked.contains(id) }

    public mutating func toggle() {
        let rows = visible
        guard rows.indices.contains(cursor) else { return }
        let id = rows[cursor].id
        if checked.contains(id) { checked.remove(id) } else { checked.insert(id) }
    }

    /// Checks every visible row, or unchecks them all when all were checked.
    public mutating func toggleAllVisible() {
        let ids = Set(visible.map(\.id))
        if ids.isSubset(of: checked) { checked.subtract(ids) } else { checked.formUnion(ids) }
    }

    public mutating func move(by delta: Int) {
        cursor = min(max(0, cursor + delta), max(0, visible.count - 1))
    }

    /// Chosen = checked, whatever the filter shows now.
    public var chosen: Set<String> { checked.intersection(candidates.map(\.id)) }

    public var finishedCount: Int { outcomes.values.filter { $0.result != .gone }.count }
}

/// The organisation key of the import form. The private key is kept out of every description.
public struct OrgKeySubmission: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var publicKey: String
    public var privateKey: String

    public init(publicKey: String, privateKey: String) { self.publicKey = publicKey; self.privateKey = privateKey }

    public var description: String { "OrgKeySubmission(publicKey: \(publicKey), privateKey: <redacted>)" }
    public var debugDescription: String { description }
}
