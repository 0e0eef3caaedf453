import AtlasSandbox
import Foundation
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient
@testable import TrotterServer

/// `GET /metrics` of a real server over a sandbox with swept projects, scraped over HTTP and read back by
/// prometheus_client's parser (Python, independent of the Swift that wrote it).
@Suite(.serialized) struct TeamMetricsTests {
    struct Sample: Decodable {
        let family: String
        let type: String
        let name: String
        let labels: [String: String]
        let value: Double
    }

    static let parser = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("prom_parse.py").path

    static func parse(_ body: [UInt8]) async throws -> [Sample] {
        let json = try await PythonStandIn.python([parser], input: Data(body))
        guard let samples = try? JSONDecoder().decode([Sample].self, from: Data(json.utf8)) else {
            throw TeamTestError("prometheus_client did not parse /metrics (run scripts/setup.sh to install prometheus-client); body:\n"
                                + String(decoding: body.prefix(600), as: UTF8.self))
        }
        return samples
    }

    @Test func metricsParseAsPrometheusTextAndMatchTheSnapshot() async throws {
        var config = SandboxConfiguration()
        config.projects = 2
        config.clustersPerProject = 2
        config.collectionsPerCluster = 6
        config.seed = 11
        let sandbox = try await AtlasSandbox.start(config)
        let limit = 5
        let h = try await TeamHarness.start(atlas: sandbox.baseURL, metrics: TeamMetrics(namespaceLimit: limit))
        defer { Task { await h.stop(); await sandbox.stop() } }
        let ops = h.client(try await h.team.createToken(name: "ops", role: .operator))
        for p in sandbox.credentials.projects {
            let runID = try await ops.addProject(projectID: p.id, publicKey: sandbox.credentials.publicKey, privateKey: sandbox.credentials.privateKey)
            #expect(try await h.manager.engine.waitForEnd(runID: runID).status == .succeeded)
        }
        // One project's Atlas calls all get 429 during a sweep: its job fails, the other's succeeds.
        let stormed = sandbox.credentials.projects[0].id
        sandbox.setFault(projectID: stormed, .rateLimitStorm(retryAfterSeconds: 1))
        _ = try await h.manager.engine.waitForEnd(runID: try await ops.sweepNow())
        sandbox.setFault(projectID: stormed, nil)

        let viewer = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: try await h.team.createToken(name: "prom", role: .viewer)),
                                  http: TeamHarness.clientHTTP)
        let body = try await viewer.call(.get, "/metrics", headers: [("Accept", "text/plain")])
        let snapshot = await h.manager.currentSnapshot()
        let samples = try await Self.parse(body)
        func values(_ name: String) -> [[String: String]: Double] {
            Dictionary(samples.filter { $0.name == name }.map { ($0.labels, $0.value) }, uniquingKeysWith: { a, _ in a })
        }

        // Per cluster and per project: reusable and storage bytes are the sums of their collections.
        #expect(snapshot.namespaces.count == 2 * 2 * 6)
        // What the CLI fetches instead of the whole snapshot (`projects`, `sweep`, `namespaces`, `freespace`).
        let remote = RemoteManager(client: viewer)
        // Against the manager's newest state: the sweep's last refresh (a project's lastSweep) may publish after the
        // snapshot above was taken (this failed so once).
        // As the wire carries them: its dates are whole milliseconds (a sweep's own clock reading is not).
        func onTheWire(_ projects: [ProjectSummary]) throws -> [ProjectSummary] {
            try TeamWire.decoder().decode([ProjectSummary].self, from: TeamWire.encoder().encode(projects))
        }
        let same = try await eventually {
            (try? await remote.fetchProjects()) == (try onTheWire(await h.manager.currentSnapshot().projects))
        }
        let (held, fetched) = (try onTheWire(await h.manager.currentSnapshot().projects), try await remote.fetchProjects())
        #expect(same, "the server's projects \(held), fetched \(fetched)")
        #expect(Set(try await remote.fetchNamespaces()) == Set(snapshot.namespaces))
        #expect(Set(try await viewer.get([ClusterDisk].self, "/v1/clusters")) == Set(snapshot.clusters))
        let first = try #require(snapshot.projects.first)
        for query in [NamespaceQuery(filter: first.name, sort: .storageSize, limit: 3),
                      NamespaceQuery(filter: "!" + first.name, sort: .namespace, descending: true)] {
            let rows = try await remote.fetchNamespaces(query)
            #expect(rows == query.apply(to: snapshot.namespaces))
            #expect(!rows.isEmpty && rows.count < snapshot.namespaces.count)
        }
        // `freespace`: the rollup made on the server from every namespace, as the embedded CLI makes it.
        for top in [20, 1] {
            let free = try await remote.fetchFreeSpace(top: top)
            #expect(free.rollup == FreeSpaceRollup(namespaces: snapshot.namespaces, top: top))
            #expect(Set(free.clusters) == Set(snapshot.clusters))
        }
        let free = try await remote.fetchFreeSpace()
        #expect(free.rollup.topCandidates.count > 1, "the sandbox has compact candidates, so `top` cuts something")
        #expect(free.rollup.organisation.namespaces == snapshot.namespaces.count && free.rollup.clusters.count == 4)
        #expect(free.rollup.organisation.freeStorageSize == snapshot.namespaces.reduce(0) { $0 + $1.freeStorageSize })
        for (path, word) in [("/v1/namespaces?sort=bogus", "bogus"), ("/v1/freespace?top=-1", "top")] {
            do { _ = try await viewer.call(.get, path); Issue.record("\(path) was accepted") }
            catch let e as RemoteError {
                guard case .refused(400, let message) = e else { Issue.record("\(path): expected 400, got \(e)"); continue }
                #expect(message.contains(word))
            }
        }
        let names = Dictionary(uniqueKeysWithValues: snapshot.projects.map { ($0.id, $0.name) })
        var clusterReusable: [[String: String]: Double] = [:], clusterStorage: [[String: String]: Double] = [:]
        var projectReusable: [[String: String]: Double] = [:]
        for n in snapshot.namespaces {
            let key = ["project_id": n.projectID, "project": names[n.projectID] ?? "", "cluster": n.cluster]
            clusterReusable[key, default: 0] += Double(n.freeStorageSize)
            clusterStorage[key, default: 0] += Double(n.storageSize)
            projectReusable[["project_id": n.projectID, "project": names[n.projectID] ?? ""], default: 0] += Double(n.freeStorageSize)
        }
        #expect(clusterReusable.count == 4 && clusterReusable.values.allSatisfy { $0 > 0 })
        #expect(values("trotter_cluster_reusable_bytes") == clusterReusable)
        #expect(values("trotter_cluster_storage_bytes") == clusterStorage)
        #expect(values("trotter_project_reusable_bytes") == projectReusable)
        #expect(values("trotter_cluster_disk_free_bytes") == Dictionary(uniqueKeysWithValues: snapshot.clusters.map {
            (["project_id": $0.projectID, "project": $0.projectName, "cluster": $0.cluster], Double($0.diskFreeBytes))
        }))

        // The top N namespaces only, the ones with the most reusable bytes, and the total beside them.
        let top = snapshot.namespaces.sorted { $0.freeStorageSize > $1.freeStorageSize }
        let series = values("trotter_namespace_reusable_bytes")
        #expect(series.count == limit, "namespace series are capped at \(limit)")
        #expect(series.values.min() ?? 0 >= Double(top[limit - 1].freeStorageSize))
        for (labels, value) in series {
            let n = try #require(snapshot.namespaces.first { $0.projectID == labels["project_id"] && $0.cluster == labels["cluster"] && $0.namespace == labels["namespace"] })
            #expect(value == Double(n.freeStorageSize))
        }
        #expect(values("trotter_namespaces") == [[:]: Double(snapshot.namespaces.count)])

        // Runs by machine and status, and the newest sweep's duration.
        let runs = values("trotter_runs")
        for machine in Set(snapshot.runs.map(\.machine)) {
            for status in RunStatus.allCases {
                let count = snapshot.runs.filter { $0.machine == machine && $0.status == status.rawValue }.count
                #expect(runs[["machine": machine, "status": status.rawValue]] == Double(count), "\(machine) \(status)")
            }
        }
        let sweep = try #require(snapshot.runs.filter { $0.machine == "sweep" }.max { ($0.endedAt ?? .distantPast) < ($1.endedAt ?? .distantPast) })
        let duration = try #require(values("trotter_last_sweep_duration_seconds")[[:]])
        #expect(abs(duration - (sweep.endedAt!.timeIntervalSince(sweep.startedAt!))) < 0.001)
        #expect(duration > 0.5, "the stormed project's retries (Retry-After 1 s) are part of the sweep")

        // Atlas answers by status: the stormed project's 429s are counted, retries included.
        let requests = values("trotter_atlas_requests_total")
        let limited = try #require(values("trotter_atlas_rate_limited_total")[[:]])
        #expect(requests[["code": "200"]] ?? 0 > 0)
        #expect(limited >= 2, "at least one call and its retry got 429")
        #expect(requests[["code": "429"]] == limited)
        #expect(samples.first { $0.name == "trotter_atlas_requests_total" }?.type == "counter")
        #expect(samples.first { $0.name == "trotter_cluster_reusable_bytes" }?.type == "gauge")
    }

    @Test func metricsNeedAToken() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let anonymous = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: nil), http: TeamHarness.clientHTTP)
        do {
            _ = try await anonymous.call(.get, "/metrics")
            Issue.record("/metrics answered without a token")
        } catch let error as RemoteError {
            guard case .unauthorized = error else { Issue.record("expected 401, got \(error)"); return }
        }
        // With no data yet, the body is still valid exposition text: the totals and the counters at zero.
        let viewer = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: try await h.team.createToken(name: "v", role: .viewer)),
                                  http: TeamHarness.clientHTTP)
        let samples = try await Self.parse(try await viewer.call(.get, "/metrics"))
        #expect(samples.contains { $0.name == "trotter_namespaces" && $0.value == 0 })
        #expect(samples.contains { $0.name == "trotter_atlas_rate_limited_total" && $0.value == 0 })
    }

    @Test func sixtyThousandNamespacesGiveTheTopHundredSeriesOnly() async throws {
        let now = Date()
        let namespaces = (0..<60_000).map { i in
            NamespaceStats(projectID: "p\(i % 200)", projectName: "proj\(i % 200)", cluster: "c\(i % 3)", db: "db", collection: "coll\(i)",
                           count: 1, size: 1, storageSize: 1_000_000, freeStorageSize: Int64((i * 7_919) % 60_000), totalIndexSize: 0,
                           nindexes: 1, growthPerHour: nil, sampledAt: now)
        }
        let started = ContinuousClock.now
        let body = TeamMetrics(namespaceLimit: 100).render(DashboardSnapshot(namespaces: namespaces))
        let took = ContinuousClock.now - started
        let samples = try await Self.parse(body)
        let series = samples.filter { $0.name == "trotter_namespace_reusable_bytes" }
        #expect(series.count == 100)
        // (i * 7919) % 60000 is a permutation of 0..<60000 (7919 is prime to 60000): the top 100 are 59900...59999.
        #expect(Set(series.map(\.value)) == Set((59_900..<60_000).map(Double.init)))
        #expect(samples.first { $0.name == "trotter_namespaces" }?.value == 60_000)
        #expect(samples.filter { $0.name == "trotter_cluster_reusable_bytes" }.count == 600)
        #expect(took < .seconds(2), "rendering took \(took)")
    }

    @Test func onlyAtlasAdminCallsAreCounted() {
        #expect(TeamMetrics.isAtlasAdmin("http://127.0.0.1:5/api/atlas/v2/groups?pageNum=1"))
        #expect(!TeamMetrics.isAtlasAdmin("http://127.0.0.1:5/api/admin/v3.0/groups/x/apps"))
        #expect(!TeamMetrics.isAtlasAdmin("https://hooks.example.test/api/atlas-like"))
    }
}
