/* input.c — one key in, one decision out: a command (commands.c), a change of focus or
 * scroll position, or bytes for the focused guest (vmm_write_input). Keys a guest never
 * needs are the monitor's: F1-F10, Tab, Shift-Tab, PgUp/PgDn, End, the mouse, Ctrl-Q.
 */
#include "input.h"

#include "colors.h"
#include "commands.h"

static void focus_move(struct ui *ui, int dir)
{
	ui->focus = (ui->focus + dir + ui->n) % ui->n;
	ui->dirty = true;
}

static void scroll_pane(struct ui *ui, int i, int pages, int rows)
{
	if (ui->lay.too_small || i < 0 || i >= ui->lay.npanes)
		return;
	const struct rect *r = &ui->lay.pane[i];
	int h = r->h - 2;
	scrollback_scroll(&ui->v[i].scrollback, pages * (h > 2 ? h - 1 : 1) + rows, r->w - 2, h);
	ui->dirty = true;
}

static void mouse_event(struct ui *ui)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	int i = screen_layout_pane_at(&ui->lay, ev.y, ev.x);
	if (i < 0)
		return;
	if (ev.bstate & BUTTON1_PRESSED) {
		ui->focus = i;
		ui->dirty = true;
	} else if (ev.bstate & BUTTON4_PRESSED) {
		scroll_pane(ui, i, 0, -3);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		scroll_pane(ui, i, 0, 3);
	}
}

/* A guest that has asked for a key (now or before) owns its printable keys. */
static bool reads_keys(const struct vcpu_view *v)
{
	return v->cur.state == VMM_STATE_WAITING || v->cur.stats.by_hypercall[HC_GETCHAR] > 0;
}

static void send_byte(struct ui *ui, int c)
{
	int i = ui->focus;
	char b = (char)c;
	if (vmm_vcpu_finished(ui->vmm, i))
		ui_message(ui, "vcpu%d has ended: the key was not delivered", i);
	else if (vmm_write_input(ui->vmm, i, &b, 1) == 1) {
		scrollback_follow(&ui->v[i].scrollback);
		if (!ui->key_sent_ns)
			ui->key_sent_ns = ui->now_ns;
	}
	else
		ui_message(ui, "vcpu%d's input queue is full: the key was dropped", i);
}

/* Letters that mean something to the monitor while the focused vCPU is paused. */
static bool paused_alias(struct ui *ui, int key)
{
	int i = ui->focus;
	switch (key) {
	case 's': commands_step(ui, i); return true;
	case 'c': commands_continue(ui, i); return true;
	case 'a': commands_slowmo_toggle(ui, i); return true;
	case '+': case '=': commands_speed(ui, i, +1); return true;
	case '-': commands_speed(ui, i, -1); return true;
	}
	return false;
}

void input_key(struct ui *ui, int key)
{
	int i = ui->focus;
	if (ui->help && key != KEY_MOUSE && key != KEY_RESIZE) {
		ui->help = false; /* any key closes the help overlay, and does nothing else */
		ui->dirty = true;
		return;
	}
	switch (key) {
	case KEY_F(1): ui->help = true; ui->dirty = true; return;
	case KEY_F(2): ui->want_side = !ui->want_side; ui->dirty = true; return;
	case KEY_F(3): commands_speed(ui, i, -1); return;
	case KEY_F(4): commands_speed(ui, i, +1); return;
	case KEY_F(6): commands_pause_toggle(ui, i); return;
	case KEY_F(7): commands_step(ui, i); return;
	case KEY_F(8): commands_slowmo_toggle(ui, i); return;
	case KEY_F(9): commands_continue(ui, i); return;
	case KEY_F(10): case INPUT_CTRL('q'): case INPUT_CTRL('c'): ui->quit = true; return;
	case '\t': focus_move(ui, +1); return;
	case KEY_BTAB: focus_move(ui, -1); return;
	case KEY_PPAGE: scroll_pane(ui, i, -1, 0); return;
	case KEY_NPAGE: scroll_pane(ui, i, +1, 0); return;
	case KEY_SR: scroll_pane(ui, i, 0, -1); return;
	case KEY_SF: scroll_pane(ui, i, 0, +1); return;
	case KEY_HOME: scroll_pane(ui, i, 0, -(1 << 30)); return;
	case KEY_END: scrollback_follow(&ui->v[i].scrollback); ui->dirty = true; return;
	case KEY_MOUSE: mouse_event(ui); return;
	case KEY_RESIZE: ui->dirty = true; return;
	case KEY_ENTER: send_byte(ui, INPUT_KEY_ENTER); return;
	case KEY_BACKSPACE: send_byte(ui, INPUT_KEY_BACKSPACE); return;
	}
	if (key < 0 || key > 0xFF) {
		ui_message(ui, "that key is not used (F1 shows the keys)");
		return;
	}
	if (ui->v[i].cur.state == VMM_STATE_PAUSED && paused_alias(ui, key))
		return;
	if ((key == '+' || key == '-') && !reads_keys(&ui->v[i])) {
		commands_speed(ui, i, key == '+' ? +1 : -1);
		return;
	}
	send_byte(ui, key);
}
