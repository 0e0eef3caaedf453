/// A table built off the UI thread for new rows, swapped in on it.
extension TableModel {
    /// The view settings a model is prepared for.
    public struct Settings: Sendable, Hashable {
        public var sortColumn: Int
        public var ascending: Bool
        public var filter: String
    }

    public var settings: Settings { Settings(sortColumn: sortColumn, ascending: ascending, filter: filter) }

    /// This (empty) model with `rows` set under `settings`: keys, search text, index, the sort order and the
    /// filter's result all computed. Costly at 100,000 rows (~150 ms), so the dashboard runs it off the UI thread.
    public func prepared(_ newRows: [Row], for settings: Settings) -> TableModel {
        var t = TableModel(columns: columns, sortColumn: settings.sortColumn, ascending: settings.ascending,
                           identity: identity, haystack: haystack)
        t.filter = settings.filter
        t.setRows(newRows)
        return t
    }

    /// Takes the rows and caches of a model from ``prepared(_:for:)``, keeping this one's selection, scroll and
    /// settings. When the settings changed while it was prepared, only what they affect is recomputed.
    /// - Returns: the model as it was, so its storage can be released off the UI thread.
    public mutating func adopt(_ other: TableModel) -> TableModel {
        let old = self
        rows = other.rows; keys = other.keys; indexByKey = other.indexByKey; search = other.search
        ascendingOrder = other.ascendingOrder
        if other.filter == filter {
            mask = other.mask
            if other.sortColumn == sortColumn && other.ascending == ascending {
                visible = other.visible
                restoreSelection()
            } else {
                recompute(fullFilter: false)
            }
        } else {
            recompute(fullFilter: true)
        }
        return old
    }
}
