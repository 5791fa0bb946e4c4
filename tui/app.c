/* app.c — the TUI's life: terminal up (term.c), vCPUs started, then one loop: wait on the
 * keyboard, the signal pipe and vmm_notify_fd(); at most ~30 times a second drain every
 * vCPU's output into its pane, take the snapshots and draw; then terminal down and the
 * exit status. Keys are input.c's; panels are regs.c, counters.c, help.c; panes pane.c.
 */
#define _GNU_SOURCE
#include "app.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colors.h"
#include "control.h"
#include "counters.h"
#include "headless.h"
#include "help.h"
#include "input.h"
#include "regs.h"
#include "term.h"
#include "ui.h"
#include "zydis_client.h"

#define FRAME_NS 33000000ULL           /* ~30 frames/s at most */
#define IDLE_REFRESH_NS 500000000ULL   /* rates and timers move even without news */
#define MESSAGE_NS 4000000000ULL

uint64_t ui_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof(ui->message), fmt, ap);
	va_end(ap);
	ui->message_until = ui_now_ns() + MESSAGE_NS;
	ui->dirty = true;
}

/* "vcpuN (guest): text" lines from vmm_notices() go into pane N. */
static void notices_to_panes(struct ui *ui)
{
	const char *s = vmm_notices(ui->vmm);
	while (*s) {
		const char *end = strchr(s, '\n');
		int len = end ? (int)(end - s) : (int)strlen(s);
		int i = 0;
		char line[256];
		snprintf(line, sizeof(line), "mini-kvm: %.*s", len, s);
		if (sscanf(s, "vcpu%d", &i) == 1 && i >= 0 && i < ui->n)
			pane_note(&ui->v[i].pane, line);
		s += len + (end ? 1 : 0);
	}
}

/* A state worth a line in the pane: the fault text, or why the vCPU stopped. */
static void note_state(struct ui *ui, int i)
{
	struct vcpu_view *v = &ui->v[i];
	if (v->cur.state == v->noted)
		return;
	v->noted = v->cur.state;
	char line[VMM_ERROR_LEN + 32];
	if (v->cur.state == VMM_STATE_FAULTED) {
		snprintf(line, sizeof(line), "[faulted] %s", v->cur.error);
		pane_note(&v->pane, line);
	} else if (v->cur.state >= VMM_STATE_HALTED) {
		snprintf(line, sizeof(line), "[%s]", vmm_state_name(v->cur.state));
		pane_note(&v->pane, line);
	}
}

/* The newest snapshot becomes cur; the one before stays as prev for highlighting unless
 * the registers did not move (a re-publish while paused must not erase what a step did). */
static void take_snapshot(struct ui *ui, int i)
{
	static struct vmm_snapshot fresh;
	struct vcpu_view *v = &ui->v[i];
	if (!vmm_snapshot(ui->vmm, i, &fresh))
		return;
	if (memcmp(&fresh.regs, &v->cur.regs, sizeof(fresh.regs)) ||
	    memcmp(&fresh.sregs, &v->cur.sregs, sizeof(fresh.sregs))) {
		v->prev = v->cur;
		v->have_prev = v->cur.regs_valid;
	}
	v->cur = fresh;
}

/* Everything the vCPUs produced since the last frame: output, snapshots, ends. */
static void collect(struct ui *ui)
{
	static char buf[16384];
	vmm_clear_notify(ui->vmm);
	for (int i = 0; i < ui->n; i++) {
		take_snapshot(ui, i);
		size_t n;
		/* The ring is 64 KiB: a few reads empty it, so no vCPU waits on the UI. */
		for (int k = 0; k < 8 && (n = vmm_read_output(ui->vmm, i, buf, sizeof(buf))); k++)
			pane_feed(&ui->v[i].pane, buf, n);
		note_state(ui, i);
	}
	counters_update(ui);
}

/* The pane title, as long as it fits: "0 echo.bin | real | waiting for input | 400 exits/s",
 * shortened step by step down to "0 waiting". */
