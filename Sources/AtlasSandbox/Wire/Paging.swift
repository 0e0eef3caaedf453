import Foundation

/// The Atlas v2 list envelope: `{links, results, totalCount}` with `pageNum`/`itemsPerPage`/`includeCount`.
struct Paging: Sendable {
    let pageNum: Int
    let itemsPerPage: Int
    let includeCount: Bool

    enum Failure: Error { case invalid(parameter: String, value: String) }

    /// Reads the query; defaults 1, 100, true; `itemsPerPage` 1…500 as published.
    init(_ request: SandboxRequest) throws(Failure) {
        let page = request.queryValue("pageNum") ?? "1"
        let items = request.queryValue("itemsPerPage") ?? "100"
        let count = request.queryValue("includeCount") ?? "true"
        guard let p = Int(page), p >= 1 else { throw .invalid(parameter: "pageNum", value: page) }
        guard let i = Int(items), (1...500).contains(i) else { throw .invalid(parameter: "itemsPerPage", value: items) }
        guard let c = Bool(count.lowercased()) else { throw .invalid(parameter: "includeCount", value: count) }
        pageNum = p
        itemsPerPage = i
        includeCount = c
    }

    /// One page of `items` in the envelope, with self/previous/next links built from the request.
    func envelope(_ items: [JSON], request: SandboxRequest) -> JSON {
        let start = min(items.count, (pageNum - 1) * itemsPerPage)
        let end = min(items.count, start + itemsPerPage)
        let base = request.origin + request.path
        let extra = request.query.filter { !["pageNum", "itemsPerPage"].contains($0.name) }
            .map { "&\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }
            .joined()
        func link(_ page: Int, _ rel: String) -> JSON {
            ["href": .string("\(base)?pageNum=\(page)&itemsPerPage=\(itemsPerPage)\(extra)"), "rel": .string(rel)]
        }
        var links: [JSON] = []
        if pageNum > 1 { links.append(link(pageNum - 1, "previous")) }
        links.append(link(pageNum, "self"))
        if end < items.count { links.append(link(pageNum + 1, "next")) }
        var members: [(String, JSON)] = [("links", .array(links)), ("results", .array(Array(items[start..<end])))]
        if includeCount { members.append(("totalCount", .int(Int64(items.count)))) }
        return .object(members)
    }
}
