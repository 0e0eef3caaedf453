import AtlasSandbox
import Foundation
import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import TrotterSupport

/// The real App Services client against the emulator: the worker set-up sequence and the pull.
@Suite struct AppServicesSandboxTests {
    static func withClient(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in },
        _ body: (AtlasSandbox, AppServicesClient, HTTPClient) async throws -> Void
    ) async throws {
        var config = SandboxConfiguration()
        config.projects = 1
        config.clustersPerProject = 2
        config.collectionsPerCluster = 6
        configure(&config)
        let sandbox = try await AtlasSandbox.start(config)
        let http = HTTPClient(configuration: HTTPClientConfiguration(retryPolicy: HTTPRetryPolicy(maxAttempts: 3, baseDelay: 0.02)))
        let c = sandbox.credentials
        let endpoints = AtlasEndpoints.fromEnvironment(["ATLAS_BASE_URL": sandbox.baseURL])
        let client = AppServicesClient(baseURL: endpoints.appServicesBaseURL,
                                       credentials: .apiKey(publicKey: c.publicKey, privateKey: Secret(c.privateKey)), http: http)
        do { try await body(sandbox, client, http) } catch {
            http.shutdown()
            await sandbox.stop()
            throw error
        }
        http.shutdown()
        await sandbox.stop()
    }

    /// The App Services Admin API's trigger response (its OpenAPI description) carries `event_processors`: the
    /// backend copies the trigger's function into `event_processors.FUNCTION.config`.
    @Test func aCreatedTriggerCarriesItsFunctionInEventProcessors() async throws {
        try await Self.withClient { sandbox, apps, _ in
            let project = sandbox.credentials.projects[0].id
            let app = try await apps.createApp(projectID: project, name: "globetrotter")
            let collect = try await apps.createFunction(projectID: project, appID: app._id, name: "globetrotterCollect",
                                                        source: "exports = function(){}", private: true, runAsSystem: true)
            let body: JSONValue = .object(["name": .string("every5"), "type": .string("SCHEDULED"), "function_id": .string(collect._id),
                                           "config": .object(["schedule": .string("*/5 * * * *")])])
            for response: JSONValue in [
                try await apps.call(.post, "/groups/\(project)/apps/\(app._id)/triggers", body: body),
                (try await apps.call(.get, "/groups/\(project)/apps/\(app._id)/triggers") as JSONValue).arrayValue?.first ?? .null,
            ] {
                let config = response["event_processors"]?["FUNCTION"]?["config"]
                #expect(config?["function_id"]?.stringValue == collect._id, "\(response)")
                #expect(config?["function_name"]?.stringValue == "globetrotterCollect")
            }
        }
    }

    @Test func setUpTheWorkerAndPullAPage() async throws {
        try await Self.withClient { sandbox, apps, http in
            let project = sandbox.credentials.projects[0].id
            let clusters = try await AtlasClient(baseURL: sandbox.baseURL, credentials: .apiKey(
                publicKey: sandbox.credentials.publicKey, privateKey: Secret(sandbox.credentials.privateKey)), http: http)
                .clusters(projectID: project)
            let app = try await apps.createApp(projectID: project, name: "globetrotter")
            #expect(!app._id.isEmpty && !app.client_app_id.isEmpty && app.name == "globetrotter")
            #expect(try await apps.listApps(projectID: project).map(\._id) == [app._id])

            for (i, cluster) in clusters.enumerated() {
                let linked = try await apps.createDataSource(projectID: project, appID: app._id, name: "cluster\(i)", clusterName: cluster.name)
                guard case .created(let service) = linked else { Issue.record("expected .created, got \(linked)"); continue }
                #expect(service.name == "cluster\(i)" && service.type == "mongodb-atlas")
            }
            let again = try await apps.createDataSource(projectID: project, appID: app._id, name: "cluster0", clusterName: clusters[0].name)
            #expect(again == .alreadyExists(name: "cluster0"))
            #expect(try await apps.listDataSources(projectID: project, appID: app._id).count == clusters.count)

            let read = try await apps.createFunction(projectID: project, appID: app._id, name: "globetrotterRead",
                                                     source: "exports = function(){ return 1 }", private: true, runAsSystem: true)
            try await apps.updateFunction(projectID: project, appID: app._id, id: read._id, name: "globetrotterRead",
                                          source: "exports = function(arg){ return 2 }", private: true, runAsSystem: true)
            let collect = try await apps.createFunction(projectID: project, appID: app._id, name: "globetrotterCollect",
                                                        source: "exports = function(){}", private: true, runAsSystem: true)
            #expect(Set(try await apps.listFunctions(projectID: project, appID: app._id).map(\.name)) == ["globetrotterRead", "globetrotterCollect"])
            let trigger = try await apps.createScheduledTrigger(projectID: project, appID: app._id, name: "globetrotterSchedule",
                                                                functionID: collect._id, schedule: "*/5 * * * *")
            #expect(trigger.type == "SCHEDULED" && trigger.function_id == collect._id)
            #expect(try await apps.listTriggers(projectID: project, appID: app._id).map(\._id) == [trigger._id])

            let page = try await apps.executeFunction(projectID: project, appID: app._id, name: "globetrotterRead",
                                                      arguments: [.object(["since": .null, "after": .null, "limit": .int(1000)])])
            #expect(page["schema"]?.int64Value == 1)
            #expect(page["collectedAt"]?.dateValue != nil)
            let sources = try #require(page["clusters"]?.arrayValue)
            #expect(Set(sources.compactMap { $0["clusterName"]?.stringValue }) == Set(clusters.map(\.name)))
            let namespaces = sources.flatMap { $0["namespaces"]?.arrayValue ?? [] }
            #expect(!namespaces.isEmpty)
            #expect(namespaces.allSatisfy { ($0["storageSize"]?.int64Value ?? -1) >= 0 && ($0["freeStorageSize"]?.int64Value ?? -1) >= 0 })

            let unknown = await #expect(throws: AppServicesError.self) {
                try await apps.executeFunction(projectID: project, appID: app._id, name: "nope", arguments: [])
            }
            #expect(unknown?.status == 404)
            #expect(await apps.logins == 1)
        }
    }

    @Test func anExpiredAccessTokenIsRefreshed() async throws {
        // 4 s, not 1: on a loaded 2-core machine a request can take over a second from login to the server's check.
        try await Self.withClient({ $0.appServicesTokenLifetime = 4 }) { sandbox, apps, _ in
            let project = sandbox.credentials.projects[0].id
            // Parallel first calls share one login.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await apps.listApps(projectID: project).count } }
                for try await count in group { #expect(count == 0) }
            }
            #expect(await apps.logins == 1)
            try await Task.sleep(for: .milliseconds(4200))
            _ = try await apps.listApps(projectID: project)
            // Renewed through the refresh token, never a second login (under load the parallel calls above may
            // already have outlived the 4 s token and refreshed once more).
            #expect(await apps.refreshes >= 1)
            #expect(await apps.logins == 1)
        }
    }

    @Test func serviceAccountsAndWrongKeysAreExplained() async throws {
        try await Self.withClient { sandbox, _, http in
            let c = sandbox.credentials
            let project = c.projects[0].id
            let sa = AppServicesClient(baseURL: sandbox.baseURL, credentials: .serviceAccount(clientID: c.clientId, clientSecret: Secret(c.clientSecret)), http: http)
            let unsupported = await #expect(throws: AppServicesError.self) { try await sa.listApps(projectID: project) }
            #expect(unsupported?.description.contains("API key") == true)
            #expect(unsupported?.description.contains(c.clientSecret) == false)

            let wrongSecret = "\(UUID())"
            let wrong = AppServicesClient(baseURL: sandbox.baseURL, credentials: .apiKey(publicKey: c.publicKey, privateKey: Secret(wrongSecret)), http: http)
            let refused = await #expect(throws: AppServicesError.self) { try await wrong.listApps(projectID: project) }
            #expect(refused?.status == 401 && refused?.description.contains(wrongSecret) == false)
        }
    }
}