static void pane_title(const struct ui *ui, int i, int room, char *out, size_t size)
{
	const struct vcpu_view *v = &ui->v[i];
	const char *guest = vmm_guest_name(ui->vmm, i);
	const char *state = vmm_state_name(v->cur.state);
	const char *brief = counters_short_state(v->cur.state);
	const char *mode = vmm_mode_name(v->cur.mode);
	char speed[48] = "", fast[32] = "";
	if (v->slowmo) {
		snprintf(speed, sizeof(speed), " | slow motion %u/s", v->step_rate);
		snprintf(fast, sizeof(fast), " | slow %u/s", v->step_rate);
	} else if (v->speed) {
		snprintf(speed, sizeof(speed), " | %u exits/s", v->speed);
		snprintf(fast, sizeof(fast), " | %u/s", v->speed);
	}
	int base = (int)strcspn(guest, ".");
	for (int form = 0; form < 5; form++) {
		switch (form) {
		case 0: snprintf(out, size, "%d %s | %s | %s%s", i, guest, mode, state, speed); break;
		case 1: snprintf(out, size, "%d %.*s | %s | %s%s", i, base, guest, mode, state, fast); break;
		case 2: snprintf(out, size, "%d %.*s | %s%s", i, base, guest, state, fast); break;
		case 3: snprintf(out, size, "%d %.*s | %s%s", i, base, guest, brief, fast); break;
		default: {
			/* Last resort: cut the guest's name, keep the number and the state. */
			int name = room - (int)strlen(brief) - 6;
			if (name >= 3)
				snprintf(out, size, "%d %.*s | %s", i, name < base ? name : base,
					 guest, brief);
			else
				snprintf(out, size, "%d %s", i, brief);
		}
		}
		if ((int)strlen(out) <= room)
			return;
	}
}

static void draw_panes(struct ui *ui, int *cy, int *cx)
{
	*cy = *cx = -1;
	for (int i = 0; i < ui->lay.npanes; i++) {
		struct vcpu_view *v = &ui->v[i];
		const struct rect *r = &ui->lay.pane[i];
		char title[160];
		pane_title(ui, i, r->w - 6, title, sizeof(title));
		struct pane_frame f = { title, colors_vcpu(i), i == ui->focus,
					v->cur.state == VMM_STATE_WAITING };
		int y, x;
		pane_draw(&v->pane, r, &f, &y, &x);
		if (i == ui->focus && y >= 0)
			*cy = y, *cx = x;
		uint64_t below = pane_lines_below(&v->pane);
		if (below && r->w > 30) {
			attrset(colors_vcpu(i) | A_BOLD);
			mvprintw(r->y + r->h - 1, r->x + 2, " %llu more lines below: PgDn, End ",
				 (unsigned long long)below);
			attrset(A_NORMAL);
		}
	}
}

