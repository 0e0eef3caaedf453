import Foundation
import Testing
@testable import CurlHTTP
@testable import DashboardModel
@testable import TeamClient
@testable import TrotterServer

/// `trotter serve --tls-cert/--tls-key` with a private CA made by the `openssl` CLI: our libcurl client gets
/// through with the CA file (CAINFO) and is refused, with advice, without it; bad files stop the server at startup.
@Suite(.serialized) struct TeamTLSTests {
    /// A CA, and a server certificate for 127.0.0.1 signed by it, in a temp folder. EC keys: RSA key generation
    /// is CPU work the parallel suite's timing tests would feel.
    struct Certificates {
        let folder: URL
        var caCert: String { folder.appendingPathComponent("ca.pem").path }
        var cert: String { folder.appendingPathComponent("server.pem").path }
        var key: String { folder.appendingPathComponent("server.key").path }
        var otherKey: String { folder.appendingPathComponent("other.key").path }

        static func make() async throws -> Certificates {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let script = """
                set -e
                openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=trotter-test-ca -keyout ca.key -out ca.pem
                openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr
                printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.pem
                openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out other.key
                """
            let status = try await run(["sh", "-c", script], in: folder)
            guard status == 0 else { throw TeamTestError("openssl could not make the test certificates (exit \(status))") }
            return Certificates(folder: folder)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs a command off the cooperative pool, output discarded (openssl's progress dots).
    static func run(_ arguments: [String], in folder: URL) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = arguments
                p.currentDirectoryURL = folder
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                do { try p.run(); p.waitUntilExit(); continuation.resume(returning: p.terminationStatus) } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    static func client(caFile: String?) -> HTTPClient {
        var c = HTTPClientConfiguration(connectTimeout: 2, totalTimeout: 10, retryPolicy: .none, proxy: .none)
        c.caFile = caFile
        return HTTPClient(configuration: c)
    }

    @Test func httpsWorksWithThePrivateCAAndIsRefusedWithoutIt() async throws {
        let certs = try await Certificates.make()
        defer { certs.remove() }
        let h = try await TeamHarness.start(tls: try ServerTLS.load(certificate: certs.cert, key: certs.key))
        defer { Task { await h.stop() } }
        #expect(h.baseURL.hasPrefix("https://"))
        let token = try await h.team.createToken(name: "v", role: .viewer)

        let trusting = Self.client(caFile: certs.caCert)
        defer { trusting.shutdown() }
        let remote = RemoteManager(client: RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: token), http: trusting))
        #expect(try await remote.runs().isEmpty)
        let health = try await trusting.send(HTTPRequest(url: h.baseURL + "/healthz"))
        #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == "ok\n")

        let system = Self.client(caFile: nil)
        defer { system.shutdown() }
        do {
            _ = try await system.send(HTTPRequest(url: h.baseURL + "/healthz"))
            Issue.record("a certificate from an unknown CA was accepted")
        } catch {
            #expect(error.kind == .tls, "\(error)")
        }
        let untrusting = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: token), http: system)
        do {
            _ = try await untrusting.call(.get, "/v1/runs")
            Issue.record("a certificate from an unknown CA was accepted")
        } catch let error as RemoteError {
            let text = "\(error)"
            #expect(text.contains("TLS") && text.contains("TROTTER_CA_FILE"), "\(text)")
            #expect(!text.contains(token), "the token is never in an error")
        }
        // Plain HTTP to the HTTPS port gets no answer (no silent downgrade).
        let plain = Self.client(caFile: nil)
        defer { plain.shutdown() }
        await #expect(throws: HTTPError.self) { _ = try await plain.send(HTTPRequest(url: "http://127.0.0.1:\(h.port)/healthz")) }
    }

    @Test func badCertificateOrKeyFilesStopTheServerWithAClearError() async throws {
        let certs = try await Certificates.make()
        defer { certs.remove() }
        func failure(_ cert: String, _ key: String) -> String {
            do { _ = try ServerTLS.load(certificate: cert, key: key); return "" } catch { return "\(error)" }
        }
        let missing = certs.folder.appendingPathComponent("nope.pem").path
        #expect(failure(missing, certs.key) == "--tls-cert \(missing): no such file")
        #expect(failure(certs.cert, missing) == "--tls-key \(missing): no such file")
        #expect(failure(certs.key, certs.key).hasPrefix("--tls-cert \(certs.key) is not a PEM certificate"))
        #expect(failure(certs.cert, certs.cert).hasPrefix("--tls-key \(certs.cert) is not a PEM private key"))
        let mismatch = failure(certs.cert, certs.otherKey)
        #expect(mismatch.hasPrefix("--tls-key \(certs.otherKey) does not belong to the certificate"), "\(mismatch)")
        // Never key material in what is said.
        let keyText = try String(contentsOfFile: certs.otherKey, encoding: .utf8)
        let body = keyText.split(separator: "\n").dropFirst().first.map(String.init) ?? "-"
        #expect(!mismatch.contains(body))
        #expect(failure(certs.cert, certs.key).isEmpty)
    }

    @Test func withTLSANonLoopbackListenIsAllowed() throws {
        #expect(throws: (any Error).self) { try TeamServer.checkListen(host: "0.0.0.0", insecure: false) }
        try TeamServer.checkListen(host: "0.0.0.0", insecure: false, tls: true)
        try TeamServer.checkListen(host: "0.0.0.0", insecure: true)
        try TeamServer.checkListen(host: "127.0.0.1", insecure: false)
    }
}
