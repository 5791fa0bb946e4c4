/* app.c — the TUI's life: terminal up (term.c), vCPUs started, then one loop: wait on the
 * keyboard, the signal pipe and vmm_notify_fd(); at most ~30 times a second drain every
 * vCPU's output into its pane and --log file (pump.c), take the snapshots and draw (draw.c);
 * then terminal down, what ended how on stderr, and the exit status. Keys are input.c's.
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
#include <unistd.h>

#include "colors.h"
#include "commands.h"
#include "counters.h"
#include "draw.h"
#include "input.h"
#include "mouse.h"
#include "pump.h"
#include "report.h"
#include "term.h"
#include "ui.h"
#include "zydis_client.h"

#define FRAME_NS 33000000ULL           /* ~30 frames/s at most */
#define IDLE_REFRESH_NS 500000000ULL   /* rates and timers move even without news */
/* A key typed into a guest gets a frame of its own this long after it was delivered,
 * whatever the frame budget: the guest's echo (a few exits, ~1-2 ms where guest code is
 * emulated) is then on screen within one frame even while other panes scroll. */
#define ECHO_NS 4000000ULL
#define MESSAGE_NS 4000000000ULL

uint64_t ui_now_ns(void)
{
	return vmm_clock_ns();
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

/* What the VMM had to do differently for a vCPU on this host goes into its pane. */
static void notices_to_panes(struct ui *ui)
{
	for (int i = 0; i < ui->n; i++) {
		const char *notice = vmm_vcpu_notice(ui->vmm, i);
		char line[256];
		if (!*notice)
			continue;
		snprintf(line, sizeof(line), "mini-kvm: %s", notice);
		scrollback_note(&ui->v[i].scrollback, line);
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
		scrollback_note(&v->scrollback, line);
	} else if (vmm_state_ended(v->cur.state)) {
		snprintf(line, sizeof(line), "[%s]", vmm_state_name(v->cur.state));
		scrollback_note(&v->scrollback, line);
	}
}

/* The pump's sink: a vCPU's output goes into its pane. */
static void to_pane(void *ctx, int i, const char *buf, size_t n)
{
	struct ui *ui = ctx;
	scrollback_feed(&ui->v[i].scrollback, buf, n);
}

static void log_failed(void *ctx, int i, int err)
{
	ui_message(ctx, "vcpu%d: writing its log failed: %s", i, strerror(err));
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
	vmm_clear_notify(ui->vmm);
	for (int i = 0; i < ui->n; i++) {
		take_snapshot(ui, i);
		/* The ring is 64 KiB: a few reads empty it, so no vCPU waits on the UI; the
		 * limit keeps a guest that refills it as fast from holding up the frame. */
		pump_vcpu(&ui->pump, i, 8 * PUMP_CHUNK);
		note_state(ui, i);
	}
	trace_poll(&ui->pump.trace);
	counters_update(ui);
}

/* How long poll may sleep: until the next frame if there is news, else until the next
 * timer (idle refresh, a pending Esc running out, message expiry, time limit). */
static int poll_timeout(const struct ui *ui, bool news, uint64_t last_frame, uint64_t key_at,
			uint64_t deadline)
{
	uint64_t until = last_frame + (news || ui->dirty ? FRAME_NS : IDLE_REFRESH_NS);
	if (ui->key_sent_ns && ui->key_sent_ns + ECHO_NS < until)
		until = ui->key_sent_ns + ECHO_NS;
	if (key_at && key_at < until)
		until = key_at;
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
	uint64_t last_frame = 0;
	bool news = true;
	int quit_signal = 0;
	while (!ui->quit) {
		ui->now_ns = ui_now_ns();
		if (deadline && ui->now_ns >= deadline) {
			*timed_out = true;
			vmm_stop_all(ui->vmm);
			break;
		}
		if (ui->message[0] && ui->now_ns >= ui->message_until)
			ui->dirty = true; /* a frame takes the expired message off the key bar */
		bool echo_due = ui->key_sent_ns && ui->now_ns >= ui->key_sent_ns + ECHO_NS;
		if (echo_due || (ui->now_ns >= last_frame + FRAME_NS &&
				 (news || ui->dirty || ui->now_ns >= last_frame + IDLE_REFRESH_NS))) {
			if (echo_due)
				ui->key_sent_ns = 0;
			collect(ui);
			commands_follow(ui);
			draw_frame(ui);
			last_frame = ui->now_ns;
			news = ui->dirty = false;
		}
		input_tick(ui);
		struct pollfd fds[3] = { { 0, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 },
					 { vmm_notify_fd(ui->vmm), POLLIN, 0 } };
		/* With news already pending the frame is only waiting for its time slot:
		 * leave the notify fd out, or poll would return at once and spin. */
		int r = poll(fds, news ? 2 : 3,
			     poll_timeout(ui, news, last_frame, input_deadline(ui), deadline));
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

/* Output that came after the last frame still belongs in the logs (no pane shows it). */
static void collect_rest(struct ui *ui)
{
	ui->pump.sink = NULL;
	pump_all(&ui->pump);
}

/* vmm_stop_all only asks: give the vCPU threads a moment to end, so the report below
 * sees their final states (a stopped guest, not a running one). */
static void wait_finished(struct vmm *vmm)
{
	uint64_t until = ui_now_ns() + 2000000000ULL;
	while (!vmm_finished(vmm) && ui_now_ns() < until) {
		struct pollfd p = { vmm_notify_fd(vmm), POLLIN, 0 };
		vmm_clear_notify(vmm);
		if (!vmm_finished(vmm))
			poll(&p, 1, 50);
	}
}

static void free_panes(struct ui *ui)
{
	for (int i = 0; i < ui->n; i++)
		scrollback_free(&ui->v[i].scrollback);
}

int app_run(struct vmm *vmm, const struct cli_options *opts)
{
	static struct ui ui; /* 16 vCPUs' snapshots: keep them off the stack */
	memset(&ui, 0, sizeof(ui));
	ui.vmm = vmm;
	ui.opts = opts;
	ui.n = vmm_vcpu_count(vmm);
	ui.want_side = true;
	ui.zoom = SCREEN_LAYOUT_NO_ZOOM;
	for (int i = 0; i < ui.n; i++) {
		struct vcpu_view *v = &ui.v[i];
		if (scrollback_init(&v->scrollback) < 0) {
			free_panes(&ui);
			fprintf(stderr, "mini-kvm: out of memory for the TUI's panes\n");
			return VMM_STATUS_HOST;
		}
		v->speed = opts->vm.exit_rate[i];
		v->step_rate = COMMANDS_STEP_RATE_DEFAULT;
		v->noted = VMM_STATE_CREATED;
		vmm_snapshot(vmm, i, &v->cur);
	}
	notices_to_panes(&ui);
	char err[VMM_ERROR_LEN];
	int status = pump_open(&ui.pump, vmm, opts->log_dir, opts->trace_path, to_pane, log_failed,
			       &ui);
	if (!status && (status = term_open(err)))
		fprintf(stderr, "mini-kvm: %s\n", err);
	if (status) {
		pump_close(&ui.pump);
		free_panes(&ui);
		return status;
	}
	colors_init();
	mouse_open();
	ui.alt_keys = !has_key(KEY_F(10)); /* TERM=vt100 has F1-F4 only: name the Alt keys */
	sigset_t mask;
	term_block_signals(&mask);
	int started = vmm_start(vmm);
	term_restore_signals(&mask);
	if (started < 0) {
		mouse_close();
		term_close();
		pump_close(&ui.pump);
		free_panes(&ui);
		fprintf(stderr, "mini-kvm: cannot start the vCPU threads\n");
		return VMM_STATUS_HOST;
	}
	uint64_t deadline = opts->timeout_s > 0 ?
		ui_now_ns() + (uint64_t)(opts->timeout_s * 1e9) : 0;
	bool timed_out = false;
	int sig = run_loop(&ui, deadline, &timed_out);
	vmm_stop_all(vmm);
	mouse_close();
	term_close();
	wait_finished(vmm);
	collect_rest(&ui);
	bool lost = pump_close(&ui.pump) != 0;
	report_ends(vmm, opts, timed_out);
	free_panes(&ui);
	zydis_shutdown();
	if (sig == SIGTERM || sig == SIGHUP)
		return 128 + sig; /* as if the signal had ended us, after the terminal is back */
	return timed_out || lost || vmm_any_faulted(vmm) ? VMM_STATUS_FAULT : VMM_STATUS_OK;
}
