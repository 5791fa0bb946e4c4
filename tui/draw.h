/* draw.h — draw one frame of the TUI from the model (draw.c). UI thread only. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include "ui.h"

/* Lay out for the current terminal size and draw everything; ends with refresh(). */
void draw_frame(struct ui *ui);

#endif
