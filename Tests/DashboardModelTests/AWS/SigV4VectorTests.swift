import Foundation
import Testing
@testable import AWSAPI
@testable import DashboardModel
@testable import TrotterSupport

/// AWS's published SigV4 test vectors (Fixtures/sigv4, see its SOURCE.md): each request is signed and its
/// canonical request, string to sign and signature compared with AWS's.
@Suite struct SigV4VectorTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sigv4")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
        .filter { !$0.hasSuffix(".md") }.sorted()

    @Test func theSuiteIsThere() {
        #expect(Self.names.count >= 14)
    }

    @Test(arguments: names) func vector(_ name: String) throws {
        let dir = Self.fixtures.appendingPathComponent(name)
        func text(_ file: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) }
        let context = try JSONSerialization.jsonObject(with: Data(text("context.json").utf8)) as! [String: Any]
        let creds = context["credentials"] as! [String: String]
        let credentials = AWSCredentials(accessKeyID: creds["access_key_id"]!, secretAccessKey: Secret(creds["secret_access_key"]!),
                                         sessionToken: creds["token"].map(Secret.init))
        let scope = SigV4.Scope(region: context["region"] as! String, service: context["service"] as! String,
                                contentSHA256Header: context["sign_body"] as? Bool ?? false)
        let date = try #require(ISO8601DateFormatter().date(from: context["timestamp"] as! String))
        let signed = SigV4.sign(try Self.request(text("request.txt")), credentials: credentials, scope: scope, date: date)
        #expect(signed.canonicalRequest == (try text("header-canonical-request.txt")))
        #expect(signed.stringToSign == (try text("header-string-to-sign.txt")))
        #expect(signed.signature == (try text("header-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `METHOD PATH?QUERY HTTP/1.1`, `Name:value` lines, a blank line, the body.
    static func request(_ text: String) -> SigV4.Request {
        let parts = text.components(separatedBy: "\n\n")
        let lines = parts[0].components(separatedBy: "\n")
        let words = lines[0].split(separator: " ")
        let target = words[1..<(words.count - 1)].joined(separator: " ")
        let (path, query) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) }
            ?? (target, "")
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        let body = parts.count > 1 ? parts[1...].joined(separator: "\n\n") : ""
        return SigV4.Request(method: String(words[0]), path: path, query: query, headers: headers, body: Array(body.utf8))
    }
}
