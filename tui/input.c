/* input.c — one key in, one decision out: an action from the key table (keys.c), a
 * click or wheel turn, or bytes for the focused guest (vmm_write_input). Decoding lives
 * here: Esc followed by a letter is Alt+letter, Esc [ < ... M is an SGR mouse report
 * that ncurses did not decode (mouse.c parses it), a lone Esc is the guest's.
 */
#include "input.h"

#include "colors.h"
#include "commands.h"
#include "keys.h"
#include "mouse.h"

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

/* Any key or click closes the help overlay, and does nothing else. */
static bool close_help(struct ui *ui)
{
	if (!ui->help)
		return false;
	ui->help = false;
	ui->dirty = true;
	return true;
}

static void run(struct ui *ui, const struct keys_action *a, int key)
{
	if (key & KEYS_ALT)
		ui->alt_keys = true;  /* the key bar names what this user types */
	else if (key >= KEY_F(1) && key <= KEY_F(24))
		ui->alt_keys = false;
	a->run(ui);
	ui->dirty = true;
}

/* Esc, and what came after it that was not a report, belong to the guest. */
static void flush_esc(struct ui *ui)
{
	int n = ui->sgr.len;
	ui->esc_at = 0;
	ui->sgr.len = 0;
	ui->dirty = true;
	if (close_help(ui))
		return;
	send_byte(ui, INPUT_KEY_ESC);
	for (int k = 0; k < n; k++)
		send_byte(ui, (unsigned char)ui->sgr.buf[k]);
}

static void mouse_event(struct ui *ui, const struct mouse_event *ev)
{
	if (ev->what == MOUSE_OTHER || close_help(ui))
		return;
	if (ev->what == MOUSE_PRESS && !ui->lay.too_small && ev->y == ui->lay.keybar.y) {
		for (int k = 0; k < ui->nbar_hits; k++)
			if (ev->x >= ui->bar_hits[k].x0 && ev->x < ui->bar_hits[k].x1) {
				run(ui, ui->bar_hits[k].a, 0);
				return;
			}
		return;
	}
	int i = screen_layout_pane_at(&ui->lay, ev->y, ev->x);
	if (i < 0)
		return;
	if (ev->what == MOUSE_PRESS)
		commands_focus(ui, i);
	else
		commands_scroll(ui, i, 0, ev->what == MOUSE_WHEEL_UP ? -3 : 3);
}

/* A key that is neither Esc nor part of an Esc sequence. */
static void plain_key(struct ui *ui, int key)
{
	int i = ui->focus;
	if (close_help(ui))
		return;
	if (key == KEY_ENTER) {
		send_byte(ui, INPUT_KEY_ENTER);
		return;
	}
	if (key == KEY_BACKSPACE) {
		send_byte(ui, INPUT_KEY_BACKSPACE);
		return;
	}
	const struct keys_action *a = keys_find(key);
	if (!a && key >= 0 && key <= 0xFF && ui->v[i].cur.state == VMM_STATE_PAUSED)
		a = keys_find(KEYS_PAUSED | key);
	if (!a && key >= 0 && key <= 0xFF &&
	    (ui->v[i].cur.state == VMM_STATE_PAUSED || !reads_keys(&ui->v[i])))
		a = keys_find(KEYS_IDLE | key);
	if (a)
		run(ui, a, key);
	else if (key < 0 || key > 0xFF)
		ui_message(ui, "that key is not used (F1 or Alt-h shows the keys)");
	else
		send_byte(ui, key);
}

/* The key after Esc: a mouse report going on, an Alt binding, or the guest's. */
static void after_esc(struct ui *ui, int key)
{
	if (ui->sgr.len || key == '[') {
		struct mouse_event ev;
		switch (mouse_sgr_feed(&ui->sgr, key, &ev)) {
		case MOUSE_SGR_MORE:
			return;
		case MOUSE_SGR_DONE:
			ui->esc_at = 0;
			ui->dirty = true;
			mouse_event(ui, &ev);
			return;
		case MOUSE_SGR_NOT:
			flush_esc(ui);
			input_key(ui, key);
			return;
		}
	}
	ui->esc_at = 0;
	ui->dirty = true;
	const struct keys_action *a = key > 0x20 && key < 0x7F ? keys_find(KEYS_ALT | key) : NULL;
	if (a) {
		if (!close_help(ui))
			run(ui, a, KEYS_ALT | key);
		return;
	}
	flush_esc(ui);
	if (key != INPUT_KEY_ESC) /* Esc Esc: one Esc for the guest, at once */
		input_key(ui, key);
}

void input_key(struct ui *ui, int key)
{
	if (key == KEY_RESIZE) {
		ui->dirty = true;
		return;
	}
	if (key == KEY_MOUSE) {
		struct mouse_event ev;
		if (ui->esc_at)
			flush_esc(ui);
		if (mouse_from_curses(&ev))
			mouse_event(ui, &ev);
		return;
	}
	if (ui->esc_at) {
		after_esc(ui, key);
		return;
	}
	if (key == INPUT_KEY_ESC) {
		ui->esc_at = ui->now_ns ? ui->now_ns : 1;
		ui->sgr.len = 0;
		ui->dirty = true; /* the key bar lists the letters that may follow */
		return;
	}
	plain_key(ui, key);
}

uint64_t input_deadline(const struct ui *ui)
{
	return ui->esc_at ? ui->esc_at + INPUT_ESC_NS : 0;
}

void input_tick(struct ui *ui)
{
	if (ui->esc_at && ui->now_ns >= ui->esc_at + INPUT_ESC_NS)
		flush_esc(ui);
}
