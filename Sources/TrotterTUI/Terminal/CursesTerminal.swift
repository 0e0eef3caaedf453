import CNcurses
import DashboardViews
import Glibc

/// The only code that talks to curses. Confined to the UI thread (ncurses is not thread-safe).
/// Draws a `ScreenBuffer` by diffing it against the previous frame and writing only changed cells,
/// then one `doupdate()`.
final class CursesTerminal {
    struct Options {
        var mouse = true
        /// `NO_COLOR` set and non-empty, or `--no-color`.
        var noColor = false
    }

    private(set) var width: Int
    private(set) var height: Int
    let theme: Theme
    private var palette: ColorPalette
    private var previous: ScreenBuffer?
    private var active = true

    init(options: Options) throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("The dashboard needs a terminal on stdin and stdout; run it without redirection.")
        }
        // ncurses assumes ISO 8859-1 without a locale; a bare "C" locale makes wide characters blank.
        let loc = setlocale(LC_ALL, "").map { String(cString: $0) } ?? "C"
        if loc == "C" || loc == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        guard initscr() != nil else { throw TerminalError("ncurses could not initialise the terminal; check TERM.") }
        set_escdelay(25)  // Esc acts in 25 ms, not 1 s; mouse and Alt sequences still parse (htop).
        cbreak()
        noecho()
        nonl()
        let scr = trotter_stdscr()
        keypad(scr, true)
        nodelay(scr, true)
        typeahead(-1)  // draw even while input is pending: the loop is change-driven
        curs_set(0)
        let colour = !options.noColor && has_colors()
        if colour {
            start_color()
            use_default_colors()
        }
        palette = ColorPalette(enabled: colour, colors: Int(trotter_colors()), pairs: Int(trotter_color_pairs()))
        theme = Theme(color: colour, unicode: trotter_locale_is_utf8() != 0)
        if options.mouse {
            mouseinterval(0)
            _ = mousemask(trotter_mouse_mask_wanted(), nil)
        }
        width = Int(trotter_cols())
        height = Int(trotter_lines())
    }

    /// Restores the terminal. Safe to call more than once.
    func shutdown() {
        guard active else { return }
        active = false
        _ = mousemask(0, nil)
        curs_set(1)
        endwin()
    }

    /// After SIGWINCH: asks the kernel for the new size and resizes curses, from the loop (never the handler).
    func resize() {
        var rows: Int32 = 0, cols: Int32 = 0
        if trotter_tty_size(1, &rows, &cols) == trotter_ok() { resizeterm(rows, cols) }
        width = Int(trotter_cols())
        height = Int(trotter_lines())
        forceRepaint()
    }

    /// The next frame repaints every cell (Ctrl-L, resize, SIGCONT).
    func forceRepaint() {
        previous = nil
        clearok(trotter_stdscr(), true)
    }

    /// Reads every pending input event (after `poll` said stdin is readable).
    func readInput() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        var ch: UInt32 = 0
        var isKey: Int32 = 0
        while trotter_get_wch(&ch, &isKey) != trotter_err() {
            if let e = KeyDecoder.decode(code: ch, isKeyCode: isKey != 0) { events.append(e) }
        }
        return events
    }

    /// Writes the cells that changed since the last frame, then one `doupdate()`.
    /// - Returns: the number of cells written.
    @discardableResult
    func draw(_ buffer: ScreenBuffer) -> Int {
        let changes = BufferDiff.changes(from: previous, to: buffer)
        if previous == nil { werase(trotter_stdscr()) }
        var cps = [UInt32](repeating: 0, count: 5)
        for change in changes {
            var n: Int32 = 0
            for scalar in change.cell.grapheme.unicodeScalars.prefix(5) {
                cps[Int(n)] = scalar.value
                n += 1
            }
            let (attrs, pair) = palette.attributes(for: change.cell.style)
            _ = trotter_put_cell(Int32(change.y), Int32(change.x), cps, n, attrs, pair)
        }
        previous = buffer
        wnoutrefresh(trotter_stdscr())
        doupdate()
        return changes.count
    }
}