static void draw_side(const struct ui *ui)
{
	const struct rect *r = &ui->lay.side;
	int f = ui->focus;
	attrset(colors_vcpu(f) | A_BOLD);
	mvaddch(r->y, r->x, ACS_ULCORNER);
	mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y, r->x + r->w - 1, ACS_URCORNER);
	mvvline(r->y + 1, r->x, ACS_VLINE, r->h - 2);
	mvvline(r->y + 1, r->x + r->w - 1, ACS_VLINE, r->h - 2);
	mvaddch(r->y + r->h - 1, r->x, ACS_LLCORNER);
	mvhline(r->y + r->h - 1, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y + r->h - 1, r->x + r->w - 1, ACS_LRCORNER);
	mvprintw(r->y, r->x + 2, " vCPU %d: %.*s ", f, r->w - 14, vmm_guest_name(ui->vmm, f));
	attrset(A_NORMAL);
	int inner = r->h - 2;
	int list = counters_vcpu_rows(ui->n);
	if (list > inner / 3)
		list = inner / 3;
	struct panel p;
	panel_init(&p, r->y + 1, r->x + 1, r->w - 2, inner - list);
	const struct vcpu_view *v = &ui->v[f];
	if (panel_line(&p)) {
		panel_put(&p, A_BOLD, "%s", vmm_state_name(v->cur.state));
		if (v->slowmo)
			panel_put(&p, colors_attr(UI_TEXT), ", slow motion %u steps/s", v->step_rate);
		else if (v->speed)
			panel_put(&p, colors_attr(UI_TEXT), ", limit %u exits/s", v->speed);
		if (v->cur.stats.steps)
			panel_put(&p, colors_attr(UI_DIM), ", %llu step%s",
				  (unsigned long long)v->cur.stats.steps,
				  v->cur.stats.steps == 1 ? "" : "s");
	}
	regs_draw(ui, &p);
	if (panel_line(&p))
		mvhline(p.y - 1, p.x, ACS_HLINE, p.w);
	counters_draw(ui, &p);
	panel_init(&p, r->y + 1 + inner - list, r->x + 1, r->w - 2, list);
	counters_draw_vcpus(ui, &p);
}

static void draw_too_small(void)
{
	attrset(A_BOLD);
	const char *msg = "terminal too small";
	int y = LINES / 2 - 1;
	mvaddnstr(y > 0 ? y : 0, COLS > 18 ? (COLS - 18) / 2 : 0, msg, COLS);
	attrset(A_NORMAL);
	char size[64];
	snprintf(size, sizeof(size), "%dx%d: enlarge it, F10 quits", COLS, LINES);
	int len = (int)strlen(size);
	if (y + 1 < LINES)
		mvaddnstr(y + 1, COLS > len ? (COLS - len) / 2 : 0, size, COLS);
}

static void draw(struct ui *ui)
{
	if (ui->message[0] && ui->now_ns >= ui->message_until)
		ui->message[0] = '\0';
	layout_compute(COLS, LINES, ui->n, ui->want_side, &ui->lay);
	erase();
	int cy = -1, cx = -1;
	if (ui->lay.too_small) {
		draw_too_small();
	} else {
		draw_panes(ui, &cy, &cx);
		if (ui->lay.has_side)
			draw_side(ui);
		help_draw_keybar(ui);
		if (ui->help)
			help_draw_overlay(ui);
	}
	if (cy >= 0 && !ui->help) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* How long poll may sleep: until the next frame if there is news, else until the next
 * timer (idle refresh, slow-motion step, message expiry, time limit). */
static int poll_timeout(const struct ui *ui, bool news, uint64_t last_frame, uint64_t step_at,
			uint64_t deadline)
{
	uint64_t until = last_frame + (news || ui->dirty ? FRAME_NS : IDLE_REFRESH_NS);
	if (step_at && step_at < until)
		until = step_at;
	if (ui->message[0] && ui->message_until < until)
		until = ui->message_until;
	if (deadline && deadline < until)
		until = deadline;
	if (until <= ui->now_ns)
		return 0;
	uint64_t ms = (until - ui->now_ns + 999999) / 1000000;
	return ms > 1000 ? 1000 : (int)ms;
}

/* Returns the quit signal (SIGTERM, SIGHUP, SIGINT) if one ended the loop, else 0. */
static int run_loop(struct ui *ui, uint64_t deadline, bool *timed_out)
{
	uint64_t last_frame = 0, step_at = 0;
	bool news = true;
	int quit_signal = 0;
	while (!ui->quit) {
		ui->now_ns = ui_now_ns();
		if (deadline && ui->now_ns >= deadline) {
			*timed_out = true;
			vmm_stop_all(ui->vmm);
			break;
		}
		if (ui->now_ns >= last_frame + FRAME_NS &&
		    (news || ui->dirty || ui->now_ns >= last_frame + IDLE_REFRESH_NS)) {
			collect(ui);
			draw(ui);
			last_frame = ui->now_ns;
			news = ui->dirty = false;
		}
		step_at = control_tick(ui);
		struct pollfd fds[3] = { { 0, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 },
					 { vmm_notify_fd(ui->vmm), POLLIN, 0 } };
		/* With news already pending the frame is only waiting for its time slot:
		 * leave the notify fd out, or poll would return at once and spin. */
		int r = poll(fds, news ? 2 : 3, poll_timeout(ui, news, last_frame, step_at, deadline));
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0 && (fds[1].revents & POLLIN)) {
			int resized;
			int sig = term_take_signals(&resized);
			if (resized)
				ui->dirty = true;
			if (sig) {
				quit_signal = sig;
				break;
			}
		}
		if (r > 0 && !news && (fds[2].revents & POLLIN))
			news = true;
		int key;
		ui->now_ns = ui_now_ns();
		while (!ui->quit && (key = getch()) != ERR)
			input_key(ui, key);
	}
	return quit_signal;
}

