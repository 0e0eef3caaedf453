/// The three-field "new project" form: Project ID, Public key, Private key (masked). Each field validates
/// as you type; the private key is displayed as one mask character per character and never leaves this
/// value except in the submission effect.
public struct ProjectForm: Sendable, Hashable, CustomStringConvertible {
    public enum Field: Int, CaseIterable, Sendable {
        case projectID, publicKey, privateKey

        public var label: String {
            switch self {
            case .projectID: return "Project ID"
            case .publicKey: return "Public key"
            case .privateKey: return "Private key"
            }
        }
    }

    public private(set) var values: [String] = ["", "", ""]
    public var focus: Field = .projectID
    /// Errors are shown only for fields the user has typed in (or after a submit attempt).
    public private(set) var touched: Set<Int> = []
    public var submitting = false
    /// The manager's answer to the last submission, written for a person.
    public var submitError: String?

    public init() {}

    public var description: String { "ProjectForm(focus: \(focus), privateKey: <redacted>)" }

    public func value(_ field: Field) -> String { values[field.rawValue] }

    /// What the field shows: the private key as one mask character per character.
    public func display(_ field: Field, mask: Character) -> String {
        field == .privateKey ? String(repeating: mask, count: values[field.rawValue].count) : values[field.rawValue]
    }

    /// The problem with `field`, or nil when it is valid.
    public func error(_ field: Field) -> String? {
        switch field {
        case .projectID: return FieldValidation.projectID(value(.projectID))
        case .publicKey: return FieldValidation.publicKey(value(.publicKey))
        case .privateKey: return FieldValidation.privateKey(value(.privateKey), publicKey: value(.publicKey))
        }
    }

    /// The error to show under `field` now.
    public func visibleError(_ field: Field) -> String? {
        touched.contains(field.rawValue) ? error(field) : nil
    }

    public var isValid: Bool { Field.allCases.allSatisfy { error($0) == nil } }

    public mutating func insert(_ ch: Character) {
        // Keys are single-line tokens: pasted whitespace is dropped rather than stored.
        guard !ch.isWhitespace, !ch.isNewline else { return }
        values[focus.rawValue].append(ch)
        touch()
    }

    public mutating func backspace() {
        if !values[focus.rawValue].isEmpty { values[focus.rawValue].removeLast() }
        touch()
    }

    /// Ctrl-U: clears the field.
    public mutating func clearField() { values[focus.rawValue] = ""; touch() }

    /// Ctrl-W: deletes back to the previous `-` or `_` separator (the only word breaks keys have).
    public mutating func deleteWord() {
        var v = values[focus.rawValue]
        while let last = v.last, last == "-" || last == "_" { v.removeLast() }
        while let last = v.last, last != "-" && last != "_" { v.removeLast() }
        values[focus.rawValue] = v
        touch()
    }

    public mutating func moveFocus(by delta: Int) {
        let n = Field.allCases.count
        focus = Field(rawValue: ((focus.rawValue + delta) % n + n) % n)!
    }

    /// Marks every field touched so all errors show (a submit attempt on an invalid form).
    public mutating func touchAll() { touched = [0, 1, 2] }

    private mutating func touch() {
        touched.insert(focus.rawValue)
        submitError = nil
    }

    /// The submission, when every field is valid.
    public var submission: ProjectSubmission? {
        isValid ? ProjectSubmission(projectID: value(.projectID), publicKey: value(.publicKey),
                                    privateKey: value(.privateKey)) : nil
    }
}
