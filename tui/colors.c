/* colors.c — the colour table behind colors.h: curses colour pairs when the terminal has
 * colours and NO_COLOR is not set, monochrome attributes (bold, reverse, underline)
 * otherwise. Pair numbers: 1..UI__COUNT for the UI, then one per vCPU colour.
 */
#include "colors.h"

#include <stdlib.h>

struct ui_color_def {
	short fg, bg;
	attr_t attr, mono;
};

static const struct ui_color_def ui_defs[UI__COUNT] = {
#define UI_COLOR_DEF(name, fg, bg, attr, mono) { fg, bg, attr, mono },
	UI_COLORS(UI_COLOR_DEF)
#undef UI_COLOR_DEF
};

/* The projector order PRODUCT.md asks for, then the rest; bright ones where the terminal
 * has 16 colours (on 8-colour terminals they repeat, told apart by the pane number). */
static const short vcpu_defs[] = {
	COLOR_MAGENTA,     COLOR_GREEN,      COLOR_YELLOW,     COLOR_BLUE,
	COLOR_CYAN,        COLOR_RED,        COLOR_WHITE,      COLOR_MAGENTA + 8,
	COLOR_GREEN + 8,   COLOR_YELLOW + 8, COLOR_BLUE + 8,   COLOR_CYAN + 8,
	COLOR_RED + 8,     COLOR_WHITE + 8,  COLOR_MAGENTA,    COLOR_GREEN,
};
#define VCPU_COLORS ((int)(sizeof(vcpu_defs) / sizeof(vcpu_defs[0])))

static bool enabled;

void colors_init(void)
{
	const char *no = getenv("NO_COLOR");
	enabled = has_colors() && !(no && *no);
	if (!enabled)
		return;
	start_color();
	bool defaults = use_default_colors() == OK;
	for (int i = 0; i < UI__COUNT; i++) {
		short fg = ui_defs[i].fg, bg = ui_defs[i].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(1 + i), fg, bg);
	}
	for (int i = 0; i < VCPU_COLORS; i++) {
		short fg = vcpu_defs[i];
		if (fg >= COLORS)
			fg = (short)(fg - 8);
		init_pair((short)(1 + UI__COUNT + i), fg, defaults ? -1 : COLOR_BLACK);
	}
}

bool colors_enabled(void)
{
	return enabled;
}

attr_t colors_attr(enum ui_color c)
{
	if (c < 0 || c >= UI__COUNT)
		return A_NORMAL;
	if (!enabled)
		return ui_defs[c].mono;
	return ui_defs[c].attr | COLOR_PAIR(1 + c);
}

attr_t colors_vcpu(int vcpu)
{
	if (!enabled || vcpu < 0)
		return A_NORMAL;
	return COLOR_PAIR(1 + UI__COUNT + vcpu % VCPU_COLORS);
}