/* After endwin: what headless would have said on stderr about how the guests ended. */
static void report_ends(struct ui *ui, bool timed_out)
{
	for (int i = 0; i < ui->n; i++) {
		struct vmm_snapshot *s = &ui->v[i].cur;
		vmm_snapshot(ui->vmm, i, s);
		if (s->state == VMM_STATE_FAULTED)
			fprintf(stderr, "mini-kvm: %s\n", s->error);
		else if (timed_out && s->state == VMM_STATE_STOPPED)
			fprintf(stderr, "mini-kvm: vcpu%d (%s): time limit of %g s ran out; it was "
				"still running (%s)\n", i, vmm_guest_name(ui->vmm, i),
				ui->opts->timeout_s, s->last_exit);
	}
	if (ui->opts->stats)
		stats_table_print(stderr, ui->vmm);
}

static void free_panes(struct ui *ui)
{
	for (int i = 0; i < ui->n; i++)
		pane_free(&ui->v[i].pane);
}

int app_run(struct vmm *vmm, const struct cli_options *opts)
{
	static struct ui ui; /* 16 vCPUs' snapshots: keep them off the stack */
	memset(&ui, 0, sizeof(ui));
	ui.vmm = vmm;
	ui.opts = opts;
	ui.n = vmm_vcpu_count(vmm);
	ui.want_side = true;
	for (int i = 0; i < ui.n; i++) {
		struct vcpu_view *v = &ui.v[i];
		if (pane_init(&v->pane) < 0) {
			free_panes(&ui);
			fprintf(stderr, "mini-kvm: out of memory for the TUI's panes\n");
			return VMM_STATUS_HOST;
		}
		v->speed = opts->vm.exit_rate[i];
		v->step_rate = CONTROL_STEP_RATE_DEFAULT;
		v->noted = VMM_STATE_CREATED;
		vmm_snapshot(vmm, i, &v->cur);
	}
	notices_to_panes(&ui);
	char err[VMM_ERROR_LEN];
	int status = term_open(err);
	if (status) {
		free_panes(&ui);
		fprintf(stderr, "mini-kvm: %s\n", err);
		return status;
	}
	colors_init();
	if (vmm_start(vmm) < 0) {
		term_close();
		free_panes(&ui);
		fprintf(stderr, "mini-kvm: cannot start the vCPU threads\n");
		return VMM_STATUS_HOST;
	}
	uint64_t deadline = opts->timeout_s > 0 ?
		ui_now_ns() + (uint64_t)(opts->timeout_s * 1e9) : 0;
	bool timed_out = false;
	int sig = run_loop(&ui, deadline, &timed_out);
	vmm_stop_all(vmm);
	term_close();
	report_ends(&ui, timed_out);
	free_panes(&ui);
	zydis_shutdown();
	if (sig == SIGTERM || sig == SIGHUP)
		return 128 + sig; /* as if the signal had ended us, after the terminal is back */
	return timed_out ? VMM_STATUS_FAULT : vmm_exit_status(vmm);
}
