import CurlHTTP
import Foundation
import TrotterSupport

extension AtlasClient {
    /// Walks every page of a list endpoint.
    func list<Item: Decodable & Sendable>(_ path: String, accept: String) async throws -> [Item] {
        var all: [Item] = []
        var pageNum = 1
        while true {
            let query = [("pageNum", String(pageNum)), ("itemsPerPage", String(itemsPerPage)), ("includeCount", "true")]
            let page: AtlasPage<Item> = try await get(path, query: query, accept: accept)
            all += page.results
            let hasNext: Bool? = page.links == nil ? nil : page.hasNextLink
            guard let next = AtlasPageWalker.nextPage(
                hasNext: hasNext, pageNum: pageNum, itemsOnPage: page.results.count, itemsPerPage: itemsPerPage,
                collected: all.count, totalCount: page.totalCount) else { return all }
            pageNum = next
        }
    }

    /// One GET, decoded. A body that does not decode is fetched once more (a cut-off transfer is the usual cause).
    func get<T: Decodable>(_ path: String, query: [(String, String)] = [], accept: String) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let (response, target) = try await send(.get, path: path, query: query, accept: accept)
            do {
                if let readable = T.self as? any ByteDecodable.Type { return try readable.decode(response.body) as! T }
                return try JSONDecoder().decode(T.self, from: Data(response.body))
            } catch {
                if attempt < 2 { continue }
                throw HTTPError(.malformedBody, target: target, reason: Redaction.describe(error), attempts: attempt)
            }
        }
    }

    /// Sends with the right authorisation; a service-account token refused with 401 is refetched once.
    func send(_ method: HTTPMethod, path: String, query: [(String, String)], accept: String,
              body: [UInt8]? = nil) async throws -> (HTTPResponse, String) {
        let url = baseURL + AtlasEndpoints.atlasV2Prefix + path + Self.queryString(query)
        var headers = [("Accept", accept)]
        if body != nil { headers.append(("Content-Type", accept)) }
        for tokenAttempt in 1...2 {
            let auth: HTTPAuth
            var token: Secret?
            switch credentials {
            case .apiKey(let publicKey, let privateKey):
                auth = .digest(user: publicKey, password: privateKey)
            case .serviceAccount:
                guard let tokens else { preconditionFailure("service account without token provider") }
                let t = try await tokens.token()
                token = t
                auth = .bearer(t)
            }
            let request = HTTPRequest(method: method, url: url, headers: headers, body: body, auth: auth)
            let target = "\(method.rawValue) \(request.redactedURL)"
            let response = try await http.send(request)
            if response.status == 401, let token, let tokens, tokenAttempt == 1 {
                await tokens.invalidate(token)  // expired or revoked early: one fresh token, one more try
                continue
            }
            guard response.isSuccess else {
                throw AtlasAPIError(response: response, target: target, redacting: [credentials.secret] + (token.map { [$0] } ?? []))
            }
            return (response, target)
        }
        preconditionFailure("unreachable: the loop returns or throws")
    }

    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+")
        return "?" + query.map { k, v in
            "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed) ?? v)"
        }.joined(separator: "&")
    }

    /// Token requests made so far by this client's service-account token cache (0 for API keys).
    public func tokenFetchCount() async -> Int { await tokens?.fetchCount ?? 0 }
}
