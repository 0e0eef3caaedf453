/// One terminal cell. A wide grapheme occupies its cell (width 2) and the next one, which is a
/// continuation cell (empty grapheme, width 0) so columns stay addressable by index.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    /// Display width: 1, 2, or 0 for the continuation half of a wide grapheme.
    public var width: UInt8
    public var style: Style

    public init(grapheme: String, width: UInt8, style: Style) {
        self.grapheme = grapheme; self.width = width; self.style = style
    }

    public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

    public var isContinuation: Bool { width == 0 }
}
