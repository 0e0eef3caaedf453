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
        // Over UTF-8 bytes: every Atlas request carries this header, and walking `Character`s cost more than
        // checking the digest.
        let bytes = Array(header.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var i = 0
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        let scheme = Array("digest ".utf8)
        guard bytes.count - i >= scheme.count,
              zip(bytes[i..<i + scheme.count], scheme).allSatisfy({ ($0 | 0x20) == $1 || $0 == $1 }) else { return nil }
        i += scheme.count
        var fields: [String: String] = [:]
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: ",") { i += 1 }
            guard let eq = bytes[i...].firstIndex(of: UInt8(ascii: "=")) else { break }
            var keyEnd = eq
            while keyEnd > i, isSpace(bytes[keyEnd - 1]) { keyEnd -= 1 }
            let key = String(decoding: bytes[i..<keyEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            i = eq + 1
            var value: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1  // closing quote (or past the end of an unterminated value)
            } else {
                let end = bytes[i...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.count
                var lo = i, hi = end
                while lo < hi, isSpace(bytes[lo]) { lo += 1 }
                while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
                value = Array(bytes[lo..<hi])
                i = end
            }
            fields[key] = String(decoding: value, as: UTF8.self)
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
