/// A terminal colour. `.default` keeps the user's foreground/background (curses colour -1).
public enum Color: Hashable, Sendable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white, gray
    /// One of the 256 xterm colours; the terminal layer falls back to the nearest basic colour.
    case indexed(UInt8)
}

/// Text attributes that survive a monochrome terminal.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let reverse = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

/// How one cell looks.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attrs: TextAttributes

    public init(fg: Color = .default, bg: Color = .default, attrs: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attrs = attrs
    }

    public static let plain = Style()

    /// This style with extra attributes.
    public func adding(_ more: TextAttributes) -> Style {
        var s = self
        s.attrs.formUnion(more)
        return s
    }
}
