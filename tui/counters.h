/* counters.h — the counting half of the side panel: exits by reason and by hypercall with
 * exits/s, timing (start-up, guest vs VMM, exit round trip), and one compact row per vCPU.
 * Rates come from two snapshots' counters about half a second apart, never per exit.
 */
#ifndef TUI_COUNTERS_H
#define TUI_COUNTERS_H

#include "panel.h"
#include "ui.h"

/* Refresh every vCPU's rates if their window has passed (call once a frame). */
void counters_update(struct ui *ui);
void counters_draw(const struct ui *ui, struct panel *p);
/* Rows needed by counters_draw_vcpus for n vCPUs. */
int counters_vcpu_rows(int n);
void counters_draw_vcpus(const struct ui *ui, struct panel *p);

/* Short state name that fits the vCPU table ("waiting" for "waiting for input"). */
const char *counters_short_state(enum vmm_run_state s);

#endif
