/* com1.c — a minimal 16550 UART at 0x3F8: enough for a guest that prints through the
 * transmit register and polls the line status. THR writes go to the same output as
 * PUTCHAR; RBR reads take from the same input queue as GETCHAR (without waiting).
 * No interrupts, no FIFO control, divisor latch writes accepted and ignored.
 */
#include "com1.h"

#include "exit.h"

enum { UART_DATA = 0, UART_IER = 1, UART_IIR = 2, UART_LCR = 3, UART_MCR = 4, UART_LSR = 5,
       UART_MSR = 6, UART_SCR = 7 };
#define LCR_DLAB 0x80

static enum exit_action com1_write(void *state, const struct exit_io *io, struct io_access *a,
				   struct exit_result *res)
{
	(void)res;
	struct com1_state *u = state;
	bool dlab = u->lcr & LCR_DLAB;
	uint8_t value = (uint8_t)a->value;
	switch (a->offset) {
	case UART_DATA:
		if (!dlab)
			return io->put(io->ctx, value) ? ACT_CONTINUE : ACT_WAIT_OUTPUT;
		break; /* divisor latch low: accepted, ignored */
	case UART_IER: if (!dlab) u->ier = value; break;
	case UART_LCR: u->lcr = value; break;
	case UART_MCR: u->mcr = value; break;
	case UART_SCR: u->scr = value; break;
	}
	return ACT_CONTINUE;
}

static enum exit_action com1_read(void *state, const struct exit_io *io, struct io_access *a,
				  struct exit_result *res)
{
	(void)res;
	struct com1_state *u = state;
	bool dlab = u->lcr & LCR_DLAB;
	switch (a->offset) {
	case UART_DATA:
		if (dlab) {
			a->value = 0x01; /* divisor latch low: 115200 baud */
		} else {
			int c = io->input_ready(io->ctx) ? io->get(io->ctx) : -1;
			a->value = c < 0 ? 0 : (uint8_t)c;
		}
		break;
	case UART_IER: a->value = dlab ? 0 : u->ier; break;
	case UART_IIR: a->value = 0x01; break; /* no interrupt pending */
	case UART_LCR: a->value = u->lcr; break;
	case UART_MCR: a->value = u->mcr; break;
	case UART_LSR:
		a->value = COM1_LSR_THR_EMPTY | (io->input_ready(io->ctx) ? COM1_LSR_DATA_READY : 0);
		break;
	case UART_MSR: a->value = 0xB0; break; /* DCD, DSR, CTS */
	default: a->value = u->scr; break;
	}
	return ACT_CONTINUE;
}

const struct io_device com1_device = {
	.name = "COM1", .base = COM1_BASE, .len = 8, .reason = VMM_EXIT_COM1,
	.read = com1_read, .write = com1_write,
};
