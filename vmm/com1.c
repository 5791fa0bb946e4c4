/* com1.c — a minimal 16550 UART at 0x3F8: enough for a guest that prints through the
 * transmit register and polls the line status. THR writes go to the same output as
 * PUTCHAR; RBR reads take from the same input queue as GETCHAR (without waiting).
 * No interrupts, no FIFO control, divisor latch writes accepted and ignored.
 */
#include <stdio.h>

#include "exit.h"
#include "hypercall.h"

enum { UART_DATA = 0, UART_IER = 1, UART_IIR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5,
       UART_MSR = 6, UART_SCR = 7 };
#define LCR_DLAB 0x80

void com1_out(struct exit_state *st, const struct exit_io *io, unsigned offset, uint8_t value,
	      struct exit_result *res)
{
	bool dlab = st->com1_lcr & LCR_DLAB;
	if (offset == UART_DATA && !dlab) {
		char shown[16];
		exit_describe_byte(shown, sizeof(shown), value);
		snprintf(res->text, sizeof(res->text), "OUT 0x3f8 -> COM1 THR %s", shown);
		if (!io->put(io->ctx, value))
			res->action = ACT_WAIT_OUTPUT;
		return;
	}
	if (offset == UART_IER && !dlab)
		st->com1_ier = value;
	else if (offset == UART_LCR)
		st->com1_lcr = value;
	else if (offset == UART_MCR)
		st->com1_mcr = value;
	else if (offset == UART_SCR)
		st->com1_scr = value;
	snprintf(res->text, sizeof(res->text), "OUT 0x%x -> COM1 register %u = 0x%02x",
		 COM1_BASE + offset, offset, value);
}

void com1_in(struct exit_state *st, const struct exit_io *io, unsigned offset, uint8_t *value,
	     struct exit_result *res)
{
	bool dlab = st->com1_lcr & LCR_DLAB;
	switch (offset) {
	case UART_DATA:
		if (dlab) {
			*value = 0x01; /* divisor latch low: 115200 baud */
		} else {
			int c = io->input_ready(io->ctx) ? io->get(io->ctx) : -1;
			*value = c < 0 ? 0 : (uint8_t)c;
		}
		break;
	case UART_IER: *value = dlab ? 0 : st->com1_ier; break;
	case UART_IIR: *value = 0x01; break; /* no interrupt pending */
	case UART_LCR: *value = st->com1_lcr; break;
	case UART_MCR: *value = st->com1_mcr; break;
	case UART_LSR:
		*value = COM1_LSR_THR_EMPTY | (io->input_ready(io->ctx) ? COM1_LSR_DATA_READY : 0);
		break;
	case UART_MSR: *value = 0xB0; break; /* DCD, DSR, CTS */
	default: *value = st->com1_scr; break;
	}
	snprintf(res->text, sizeof(res->text), "IN 0x%x -> COM1 register %u = 0x%02x",
		 COM1_BASE + offset, offset, *value);
}
