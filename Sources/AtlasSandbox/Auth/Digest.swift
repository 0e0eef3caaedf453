import Crypto
import Foundation

/// RFC 7616 HTTP Digest: parsing the client's `Authorization` header and computing the expected response.
///
/// Pure functions over strings; the nonce bookkeeping lives in `NonceIssuer`.
enum Digest {
    /// The fields of an `Authorization: Digest …` header.
    struct Credentials: Sendable, Hashable {
        var fields: [String: String]

        var username: String? { fields["username"] }
        var realm: String? { fields["realm"] }
        var nonce: String? { fields["nonce"] }
        var uri: String? { fields["uri"] }
        var response: String? { fields["response"]?.lowercased() }
        var qop: String? { fields["qop"] }
        var nc: String? { fields["nc"] }
        var cnonce: String? { fields["cnonce"] }
        /// RFC 7616: absent means MD5.
        var algorithm: DigestAlgorithm? {
            guard let name = fields["algorithm"] else { return .md5 }
            return DigestAlgorithm.allCases.first { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }
        }
    }

    /// Parses `Digest k=v, k="v", …`; `nil` when the header is not a Digest header.
    static func parse(authorization header: String) -> Credentials? {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("digest ") else { return nil }
        var fields: [String: String] = [:]
        var rest = Substring(trimmed.dropFirst("digest ".count))
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                var end = rest.endIndex
                for index in rest.indices {
                    let c = rest[index]
                    if escaped { value.append(c); escaped = false; continue }
                    if c == "\\" { escaped = true; continue }
                    if c == "\"" { end = index; break }
                    value.append(c)
                }
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            fields[key] = value
        }
        return Credentials(fields: fields)
    }

    /// Lowercase hex digest of `text` with the algorithm.
    static func hash(_ text: String, _ algorithm: DigestAlgorithm) -> String {
        let data = Data(text.utf8)
        switch algorithm {
        case .md5: return hex(Insecure.MD5.hash(data: data))
        case .sha256: return hex(SHA256.hash(data: data))
        }
    }

    /// Lowercase hex (`String(format:)` per byte cost more than the hash itself).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `response` value a client with this password must send (qop=auth).
    static func expectedResponse(
        _ credentials: Credentials, password: String, method: String, algorithm: DigestAlgorithm
    ) -> String? {
        guard let user = credentials.username, let realm = credentials.realm, let nonce = credentials.nonce,
            let uri = credentials.uri, let nc = credentials.nc, let cnonce = credentials.cnonce,
            credentials.qop?.lowercased() == "auth"
        else { return nil }
        let ha1 = hash("\(user):\(realm):\(password)", algorithm)
        let ha2 = hash("\(method):\(uri)", algorithm)
        return hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)", algorithm)
    }

    /// Constant-time comparison, so a wrong response does not leak how much of it was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// One `WWW-Authenticate` value.
    static func challenge(realm: String, nonce: String, opaque: String, algorithm: DigestAlgorithm, stale: Bool)
        -> String
    {
        "Digest realm=\"\(realm)\", domain=\"\", nonce=\"\(nonce)\", opaque=\"\(opaque)\", "
            + "algorithm=\(algorithm.rawValue), qop=\"auth\", stale=\(stale ? "true" : "false")"
    }
}
