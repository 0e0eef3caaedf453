import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import TrotterSupport

@Suite struct AtlasAPIErrorTests {
    func error(_ status: Int, _ body: String, retryAfter: Double? = nil) -> AtlasAPIError {
        AtlasAPIError(response: HTTPResponse(status: status, body: Array(body.utf8), retryAfter: retryAfter),
                      target: "GET https://cloud.mongodb.com/api/atlas/v2/groups")
    }

    @Test(arguments: [
        ("IP_ADDRESS_NOT_ON_ACCESS_LIST", 403, "access list"),
        ("USER_UNAUTHORIZED", 401, "ATLAS_PUBLIC_KEY"),
        ("UNAUTHORIZED", 401, "revoked"),
        ("INVALID_GROUP_ID", 400, "24 hexadecimal"),
        ("GROUP_NOT_FOUND", 404, "role in that project"),
        ("RESOURCE_NOT_FOUND", 404, "refresh"),
        ("RATE_LIMITED_TOKEN_BUCKET", 429, "rate limiting"),
        ("RATE_LIMITED", 429, "rate limiting"),
    ])
    func namesTheCodeAndTheFix(code: String, status: Int, fix: String) {
        let e = error(status, #"{"detail":"Something about \#(code).","error":\#(status),"errorCode":"\#(code)","parameters":[],"reason":"R"}"#)
        #expect(e.errorCode == code && e.status == status)
        #expect(e.description.contains(code) && e.description.contains(fix))
        #expect(e.description.contains("Something about"))
    }

    @Test func oauthAndNonJSONBodies() {
        let oauth = error(401, #"{"error":"invalid_client","error_description":"Invalid client credentials"}"#)
        #expect(oauth.errorCode == "invalid_client" && oauth.detail == "Invalid client credentials" && oauth.isAuthenticationFailure)
        let html = error(502, "<html>Bad gateway</html>")
        #expect(html.errorCode == nil && html.description.contains("server-side"))
    }

    @Test func rateLimitMentionsTheWait() {
        #expect(error(429, "{}", retryAfter: 55).description.contains("55 s"))
    }

    @Test func echoedSecretsAreScrubbed() {
        let e = AtlasAPIError(response: HTTPResponse(status: 401, body: Array(#"{"detail":"key 1234-secret-5678 refused","errorCode":"X"}"#.utf8)),
                              target: "", redacting: [Secret("1234-secret-5678")])
        #expect(!e.description.contains("1234-secret-5678"))
    }
}
