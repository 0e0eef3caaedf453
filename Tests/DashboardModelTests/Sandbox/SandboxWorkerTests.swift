import Foundation
import Testing
@testable import AtlasSandbox

@Suite("Sandbox worker and data") struct SandboxWorkerTests {
    /// Logs in with the org key, creates an app linked to `clusterName`, and returns (token, app path).
    func prepareApp(_ http: SandboxHTTP, project: String, clusterName: String, withRead: Bool = true)
        async throws -> (headers: [String: String], appPath: String)
    {
        let c = http.sandbox.credentials
        let login = try await http.send("/api/admin/v3.0/auth/providers/mongodb-cloud/login", method: "POST",
            headers: ["Content-Type": "application/json"],
            body: try JSONSerialization.data(withJSONObject: ["username": c.publicKey, "apiKey": c.privateKey]))
        #expect(login.status == 200)
        let token = try #require(login.object["access_token"] as? String)
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        let app = try await http.send("/api/admin/v3.0/groups/\(project)/apps", method: "POST", headers: headers,
                                      body: Data(#"{"name":"globetrotter"}"#.utf8))
        #expect(app.status == 201)
        let appPath = "/api/admin/v3.0/groups/\(project)/apps/\(try #require(app.object["_id"] as? String))"
        let source = #"{"name":"src0","type":"mongodb-atlas","config":{"clusterName":"\#(clusterName)","readPreference":"primary","wireProtocolEnabled":false}}"#
        #expect(try await http.send(appPath + "/services", method: "POST", headers: headers, body: Data(source.utf8)).status == 201)
        #expect(try await http.send(appPath + "/services", method: "POST", headers: headers, body: Data(source.utf8)).status == 409)
        if withRead {
            let function = #"{"name":"globetrotterRead","source":"exports = () => 1","private":true,"run_as_system":true}"#
            #expect(try await http.send(appPath + "/functions", method: "POST", headers: headers, body: Data(function.utf8)).status == 201)
        }
        return (headers, appPath)
    }

    func execute(_ http: SandboxHTTP, _ setup: (headers: [String: String], appPath: String), name: String,
                 argument: String) async throws -> SandboxHTTP.Reply {
        try await http.send(setup.appPath + "/debug/execute_function?run_as_system=true", method: "POST",
                            headers: setup.headers, body: Data(#"{"name":"\#(name)","arguments":[\#(argument)]}"#.utf8))
    }

    @Test func readReturnsOnlyLinkedClustersWithExtendedJSONNumbers() async throws {
        try await withSandbox { sandbox, http in
            let engine = sandbox.engine
            let project = engine.catalog.projects[0]
            let linked = project.clusters[1]
            let setup = try await prepareApp(http, project: project.id, clusterName: linked.name)
            let reply = try await execute(http, setup, name: "globetrotterRead", argument: #"{"since":null,"after":null,"limit":1000}"#)
            #expect(reply.status == 200)
            let result = try #require(reply.object["result"] as? [String: Any])
            #expect((result["schema"] as? [String: Any])?["$numberInt"] as? String == "1")
            let clusters = try #require(result["clusters"] as? [[String: Any]])
            #expect(clusters.map { $0["clusterName"] as? String } == [linked.name])
            let namespaces = try #require(clusters[0]["namespaces"] as? [[String: Any]])
            #expect(namespaces.count == linked.collectionCount)
            let first = try #require(namespaces.first)
            let expected = try #require(engine.data(for: linked).collections.first { "\($0.db).\($0.name)" == "\(first["db"]!).\(first["collection"]!)" })
            #expect((first["storageSize"] as? [String: Any])?["$numberLong"] as? String == String(expected.storageSize))
            #expect((first["count"] as? [String: Any])?["$numberLong"] as? String == String(expected.countValue))
            #expect(result["next"] is NSNull)
        }
    }

    @Test func readPagesWithNextAndAfter() async throws {
        try await withSandbox { sandbox, http in
            let project = sandbox.engine.catalog.projects[0]
            let setup = try await prepareApp(http, project: project.id, clusterName: project.clusters[0].name)
            var after = "null"
            var names: [String] = []
            var pages = 0
            repeat {
                let reply = try await execute(http, setup, name: "globetrotterRead", argument: #"{"after":\#(after),"limit":{"$numberInt":"5"}}"#)
                let result = try #require(reply.object["result"] as? [String: Any])
                let namespaces = (result["clusters"] as? [[String: Any]])?.first?["namespaces"] as? [[String: Any]] ?? []
                #expect(namespaces.count <= 5)
                names += namespaces.map { "\($0["db"]!).\($0["collection"]!)" }
                pages += 1
                after = (result["next"] as? String).map { "\"\($0)\"" } ?? "null"
            } while after != "null" && pages < 50
            #expect(names == names.sorted())
            #expect(Set(names).count == project.clusters[0].collectionCount)
            #expect(pages >= 3)
        }
    }

    @Test func unknownOrMissingFunctionIsAnAppServicesError() async throws {
        try await withSandbox { sandbox, http in
            let project = sandbox.engine.catalog.projects[0]
            let setup = try await prepareApp(http, project: project.id, clusterName: project.clusters[0].name, withRead: false)
            let reply = try await execute(http, setup, name: "globetrotterRead", argument: "{}")
            #expect(reply.status == 404)
            #expect(reply.object["error_code"] as? String == "FunctionNotFound")
        }
    }

    /// The worker page's namespaces are written straight to bytes; they must be the very document the tree
    /// writer makes, for every kind of collection the generator makes.
    @Test func namespacesWrittenAsBytesMatchTheTree() throws {
        let engine = SandboxEngine(configuration: .test(seed: 9))
        var checked = 0
        for project in engine.catalog.projects {
            for cluster in project.clusters {
                for c in engine.data(for: cluster).collections {
                    #expect(WorkerResult.namespace(c).bytes == WorkerResult.namespaceTree(c).bytes)
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
        let bytes = WorkerResult.namespace(engine.data(for: engine.catalog.projects[0].clusters[0]).collections[0]).bytes
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect((parsed["count"] as? [String: String])?["$numberLong"] != nil)
        #expect((parsed["nindexes"] as? [String: String])?["$numberInt"] != nil)
    }

    @Test func sameSeedGivesSameOrganisationAndDataAdvances() throws {
        let a = SandboxEngine(configuration: .test(seed: 42)), b = SandboxEngine(configuration: .test(seed: 42))
        let c = SandboxEngine(configuration: .test(seed: 43))
        #expect(a.catalog.projects.map(\.id) == b.catalog.projects.map(\.id))
        #expect(a.catalog.projects.map(\.id) != c.catalog.projects.map(\.id))
        let clusterA = a.catalog.projects[1].clusters[0], clusterB = b.catalog.projects[1].clusters[0]
        let before = a.data(for: clusterA)
        #expect(before.collections == b.data(for: clusterB).collections)
        a.data.advance(by: 3)
        a.data.advance(by: 7)
        b.data.advance(by: 10)
        let afterA = a.data(for: clusterA), afterB = b.data(for: clusterB)
        #expect(afterA.collections == afterB.collections)
        #expect(afterA.collections != before.collections)
        #expect(afterA.collections.map(\.countValue).reduce(0, +) != before.collections.map(\.countValue).reduce(0, +))
    }

    @Test func everyClusterHasACompactCandidateAndSomeDisksAreTight() throws {
        var config = SandboxConfiguration.test(projects: 20)
        config.collectionsPerCluster = 30
        let engine = SandboxEngine(configuration: config)
        var tight = 0
        for project in engine.catalog.projects {
            for cluster in project.clusters {
                let data = engine.data(for: cluster)
                #expect(data.collections.contains {
                    Double($0.freeStorageValue) >= 0.3 * Double($0.storageSize) && $0.freeStorageValue >= 1 << 30
                })
                if data.freeBytes / data.diskSizeBytes < 0.2 { tight += 1 }
            }
        }
        #expect(tight > 0)
    }

    @Test func largeOrganisationStartsQuickly() throws {
        var config = SandboxConfiguration.test(projects: 200)
        config.clustersPerProject = 3
        config.collectionsPerCluster = 100
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let engine = SandboxEngine(configuration: config)
            _ = engine.data(for: engine.catalog.projects[199].clusters[2])
        }
        #expect(elapsed < .seconds(5))
    }
}
