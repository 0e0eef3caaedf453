import AtlasSandbox
import Foundation
import Testing

/// `trotter atlas ...` as a real process against an in-process sandbox: output shape and exit codes.
@Suite struct AtlasCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `trotter` binary next to the test bundle (`swift build --build-tests` builds it).
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/trotter")
    }

    /// Runs trotter without blocking the cooperative pool (the exit arrives through `terminationHandler`).
    static func trotter(_ args: [String], env: [String: String]) async throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.environment = env.merging(["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]) { a, _ in a }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Run(status: status,
                   stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                   stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func projectsClustersAndExitCodes() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path),
                     "build trotter first: swift build --build-tests")
        var config = SandboxConfiguration()
        config.projects = 3
        let sandbox = try await AtlasSandbox.start(config)
        let c = sandbox.credentials
        let env = ["ATLAS_BASE_URL": sandbox.baseURL, "ATLAS_PUBLIC_KEY": c.publicKey, "ATLAS_PRIVATE_KEY": c.privateKey]
        do {
            let projects = try await Self.trotter(["atlas", "projects", "--json"], env: env)
            #expect(projects.status == 0)
            let list = try JSONDecoder().decode([[String: JSONScalar]].self, from: Data(projects.stdout.utf8))
            #expect(Set(list.compactMap { $0["id"]?.string }) == Set(c.projects.map(\.id)))
            #expect(list.allSatisfy { $0["name"]?.string?.isEmpty == false })

            let clusters = try await Self.trotter(["atlas", "clusters", "--project", c.projects[0].id, "--json"], env: env)
            #expect(clusters.status == 0)
            let rows = try JSONDecoder().decode([[String: JSONScalar]].self, from: Data(clusters.stdout.utf8))
            #expect(!rows.isEmpty && rows.allSatisfy { $0["name"]?.string != nil && $0["stateName"]?.string != nil })

            let usage = try await Self.trotter(["atlas", "clusters"], env: env)
            #expect(usage.status == 2 && usage.stderr.contains("--project"))

            let noCreds = try await Self.trotter(["atlas", "projects"], env: ["ATLAS_BASE_URL": sandbox.baseURL])
            #expect(noCreds.status == 2)

            let wrong = "\(UUID())"
            let refused = try await Self.trotter(["atlas", "projects"], env: env.merging(["ATLAS_PRIVATE_KEY": wrong]) { _, b in b })
            #expect(refused.status == 1 && refused.stderr.contains("401") && !refused.stderr.contains(wrong))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }
}

/// A JSON scalar of the command's output rows.
enum JSONScalar: Decodable {
    case string(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .string(try c.decode(String.self)) }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
}
