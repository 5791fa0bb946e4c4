/* help.h — telling the user the keys: the key bar along the bottom (what works now) and
 * the F1 overlay (every key, the host's capabilities line, the VMM's notices).
 */
#ifndef TUI_HELP_H
#define TUI_HELP_H

#include "ui.h"

void help_draw_keybar(const struct ui *ui);
void help_draw_overlay(const struct ui *ui);

#endif
