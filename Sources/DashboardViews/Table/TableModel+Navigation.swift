/// Cursor movement and scrolling.
extension TableModel {
    /// Moves the cursor by `delta` rows (clamped).
    public mutating func move(by delta: Int) { setCursor(cursor + delta) }

    /// Moves by whole pages (PgUp/PgDn).
    public mutating func page(by pages: Int) { setCursor(cursor + pages * max(1, pageHeight - 1)) }

    public mutating func moveToFirst() { setCursor(0) }
    public mutating func moveToLast() { setCursor(visible.count - 1) }

    /// Selects the row at display position `i` (a mouse click).
    public mutating func setCursor(_ i: Int) {
        pinned = !visible.isEmpty
        cursor = max(0, min(visible.count - 1, i))
        selectedKey = visible.isEmpty ? nil : keys[Int(visible[cursor])]
        scrollToCursor()
    }

    /// Scrolls the view by `delta` rows without moving the selection off screen (mouse wheel).
    public mutating func scroll(by delta: Int) {
        let maxTop = max(0, visible.count - pageHeight)
        top = max(0, min(maxTop, top + delta))
        if cursor < top { setCursor(top) } else if cursor >= top + pageHeight { setCursor(top + pageHeight - 1) }
    }

    /// Sets how many body rows are on screen, keeping the cursor in view.
    public mutating func setPageHeight(_ h: Int) {
        pageHeight = max(1, h)
        scrollToCursor()
    }

    mutating func scrollToCursor() {
        if cursor < top { top = cursor }
        if cursor >= top + pageHeight { top = cursor - pageHeight + 1 }
        top = max(0, min(top, max(0, visible.count - pageHeight)))
    }

    /// After `visible` changed: keep the row the operator chose if it is still shown (k9s keeps a pod selected as
    /// others come and go), else the same position.
    mutating func restoreSelection() {
        if pinned, let key = selectedKey, let idx = indexByKey[key], let pos = visible.firstIndex(of: idx) {
            cursor = pos
        } else {
            cursor = max(0, min(cursor, visible.count - 1))
            selectedKey = visible.isEmpty ? nil : keys[Int(visible[cursor])]
        }
        scrollToCursor()
    }
}
