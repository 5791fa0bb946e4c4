/* help.h — telling the user the keys: the key bar along the bottom (what works now) and
 * the F1 overlay (every key, the host's capabilities line, the VMM's notices). Both come
 * from the key table in keys.c.
 */
#ifndef TUI_HELP_H
#define TUI_HELP_H

#include "ui.h"

/* Also records where each key sits (ui->bar_hits), so a click on it runs it. */
void help_draw_keybar(struct ui *ui);
void help_draw_overlay(const struct ui *ui);

#endif
