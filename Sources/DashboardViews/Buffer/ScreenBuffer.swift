/// An in-memory grid of cells: what views draw into and what the terminal layer diffs and writes.
/// Drawing outside the grid is clipped silently, so views never crash on a small or odd size.
public struct ScreenBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let blank = Cell(grapheme: " ", width: 1, style: style)
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        guard x0 < x1 else { return }
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in x0..<x1 { cells[y * width + x] = blank }
        }
    }

    /// Adds attributes (e.g. reverse video for the selected row) to every cell of `rect`.
    public mutating func addAttributes(_ attrs: TextAttributes, in rect: Rect) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        guard x0 < x1 else { return }
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in x0..<x1 { cells[y * width + x].style.attrs.formUnion(attrs) }
        }
    }

    /// Writes `text` at (x, y), at most `maxWidth` columns (default: to the right edge), cut with an
    /// ellipsis when it does not fit. A wide grapheme that would straddle the limit becomes a space.
    /// - Returns: the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain,
                             ellipsis: Character = "…") -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let (cut, used) = TextFit.cut(text, to: limit, ellipsis: ellipsis)
        var col = x
        for g in cut {
            let w = DisplayWidth.of(g)
            if w == 0 { continue }  // combining-only or control: nothing to place
            if col >= 0 {
                if w == 2 && col + 1 >= x + limit {
                    cells[y * width + col] = Cell(grapheme: " ", width: 1, style: style)
                } else {
                    setCell(x: col, y: y, grapheme: String(g), width: w, style: style)
                }
            }
            col += w
        }
        return min(used, limit)
    }

    /// Writes `text` padded/cut to exactly `width` columns with `alignment`.
    public mutating func put(_ text: String, x: Int, y: Int, width w: Int, alignment: Alignment,
                             style: Style = .plain, ellipsis: Character = "…") {
        guard w > 0 else { return }
        fill(Rect(x: x, y: y, width: w, height: 1), style: style)
        let (cut, used) = TextFit.cut(text, to: w, ellipsis: ellipsis)
        let gap = w - used
        let start: Int
        switch alignment {
        case .left: start = x
        case .right: start = x + gap
        case .center: start = x + gap / 2
        }
        put(cut, x: start, y: y, maxWidth: used, style: style, ellipsis: ellipsis)
    }

    /// Places one grapheme, keeping wide graphemes and their continuation cells consistent.
    private mutating func setCell(x: Int, y: Int, grapheme: String, width w: Int, style: Style) {
        let i = y * width + x
        // Overwriting half of an old wide glyph leaves the other half as a blank.
        if cells[i].isContinuation, x > 0 { cells[i - 1] = Cell(grapheme: " ", width: 1, style: cells[i - 1].style) }
        if cells[i].width == 2, x + 1 < width { cells[i + 1] = Cell(grapheme: " ", width: 1, style: cells[i + 1].style) }
        cells[i] = Cell(grapheme: grapheme, width: UInt8(w), style: style)
        if w == 2, x + 1 < width {
            if cells[i + 1].width == 2, x + 2 < width {
                cells[i + 2] = Cell(grapheme: " ", width: 1, style: cells[i + 2].style)
            }
            cells[i + 1] = Cell(grapheme: "", width: 0, style: style)
        }
    }
}
