/// One changed cell to write: position and content.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}

/// The difference between two frames: only cells that changed (ratatui `Buffer::diff`).
public enum BufferDiff {
    /// Cells of `new` that differ from `old`. When sizes differ, every cell of `new` (a full repaint).
    /// A changed continuation cell rewrites its wide lead; a wide glyph is emitted once.
    public static func changes(from old: ScreenBuffer?, to new: ScreenBuffer) -> [CellChange] {
        var out: [CellChange] = []
        let full = old == nil || old!.width != new.width || old!.height != new.height
        for y in 0..<new.height {
            var lastLead = -1
            for x in 0..<new.width {
                let cell = new[x, y]
                if !full, let old, old[x, y] == cell { continue }
                if cell.isContinuation {
                    if x > 0, lastLead != x - 1, !new[x - 1, y].isContinuation {
                        out.append(CellChange(x: x - 1, y: y, cell: new[x - 1, y]))
                        lastLead = x - 1
                    }
                    continue
                }
                out.append(CellChange(x: x, y: y, cell: cell))
                lastLead = x
            }
        }
        return out
    }
}
