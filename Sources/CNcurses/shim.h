#ifndef TROTTER_CNCURSES_SHIM_H
#define TROTTER_CNCURSES_SHIM_H
// Without these, <curses.h> hides cchar_t, setcchar, mvadd_wch and get_wch.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <langinfo.h>
#include <sys/ioctl.h>

// Swift 6 rejects the mutable globals stdscr/LINES/COLS as not concurrency-safe, and imports no
// function-like macros: accessor functions give them names. Only the UI thread calls these.
static inline WINDOW *trotter_stdscr(void) { return stdscr; }
static inline int trotter_lines(void) { return LINES; }
static inline int trotter_cols(void) { return COLS; }
static inline int trotter_colors(void) { return COLORS; }
static inline int trotter_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t trotter_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t trotter_a_bold(void) { return A_BOLD; }
static inline attr_t trotter_a_reverse(void) { return A_REVERSE; }
static inline attr_t trotter_a_underline(void) { return A_UNDERLINE; }
static inline attr_t trotter_a_dim(void) { return A_DIM; }
static inline attr_t trotter_a_normal(void) { return A_NORMAL; }
static inline int trotter_key_f(int n) { return KEY_F(n); }
static inline int trotter_key_resize(void) { return KEY_RESIZE; }
static inline int trotter_err(void) { return ERR; }
static inline int trotter_ok(void) { return OK; }
static inline mmask_t trotter_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }

// Swift's Glibc module hides these; declare them.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);
static inline int trotter_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// Draw one grapheme (up to 5 code points) with attributes and a colour pair at (y, x).
static inline int trotter_put_cell(int y, int x, const unsigned int *cps, int n, attr_t attrs, short pair) {
    wchar_t wch[6];
    if (n > 5) n = 5;
    for (int i = 0; i < n; i++) wch[i] = (wchar_t)cps[i];
    wch[n] = 0;
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

// get_wch without the wint_t out-parameter dance: returns ERR when no input is pending (nodelay),
// else OK with *ch set and *isKeyCode telling a KEY_* code from a character.
static inline int trotter_get_wch(unsigned int *ch, int *isKeyCode) {
    wint_t w = 0;
    int rc = get_wch(&w);
    *ch = (unsigned int)w;
    *isKeyCode = (rc == KEY_CODE_YES);
    return rc == ERR ? ERR : OK;
}

// Mouse: the macros are function-like or version-dependent; name the few we use.
static inline mmask_t trotter_mouse_mask_wanted(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int trotter_getmouse(int *x, int *y, int *wheel, int *click) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return ERR;
    *x = ev.x; *y = ev.y;
    *wheel = (ev.bstate & BUTTON4_PRESSED) ? -1 : ((ev.bstate & BUTTON5_PRESSED) ? 1 : 0);
    *click = (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) ? 1 : 0;
    return OK;
}

// Whether the locale's codeset is UTF-8 (after setlocale).
static inline int trotter_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

// The terminal's size from the kernel (after SIGWINCH), for resizeterm in the UI loop.
static inline int trotter_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return ERR;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return OK;
}

// ---- Signals -------------------------------------------------------------------------------------
// The handlers live in C so they touch nothing but a pipe fd and async-signal-safe calls (plus endwin
// on the crash path, as htop does: restoring the terminal matters more than strict safety when dying).
// Keep every call to these in ONE Swift file: each Swift file's Clang code gets its own copy of statics.
static int trotter_signal_fd = -1;

static void trotter_on_signal(int sig) {
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (trotter_signal_fd >= 0) { ssize_t r = write(trotter_signal_fd, &b, 1); (void)r; }
    errno = saved;
}

static void trotter_on_crash(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void trotter_on_tstp(int sig) {
    (void)sig;
    int saved = errno;
    endwin();
    // Stop for real, then continue here on SIGCONT: re-arm and ask the loop to repaint.
    signal(SIGTSTP, SIG_DFL);
    sigset_t set; sigemptyset(&set); sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);
    signal(SIGTSTP, trotter_on_tstp);
    unsigned char b = (unsigned char)SIGCONT;
    if (trotter_signal_fd >= 0) { ssize_t r = write(trotter_signal_fd, &b, 1); (void)r; }
    errno = saved;
}

/// Installs the handlers: SIGINT/SIGTERM/SIGHUP/SIGWINCH write their number to `fd`; crash signals
/// restore the terminal and re-raise; SIGTSTP restores, stops, and on SIGCONT writes SIGCONT to `fd`.
static inline void trotter_install_signal_handlers(int fd) {
    trotter_signal_fd = fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = trotter_on_signal;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);
    sa.sa_handler = trotter_on_tstp;
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = trotter_on_crash;
    sa.sa_flags = SA_RESETHAND;
    int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP };
    for (unsigned i = 0; i < sizeof crash / sizeof crash[0]; i++) sigaction(crash[i], &sa, NULL);
}

/// Puts every handler back to the default (after endwin).
static inline void trotter_restore_signal_handlers(void) {
    int all[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
    trotter_signal_fd = -1;
}
#endif
