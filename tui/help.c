/* help.c — the key bar and the F1 overlay, both drawn from the key table (keys.c), so
 * they name exactly the keys input.c dispatches. This file chooses which actions the bar
 * shows and how the overlay is laid out; the keys and words are the table's.
 */
#include "help.h"

#include <string.h>

#include "colors.h"
#include "keys.h"
#include "panel.h"
#include "pane.h"

/* A key bar entry: one action, or two sharing a word ("F3/F4 Speed"). When the bar is
 * short (a narrow terminal, a long message) entries go in order of drop, highest first. */
struct bar_entry {
	const char *id, *id2, *label;
	int drop;
};

static const struct bar_entry bar_running[] = {
	{ "help", NULL, NULL, 0 },     { "pause", NULL, NULL, 1 },   { "step", NULL, NULL, 1 },
	{ "slowmo", NULL, NULL, 4 },   { "continue", NULL, NULL, 2 }, { "next", NULL, NULL, 5 },
	{ "zoom", NULL, NULL, 3 },     { "all-pause", NULL, NULL, 3 },
	{ "slower", "faster", "Speed", 6 }, { "panel", NULL, NULL, 7 },
	{ "quit", NULL, NULL, 0 },     { NULL, NULL, NULL, 0 },
};
static const struct bar_entry bar_paused[] = {
	{ "step", NULL, NULL, 0 },     { "continue", NULL, NULL, 1 }, { "slowmo", NULL, NULL, 4 },
	{ "slower", "faster", "Speed", 6 }, { "next", NULL, NULL, 5 }, { "zoom", NULL, NULL, 3 },
	{ "all-pause", NULL, NULL, 2 }, { "help", NULL, NULL, 0 },   { "quit", NULL, NULL, 0 },
	{ NULL, NULL, NULL, 0 },
};
#define BAR_MAX 16

static bool is_fkey(int key)
{
	return key >= KEY_F(1) && key <= KEY_F(24);
}

/* The key the bar names for a: the F-key (or, once the user types Alt bindings, the Alt
 * one), and while the focused vCPU is paused the letter that works then. */
static const char *bar_key(const struct ui *ui, const struct keys_action *a, bool paused,
			   char *buf, size_t n)
{
	int fkey = 0, alt = 0, letter = 0, other = 0;
	for (int k = 0; k < KEYS_PER_ACTION && a->keys[k]; k++) {
		int key = a->keys[k];
		int *slot = is_fkey(key) ? &fkey : (key & KEYS_ALT) ? &alt :
			    (key & (KEYS_PAUSED | KEYS_IDLE)) ? &letter : &other;
		if (!*slot)
			*slot = key;
	}
	int first = ui->alt_keys ? (alt ? alt : fkey ? fkey : other)
				 : (fkey ? fkey : other ? other : alt);
	char name[32];
	if (paused && letter && ui->alt_keys)
		return keys_name(letter, buf, n); /* "s" says more than "Alt-s/s" */
	keys_name(first, buf, n);
	if (paused && letter) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "/%s", keys_name(letter, name, sizeof(name)));
	}
	return buf;
}

static void hit(struct ui *ui, int x0, int x1, const struct keys_action *a)
{
	if (ui->nbar_hits < UI_KEYBAR_HITS)
		ui->bar_hits[ui->nbar_hits++] = (struct keybar_hit){ (short)x0, (short)x1, a };
}

/* The key text of an entry: "F7", "F7/s", "F3/F4", or "-/+" while paused. */
static void entry_keys(const struct ui *ui, const struct bar_entry *e, bool paused,
		       char *buf, size_t n, int *split)
{
	const struct keys_action *a = keys_by_id(e->id);
	const struct keys_action *b = e->id2 ? keys_by_id(e->id2) : NULL;
	bar_key(ui, a, paused && !b, buf, n);
	*split = (int)strlen(buf);
	if (!b)
		return;
	char k2[48];
	bar_key(ui, b, false, k2, sizeof(k2));
	if (paused) { /* a pair while paused: the letters alone, if both have one */
		char l1[48], l2[48];
		bar_key(ui, a, true, l1, sizeof(l1));
		bar_key(ui, b, true, l2, sizeof(l2));
		char *s1 = strchr(l1, '/'), *s2 = strchr(l2, '/');
		if (s1 && s2) {
			snprintf(buf, n, "%s/%s", s1 + 1, s2 + 1);
			*split = (int)strlen(s1 + 1);
			return;
		}
	}
	size_t len = strlen(buf);
	snprintf(buf + len, n - len, "/%s", k2);
}

