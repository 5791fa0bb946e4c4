/* ui.h — the TUI's model: what the loop (app.c), the key router (input.c), the vCPU
 * commands (commands.c) and the panels (regs.c, counters.c, help.c) share. Plain data;
 * one UI thread owns all of it. Everything a vCPU reports arrives through vmm.h.
 */
#ifndef TUI_UI_H
#define TUI_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "../vmm/vmm.h"
#include "cli.h"
#include "mouse.h"
#include "pump.h"
#include "screen_layout.h"
#include "scrollback.h"

#define UI_RATE_WINDOW_NS 500000000ULL

struct keys_action;

struct vcpu_view {
	struct scrollback scrollback; /* what its guest printed */
	struct vmm_snapshot cur;      /* latest snapshot */
	struct vmm_snapshot prev;     /* the one before: changed registers are highlighted */
	bool have_prev;
	enum vmm_run_state noted;     /* last state written into the pane as a note */
	unsigned speed;               /* exit-rate limit set from the UI, 0 = full speed */

	/* exits/s, from two snapshots' counters UI_RATE_WINDOW_NS apart */
	struct vmm_stats base;
	uint64_t base_ns;
	double exits_per_s;
	double reason_per_s[VMM_EXIT__COUNT];
	double hc_per_s[VMM_HC_SLOTS];

	/* slow motion (asked for; the vCPU thread times the steps): step_rate steps/s */
	bool slowmo;
	unsigned step_rate;
	uint64_t merged_seen;         /* stats.steps_merged already reported (commands.c) */
};

/* Where a click on the key bar lands (help.c draws, input.c clicks). */
struct keybar_hit {
	short x0, x1;                 /* columns [x0, x1) */
	const struct keys_action *a;
};
#define UI_KEYBAR_HITS 24

struct ui {
	struct vmm *vmm;
	const struct cli_options *opts;
	int n;                        /* vCPUs */
	int focus;
	struct vcpu_view v[VMM_MAX_VCPUS];
	struct screen_layout lay;
	int cols, rows;
	bool want_side;               /* F2 hides the side panel */
	int zoom;                     /* SCREEN_LAYOUT_NO_ZOOM, a pane or ZOOM_SIDE (keys.c) */
	bool help;                    /* F1 overlay shown */
	bool quit;
	bool dirty;                   /* redraw at the next frame even without news */
	char message[160];            /* transient line in the key bar */
	uint64_t message_until;
	uint64_t now_ns;              /* CLOCK_MONOTONIC at the start of this loop turn */
	struct pump pump;             /* output rings -> panes and --log files */
	uint64_t key_sent_ns;         /* a key went to a guest: draw its echo soon (app.c) */

	/* keys (input.c, keys.c, help.c) */
	bool all;                     /* Alt-w: commands act on every vCPU */
	bool alt_keys;                /* the key bar names Alt bindings, not F-keys */
	uint64_t esc_at;              /* Esc came then (0: no Esc pending): a letter may follow */
	struct mouse_sgr sgr;         /* an SGR mouse report arriving byte by byte */
	struct keybar_hit bar_hits[UI_KEYBAR_HITS];
	int nbar_hits;
};

uint64_t ui_now_ns(void);
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
