/* commands.h — what the monitor keys do to a vCPU: pause, continue, step one instruction,
 * slow motion (auto-step at 1-50 steps/s), speed limits. Each is one vmm.h call plus the
 * UI's own bookkeeping; input.c decides which key means which. (How the core runs a
 * command on the vCPU thread is vmm/'s business.)
 */
#ifndef TUI_COMMANDS_H
#define TUI_COMMANDS_H

#include "ui.h"

#define COMMANDS_STEP_RATE_DEFAULT 5

void commands_pause_toggle(struct ui *ui, int vcpu);
void commands_continue(struct ui *ui, int vcpu);
void commands_step(struct ui *ui, int vcpu);
void commands_slowmo_toggle(struct ui *ui, int vcpu);
/* dir > 0 faster, < 0 slower: the slow-motion rate while it runs, else the exit rate. */
void commands_speed(struct ui *ui, int vcpu, int dir);

/* Run due slow-motion steps; returns when the next one is due (0 = none pending). */
uint64_t commands_tick(struct ui *ui);

/* Next exit-rate level above (dir > 0) or below rate; 0 means full speed. */
unsigned commands_rate_level(unsigned rate, int dir);

#endif
