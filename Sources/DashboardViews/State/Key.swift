/// A key press or mouse event, decoded by the terminal layer; the update function sees only these.
public enum Key: Hashable, Sendable {
    /// A printable character (also what a paste delivers, one character at a time).
    case char(Character)
    /// Ctrl plus a letter, lower-cased: `.ctrl("c")`.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    /// F1…F12.
    case function(Int)
    case wheelUp, wheelDown
    /// A left click at a screen position.
    case click(x: Int, y: Int)
}
