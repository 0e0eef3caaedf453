import Foundation
import Testing
@testable import AtlasSandbox

@Suite("Sandbox auth") struct SandboxAuthTests {
    @Test(arguments: ["MD5", "SHA-256"])
    func digestHandshakeSucceedsForEachAlgorithm(_ algorithm: String) async throws {
        var config = SandboxConfiguration.test()
        config.digestAlgorithms = [.sha256, .md5]
        try await withSandbox(config) { sandbox, http in
            let c = sandbox.credentials
            let ok = try await http.digestGET("/api/atlas/v2/groups", user: c.publicKey, password: c.privateKey,
                                              algorithm: algorithm)
            #expect(ok.status == 200)
            let wrong = try await http.digestGET("/api/atlas/v2/groups", user: c.publicKey, password: "not-the-key",
                                                 algorithm: algorithm)
            #expect(wrong.status == 401)
            #expect(wrong.object["errorCode"] as? String == "UNAUTHORIZED")
        }
    }

    @Test func expiredNonceIsAnsweredStale() async throws {
        try await withSandbox { sandbox, http in
            let c = sandbox.credentials
            let first = try await http.send("/api/atlas/v2/groups")
            let offer = SandboxHTTP.challenge(try #require(first.header("WWW-Authenticate")))
            #expect(offer["stale"] == "false")
            let auth = SandboxHTTP.authorization(challenge: offer, user: c.publicKey, password: c.privateKey,
                                                 method: "GET", uri: "/api/atlas/v2/groups")
            let headers = ["Authorization": auth, "Accept": "application/vnd.atlas.2023-01-01+json"]
            #expect(try await http.send("/api/atlas/v2/groups", headers: headers).status == 200)
            sandbox.expireNonces()
            let stale = try await http.send("/api/atlas/v2/groups", headers: headers)
            #expect(stale.status == 401)
            #expect(SandboxHTTP.challenge(try #require(stale.header("WWW-Authenticate")))["stale"] == "true")
        }
    }

    @Test func projectKeySeesOnlyItsProjectAndRevokedKeyIsRefused() async throws {
        try await withSandbox(.test(projects: 3)) { sandbox, http in
            let projects = sandbox.credentials.projects
            let key = sandbox.makeProjectKey(projectID: projects[1].id)
            let list = try await http.digestGET("/api/atlas/v2/groups", user: key.publicKey, password: key.privateKey)
            let ids = (list.object["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == [projects[1].id])
            let other = try await http.digestGET("/api/atlas/v2/groups/\(projects[0].id)/clusters",
                                                 user: key.publicKey, password: key.privateKey)
            #expect(other.status == 401)
            #expect(other.object["errorCode"] as? String == "USER_UNAUTHORIZED")
            sandbox.revoke(publicKey: key.publicKey)
            let revoked = try await http.digestGET("/api/atlas/v2/groups", user: key.publicKey, password: key.privateKey)
            #expect(revoked.status == 401)
        }
    }

    @Test func serviceAccountTokenWorksThenExpires() async throws {
        var config = SandboxConfiguration.test()
        config.tokenLifetime = 1
        try await withSandbox(config) { sandbox, http in
            let c = sandbox.credentials
            let basic = Data("\(c.clientId):\(c.clientSecret)".utf8).base64EncodedString()
            let reply = try await http.send("/api/oauth/token", method: "POST", headers: [
                "Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded",
            ], body: Data("grant_type=client_credentials".utf8))
            #expect(reply.status == 200)
            #expect(reply.object["token_type"] as? String == "Bearer")
            #expect(reply.object["expires_in"] as? Int == 1)
            let token = try #require(reply.object["access_token"] as? String)
            let headers = ["Authorization": "Bearer \(token)", "Accept": "application/vnd.atlas.2023-01-01+json"]
            #expect(try await http.send("/api/atlas/v2/groups", headers: headers).status == 200)
            try await Task.sleep(for: .milliseconds(1_600))
            #expect(try await http.send("/api/atlas/v2/groups", headers: headers).status == 401)
        }
    }
}
