/* keys.c — the monitor's one key table (keys.h) and the small functions it runs; each
 * calls commands.c or flips a bit of the view. Key names and the Markdown table for the
 * README are made here too, from the same rows. Which key code arrived is input.c's
 * question; this file only answers "what is bound to it".
 */
#include "keys.h"

#include <string.h>

#include "colors.h"
#include "commands.h"
#include "input.h"

/* Commands act on the focused vCPU, or on all of them in whole-machine mode (Alt-w). */
static int target(const struct ui *ui)
{
	return ui->all ? COMMANDS_ALL : ui->focus;
}

static void run_help(struct ui *ui) { ui->help = true; ui->dirty = true; }
static void run_next(struct ui *ui) { commands_focus_move(ui, +1); }
static void run_prev(struct ui *ui) { commands_focus_move(ui, -1); }
static void run_pause(struct ui *ui) { commands_pause_toggle(ui, target(ui)); }
static void run_step(struct ui *ui) { commands_step(ui, target(ui)); }
static void run_slowmo(struct ui *ui) { commands_slowmo_toggle(ui, target(ui)); }
static void run_continue(struct ui *ui) { commands_continue(ui, target(ui)); }
static void run_slower(struct ui *ui) { commands_speed(ui, target(ui), -1); }
static void run_faster(struct ui *ui) { commands_speed(ui, target(ui), +1); }
static void run_all_pause(struct ui *ui) { commands_pause_toggle(ui, COMMANDS_ALL); }
static void run_all_mode(struct ui *ui) { commands_all_toggle(ui); }
static void run_zoom(struct ui *ui) { commands_zoom(ui, false); }
static void run_zoom_side(struct ui *ui) { commands_zoom(ui, true); }
static void run_panel(struct ui *ui) { commands_panel_toggle(ui); }
static void run_page_up(struct ui *ui) { commands_scroll(ui, ui->focus, -1, 0); }
static void run_page_down(struct ui *ui) { commands_scroll(ui, ui->focus, +1, 0); }
static void run_line_up(struct ui *ui) { commands_scroll(ui, ui->focus, 0, -1); }
static void run_line_down(struct ui *ui) { commands_scroll(ui, ui->focus, 0, +1); }
static void run_top(struct ui *ui) { commands_scroll(ui, ui->focus, 0, -(1 << 30)); }
static void run_follow(struct ui *ui) { commands_follow_output(ui, ui->focus); }
static void run_quit(struct ui *ui) { ui->quit = true; }

static const char *label_pause(const struct ui *ui)
{
	bool paused = ui->all ? !commands_any_running(ui)
			      : ui->v[ui->focus].cur.state == VMM_STATE_PAUSED;
	return paused ? "Resume" : "Pause";
}

static const char *label_all_pause(const struct ui *ui)
{
	return commands_any_running(ui) ? "Pause all" : "Go all";
}

#define ALT(c) (KEYS_ALT | (c))
#define PAUSED(c) (KEYS_PAUSED | (c))
#define IDLE(c) (KEYS_IDLE | (c))

const struct keys_action keys_actions[] = {
	{ "help", "Help", "this help (any key closes it)",
	  { KEY_F(1), ALT('h') }, run_help, NULL },
	{ "pause", "Pause", "pause the focused vCPU, or resume it",
	  { KEY_F(6), ALT('p') }, run_pause, label_pause },
	{ "step", "Step", "run one instruction, then stay paused",
	  { KEY_F(7), ALT('s'), PAUSED('s') }, run_step, NULL },
	{ "slowmo", "Slow-mo", "slow motion: 1-50 steps a second, by itself",
	  { KEY_F(8), ALT('m'), PAUSED('m') }, run_slowmo, NULL },
	{ "continue", "Go", "continue: run freely again",
	  { KEY_F(9), ALT('c'), PAUSED('c') }, run_continue, NULL },
	{ "slower", "Slower", "slower: the exits/s limit (or the slow-motion rate)",
	  { KEY_F(3), ALT('-'), IDLE('-') }, run_slower, NULL },
	{ "faster", "Faster", "faster, up to full speed",
	  { KEY_F(4), ALT('+'), ALT('='), IDLE('+'), IDLE('=') }, run_faster, NULL },
	{ "all-pause", "Pause all", "pause every vCPU, or resume them all",
	  { ALT('a') }, run_all_pause, label_all_pause },
	{ "all", "All", "whole machine: pause/step/slow-mo/go/speed act on all vCPUs",
	  { ALT('w') }, run_all_mode, NULL },
	{ "next", "Focus", "focus the next vCPU (or click its pane)",
	  { '\t', ALT('n') }, run_next, NULL },
	{ "prev", "Back", "focus the previous vCPU",
	  { KEY_BTAB, ALT('b') }, run_prev, NULL },
	{ "zoom", "Zoom", "the focused pane full screen, and back",
	  { KEY_F(5), ALT('z') }, run_zoom, NULL },
	{ "zoom-panel", "Zoom panel", "the side panel full screen, and back",
	  { ALT('r') }, run_zoom_side, NULL },
	{ "panel", "Panel", "show / hide the side panel",
	  { KEY_F(2), ALT('v') }, run_panel, NULL },
	{ "page-up", "Scroll", "scroll the focused pane up a page (the wheel: 3 lines)",
	  { KEY_PPAGE, ALT('u') }, run_page_up, NULL },
	{ "page-down", "Down", "scroll down a page",
	  { KEY_NPAGE, ALT('d') }, run_page_down, NULL },
	{ "line-up", "Line up", "scroll up a line", { KEY_SR }, run_line_up, NULL },
	{ "line-down", "Line down", "scroll down a line", { KEY_SF }, run_line_down, NULL },
	{ "top", "Top", "scroll to the oldest line kept", { KEY_HOME }, run_top, NULL },
	{ "follow", "Follow", "follow the output again", { KEY_END, ALT('e') }, run_follow, NULL },
	{ "quit", "Quit", "quit (the guests are stopped)",
	  { KEY_F(10), ALT('q'), INPUT_CTRL('q'), INPUT_CTRL('c') }, run_quit, NULL },
};
const int keys_count = (int)(sizeof(keys_actions) / sizeof(keys_actions[0]));

