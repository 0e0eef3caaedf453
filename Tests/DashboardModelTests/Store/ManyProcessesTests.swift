import Foundation
import Testing
@testable import DashboardModel
@testable import Manager
@testable import TrotterStore
@testable import TrotterSupport

/// Several real `trotter` processes opening one new store at once (a dashboard, a cron sweep and a script
/// starting together): every one succeeds, the schema is migrated once, and they share one master key.
@Suite struct ManyProcessesTests {
    @Test func processesStartingTogetherOnANewHomeAllSucceed() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: AtlasCommandTests.binary.path),
                     "build trotter first: swift build --build-tests")
        for round in 0..<8 {
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-procs-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: home) }
            let env = ["TROTTER_HOME": home.path]
            // `runs list` opens the store only; `projects list` also the master key, the log and the manager.
            let commands = [["runs", "list"], ["projects", "list"], ["runs", "list", "--json"], ["projects", "list", "--json"],
                            ["runs", "list"], ["projects", "list"]]
            let results = try await withThrowingTaskGroup(of: (String, AtlasCommandTests.Run).self) { group in
                for args in commands {
                    group.addTask { (args.joined(separator: " "), try await AtlasCommandTests.trotter(args, env: env)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (command, run) in results {
                #expect(run.status == 0, "round \(round): trotter \(command) exited \(run.status): \(run.stderr)")
            }
            let store = try Store(path: home.appendingPathComponent("trotter.sqlite").path)
            let applied = try await store.sqlitePool!.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(applied == Store.migrations.map(\.name))
            let key = try Data(contentsOf: home.appendingPathComponent("master.key"))
            #expect(key.count == 32)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasPrefix(".master.key") }
            #expect(leftovers.isEmpty, "temporary key files are removed: \(leftovers)")
        }
    }

    /// Processes creating the master key at once agree on it, and nobody ever reads a half-written key (a reader
    /// that saw the file before its 32 bytes were written failed with "not 32 bytes").
    @Test func concurrentVaultOpensAgreeOnOneWholeKey() async throws {
        var partial = 0
        for _ in 0..<50 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-vault-race-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("master.key").path
            // A reader spinning on the file, as a process starting a moment later would read it.
            let reader = Task.detached { () -> Int in
                var seenPartial = 0
                for _ in 0..<2_000_000 {
                    guard let data = FileManager.default.contents(atPath: path) else { continue }
                    if data.count != 32 { seenPartial += 1 } else { break }
                }
                return seenPartial
            }
            let vaults = try await withThrowingTaskGroup(of: KeyVault.self) { group in
                for _ in 0..<3 { group.addTask { try KeyVault.open(directory: dir) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            partial += await reader.value
            let sealed = try vaults[0].seal(Secret("the-private-key"), projectID: "p")
            for vault in vaults { #expect(try vault.open(sealed, projectID: "p").reveal() == "the-private-key") }
        }
        #expect(partial == 0, "a reader saw the master key before it was whole \(partial) time(s)")
    }
}
