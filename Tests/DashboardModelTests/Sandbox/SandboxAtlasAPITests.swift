import Foundation
import Testing
@testable import AtlasSandbox

@Suite("Sandbox Atlas API") struct SandboxAtlasAPITests {
    @Test func pagingEnvelopeWalksAllPages() async throws {
        try await withSandbox(.test(projects: 7)) { sandbox, http in
            var seen: [String] = []
            var path: String? = "/api/atlas/v2/groups?itemsPerPage=3"
            var pages = 0
            while let current = path {
                let reply = try await http.orgGET(current)
                #expect(reply.status == 200)
                #expect(reply.object["totalCount"] as? Int == 7)
                let results = try #require(reply.object["results"] as? [[String: Any]])
                seen += results.compactMap { $0["id"] as? String }
                let links = reply.object["links"] as? [[String: Any]] ?? []
                #expect(links.contains { $0["rel"] as? String == "self" })
                path = links.first { $0["rel"] as? String == "next" }.flatMap { $0["href"] as? String }
                    .map { String($0.dropFirst(sandbox.baseURL.count)) }
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen == sandbox.credentials.projects.map(\.id))
            let noCount = try await http.orgGET("/api/atlas/v2/groups?includeCount=false")
            #expect(noCount.object["totalCount"] == nil)
            #expect(try await http.orgGET("/api/atlas/v2/groups?itemsPerPage=501").status == 400)
        }
    }

    @Test func missingOrUnknownVersionIsRefusedWith406() async throws {
        try await withSandbox { sandbox, http in
            let project = sandbox.credentials.projects[0].id
            for accept in [nil, "application/json", "application/vnd.atlas.2099-01-01+json"] as [String?] {
                let reply = try await http.orgGET("/api/atlas/v2/groups", accept: accept)
                #expect(reply.status == 406)
                #expect(reply.object["errorCode"] as? String == "INVALID_VERSION_DATE")
                #expect(reply.object["error"] as? Int == 406)
            }
            let newer = try await http.orgGET("/api/atlas/v2/groups/\(project)/clusters",
                                              accept: "application/vnd.atlas.2024-08-05+json")
            #expect(newer.status == 200)
            #expect(newer.header("Content-Type") == "application/vnd.atlas.2024-08-05+json")
            let cluster = try #require((newer.object["results"] as? [[String: Any]])?.first)
            let spec = (cluster["replicationSpecs"] as? [[String: Any]])?.first?["regionConfigs"] as? [[String: Any]]
            #expect((spec?.first?["electableSpecs"] as? [String: Any])?["diskSizeGB"] != nil)
            #expect(try await http.orgGET("/api/atlas/v2/groups", accept: "application/vnd.atlas.2024-08-05+json").status == 406)
        }
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        var config = SandboxConfiguration.test()
        config.rateLimit = RateLimitSettings(capacity: 2, refillPerMinute: 1)
        try await withSandbox(config) { sandbox, http in
            let path = "/api/atlas/v2/groups/\(sandbox.credentials.projects[0].id)"
            #expect(try await http.orgGET(path).status == 200)
            #expect(try await http.orgGET(path).status == 200)
            let limited = try await http.orgGET(path)
            #expect(limited.status == 429)
            #expect(limited.object["errorCode"] as? String == "RATE_LIMITED_TOKEN_BUCKET")
            #expect(Int(try #require(limited.header("Retry-After"))) ?? 0 >= 1)
            // Another project has its own bucket.
            #expect(try await http.orgGET("/api/atlas/v2/groups/\(sandbox.credentials.projects[1].id)").status == 200)
        }
    }

    @Test func processesMapToClustersAndDisksHaveMeasurements() async throws {
        try await withSandbox { sandbox, http in
            let project = sandbox.credentials.projects[0].id
            let processes = try await http.orgGET("/api/atlas/v2/groups/\(project)/processes")
            let items = try #require(processes.object["results"] as? [[String: Any]])
            #expect(items.count == 2 * 3)
            #expect(items.filter { $0["typeName"] as? String == "REPLICA_PRIMARY" }.count == 2)
            let id = try #require(items.first?["id"] as? String)
            let disks = try await http.orgGET("/api/atlas/v2/groups/\(project)/processes/\(id)/disks")
            #expect((disks.object["results"] as? [[String: Any]])?.first?["partitionName"] as? String == "data")
            let m = try await http.orgGET("/api/atlas/v2/groups/\(project)/processes/\(id)/disks/data/measurements"
                + "?granularity=PT1M&period=PT1H&m=DISK_PARTITION_SPACE_FREE&m=DISK_PARTITION_SPACE_PERCENT_FREE")
            #expect(m.status == 200)
            let measurements = try #require(m.object["measurements"] as? [[String: Any]])
            #expect(measurements.map { $0["name"] as? String } == ["DISK_PARTITION_SPACE_FREE", "DISK_PARTITION_SPACE_PERCENT_FREE"])
            #expect((measurements[0]["dataPoints"] as? [Any])?.count == 60)
        }
    }
}
