/* keys.h — every monitor action once: its keys, its name, its help line and the function
 * that runs it (htop's Action bindings are the model). input.c dispatches through this
 * table, help.c draws the key bar and the F1 overlay from it, and the README's key table
 * is generated from it (keys_markdown), so none of them can disagree. Decoding what the
 * terminal sent (Esc prefixes, mouse reports) is input.c's; what a command does, commands.c's.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ui.h"

/* A bound key: a curses key code (KEY_F(7), '\t', KEY_PPAGE, Ctrl-Q = 0x11), or a
 * character with one of these marks. */
#define KEYS_ALT 0x100000     /* Alt+c: the terminal sends Esc, c (or press Esc, then c) */
#define KEYS_PAUSED 0x200000  /* c, while the focused vCPU is paused (else c is the guest's) */
#define KEYS_IDLE 0x400000    /* c, while the focused vCPU is paused or its guest reads no keys */
#define KEYS_MARKS (KEYS_ALT | KEYS_PAUSED | KEYS_IDLE)
#define KEYS_PER_ACTION 6

/* What the marks on paused and idle letters mean (the F1 overlay, the README). */
#define KEYS_FOOTNOTE "* while the focused vCPU is paused   ** also while its guest reads no keys"
#define KEYS_FOOTNOTE_MD "\\* while the focused vCPU is paused, \\*\\* also while its guest reads no keys."

struct keys_action {
	const char *id;           /* stable name for code and tests: "step" */
	const char *label;        /* the key bar's word: "Step" */
	const char *help;         /* what it does, for the F1 overlay and the README */
	int keys[KEYS_PER_ACTION]; /* 0-terminated; the first is the one the key bar shows */
	void (*run)(struct ui *ui);
	/* The key bar's word when it depends on the state ("Go all" once all are paused);
	 * NULL: always label. */
	const char *(*label_now)(const struct ui *ui);
};

extern const struct keys_action keys_actions[];
extern const int keys_count;

/* The action bound to key (a code with its mark, as above), or NULL. */
const struct keys_action *keys_find(int key);
/* The action with this id, or NULL. */
const struct keys_action *keys_by_id(const char *id);

/* A key as the help writes it: "F7", "Alt-s", "s", "Tab", "Shift-Tab", "PgUp", "Ctrl-Q". */
const char *keys_name(int key, char *buf, size_t n);

/* The keys of a in three columns: F-keys, Alt bindings, and the others (paused/idle
 * letters get a '*'). Each column joined with ", "; an empty column is "". */
void keys_columns(const struct keys_action *a, char *fkeys, char *alt, char *other, size_t n);

/* The key bar's word for a now. */
const char *keys_label(const struct keys_action *a, const struct ui *ui);

/* The README's "Keys" table in Markdown (header, one row per action, the footnote). */
void keys_markdown(FILE *out);

#endif
