/// Block-character sparklines for the namespace history view.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Character] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    /// The newest `width` values scaled between their min and max (a flat series draws the lowest block).
    public static func render(_ values: [Double], width: Int, unicode: Bool = true) -> String {
        let glyphs = unicode ? blocks : ascii
        let tail = values.suffix(max(0, width))
        guard let lo = tail.min(), let hi = tail.max() else { return "" }
        let span = hi - lo
        return String(tail.map { v -> Character in
            guard span > 0 else { return glyphs[0] }
            let i = Int(((v - lo) / span * Double(glyphs.count - 1)).rounded())
            return glyphs[min(glyphs.count - 1, max(0, i))]
        })
    }
}
