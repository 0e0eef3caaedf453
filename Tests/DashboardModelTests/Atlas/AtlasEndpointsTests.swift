import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import TrotterSupport

@Suite struct AtlasEndpointsTests {
    @Test func defaultsAreTheRealHosts() {
        let e = AtlasEndpoints.fromEnvironment([:])
        #expect(e.atlasBaseURL == "https://cloud.mongodb.com" && e.appServicesBaseURL == "https://services.cloud.mongodb.com")
    }

    @Test func atlasBaseURLAloneServesBoth() {
        let e = AtlasEndpoints.fromEnvironment(["ATLAS_BASE_URL": "http://127.0.0.1:8080/"])
        #expect(e.atlasBaseURL == "http://127.0.0.1:8080" && e.appServicesBaseURL == "http://127.0.0.1:8080")
    }

    @Test func appServicesBaseURLWins() {
        let e = AtlasEndpoints.fromEnvironment(["ATLAS_BASE_URL": "http://a", "APP_SERVICES_BASE_URL": "http://b"])
        #expect(e.atlasBaseURL == "http://a" && e.appServicesBaseURL == "http://b")
    }

    @Test func credentialsFromEnvironmentPreferAPIKeys() {
        let both = ["ATLAS_PUBLIC_KEY": "abcdefgh", "ATLAS_PRIVATE_KEY": "p", "ATLAS_CLIENT_ID": "mdb_sa_id_1", "ATLAS_CLIENT_SECRET": "s"]
        #expect(AtlasCredentials.fromEnvironment(both)?.publicID == "abcdefgh")
        let sa = AtlasCredentials.fromEnvironment(["ATLAS_CLIENT_ID": "mdb_sa_id_1", "ATLAS_CLIENT_SECRET": "s"])
        #expect(sa == .serviceAccount(clientID: "mdb_sa_id_1", clientSecret: Secret("s")))
        #expect(AtlasCredentials.fromEnvironment(["ATLAS_PUBLIC_KEY": "abcdefgh"]) == nil)
    }

    @Test func pathSegmentsAndQueriesAreEncoded() {
        #expect(AtlasClient.segment("host-00.abc.mongodb.net:27017") == "host-00.abc.mongodb.net:27017")
        #expect(AtlasClient.segment("my db/x") == "my%20db%2Fx")
        #expect(AtlasClient.queryString([("m", "A"), ("period", "PT1H"), ("q", "a&b=c")]) == "?m=A&period=PT1H&q=a%26b%3Dc")
    }
}
