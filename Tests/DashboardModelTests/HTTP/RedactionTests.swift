import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import TrotterSupport

@Suite struct RedactionTests {
    @Test func secretsNeverPrintThemselves() {
        let s = Secret("0e1f2a3b-aaaa-bbbb-cccc-0123456789ab")
        #expect("\(s)" == "<redacted>")
        #expect(String(reflecting: s).contains("0e1f2a3b") == false)
        let creds = AtlasCredentials.apiKey(publicKey: "abcdefgh", privateKey: s)
        #expect("\(creds)".contains("abcdefgh"))
        #expect(!"\(creds)".contains(s.reveal()) && !String(reflecting: creds).contains(s.reveal()))
        let auth = HTTPAuth.bearer(Secret("tok-123456"))
        #expect(!"\(auth)".contains("tok-123456"))
        let req = HTTPRequest(url: "https://u:pw@cloud.mongodb.com/api?token=tok-123456", auth: auth)
        #expect(!String(reflecting: req).contains("tok-123456"))
    }

    @Test func urlsLoseUserInfoAndQuery() {
        #expect(URLRedaction.redact("https://user:pass@host:8443/a/b?x=1#f") == "https://host:8443/a/b")
        #expect(URLRedaction.hostKey("HTTP://Host:80/a?b") == "http://host:80")
        #expect(URLRedaction.hostKey("https://K3Y:s3cr3t@Cloud.MongoDB.com") == "https://cloud.mongodb.com")
        #expect(URLRedaction.redact("https://host/a@b/c#frag") == "https://host/a@b/c")
        #expect(URLRedaction.redact("https://a@b@host?x=@y") == "https://host")
        #expect(URLRedaction.redact("no-scheme/path?q=s3cr3t") == "no-scheme/path")
        #expect(URLRedaction.hostKey("relative/path") == "relative/path")
        #expect(URLRedaction.redact("https://höst.example/ä?x") == "https://höst.example/ä")
    }

    @Test func scrubReplacesKnownSecrets() {
        let out = Redaction.scrub("bad key s3cr3t-value given", secrets: [Secret("s3cr3t-value")])
        #expect(out == "bad key <redacted> given")
    }
}
