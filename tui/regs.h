/* regs.h — the CPU half of the side panel: the focused vCPU's state, CPU mode with CR0,
 * CR4 and EFER decoded, registers sized to the mode (changed ones highlighted), RFLAGS
 * decoded, segments, the next instruction disassembled and the exit that ended the last
 * run or step. The counters half is counters.h.
 */
#ifndef TUI_REGS_H
#define TUI_REGS_H

#include "panel.h"
#include "ui.h"

void regs_draw(const struct ui *ui, struct panel *p);

#endif
