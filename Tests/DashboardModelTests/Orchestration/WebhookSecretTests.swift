import Foundation
import GRDB
import Logging
import Testing
import TrotterStore
@testable import CurlHTTP
@testable import Manager
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterSupport

/// A Slack webhook carries its secret in the path. It must show as scheme and host only everywhere trotter
/// writes: the log file, the status events (what `runs show` and the inspector render), the store's ledgers,
/// errors, and the CLI's output.
@Suite struct WebhookSecretTests {
    // The CLI it runs reads the SQLite store of its TROTTER_HOME.
    @Test(.enabled(if: !TestStore.onPostgres)) func webhookPathsAppearNowhere() async throws {
        let secrets = ["T0AAAAAAA/B0BBBBBBB/s3cr3tNotifyPath", "T1CCCCCCC/B1DDDDDDD/s3cr3tRefusedPath", "s3cr3tJobPath"]
        let server = LocalHTTPServer(statuses: ["/services/\(secrets[0])": 500, "/jobs/\(secrets[2])": 503])
        let base = try await server.start()
        defer { Task { await server.stop() } }
        let fixture = try await EngineFixture()
        let logFile = fixture.directory.appendingPathComponent("trotter.log")
        let sink = try FileLogHandler.Sink(path: logFile)
        let logger = Logger(label: "trotter") { FileLogHandler(label: $0, sink: sink, level: .trace) }
        let http = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: 2, totalTimeout: 5,
                                                                     retryPolicy: HTTPRetryPolicy(maxAttempts: 2, baseDelay: 0.01)),
                              logger: logger)
        defer { http.shutdown() }
        let engine = OrchestrationEngine(store: fixture.store, sender: CurlWebhookSender(http: http), configuration: .init(logger: logger))
        let machine = try MachineDefinition.parse(json: """
        { "name": "leaky", "notify": [{ "webhook": "\(base)/services/\(secrets[0])" },
                                      { "webhook": "http://127.0.0.1:1/services/\(secrets[1])" }],
          "phases": [{ "name": "p", "jobs": [{ "name": "post", "run": { "http": { "url": "\(base)/jobs/\(secrets[2])" } } }] }] }
        """)
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .failed)
        _ = await server.waitForRequests(3)
        sink.flush()

        let log = try String(contentsOf: logFile, encoding: .utf8)
        #expect(log.contains("\(base)/…"), "the log names the receiver by scheme and host: \(log)")
        let rows = try await fixture.store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM statuses").map(\.description)
                + SQLRow.fetchAll(db, sql: "SELECT * FROM notifications").map(\.description)
        }
        let events = try await engine.events(runID: runID).map { EventText.line($0) }
        #expect(events.contains { $0.contains("HTTP 503 from \(base)/…") }, "\(events)")
        let show = try await AtlasCommandTests.trotter(["runs", "show", runID], env: ["TROTTER_HOME": fixture.path])
        let showJSON = try await AtlasCommandTests.trotter(["runs", "show", runID, "--json"], env: ["TROTTER_HOME": fixture.path])
        #expect(show.status == 0 && showJSON.status == 0, "\(show.stderr)\(showJSON.stderr)")
        let written = [("trotter.log", log), ("store rows", rows.joined(separator: "\n")), ("events", events.joined(separator: "\n")),
                       ("runs show", show.stdout + show.stderr), ("runs show --json", showJSON.stdout + showJSON.stderr)]
        for (place, text) in written {
            for secret in secrets + ["/services/", "/jobs/"] {
                #expect(!text.contains(secret), "\(place) holds \(secret)")
            }
        }
    }

    @Test func hostOnlyKeepsSchemeHostAndPort() {
        #expect(URLRedaction.hostOnly("https://hooks.slack.com/services/T0/B0/XYZ") == "https://hooks.slack.com/…")
        #expect(URLRedaction.hostOnly("http://user:pw@127.0.0.1:9000/hook?x=1") == "http://127.0.0.1:9000/…")
        #expect(URLRedaction.hostOnly("https://example.com") == "https://example.com")
        #expect(URLRedaction.hostOnly("hooks.slack.com/services/T0/B0/XYZ") == "…")
        let error = WebhookError(url: URLRedaction.hostOnly("https://hooks.slack.com/services/T0/B0/XYZ"), reason: "refused")
        #expect(!"\(error)".contains("XYZ"))
    }

    @Test func aBadWebhookIsRefusedWithoutEchoingIt() {
        do {
            _ = try MachineDefinition.parse(json: #"{ "name": "m", "notify": [{ "webhook": "hooks.slack.com/services/T0/B0/XYZsecret" }], "phases": [{ "name": "p", "jobs": [{ "name": "j", "run": { "command": ["true"] } }] }] }"#)
            Issue.record("a webhook without http(s):// must be refused")
        } catch {
            #expect(!"\(error)".contains("XYZsecret") && "\(error)".contains("notify"), "\(error)")
        }
    }
}
