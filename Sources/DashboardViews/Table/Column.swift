/// How a column sorts: numbers compare numerically, text lexicographically.
public enum SortKey<Row>: Sendable {
    case number(@Sendable (Row) -> Double)
    case text(@Sendable (Row) -> String)
}

/// A semantic state for a cell; the theme maps it to colour and the cell text carries a non-colour mark.
public enum Tone: Sendable, Hashable {
    case normal, good, warn, danger, muted, accent
}

/// One table column: title, width policy, sort key, formatting and threshold tone.
public struct Column<Row>: Sendable {
    public var title: String
    /// Preferred width; for the flex column, its minimum (it takes what is left).
    public var width: Int
    public var flex: Bool
    public var alignment: Alignment
    /// When the screen is narrow, columns with the lowest priority are hidden first.
    public var priority: Int
    public var sortKey: SortKey<Row>
    public var text: @Sendable (Row, RenderContext) -> String
    public var tone: @Sendable (Row) -> Tone
    /// When set, the cell draws a bar filled to this fraction (0...1) across the column's width.
    public var bar: (@Sendable (Row) -> Double)?

    public init(_ title: String, width: Int, flex: Bool = false, alignment: Alignment = .left, priority: Int = 5,
                sortKey: SortKey<Row>, text: @escaping @Sendable (Row, RenderContext) -> String,
                tone: @escaping @Sendable (Row) -> Tone = { _ in .normal },
                bar: (@Sendable (Row) -> Double)? = nil) {
        self.title = title; self.width = width; self.flex = flex; self.alignment = alignment
        self.priority = priority; self.sortKey = sortKey; self.text = text; self.tone = tone
        self.bar = bar
    }
}

/// Where a column lands on screen.
public struct PlacedColumn: Hashable, Sendable {
    public var index: Int
    public var x: Int
    public var width: Int
}

/// Fits columns into a width: hides the lowest-priority columns until the rest fit with one space between
/// them, then gives the remainder to the flex column. `offset` hides that many leading columns (← →).
public enum ColumnLayout {
    public static func place<Row>(_ columns: [Column<Row>], width: Int, offset: Int = 0) -> [PlacedColumn] {
        var shown = Array(columns.indices.dropFirst(min(offset, max(0, columns.count - 1))))
        func needed(_ ids: [Int]) -> Int { ids.reduce(0) { $0 + columns[$1].width } + max(0, ids.count - 1) }
        while shown.count > 1 && needed(shown) > width {
            let victim = shown.filter { !columns[$0].flex }.min { columns[$0].priority < columns[$1].priority }
                ?? shown.last!
            shown.removeAll { $0 == victim }
        }
        var spare = max(0, width - needed(shown))
        var placed: [PlacedColumn] = []
        var x = 0
        let hasFlex = shown.contains { columns[$0].flex }
        for (n, i) in shown.enumerated() {
            var w = columns[i].width
            if columns[i].flex || (!hasFlex && n == shown.count - 1) { w += spare; spare = 0 }
            w = min(w, max(0, width - x))
            placed.append(PlacedColumn(index: i, x: x, width: w))
            x += w + 1
        }
        return placed
    }
}