static int entry_width(const struct ui *ui, const struct bar_entry *e, bool paused)
{
	char keys[96];
	int split;
	entry_keys(ui, e, paused, keys, sizeof(keys), &split);
	const char *label = e->label ? e->label : keys_label(keys_by_id(e->id), ui);
	return (int)strlen(keys) + 1 + (int)strlen(label) + 1;
}

/* "KEYS label " at x; returns the next x. */
static int put_entry(struct ui *ui, int y, int x, const struct bar_entry *e, bool paused)
{
	const struct keys_action *a = keys_by_id(e->id);
	const struct keys_action *b = e->id2 ? keys_by_id(e->id2) : NULL;
	char keys[96];
	int split;
	entry_keys(ui, e, paused, keys, sizeof(keys), &split);
	const char *label = e->label ? e->label : keys_label(a, ui);
	int need = entry_width(ui, e, paused);
	attrset(colors_attr(UI_KEYNAME));
	mvaddstr(y, x, keys);
	if (b) {
		hit(ui, x, x + split, a);
		hit(ui, x + split + 1, x + need - 1, b);
	} else {
		hit(ui, x, x + need - 1, a);
	}
	attrset(colors_attr(UI_KEYLABEL));
	printw(" %s ", label);
	return x + need;
}

/* After Esc: every letter that may follow, so Esc-then-letter can be learnt on the spot. */
static void draw_esc_bar(struct ui *ui, int y, int w)
{
	attrset(colors_attr(UI_MESSAGE));
	mvaddnstr(y, 0, "Esc, then: ", w);
	int x = 11;
	for (int a = 0; a < keys_count; a++) {
		const struct keys_action *act = &keys_actions[a];
		for (int k = 0; k < KEYS_PER_ACTION && act->keys[k]; k++) {
			if (!(act->keys[k] & KEYS_ALT))
				continue;
			const char *label = keys_label(act, ui);
			int need = 1 + 1 + (int)strlen(label) + 1;
			if (x + need > w)
				return;
			attrset(colors_attr(UI_KEYNAME));
			mvaddch(y, x, (chtype)(act->keys[k] & 0x7F));
			attrset(colors_attr(UI_KEYLABEL));
			printw(" %s ", label);
			x += need;
			break; /* one letter per action */
		}
	}
}

void help_draw_keybar(struct ui *ui)
{
	const struct rect *r = &ui->lay.keybar;
	int y = LINES - 1, x = 0, w = COLS;
	if (!ui->lay.too_small)
		y = r->y, w = r->w;
	ui->nbar_hits = 0;
	attrset(A_NORMAL);
	mvhline(y, 0, ' ', w);
	if (ui->esc_at) {
		draw_esc_bar(ui, y, w);
		attrset(A_NORMAL);
		return;
	}
	if (ui->all) {
		attrset(colors_attr(UI_NOTE));
		mvaddnstr(y, 0, "ALL vCPUs", w);
		x = 10;
	}
	bool paused = ui->v[ui->focus].cur.state == VMM_STATE_PAUSED;
	const struct bar_entry *list = paused ? bar_paused : bar_running;
	/* The message (what the last key did) gets its whole length; the keys what is
	 * left, the least needed dropped first. */
	int msg_len = ui->message[0] ? (int)strlen(ui->message) + 2 : 0;
	int room = w - x - msg_len;
	int width[BAR_MAX], total = 0, n = 0;
	bool shown[BAR_MAX];
	for (; list[n].id && n < BAR_MAX; n++) {
		width[n] = entry_width(ui, &list[n], paused);
		shown[n] = true;
		total += width[n];
	}
	for (int drop = 9; drop >= 0 && total > room; drop--)
		for (int k = n - 1; k >= 0 && total > room; k--)
			if (shown[k] && list[k].drop == drop) {
				shown[k] = false;
				total -= width[k];
			}
	for (int k = 0; k < n; k++)
		if (shown[k])
			x = put_entry(ui, y, x, &list[k], paused);
	if (msg_len) {
		int mx = w - msg_len + 1 > x ? w - msg_len + 1 : x;
		attrset(colors_attr(UI_MESSAGE));
		mvaddnstr(y, mx, ui->message, w - mx);
	}
	attrset(A_NORMAL);
}

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

