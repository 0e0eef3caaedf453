/// Text dumps of a buffer for golden snapshots: what a person sees, and where each style applies.
extension ScreenBuffer {
    /// One line per row, trailing spaces trimmed; wide graphemes appear once.
    public func textDump() -> String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].grapheme }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs of non-plain style per row: `row 3 [0,80) fg=red bold reverse`.
    public func styleDump() -> String {
        var out = ""
        for y in 0..<height {
            var x = 0
            while x < width {
                let style = self[x, y].style
                var end = x + 1
                while end < width && self[end, y].style == style { end += 1 }
                if style != .plain { out += "row \(y) [\(x),\(end)) \(Self.describe(style))\n" }
                x = end
            }
        }
        return out
    }

    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.fg != .default { parts.append("fg=\(describe(style.fg))") }
        if style.bg != .default { parts.append("bg=\(describe(style.bg))") }
        if style.attrs.contains(.bold) { parts.append("bold") }
        if style.attrs.contains(.dim) { parts.append("dim") }
        if style.attrs.contains(.underline) { parts.append("underline") }
        if style.attrs.contains(.reverse) { parts.append("reverse") }
        return parts.joined(separator: " ")
    }

    static func describe(_ color: Color) -> String {
        switch color {
        case .indexed(let n): return "#\(n)"
        default: return "\(color)"
        }
    }
}
