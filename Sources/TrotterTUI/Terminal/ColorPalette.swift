import CNcurses
import DashboardViews

/// Maps styles to curses attributes and colour pairs, allocating pairs on first use. Colour -1 is the
/// terminal's default (use_default_colors); gray uses xterm colour 244 when 256 colours exist.
struct ColorPalette {
    let enabled: Bool
    let colors: Int
    let maxPairs: Int
    private var pairs: [PairKey: Int16] = [:]

    struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    init(enabled: Bool, colors: Int, pairs: Int) {
        self.enabled = enabled
        self.colors = colors
        // COLOR_PAIR() holds 8 bits: stay within 255 pairs without the extended-pair API.
        self.maxPairs = min(pairs, 256)
    }

    mutating func attributes(for style: Style) -> (attr_t, Int16) {
        var attrs = trotter_a_normal()
        if style.attrs.contains(.bold) { attrs |= trotter_a_bold() }
        if style.attrs.contains(.reverse) { attrs |= trotter_a_reverse() }
        if style.attrs.contains(.underline) { attrs |= trotter_a_underline() }
        if style.attrs.contains(.dim) { attrs |= trotter_a_dim() }
        guard enabled, style.fg != .default || style.bg != .default else { return (attrs, 0) }
        let key = PairKey(fg: number(style.fg), bg: number(style.bg))
        if let pair = pairs[key] { return (attrs, pair) }
        let next = Int16(pairs.count + 1)
        guard Int(next) < maxPairs else { return (attrs, 0) }
        init_pair(next, key.fg, key.bg)
        pairs[key] = next
        return (attrs, next)
    }

    func number(_ c: Color) -> Int16 {
        switch c {
        case .default: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .gray: return colors >= 256 ? 244 : colors >= 16 ? 8 : 7
        case .indexed(let n): return Int(n) < colors ? Int16(n) : Int16(n % 8)
        }
    }
}
