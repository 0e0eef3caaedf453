import AtlasSandbox
import Foundation
import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import TrotterSupport

/// The real Atlas client against the real emulator over loopback.
@Suite struct AtlasSandboxClientTests {
    static let fast = HTTPRetryPolicy(maxAttempts: 10, baseDelay: 0.02, maxDelay: 0.1, maxTotalWait: 10)

    /// Starts a sandbox, hands over a client for its org key (or service account), stops both afterwards.
    static func withSandbox(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in }, serviceAccount: Bool = false,
        http config: HTTPClientConfiguration = HTTPClientConfiguration(retryPolicy: fast), logs: LogCapture? = nil,
        _ body: (AtlasSandbox, AtlasClient, HTTPClient) async throws -> Void
    ) async throws {
        var configuration = SandboxConfiguration()
        configure(&configuration)
        let sandbox = try await AtlasSandbox.start(configuration)
        let http = logs.map { HTTPClient(configuration: config, logger: $0.logger) } ?? HTTPClient(configuration: config)
        let c = sandbox.credentials
        let credentials: AtlasCredentials = serviceAccount
            ? .serviceAccount(clientID: c.clientId, clientSecret: Secret(c.clientSecret))
            : .apiKey(publicKey: c.publicKey, privateKey: Secret(c.privateKey))
        do {
            try await body(sandbox, AtlasClient(baseURL: sandbox.baseURL, credentials: credentials, http: http), http)
        } catch {
            http.shutdown()
            await sandbox.stop()
            throw error
        }
        http.shutdown()
        await sandbox.stop()
    }

    @Test(arguments: [DigestAlgorithm.md5, .sha256])
    func digestHandshakeListsTheOrganisation(algorithm: DigestAlgorithm) async throws {
        try await Self.withSandbox({ $0.digestAlgorithms = [algorithm]; $0.projects = 3 }) { sandbox, atlas, _ in
            let projects = try await atlas.projects()
            #expect(projects.map(\.id).sorted() == sandbox.credentials.projects.map(\.id).sorted())
            #expect(projects.allSatisfy { $0.orgId == sandbox.credentials.orgId && !$0.name.isEmpty })
        }
    }

    @Test func staleNonceIsAnsweredWithoutAnError() async throws {
        try await Self.withSandbox { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            _ = try await atlas.project(id: id)
            sandbox.expireNonces()
            let again = try await atlas.project(id: id)
            #expect(again.id == id)
        }
    }

    @Test func clustersProcessesDisksAndMeasurementsDecode() async throws {
        try await Self.withSandbox({ $0.projects = 1; $0.clustersPerProject = 2 }) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            let clusters = try await atlas.clusters(projectID: id)
            #expect(clusters.count == 2 && clusters.allSatisfy { $0.stateName != nil })
            let processes = try await atlas.processes(projectID: id)
            #expect(processes.count >= 2 && processes.allSatisfy { $0.id == "\($0.hostname):\($0.port)" })
            let aliases = Set(processes.compactMap(\.userAlias))
            #expect(!aliases.isEmpty)
            let process = try #require(processes.first)
            let disks = try await atlas.disks(projectID: id, processID: process.id)
            let partition = try #require(disks.first).partitionName
            let m = try await atlas.diskMeasurements(projectID: id, processID: process.id, partition: partition)
            #expect(m.measurement("DISK_PARTITION_SPACE_FREE")?.latestValue ?? -1 >= 0)
            let dbs = try await atlas.databases(projectID: id, processID: process.id)
            let db = try #require(dbs.first).databaseName
            let dm = try await atlas.databaseMeasurements(projectID: id, processID: process.id, databaseName: db)
            #expect(dm.measurement("DATABASE_DATA_SIZE") != nil)
        }
    }

    @Test func pagingWalksEveryPage() async throws {
        try await Self.withSandbox({ $0.projects = 7 }) { sandbox, atlas, http in
            let small = AtlasClient(baseURL: sandbox.baseURL, credentials: atlas.credentials, http: http, itemsPerPage: 2)
            let projects = try await small.projects()
            #expect(projects.count == 7 && Set(projects.map(\.id)).count == 7)
            // One digest challenge, then 4 pages: the reused easy handle keeps the nonce, so pages 2-4 skip the 401.
            #expect(sandbox.requestCount(path: "/api/atlas/v2/groups") == 5)
        }
    }

    @Test func serviceAccountTokenIsCachedAndRefetchedAfterExpiry() async throws {
        try await Self.withSandbox({ $0.tokenLifetime = 3 }, serviceAccount: true) { sandbox, atlas, _ in
            _ = try await atlas.projects()
            _ = try await atlas.projects()
            let cached = await atlas.tokenFetchCount()
            #expect(cached == 1)  // the second call reused the token (refresh is due at 2.7 s)
            try await Task.sleep(for: .milliseconds(3100))
            _ = try await atlas.projects()
            #expect(await atlas.tokenFetchCount() == cached + 1)
            #expect(sandbox.requestCount(path: "/api/oauth/token") == cached + 1)
        }
    }

    @Test func wrongKeysGetAClearMessageWithoutTheSecret() async throws {
        try await Self.withSandbox { sandbox, atlas, http in
            let c = sandbox.credentials
            let wrongSecret = UUID().uuidString.lowercased()
            let wrong = AtlasClient(baseURL: sandbox.baseURL, credentials: .apiKey(publicKey: c.publicKey, privateKey: Secret(wrongSecret)), http: http)
            let error = await #expect(throws: AtlasAPIError.self) { try await wrong.projects() }
            #expect(error?.status == 401 && error?.isAuthenticationFailure == true)
            #expect(error?.description.contains("ATLAS_PUBLIC_KEY") == true)
            #expect(error?.description.contains(wrongSecret) == false)

            let badSA = AtlasClient(baseURL: sandbox.baseURL, credentials: .serviceAccount(clientID: c.clientId, clientSecret: Secret("mdb_sa_sk_wrong")), http: http)
            let saError = await #expect(throws: AtlasAPIError.self) { try await badSA.projects() }
            #expect(saError?.status == 401 && saError?.description.contains("mdb_sa_sk_wrong") == false)

            sandbox.revoke(publicKey: c.publicKey)
            let revoked = await #expect(throws: AtlasAPIError.self) { try await atlas.projects() }
            #expect(revoked?.status == 401)
        }
    }

    @Test func projectKeysSeeOnlyTheirProject() async throws {
        try await Self.withSandbox({ $0.projects = 2 }) { sandbox, _, http in
            let ids = sandbox.credentials.projects.map(\.id)
            let key = sandbox.makeProjectKey(projectID: ids[0])
            let scoped = AtlasClient(baseURL: sandbox.baseURL, credentials: .apiKey(publicKey: key.publicKey, privateKey: Secret(key.privateKey)), http: http)
            let own = try await scoped.project(id: ids[0])
            #expect(own.id == ids[0])
            let error = await #expect(throws: AtlasAPIError.self) { try await scoped.clusters(projectID: ids[1]) }
            #expect(error.map { [401, 403, 404].contains($0.status) } == true)
            #expect(error?.errorCode != nil)
        }
    }

    @Test func rateLimitWaitsRetryAfterThenSucceeds() async throws {
        try await Self.withSandbox({ $0.rateLimit = RateLimitSettings(capacity: 2, refillPerMinute: 60) }) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            let start = ContinuousClock.now
            for _ in 0..<4 { _ = try await atlas.clusters(projectID: id) }
            #expect(ContinuousClock.now - start >= .seconds(1))
            #expect(sandbox.requestCount(path: "/api/atlas/v2/groups/\(id)/clusters") >= 5)  // at least one 429 retried
        }
    }

    @Test func rateLimitStormEndsInARateLimitError() async throws {
        let policy = HTTPRetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05, maxTotalWait: 3)
        try await Self.withSandbox(http: HTTPClientConfiguration(retryPolicy: policy)) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            sandbox.setFault(projectID: id, .rateLimitStorm(retryAfterSeconds: 1))
            let error = await #expect(throws: AtlasAPIError.self) { try await atlas.clusters(projectID: id) }
            #expect(error?.status == 429 && error?.errorCode == "RATE_LIMITED_TOKEN_BUCKET")
            #expect(error?.description.contains("rate limiting") == true)
        }
    }

    @Test func serverErrorsAreRetried() async throws {
        try await Self.withSandbox { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            sandbox.setFault(projectID: id, .errors(rate: 0.5))
            for _ in 0..<4 { _ = try await atlas.processes(projectID: id) }
            #expect(sandbox.requestCount(path: "/api/atlas/v2/groups/\(id)/processes") >= 4)
        }
    }

    @Test func slowServerTimesOut() async throws {
        let config = HTTPClientConfiguration(totalTimeout: 0.5, retryPolicy: .none)
        try await Self.withSandbox(http: config) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            sandbox.setFault(projectID: id, .latency(ms: 3000))
            let error = await #expect(throws: HTTPError.self) { try await atlas.clusters(projectID: id) }
            #expect(error?.kind == .timeout)
        }
    }

    @Test(arguments: [SandboxFault.malformedBodies(rate: 1), .truncatedBodies(rate: 1)])
    func brokenBodiesAreReportedClearly(fault: SandboxFault) async throws {
        let config = HTTPClientConfiguration(retryPolicy: HTTPRetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02, maxTotalWait: 2))
        try await Self.withSandbox(http: config) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            sandbox.setFault(projectID: id, fault)
            let error = await #expect(throws: HTTPError.self) { try await atlas.clusters(projectID: id) }
            #expect(error?.kind == .malformedBody || error?.kind == .connection)
            #expect(error?.description.isEmpty == false)
        }
    }

    @Test func cancellationStopsASlowTransfer() async throws {
        try await Self.withSandbox({ $0.faults.slowChunkDelayMs = 400 }) { sandbox, atlas, _ in
            let id = sandbox.credentials.projects[0].id
            sandbox.setFault(projectID: id, .slowBodies(rate: 1))
            let task = Task { try await atlas.clusters(projectID: id) }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - start < .seconds(2))
            if case .failure(let error as HTTPError) = result { #expect(error.kind == .cancelled) } else {
                Issue.record("expected a cancellation error, got \(result)")
            }
        }
    }

    @Test func noDescriptionOrLogLineContainsASecret() async throws {
        let logs = LogCapture()
        let policy = HTTPRetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02, maxTotalWait: 3)
        try await Self.withSandbox({ $0.rateLimit = RateLimitSettings(capacity: 1, refillPerMinute: 60) }, serviceAccount: true,
                                   http: HTTPClientConfiguration(retryPolicy: policy), logs: logs) { sandbox, atlas, http in
            let c = sandbox.credentials
            let id = c.projects[0].id
            var texts: [String] = ["\(atlas.credentials)", String(reflecting: atlas.credentials)]
            _ = try await atlas.clusters(projectID: id)
            _ = try? await atlas.clusters(projectID: id)  // rate limited: retried and logged
            sandbox.setFault(projectID: id, .errors(rate: 1))
            do { _ = try await atlas.processes(projectID: id) } catch { texts.append("\(error)"); texts.append(String(reflecting: error)) }
            let digest = AtlasClient(baseURL: sandbox.baseURL, credentials: .apiKey(publicKey: c.publicKey, privateKey: Secret(c.privateKey + "x")), http: http)
            do { _ = try await digest.projects() } catch { texts.append("\(error)"); texts.append(String(reflecting: error)) }
            texts += logs.all
            #expect(logs.all.count >= 1)
            for secret in [c.privateKey, c.clientSecret] {
                #expect(texts.allSatisfy { !$0.contains(secret) })
            }
            #expect(texts.allSatisfy { !$0.contains("Bearer ") && !$0.lowercased().contains("authorization:") })
        }
    }
}
