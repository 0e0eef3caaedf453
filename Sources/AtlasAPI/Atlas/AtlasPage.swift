/// The Atlas v2 list envelope: `{ links: [{href, rel}], results: [...], totalCount }`.
public struct AtlasPage<Item: Decodable & Sendable>: Decodable, Sendable {
    public struct Link: Decodable, Sendable, Hashable {
        public var href: String?
        public var rel: String?
    }

    public var links: [Link]?
    public var results: [Item]
    public var totalCount: Int?

    public init(links: [Link]?, results: [Item], totalCount: Int?) {
        self.links = links; self.results = results; self.totalCount = totalCount
    }

    public var hasNextLink: Bool { links?.contains { $0.rel == "next" } ?? false }
}

/// Decides which page to fetch next. Pure, so the stopping rules are tested without a server.
public enum AtlasPageWalker {
    /// Largest page Atlas serves.
    public static let maxItemsPerPage = 500
    /// A guard against a server that always says "next".
    public static let maxPages = 10_000

    /// The next `pageNum` to request, or `nil` when the walk is complete.
    /// - Parameters:
    ///   - hasNext: whether the page had a `next` link; `nil` when the response carried no `links` at all.
    ///   - pageNum: the page just read (1-based).
    ///   - itemsOnPage: results on that page.
    ///   - itemsPerPage: the page size asked for.
    ///   - collected: results collected so far, this page included.
    ///   - totalCount: the envelope's `totalCount`, when sent.
    public static func nextPage(hasNext: Bool?, pageNum: Int, itemsOnPage: Int, itemsPerPage: Int,
                                collected: Int, totalCount: Int?) -> Int? {
        guard itemsOnPage > 0, pageNum < maxPages else { return nil }
        if let hasNext { return hasNext ? pageNum + 1 : nil }
        // No links: fall back to counts. A full page may have a successor; a short one ends the list.
        if let totalCount { return collected < totalCount ? pageNum + 1 : nil }
        return itemsOnPage >= itemsPerPage ? pageNum + 1 : nil
    }
}
