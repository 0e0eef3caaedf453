/// Presentation state of one table: rows, a cached sorted order per column, an incremental filter, and a
/// selection that follows the row's identity across refreshes, re-sorts and filters. Only the visible
/// slice is ever formatted, so 100,000 rows cost little per frame.
public struct TableModel<Row: Hashable & Sendable>: Sendable {
    public let columns: [Column<Row>]
    let identity: @Sendable (Row) -> String
    let haystack: @Sendable (Row) -> String

    public internal(set) var rows: [Row] = []
    var keys: [String] = []
    var indexByKey: [String: Int32] = [:]
    var search = SearchIndex()
    /// Ascending order of row indices per column, computed on first use after the rows change.
    var ascendingOrder: [Int: [Int32]] = [:]
    var mask: [Bool]?

    public internal(set) var sortColumn: Int
    public internal(set) var ascending: Bool
    public internal(set) var filter: String = ""
    /// Row indices in display order (sorted, filtered).
    public internal(set) var visible: [Int32] = []
    public internal(set) var cursor: Int = 0
    public internal(set) var top: Int = 0
    public internal(set) var selectedKey: String?
    /// The operator chose the selected row (moved, clicked): it is kept by identity as rows come and go. Until
    /// then the cursor keeps its position, so a newest-first list stays on its newest row as new ones arrive.
    public internal(set) var pinned = false
    /// Body rows on screen; set by the layout so paging and scrolling match what is drawn.
    public internal(set) var pageHeight: Int = 10
    /// Leading columns scrolled out of view (← →).
    public var columnOffset: Int = 0

    public init(columns: [Column<Row>], sortColumn: Int = 0, ascending: Bool = true,
                identity: @escaping @Sendable (Row) -> String, haystack: @escaping @Sendable (Row) -> String) {
        self.columns = columns; self.sortColumn = sortColumn; self.ascending = ascending
        self.identity = identity; self.haystack = haystack
    }

    public var total: Int { rows.count }
    public var count: Int { visible.count }
    public var selected: Row? { visible.isEmpty ? nil : rows[Int(visible[cursor])] }

    /// The row shown at display position `i`.
    public func row(at i: Int) -> Row { rows[Int(visible[i])] }

    /// Replaces the rows (a new snapshot). Unchanged rows cost one comparison and keep every cache.
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func setRows(_ newRows: [Row]) -> Bool {
        if newRows == rows && !keys.isEmpty { return false }
        if newRows.isEmpty && rows.isEmpty { return false }
        rows = newRows
        keys = newRows.map(identity)
        indexByKey = Dictionary(keys.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        search = SearchIndex(newRows.map(haystack))
        ascendingOrder = [:]
        mask = nil
        recompute(fullFilter: true)
        return true
    }

    /// Sorts by `column` (clamped); `ascending` nil keeps the direction.
    public mutating func sort(by column: Int, ascending asc: Bool? = nil) {
        sortColumn = max(0, min(columns.count - 1, column))
        if let asc { ascending = asc }
        recompute(fullFilter: false)
    }

    /// Moves the sort to the column left (-1) or right (+1) of the current one (`<` `>`).
    public mutating func moveSort(by delta: Int) { sort(by: sortColumn + delta) }

    /// Inverts the sort order (`I`).
    public mutating func invertSort() { sort(by: sortColumn, ascending: !ascending) }

    /// Sets the filter: case-insensitive substring of the row's searchable text; a `!` prefix inverts.
    /// Adding characters narrows the previous result instead of scanning every row.
    public mutating func setFilter(_ text: String) {
        let old = parse(filter), new = parse(text)
        filter = text
        if new.needle.isEmpty { mask = nil; recompute(fullFilter: false); return }
        if let oldMask = mask, !old.needle.isEmpty, !old.inverted, !new.inverted, new.needle.contains(old.needle) {
            var narrowed = oldMask
            let needle = Array(new.needle.utf8)
            for i in narrowed.indices where narrowed[i] { narrowed[i] = search.contains(row: i, needle: needle) }
            mask = narrowed
            recompute(fullFilter: false)
        } else {
            mask = nil
            recompute(fullFilter: true)
        }
    }

    private func parse(_ text: String) -> (needle: String, inverted: Bool) {
        text.hasPrefix("!") ? (String(text.dropFirst()).lowercased(), true) : (text.lowercased(), false)
    }

    /// Rebuilds `visible` from the sort order and the filter mask, then restores the selection by identity.
    mutating func recompute(fullFilter: Bool) {
        if fullFilter {
            let p = parse(filter)
            if p.needle.isEmpty { mask = nil } else {
                let needle = Array(p.needle.utf8)
                mask = (0..<rows.count).map { search.contains(row: $0, needle: needle) != p.inverted }
            }
        }
        let order = orderForSortColumn()
        var out: [Int32] = []
        out.reserveCapacity(mask == nil ? order.count : order.count / 4)
        if ascending {
            for i in order where mask?[Int(i)] ?? true { out.append(i) }
        } else {
            for i in order.reversed() where mask?[Int(i)] ?? true { out.append(i) }
        }
        visible = out
        restoreSelection()
    }

    mutating func orderForSortColumn() -> [Int32] {
        if let cached = ascendingOrder[sortColumn] { return cached }
        let order = SortOrder.ascending(rows, by: columns[sortColumn].sortKey)
        ascendingOrder[sortColumn] = order
        return order
    }
}
