/* input.h — key routing. Printable keys, Enter, Backspace and control bytes belong to the
 * focused guest (its GETCHAR queue); function keys, Tab, PgUp/PgDn and the mouse are the
 * monitor's. Single letters are monitor aliases only while the focused vCPU is paused.
 */
#ifndef TUI_INPUT_H
#define TUI_INPUT_H

#include "ui.h"

#define INPUT_CTRL(c) ((c) & 0x1F)
#define INPUT_KEY_ENTER '\r'       /* what a terminal in raw mode sends; guests take CR or LF */
#define INPUT_KEY_BACKSPACE 0x08

/* Handle one key from getch(). */
void input_key(struct ui *ui, int key);

#endif
