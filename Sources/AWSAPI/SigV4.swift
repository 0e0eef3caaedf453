import Crypto
import Foundation
import TrotterSupport

/// AWS Signature Version 4 (the "AWS4-HMAC-SHA256" header form), written from AWS's published specification and
/// checked against its test suite and botocore. Pure: the time comes in as a parameter.
///
/// Signed in Swift rather than with libcurl's `CURLOPT_AWS_SIGV4`, which 7.88 gets wrong for unsorted queries,
/// paths with `:` (ARNs, `name:alias`) and removed headers (see shared/design/AWS.md).
public enum SigV4 {
    /// What is signed: the request as it goes on the wire.
    public struct Request: Sendable, Hashable {
        public var method: String
        /// The path as sent, already percent-encoded once (e.g. `/2015-03-31/functions/fn%3Alive/invocations`).
        public var path: String
        /// The raw query string after `?` (no `?`), or empty.
        public var query: String
        /// Header fields to sign and send, `host` included.
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(method: String, path: String, query: String = "", headers: [(String, String)], body: [UInt8] = []) {
            self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
        }

        public static func == (a: Request, b: Request) -> Bool {
            a.method == b.method && a.path == b.path && a.query == b.query && a.body == b.body
                && a.headers.map { "\($0.0):\($0.1)" } == b.headers.map { "\($0.0):\($0.1)" }
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(method); hasher.combine(path); hasher.combine(query) }
    }

    /// Where the signature is valid: the credential scope's region and service.
    public struct Scope: Sendable, Hashable {
        public var region: String
        public var service: String
        /// Every service but S3 encodes the already-encoded path once more in the canonical request.
        public var doubleEncodePath: Bool
        /// Adds and signs `x-amz-content-sha256` (S3 wants it; Lambda and EventBridge do not).
        public var contentSHA256Header: Bool

        public init(region: String, service: String, doubleEncodePath: Bool = true, contentSHA256Header: Bool = false) {
            self.region = region; self.service = service
            self.doubleEncodePath = doubleEncodePath; self.contentSHA256Header = contentSHA256Header
        }
    }

    /// The parts of one signature, each exposed so tests can compare them with the published vectors.
    public struct Signed: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        /// The value of the `Authorization` header.
        public var authorization: String
        /// Headers to send besides the request's own: `X-Amz-Date`, `X-Amz-Security-Token`, `Authorization`, ….
        public var addedHeaders: [(String, String)]
    }

    /// Signs `request` for `scope` at `date`.
    public static func sign(_ request: Request, credentials: AWSCredentials, scope: Scope, date: Date) -> Signed {
        let amzDate = timestamp(date)
        let day = String(amzDate.prefix(8))
        let payloadHash = Hex.string(SHA256.hash(data: request.body))
        var added: [(String, String)] = [("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token.reveal())) }
        if scope.contentSHA256Header { added.append(("X-Amz-Content-Sha256", payloadHash)) }
        let (canonicalHeaders, signedHeaders) = canonicalHeaders(request.headers + added)
        let canonical = [
            request.method.uppercased(),
            canonicalURI(request.path, doubleEncode: scope.doubleEncodePath),
            canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let credentialScope = "\(day)/\(scope.region)/\(scope.service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, credentialScope,
                            Hex.sha256(canonical)].joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: day, region: scope.region, service: scope.service)
        let signature = Hex.string(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(credentialScope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        added.append(("Authorization", authorization))
        return Signed(canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
                      authorization: authorization, addedHeaders: added)
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    static func signingKey(secret: Secret, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret.reveal()).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The path, each byte outside the unreserved set (and `/`) percent-encoded; for non-S3 services this is
    /// applied to the already-encoded path, so `%3A` becomes `%253A`. An empty path is `/`.
    static func canonicalURI(_ path: String, doubleEncode: Bool) -> String {
        if path.isEmpty { return "/" }
        return doubleEncode ? AWSPercent.encode(path, keepSlash: true) : path
    }

    /// Query parameters decoded, re-encoded strictly, sorted by name then value, joined with `&`.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = AWSPercent.encode(AWSPercent.decode(String(parts[0])), keepSlash: false)
            let value = parts.count > 1 ? AWSPercent.encode(AWSPercent.decode(String(parts[1])), keepSlash: false) : ""
            return (name, value)
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Lower-cased names, values trimmed with inner runs of spaces collapsed, repeated names joined with `,`,
    /// sorted by name. - Returns: the canonical header block (ending in a newline) and the signed-header list.
    static func canonicalHeaders(_ headers: [(String, String)]) -> (String, String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let collapsed = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            merged[name.lowercased(), default: []].append(collapsed)
        }
        let names = merged.keys.sorted()
        let block = names.map { "\($0):\(merged[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }
}

/// RFC 3986 percent-encoding as SigV4 wants it: only `A-Z a-z 0-9 - _ . ~` stay as they are.
package enum AWSPercent {
    package static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Decodes `%XX` sequences; a malformed one is kept as it is.
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
