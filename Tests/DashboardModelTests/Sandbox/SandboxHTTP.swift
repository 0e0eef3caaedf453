import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import AtlasSandbox

/// A tiny HTTP helper for the sandbox's own tests: URLSession plus a hand-written RFC 7616 digest client,
/// so the server is checked against the RFC rather than against our libcurl client.
struct SandboxHTTP {
    let sandbox: AtlasSandbox
    let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    func send(_ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil)
        async throws -> Reply
    {
        var request = URLRequest(url: URL(string: sandbox.baseURL + path)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// Parses `Digest k="v", …` from a challenge.
    static func challenge(_ header: String) -> [String: String] {
        var fields: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"(\w+)=(?:"([^"]*)"|([^,\s]*))"#)
        let ns = header as NSString
        for match in pattern.matches(in: header, range: NSRange(location: 0, length: ns.length)) {
            let key = ns.substring(with: match.range(at: 1))
            let value = match.range(at: 2).location != NSNotFound ? ns.substring(with: match.range(at: 2))
                : ns.substring(with: match.range(at: 3))
            fields[key] = value
        }
        return fields
    }

    static func hex(_ text: String, _ algorithm: String) -> String {
        let data = Data(text.utf8)
        let digest: [UInt8] = algorithm == "SHA-256" ? Array(SHA256.hash(data: data)) : Array(Insecure.MD5.hash(data: data))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The `Authorization` header a client answering `challenge` would send.
    static func authorization(challenge: [String: String], user: String, password: String, method: String,
                              uri: String) -> String {
        let algorithm = challenge["algorithm"] ?? "MD5"
        let realm = challenge["realm"]!, nonce = challenge["nonce"]!
        let cnonce = "0a4f113b", nc = "00000001"
        let ha1 = hex("\(user):\(realm):\(password)", algorithm)
        let ha2 = hex("\(method):\(uri)", algorithm)
        let response = hex("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)", algorithm)
        return "Digest username=\"\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "algorithm=\(algorithm), qop=auth, nc=\(nc), cnonce=\"\(cnonce)\", response=\"\(response)\", "
            + "opaque=\"\(challenge["opaque"] ?? "")\""
    }

    /// GET with the digest handshake (401 → answer the challenge for `algorithm`).
    func digestGET(_ path: String, user: String, password: String, algorithm: String = "MD5",
                   accept: String? = "application/vnd.atlas.2023-01-01+json") async throws -> Reply {
        let first = try await send(path)
        guard first.status == 401, let header = first.header("WWW-Authenticate") else { return first }
        // URLSession folds repeated headers into one comma-joined value: split on "Digest ".
        let offers = header.components(separatedBy: "Digest ").filter { !$0.isEmpty }.map { SandboxHTTP.challenge($0) }
        guard let offer = offers.first(where: { ($0["algorithm"] ?? "MD5") == algorithm }) else { return first }
        var headers = ["Authorization": SandboxHTTP.authorization(
            challenge: offer, user: user, password: password, method: "GET", uri: path)]
        if let accept { headers["Accept"] = accept }
        return try await send(path, headers: headers)
    }

    func orgGET(_ path: String, accept: String? = "application/vnd.atlas.2023-01-01+json") async throws -> Reply {
        let c = sandbox.credentials
        return try await digestGET(path, user: c.publicKey, password: c.privateKey, accept: accept)
    }
}

extension SandboxConfiguration {
    /// A small organisation for tests.
    static func test(projects: Int = 2, seed: UInt64 = 7) -> SandboxConfiguration {
        var config = SandboxConfiguration()
        config.projects = projects
        config.clustersPerProject = 2
        config.collectionsPerCluster = 12
        config.seed = seed
        config.epoch = Date(timeIntervalSince1970: 1_790_000_000)
        // stop() cancels the server, which Hummingbird reports at error level.
        config.logLevel = .critical
        return config
    }
}

/// Runs `body` against a started sandbox and always stops it.
func withSandbox<T>(_ configuration: SandboxConfiguration = .test(),
                    _ body: (AtlasSandbox, SandboxHTTP) async throws -> T) async throws -> T {
    let sandbox = try await AtlasSandbox.start(configuration)
    do {
        let result = try await body(sandbox, SandboxHTTP(sandbox: sandbox))
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
