/* io_bus.c — the port-I/O device table of one vCPU: which device owns a port, and the
 * "empty bus" every unclaimed port falls to (like an ISA bus with nothing plugged in:
 * reads float high, writes vanish). Devices themselves live in files of their own.
 */
#include "exit.h"

static enum exit_action empty_read(void *state, const struct exit_io *io, struct io_access *a,
				   struct exit_result *res)
{
	(void)state, (void)io, (void)res;
	a->value = 0xFFFFFFFFu;
	return ACT_CONTINUE;
}

static enum exit_action empty_write(void *state, const struct exit_io *io, struct io_access *a,
				    struct exit_result *res)
{
	(void)state, (void)io, (void)a, (void)res;
	return ACT_CONTINUE;
}

static const struct io_device empty_bus = {
	.name = "no device", .base = 0, .len = 0, .reason = VMM_EXIT_OTHER_IO,
	.read = empty_read, .write = empty_write,
};
static const struct io_slot empty_slot = { &empty_bus, NULL };

bool io_bus_add(struct io_bus *bus, const struct io_device *dev, void *state)
{
	if (bus->n == IO_BUS_SLOTS)
		return false;
	for (int i = 0; i < bus->n; i++) {
		const struct io_device *d = bus->slot[i].dev;
		if (dev->base < d->base + d->len && d->base < dev->base + dev->len)
			return false;
	}
	bus->slot[bus->n++] = (struct io_slot){ dev, state };
	return true;
}

const struct io_slot *io_bus_find(const struct io_bus *bus, uint16_t port)
{
	for (int i = 0; i < bus->n; i++) {
		const struct io_device *d = bus->slot[i].dev;
		if (port >= d->base && port - d->base < d->len)
			return &bus->slot[i];
	}
	return &empty_slot;
}
