import Testing
@testable import DashboardModel

@Suite struct ProjectKeyFormTests {
    let goodID = "5f1a2b3c4d5e6f7a8b9c0d1e"
    let goodPrivate = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"

    @Test func acceptsAnAPIKey() {
        let form = ProjectKeyForm(projectID: goodID, publicKey: "abcdwxyz", privateKey: goodPrivate)
        #expect(form.isValid)
        #expect(!form.isServiceAccount)
    }

    @Test func acceptsAServiceAccount() {
        let form = ProjectKeyForm(projectID: goodID, publicKey: "mdb_sa_id_0123456789", privateKey: "mdb_sa_sk_secretvalue")
        #expect(form.isValid)
        #expect(form.isServiceAccount)
    }

    @Test(arguments: [
        ("", "Enter the project ID"), ("5f1a2b", "24 hex characters; this has 6"), ("zz1a2b3c4d5e6f7a8b9c0d1e", "only hex"),
    ])
    func projectIDProblems(input: String, expected: String) {
        let problem = ProjectKeyForm(projectID: input, publicKey: "abcdwxyz", privateKey: goodPrivate).problem(with: .projectID)
        #expect(problem?.contains(expected) == true, "\(problem ?? "nil")")
    }

    @Test(arguments: ["ABCDWXYZ", "abc", "abcd1234", "abcdwxyzq"])
    func publicKeyProblems(input: String) {
        let form = ProjectKeyForm(projectID: goodID, publicKey: input, privateKey: goodPrivate)
        #expect(form.problem(with: .publicKey)?.contains("8 lowercase letters") == true)
    }

    @Test func privateKeyProblemsNeverQuoteTheKey() {
        let secretish = "not-a-uuid-but-secret-ish-value"
        let form = ProjectKeyForm(projectID: goodID, publicKey: "abcdwxyz", privateKey: secretish)
        let problem = form.problem(with: .privateKey)
        #expect(problem?.contains("UUID") == true)
        #expect(problem?.contains(secretish) == false)
        #expect(!"\(form)".contains(secretish))
        #expect(!String(reflecting: form).contains(secretish))
    }

    @Test func serviceAccountSecretWithAnAPIPublicKeyIsExplained() {
        let form = ProjectKeyForm(projectID: goodID, publicKey: "abcdwxyz", privateKey: "mdb_sa_sk_abc")
        #expect(form.problem(with: .privateKey)?.contains("client ID") == true)
    }

    @Test func surroundingWhitespaceFromAPasteIsIgnored() {
        let form = ProjectKeyForm(projectID: " \(goodID)\n", publicKey: "abcdwxyz ", privateKey: "\t\(goodPrivate)")
        #expect(form.isValid)
    }
}
