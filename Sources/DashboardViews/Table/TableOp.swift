/// One operation on whichever table the current pane shows; lets the update function act on tables of
/// different row types through one switch.
public enum TableOp: Sendable, Hashable {
    case move(Int), page(Int), first, last, scroll(Int)
    /// Select the `n`th body row on screen (a click).
    case selectOnScreen(Int)
    case sort(Int), moveSort(Int), invertSort
    /// Sort by a column, ascending (a click on a new column title).
    case sortAscending(Int)
    case setFilter(String)
    case scrollColumns(Int)

    public func apply<Row>(to t: inout TableModel<Row>) {
        switch self {
        case .move(let n): t.move(by: n)
        case .page(let n): t.page(by: n)
        case .first: t.moveToFirst()
        case .last: t.moveToLast()
        case .scroll(let n): t.scroll(by: n)
        case .selectOnScreen(let n): if t.top + n < t.count { t.setCursor(t.top + n) }
        case .sort(let c): t.sort(by: c)
        case .sortAscending(let c): t.sort(by: c, ascending: true)
        case .moveSort(let d): t.moveSort(by: d)
        case .invertSort: t.invertSort()
        case .setFilter(let f): t.setFilter(f)
        case .scrollColumns(let d): t.columnOffset = max(0, min(t.columns.count - 1, t.columnOffset + d))
        }
    }
}
