/* help.c — the key bar and the F1 overlay. The keys themselves are routed in input.c;
 * this file only describes them, so the two must be kept in step by hand (the tmux tests
 * press what this text promises).
 */
#include "help.h"

#include <string.h>

#include "colors.h"
#include "panel.h"
#include "pane.h"

struct key_hint {
	const char *key, *label;
};

static const struct key_hint running_keys[] = {
	{ "F1", "Help" },  { "F6", "Pause" },       { "F7", "Step" },        { "F8", "Slow-mo" },
	{ "F9", "Go" },    { "Tab", "Focus" },      { "PgUp/Dn", "Scroll" }, { "F3/F4", "Speed" },
	{ "F2", "Panel" }, { "F10", "Quit" },       { NULL, NULL },
};
static const struct key_hint paused_keys[] = {
	{ "F7/s", "Step" },  { "F9/c", "Continue" }, { "F8/a", "Slow-mo" }, { "+/-", "Speed" },
	{ "Tab", "Focus" },  { "PgUp/Dn", "Scroll" }, { "F1", "Help" },    { "F10", "Quit" },
	{ NULL, NULL },
};

void help_draw_keybar(const struct ui *ui)
{
	const struct rect *r = &ui->lay.keybar;
	int y = LINES - 1, x = 0, w = COLS;
	if (!ui->lay.too_small)
		y = r->y, w = r->w;
	attrset(A_NORMAL);
	mvhline(y, 0, ' ', w);
	bool paused = ui->v[ui->focus].cur.state == VMM_STATE_PAUSED;
	int msg_len = ui->message[0] ? (int)strlen(ui->message) + 2 : 0;
	for (const struct key_hint *k = paused ? paused_keys : running_keys; k->key; k++) {
		int need = (int)(strlen(k->key) + strlen(k->label)) + 2;
		if (x + need > w - (msg_len < w / 2 ? msg_len : 0))
			break;
		attrset(colors_attr(UI_KEYNAME));
		mvaddstr(y, x, k->key);
		attrset(colors_attr(UI_KEYLABEL));
		addstr(" ");
		addstr(k->label);
		x += need;
		addstr(" ");
	}
	if (msg_len) {
		int mx = w - msg_len + 1 > x ? w - msg_len + 1 : x;
		attrset(colors_attr(UI_MESSAGE));
		mvaddnstr(y, mx, ui->message, w - mx);
	}
	attrset(A_NORMAL);
}

static const char *const help_lines[] = {
	"Keys typed go to the focused guest (its GETCHAR queue).",
	"The monitor keeps keys a guest never needs:",
	"",
	"  F1           this help (any key closes it)",
	"  Tab, S-Tab   focus the next / previous vCPU (or click a pane)",
	"  F6           pause / resume the focused vCPU",
	"  F7           step one instruction (pauses first)",
	"  F8           slow motion: step 1-50 instructions per second",
	"  F9           continue",
	"  F3, F4       slower / faster (exits/s limit, or slow-mo rate)",
	"  + -          the same, for guests that do not read keys",
	"  PgUp, PgDn   scroll the focused pane (Home: oldest line kept,",
	"               End: back to following the output)",
	"  F2           show / hide the register panel",
	"  F10, Ctrl-Q  quit (Ctrl-C too)",
	"",
	"While the focused vCPU is paused: s step, c continue,",
	"a slow motion, + - rate. Other vCPUs keep running.",
	"",
	"Highlighted registers changed since the previous snapshot",
	"(after a step: what that instruction changed).",
	NULL,
};

/* Draw text (lines separated by '\n') word-wrapped to w columns from row y; returns the
 * next free row. Nothing is drawn at or below ymax. */
static int wrap_text(const char *text, int y, int x, int w, int ymax)
{
	while (*text && y < ymax) {
		int cut = wrap_cut(text, (int)strcspn(text, "\n"), w);
		mvaddnstr(y++, x, text, cut);
		text += cut;
		while (*text == ' ')
			text++;
		if (*text == '\n')
			text++;
	}
	return y;
}

void help_draw_overlay(const struct ui *ui)
{
	int n = 0;
	while (help_lines[n])
		n++;
	int w = COLS < 70 ? COLS : 70;
	int h = n + 8; /* the keys, a blank, the host line (maybe two), notices, the border */
	for (int i = 0; i < ui->n; i++)
		h += *vmm_vcpu_notice(ui->vmm, i) != '\0';
	if (h > LINES - 1)
		h = LINES - 1;
	int y0 = (LINES - 1 - h) / 2, x0 = (COLS - w) / 2;
	if (w < 20 || h < 5)
		return;
	attrset(colors_attr(UI_HELP));
	for (int y = 0; y < h; y++)
		mvhline(y0 + y, x0, ' ', w);
	pane_box(&(struct rect){ y0, x0, h, w }, false, colors_attr(UI_HELP) | A_BOLD);
	attrset(colors_attr(UI_HELP) | A_BOLD);
	mvaddstr(y0, x0 + 2, " mini-kvm help ");
	attrset(colors_attr(UI_HELP));
	int y = y0 + 1, ymax = y0 + h - 1;
	for (int k = 0; help_lines[k] && y < ymax; k++)
		mvaddnstr(y++, x0 + 2, help_lines[k], w - 4);
	y = wrap_text(vmm_host_line(ui->vmm), y + 1, x0 + 2, w - 4, ymax);
	for (int i = 0; i < ui->n; i++)
		y = wrap_text(vmm_vcpu_notice(ui->vmm, i), y, x0 + 2, w - 4, ymax);
	attrset(A_NORMAL);
}
