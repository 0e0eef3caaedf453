import DashboardModel

extension TeamAPI {
    /// `GET /v1/namespaces?sort=&order=asc|desc&filter=&limit=`: the table's query applied on the server, so
    /// `trotter namespaces --top 20` over 300,000 namespaces gets 20 rows, not 92 MB. Nil without any of them.
    static func namespaceQuery(_ q: [String: String]) throws -> NamespaceQuery? {
        guard ["sort", "order", "filter", "limit"].contains(where: { q[$0] != nil }) else { return nil }
        var column = NamespaceColumn.freeStorageSize
        if let sort = q["sort"] {
            guard let c = NamespaceColumn(argument: sort) else {
                throw TeamAPIError(400, "Unknown sort column '\(sort)'; use one of \(NamespaceColumn.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            column = c
        }
        var descending: Bool?
        switch q["order"] {
        case nil: break
        case "asc": descending = false
        case "desc": descending = true
        case let other?: throw TeamAPIError(400, "order is asc or desc, not '\(other)'.")
        }
        let limit = try count(q["limit"], name: "limit")
        return NamespaceQuery(filter: q["filter"] ?? "", sort: column, descending: descending, limit: limit)
    }

    /// A query's row count (`limit`, `top`): nil when absent, 400 when not a whole number ≥ 0.
    static func count(_ text: String?, name: String) throws -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), n >= 0 else { throw TeamAPIError(400, "\(name) takes a number of rows ≥ 0, not '\(text)'.") }
        return n
    }
}
