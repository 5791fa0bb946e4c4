/* listing.h — the source line behind a guest address, from the listing nasm writes with
 * -l (build/guests/NAME.lst): line number, offset, bytes, source, with %include files
 * and macro expansions nested as <1>, <2>, ... Offsets are the image's (org 0: the IP in
 * the guest's segment). Also the labels, for "break LABEL". The 1K OS's listings are
 * objdump output, not nasm's: its names come from symbols.h. Built once, then read; UI thread.
 */
#ifndef TUI_LISTING_H
#define TUI_LISTING_H

#include <stddef.h>
#include <stdint.h>

struct listing_line {
	uint64_t offset;       /* the bytes this line made: [offset, offset + size) */
	uint32_t size;
	uint32_t line;         /* line number in file */
	uint32_t lst_line;     /* line number in the .lst file */
	const char *file;      /* "steps.asm", "print16.inc" */
	const char *text;      /* that line, leading blanks removed (the macro call, for
				* bytes a macro made) */
	const char *expanded;  /* the expanded line that made the bytes, or NULL */
};

struct listing_label {
	const char *name;      /* "start", "print_str.loop" (locals get their parent) */
	uint64_t offset;
};

struct listing {
	char *buf;                     /* the file's text: strings point into it */
	struct listing_line *lines;    /* byte-making lines, sorted by offset */
	size_t count, cap;
	struct listing_label *labels;  /* in file order */
	size_t nlabels, labels_cap;
	char **names;                  /* file names and label names (owned) */
	size_t nnames, names_cap;
};

#define LISTING_MAX_FILE (64u << 20)

/* Read a nasm listing. main_file names the top-level source (NULL: the listing's name
 * with .lst -> .asm). Returns 0, or -1 with one line in err. */
int listing_load(struct listing *l, const char *path, const char *main_file, char *err,
		 size_t errlen);
/* The same from text in memory (copied). */
int listing_parse(struct listing *l, const char *text, size_t len, const char *main_file,
		  char *err, size_t errlen);
void listing_free(struct listing *l);

/* The line whose bytes hold offset, or NULL (data past the listing, reserved space). */
const struct listing_line *listing_lookup(const struct listing *l, uint64_t offset);
/* A label's offset: 0 and *offset, or -1 if there is no such label. */
int listing_label(const struct listing *l, const char *name, uint64_t *offset);

#endif
