/* commands.h — what the monitor keys do: to one vCPU or to all of them (pause, continue,
 * step one instruction, slow motion, speed limits), and to the view (focus, scroll, zoom,
 * side panel). Each vCPU command is a vmm.h call plus a line in the key bar saying what
 * happened or why it could not; keys.c decides which key means which. How the core runs a
 * command on the vCPU thread (slow motion's timing included) is vmm/'s business.
 */
#ifndef TUI_COMMANDS_H
#define TUI_COMMANDS_H

#include "ui.h"

#define COMMANDS_STEP_RATE_DEFAULT 5
#define COMMANDS_ALL (-1)        /* as a vCPU index: every vCPU that has not ended */

/* vcpu is an index or COMMANDS_ALL. Pause toggle on all: pause them all if any runs,
 * else resume them all. Step on all: one instruction on each (pausing those that run). */
void commands_pause_toggle(struct ui *ui, int vcpu);
void commands_continue(struct ui *ui, int vcpu);
void commands_step(struct ui *ui, int vcpu);
void commands_slowmo_toggle(struct ui *ui, int vcpu);
/* dir > 0 faster, < 0 slower: the slow-motion rate while it runs, else the exit rate.
 * On all: the focused vCPU's next level, given to every vCPU (one speed for all). */
void commands_speed(struct ui *ui, int vcpu, int dir);
/* Whole-machine mode: the commands above act on all vCPUs until toggled again. */
void commands_all_toggle(struct ui *ui);

/* True if some vCPU runs (not paused, not ended). */
bool commands_any_running(const struct ui *ui);

/* After the snapshots were taken: say what the vCPUs did with our commands (a step merged
 * into a pending one), forget slow motion on a vCPU that has ended. */
void commands_follow(struct ui *ui);

/* The view. */
void commands_focus(struct ui *ui, int vcpu);
void commands_focus_move(struct ui *ui, int dir);
/* Scroll pane i by pages (a page is its height less one line) plus rows; rows <= -2^30
 * goes to the oldest line kept, commands_follow_output back to the newest. */
void commands_scroll(struct ui *ui, int i, int pages, int rows);
void commands_follow_output(struct ui *ui, int i);
/* Zoom the focused pane (side = false) or the side panel to the whole screen, or back. */
void commands_zoom(struct ui *ui, bool side);
void commands_panel_toggle(struct ui *ui);

/* Next exit-rate level above (dir > 0) or below rate; 0 means full speed. */
unsigned commands_rate_level(unsigned rate, int dir);

#endif
