import DashboardModel

/// The form's per-field checks, as you type. The rules live in one place, ``ProjectKeyForm`` (the manager
/// applies the same ones before any network call); this is the form's view of them.
public enum FieldValidation {
    /// The problem with a project ID, or nil when it is well-formed.
    public static func projectID(_ s: String) -> String? { ProjectKeyForm.projectIDProblem(s) }

    /// The problem with a public key / service-account client ID, or nil.
    public static func publicKey(_ s: String) -> String? { ProjectKeyForm.publicKeyProblem(s) }

    /// The problem with a private key / client secret, or nil. Never echoes the value.
    public static func privateKey(_ s: String, publicKey: String) -> String? {
        ProjectKeyForm.privateKeyProblem(s, publicKey: publicKey)
    }
}
