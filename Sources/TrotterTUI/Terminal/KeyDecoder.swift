import CNcurses
import DashboardViews

/// What one `get_wch` read means.
enum TerminalEvent: Equatable {
    case key(Key)
    case resize
}

/// Maps curses input (a character or a KEY_* code) to the dashboard's keys.
enum KeyDecoder {
    static func decode(code: UInt32, isKeyCode: Bool) -> TerminalEvent? {
        if isKeyCode { return decodeKeyCode(Int32(bitPattern: code)) }
        switch code {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(code + 96)!)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    static func decodeKeyCode(_ k: Int32) -> TerminalEvent? {
        switch k {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case trotter_key_resize(): return .resize
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0, wheel: Int32 = 0, click: Int32 = 0
            guard trotter_getmouse(&x, &y, &wheel, &click) == trotter_ok() else { return nil }
            if wheel < 0 { return .key(.wheelUp) }
            if wheel > 0 { return .key(.wheelDown) }
            return click != 0 ? .key(.click(x: Int(x), y: Int(y))) : nil
        default:
            for n in 1...12 where k == trotter_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }
}