/* How many rows wrap_text would take. */
static int wrap_rows(const char *text, int w)
{
	int rows = 0;
	while (*text) {
		text += wrap_cut(text, (int)strcspn(text, "\n"), w);
		while (*text == ' ')
			text++;
		if (*text == '\n')
			text++;
		rows++;
	}
	return rows;
}

#define COL_F 4        /* "F10 " */
#define COL_ALT 13     /* "Alt-+, Alt-= " */
#define COL_OTHER 15   /* "Ctrl-Q, Ctrl-C " */

static const char intro[] = "Keys you type go to the focused guest; the monitor keeps these:";

/* One row per action: its keys in three columns, then what it does (wrapped). */
static int draw_actions(int y, int x, int w, int ymax)
{
	attrset(colors_attr(UI_HELP) | A_BOLD);
	if (y < ymax)
		mvaddnstr(y++, x, "F   Alt/Esc+key  Other keys     What it does", w);
	attrset(colors_attr(UI_HELP));
	int text = COL_F + COL_ALT + COL_OTHER;
	for (int a = 0; a < keys_count && y < ymax; a++) {
		char f[96], alt[96], other[96];
		keys_columns(&keys_actions[a], f, alt, other, sizeof(f));
		mvaddnstr(y, x, f, w);
		mvaddnstr(y, x + COL_F, alt, w - COL_F);
		mvaddnstr(y, x + COL_F + COL_ALT, other, w - COL_F - COL_ALT);
		if (w - text >= 12)
			y = wrap_text(keys_actions[a].help, y, x + text, w - text, ymax);
		else
			y++;
	}
	return y;
}

/* Rows the overlay's text takes at width w (what draw_actions and the rest will use). */
static int rows_needed(const struct ui *ui, int w)
{
	int rows = wrap_rows(intro, w) + 1; /* the intro, the heading */
	int text = w - COL_F - COL_ALT - COL_OTHER;
	for (int a = 0; a < keys_count; a++)
		rows += text >= 12 ? wrap_rows(keys_actions[a].help, text) : 1;
	rows += wrap_rows(KEYS_FOOTNOTE, w);
	if (!ui->vmm)
		return rows;
	rows += 1 + wrap_rows(vmm_host_line(ui->vmm), w);
	for (int i = 0; i < ui->n; i++)
		rows += wrap_rows(vmm_vcpu_notice(ui->vmm, i), w);
	return rows;
}

void help_draw_overlay(const struct ui *ui)
{
	int w = COLS < 100 ? COLS : 100;
	int h = rows_needed(ui, w - 4) + 2;
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
	mvaddstr(y0, x0 + 2, " mini-kvm keys ");
	attrset(colors_attr(UI_HELP));
	int y = y0 + 1, ymax = y0 + h - 1, x = x0 + 2, tw = w - 4;
	y = wrap_text(intro, y, x, tw, ymax);
	y = draw_actions(y, x, tw, ymax);
	y = wrap_text(KEYS_FOOTNOTE, y, x, tw, ymax);
	if (ui->vmm) { /* none in tests/unit/test_tui_keys.c */
		y = wrap_text(vmm_host_line(ui->vmm), y + 1, x, tw, ymax);
		for (int i = 0; i < ui->n; i++)
			y = wrap_text(vmm_vcpu_notice(ui->vmm, i), y, x, tw, ymax);
	}
	if (y >= ymax && rows_needed(ui, tw) > h - 2) {
		attrset(colors_attr(UI_HELP) | A_BOLD);
		mvaddnstr(ymax, x, " more: a taller terminal shows every key ", tw);
	}
	attrset(A_NORMAL);
}
