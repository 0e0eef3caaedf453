import Foundation

/// What the terminal can show: colour (off for `NO_COLOR` and monochrome terminals) and UTF-8 glyphs.
public struct Theme: Hashable, Sendable {
    public var color: Bool
    public var unicode: Bool

    public init(color: Bool = true, unicode: Bool = true) {
        self.color = color; self.unicode = unicode
    }

    public static let standard = Theme()
    public static let monochrome = Theme(color: false)

    public var ellipsis: Character { unicode ? "…" : "~" }
    public var ascendingMark: String { unicode ? "▲" : "^" }
    public var descendingMark: String { unicode ? "▼" : "v" }
    public var maskChar: Character { unicode ? "•" : "*" }
    public var separator: String { unicode ? "│" : "|" }
    public var dot: String { unicode ? "·" : "-" }

    /// The style of a tone. Warnings and errors are bold too, so they stand out without colour.
    public func style(_ tone: Tone) -> Style {
        switch tone {
        case .normal: return .plain
        case .good: return Style(fg: color ? .green : .default)
        case .warn: return Style(fg: color ? .yellow : .default, attrs: .bold)
        case .danger: return Style(fg: color ? .red : .default, attrs: .bold)
        case .muted: return color ? Style(fg: .gray) : Style(attrs: .dim)
        case .accent: return Style(fg: color ? .cyan : .default)
        }
    }

    public var headerBar: Style { color ? Style(fg: .white, bg: .blue, attrs: .bold) : Style(attrs: [.reverse, .bold]) }
    public var columnHeader: Style { Style(attrs: color ? .bold : [.bold, .underline]) }
    public var activeTab: Style { color ? Style(fg: .black, bg: .cyan, attrs: .bold) : Style(attrs: [.reverse, .bold]) }
    public var footerKey: Style { color ? Style(fg: .cyan, attrs: .bold) : Style(attrs: .bold) }
    public var border: Style { color ? Style(fg: .cyan) : .plain }
}

/// What formatting needs besides the row: the theme and the clock (fixed in tests).
public struct RenderContext: Sendable {
    public var theme: Theme
    public var now: Date

    public init(theme: Theme, now: Date) {
        self.theme = theme; self.now = now
    }
}
