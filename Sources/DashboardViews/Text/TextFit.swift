/// Horizontal alignment inside a column.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}

/// Cutting and padding by display width, never by bytes or characters (htop#421).
public enum TextFit {
    /// Cuts `text` to at most `width` columns; when something was cut the last column holds `ellipsis`.
    /// A wide grapheme that would straddle the edge is dropped (the caller pads the gap with a space).
    /// - Returns: the cut text and its display width.
    public static func cut(_ text: String, to width: Int, ellipsis: Character = "…") -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        let full = DisplayWidth.of(text)
        if full <= width { return (text, full) }
        var out = ""
        var used = 0
        let budget = width - 1
        for g in text {
            let w = DisplayWidth.of(g)
            if used + w > budget { break }
            out.append(g)
            used += w
        }
        out.append(ellipsis)
        return (out, used + 1)
    }

    /// `text` cut to and padded to exactly `width` columns with `alignment`.
    public static func fit(_ text: String, width: Int, alignment: Alignment = .left,
                           ellipsis: Character = "…") -> String {
        let (cutText, used) = cut(text, to: width, ellipsis: ellipsis)
        let gap = max(0, width - used)
        switch alignment {
        case .left: return cutText + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cutText
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cutText + String(repeating: " ", count: gap - left)
        }
    }
}

extension TextFit {
    /// Breaks `text` into lines of at most `width` columns at spaces (a word longer than a line is cut).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            line = DisplayWidth.of(word) <= width ? word : cut(word, to: width).text
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