const struct keys_action *keys_find(int key)
{
	for (int a = 0; a < keys_count; a++)
		for (int k = 0; k < KEYS_PER_ACTION && keys_actions[a].keys[k]; k++)
			if (keys_actions[a].keys[k] == key)
				return &keys_actions[a];
	return NULL;
}

const struct keys_action *keys_by_id(const char *id)
{
	for (int a = 0; a < keys_count; a++)
		if (strcmp(keys_actions[a].id, id) == 0)
			return &keys_actions[a];
	return NULL;
}

const char *keys_name(int key, char *buf, size_t n)
{
	int c = key & ~KEYS_MARKS;
	if (key & KEYS_ALT)
		snprintf(buf, n, "Alt-%c", c);
	else if (key & (KEYS_PAUSED | KEYS_IDLE))
		snprintf(buf, n, "%c", c);
	else if (key >= KEY_F(1) && key <= KEY_F(24))
		snprintf(buf, n, "F%d", key - KEY_F0);
	else if (key > 0 && key < 0x20 && key != '\t')
		snprintf(buf, n, "Ctrl-%c", key + '@');
	else {
		const char *s = key == '\t' ? "Tab" : key == KEY_BTAB ? "Shift-Tab" :
				key == KEY_PPAGE ? "PgUp" : key == KEY_NPAGE ? "PgDn" :
				key == KEY_HOME ? "Home" : key == KEY_END ? "End" :
				key == KEY_SR ? "Shift-Up" : key == KEY_SF ? "Shift-Down" : NULL;
		if (s)
			snprintf(buf, n, "%s", s);
		else if (key > 0x20 && key < 0x7F)
			snprintf(buf, n, "%c", key);
		else
			snprintf(buf, n, "key %d", key);
	}
	return buf;
}

static void append(char *col, size_t n, const char *name)
{
	size_t len = strlen(col);
	snprintf(col + len, n - len, "%s%s", len ? ", " : "", name);
}

/* md: letters in code spans ("`s`*") so Markdown neither eats the '*' nor the '+'. */
static void columns(const struct keys_action *a, char *fkeys, char *alt, char *other,
		    size_t n, bool md)
{
	fkeys[0] = alt[0] = other[0] = '\0';
	for (int k = 0; k < KEYS_PER_ACTION && a->keys[k]; k++) {
		int key = a->keys[k];
		char name[32], marked[40];
		keys_name(key, name, sizeof(name));
		if (key >= KEY_F(1) && key <= KEY_F(24))
			append(fkeys, n, name);
		else if (key & KEYS_ALT)
			append(alt, n, name);
		else if (key & (KEYS_PAUSED | KEYS_IDLE)) {
			const char *mark = key & KEYS_PAUSED ? (md ? "\\*" : "*")
							     : (md ? "\\*\\*" : "**");
			snprintf(marked, sizeof(marked), md ? "`%s`%s" : "%s%s", name, mark);
			append(other, n, marked);
		} else
			append(other, n, name);
	}
}

void keys_columns(const struct keys_action *a, char *fkeys, char *alt, char *other, size_t n)
{
	columns(a, fkeys, alt, other, n, false);
}

const char *keys_label(const struct keys_action *a, const struct ui *ui)
{
	return a->label_now ? a->label_now(ui) : a->label;
}

void keys_markdown(FILE *out)
{
	fprintf(out, "| F-key | Alt (or Esc, then the letter) | Other keys | What it does |\n");
	fprintf(out, "|---|---|---|---|\n");
	for (int a = 0; a < keys_count; a++) {
		char f[96], alt[96], other[96];
		columns(&keys_actions[a], f, alt, other, sizeof(f), true);
		fprintf(out, "| %s | %s | %s | %s |\n", f, alt, other, keys_actions[a].help);
	}
	fprintf(out, "\n%s\n", KEYS_FOOTNOTE_MD);
}
