/* input.h — what the terminal sent, decoded and routed. Printable keys, Enter, Backspace
 * and control bytes belong to the focused guest (its GETCHAR queue); the keys in the key
 * table (keys.c: F-keys, Alt+letter, Tab, PgUp/PgDn, Ctrl-Q, ...) and the mouse are the
 * monitor's. Alt+letter arrives as Esc then the letter; a lone Esc still reaches the guest,
 * INPUT_ESC_NS later. Single letters are monitor aliases only while the focused vCPU is
 * paused.
 */
#ifndef TUI_INPUT_H
#define TUI_INPUT_H

#include "ui.h"

#define INPUT_CTRL(c) ((c) & 0x1F)
#define INPUT_KEY_ENTER '\r'       /* what a terminal in raw mode sends; guests take CR or LF */
#define INPUT_KEY_BACKSPACE 0x08
#define INPUT_KEY_ESC 0x1B
/* After Esc, a letter within this time makes an Alt binding. A terminal sends Alt-p as Esc
 * and p in one write; a person pressing Esc, then p, takes a few hundred ms. ncurses' own
 * ESCDELAY (term.c) only decides whether Esc starts a function key's sequence. */
#define INPUT_ESC_NS 1000000000ULL

/* Handle one key from getch() (UI thread). */
void input_key(struct ui *ui, int key);

/* When input_tick has something to do without a key (a pending Esc runs out), or 0. */
uint64_t input_deadline(const struct ui *ui);
/* Call each loop turn: an Esc that no letter followed in time goes to the guest (or, over
 * the help overlay, closes it). */
void input_tick(struct ui *ui);

#endif
