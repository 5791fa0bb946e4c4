/* draw.c — one frame on the screen: every vCPU's pane with its title, the side panel
 * (state line, registers, counters, vCPU table), the key bar, the help overlay, or the
 * "too small" notice. Reads the model in ui.h and changes nothing in it but the layout
 * and the expired key-bar message; when to draw is app.c's decision.
 */
#include "draw.h"

#include <stdio.h>
#include <string.h>

#include "colors.h"
#include "counters.h"
#include "help.h"
#include "pane.h"
#include "panel.h"
#include "regs.h"

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
		if (!r->w)
			continue; /* another pane is zoomed */
		char title[160];
		pane_title(ui, i, r->w - 6, title, sizeof(title));
		struct pane_frame f = { title, colors_vcpu(i), i == ui->focus,
					v->cur.state == VMM_STATE_WAITING,
					(unsigned)vmm_input_queued(ui->vmm, i) };
		int y, x;
		pane_draw(&v->scrollback, r, &f, &y, &x);
		if (i == ui->focus && y >= 0)
			*cy = y, *cx = x;
		uint64_t below = scrollback_lines_below(&v->scrollback);
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
	pane_box(r, false, colors_vcpu(f) | A_BOLD);
	attrset(colors_vcpu(f) | A_BOLD);
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
		mvhline_set(p.y - 1, p.x, WACS_HLINE, p.w);
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

void draw_frame(struct ui *ui)
{
	if (ui->message[0] && ui->now_ns >= ui->message_until)
		ui->message[0] = '\0';
	screen_layout_compute(COLS, LINES, ui->n, ui->want_side, ui->zoom, &ui->lay);
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

