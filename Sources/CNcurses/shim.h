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
#endif
