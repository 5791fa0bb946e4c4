/* fuzz_scrollback.c — libFuzzer target for a pane's model (tui/scrollback.h): arbitrary
 * guest bytes, notes, scrolling and renders at arbitrary sizes. The input is a list of
 * operations: one byte says which, the next ones what (sizes, lengths). Every rendered
 * cell must be printable ASCII with a known style, the cursor in the area or -1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/scrollback.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render(struct scrollback *s, int w, int h)
{
	struct scrollback_cell *cells = malloc(sizeof(*cells) * (size_t)w * (size_t)h);
	if (!cells)
		return;
	int cy = -2, cx = -2;
	scrollback_render(s, w, h, cells, &cy, &cx);
	for (int i = 0; i < w * h; i++)
		if (cells[i].ch < 0x20 || cells[i].ch > 0x7e || cells[i].style > SCROLLBACK_NOTE)
			abort();
	if (!((cy == -1 && cx == -1) || (cy >= 0 && cy < h && cx >= 0 && cx < w)))
		abort();
	free(cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scrollback s;
	if (scrollback_init(&s) < 0)
		return 0;
	int w = 80, h = 24;
	size_t i = 0;
	while (i < size) {
		uint8_t op = data[i++];
		size_t left = size - i, n;
		switch (op % 6) {
		case 0: /* guest bytes */
		case 1:
			n = left < 1 ? 0 : data[i++] % 128u + 1;
			left = size - i;
			n = n < left ? n : left;
			scrollback_feed(&s, (const char *)data + i, n);
			i += n;
			break;
		case 2: /* a note (NUL-terminated copy of what follows) */
			n = left < 32 ? left : 32;
			{
				char note[33];
				memcpy(note, data + i, n);
				note[n] = '\0';
				scrollback_note(&s, note);
			}
			i += n;
			break;
		case 3: /* a new size */
			if (left >= 2) {
				w = 4 + data[i] % 200;
				h = 1 + data[i + 1] % 60;
				i += 2;
			}
			break;
		case 4: /* scroll */
			if (left >= 1)
				scrollback_scroll(&s, (int8_t)data[i++] * 7, w, h);
			break;
		default:
			if (op & 0x80)
				scrollback_follow(&s);
			render(&s, w, h);
			(void)scrollback_lines_below(&s);
			break;
		}
	}
	render(&s, w, h);
	scrollback_free(&s);
	return 0;
}
