/// Terminal display width of text, the pure-Swift equivalent of `wcwidth`/`wcswidth` for what we draw:
/// East Asian Wide/Fullwidth and emoji-presentation characters take two columns, combining marks and
/// format characters none. DashboardViews must not import curses, hence this table.
public enum DisplayWidth {
    /// East Asian Wide (W) and Fullwidth (F) blocks (Unicode 15 EastAsianWidth.txt, coalesced).
    /// Emoji are covered by `isEmojiPresentation` instead of listing them.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Width of one Unicode scalar: 0, 1 or 2 (control characters count 0; we never draw them).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }  // Latin-1 and extended Latin: fast path
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul jamo medial vowels / finals combine
        if scalar.properties.isEmojiPresentation { return 2 }
        if v < 0x1100 { return 1 }
        for range in wideRanges where range.contains(v) { return 2 }
        return 1
    }

    /// Width of one grapheme cluster as a terminal draws it: its first visible scalar decides, and a
    /// variation selector 16 (U+FE0F) turns a text-style emoji into a two-column one.
    public static func of(_ grapheme: Character) -> Int {
        if grapheme.isASCII {
            guard let v = grapheme.asciiValue else { return 1 }  // "\r\n"
            return v >= 0x20 && v < 0x7F ? 1 : 0
        }
        var width = 0
        for scalar in grapheme.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    /// Width of a whole string in columns.
    public static func of(_ text: String) -> Int {
        var total = 0
        for g in text { total += of(g) }
        return total
    }
}
