import Foundation
import Testing
@testable import AtlasAPI
@testable import DashboardModel

/// The worker's JavaScript is real code that runs inside App Services; here it runs under node against an
/// in-memory stand-in for the App Services `context` (worker-harness.js beside this file).
@Suite struct WorkerBlueprintTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let node: String? = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func blueprintFillsInTheDataSources() throws {
        let b = try WorkerBlueprint.load()
        let src = b.source(of: WorkerBlueprint.readFunction, dataSources: [.init(dataSource: "cluster0", clusterName: "Cluster0")])
        #expect(src.contains(#"const DATA_SOURCES = [{"clusterName":"Cluster0","dataSource":"cluster0"}];"#))
        #expect(!src.contains("= __DATA_SOURCES__"))
    }

    @Test func dataSourceNamesKeepToAppServicesRules() {
        #expect(WorkerBlueprint.dataSourceName(forCluster: "Cluster0") == "Cluster0")
        #expect(WorkerBlueprint.dataSourceName(forCluster: "prod eu/2") == "prod-eu-2")
        #expect(WorkerBlueprint.dataSourceName(forCluster: String(repeating: "a", count: 80)).count == 64)
    }

    @Test(.enabled(if: node != nil)) func sourcesParseUnderNode() throws {
        for f in [WorkerBlueprint.collectFunction, WorkerBlueprint.readFunction] {
            let url = try #require(WorkerBlueprint.resourceURL(f))
            let (status, _, err) = try Self.run(Self.node!, ["--check", url.path])
            #expect(status == 0, "\(f): \(err)")
        }
    }

    /// Several runs under a tight time budget still cover every namespace exactly once; admin/local/config,
    /// views and system.* are skipped; a sharded collection's shards are summed; paging hands every
    /// namespace over exactly once.
    @Test(.enabled(if: node != nil), arguments: [(1000, 2), (0, 1000)])
    func collectThenReadUnderNode(stepMs: Int, limit: Int) throws {
        let collect = try #require(WorkerBlueprint.resourceURL(WorkerBlueprint.collectFunction))
        let read = try #require(WorkerBlueprint.resourceURL(WorkerBlueprint.readFunction))
        let (status, out, err) = try Self.run(Self.node!, [Self.here.appendingPathComponent("worker-harness.js").path, collect.path, read.path,
                                                           Self.here.appendingPathComponent("fixture.json").path, String(stepMs), String(limit)])
        #expect(status == 0, "\(err)")
        let result = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        let merged = try #require(result?["merged"] as? [String: [[String: Any]]])
        let names = merged.mapValues { $0.map { "\($0["db"]!).\($0["collection"]!)" } }
        #expect(names["cluster0"] == ["logs.audit", "logs.events", "shop.customers", "shop.orders"])
        #expect(names["cluster1"] == ["app.a", "app.b", "app.c"])
        let customers = try #require(merged["cluster0"]?.first { $0["collection"] as? String == "customers" })
        #expect(customers["count"] as? Int == 25)
        #expect(customers["freeStorageSize"] as? Int == 3072)
        #expect(merged["cluster0"]?.first { $0["collection"] as? String == "events" }?["type"] as? String == "timeseries")
        if stepMs > 0 { #expect((result?["runs"] as? Int ?? 0) > 1, "a tight budget should need several runs") }
        #expect(result?["unchangedSinceCount"] as? Int == 0, "a `since` after the snapshot returns nothing new")
    }

    static func run(_ exe: String, _ args: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
