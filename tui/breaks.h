/* breaks.h — breakpoints as a user types them (--break ADDR, the monitor's `break`):
 * "1000:0020" (real-mode seg:off), "0x100cee" (a linear address), or a symbol of an ELF
 * image ("syscall_entry", resolved by the caller's lookup); and the one line headless
 * prints when one is hit. No curses, no KVM: unit-tested.
 */
#ifndef TUI_BREAKS_H
#define TUI_BREAKS_H

#include <stdbool.h>
#include <stddef.h>

#include "../vmm/vmm.h"

/* A symbol's linear address, or false if unknown; ctx is the caller's. */
typedef bool breaks_symbol_fn(void *ctx, const char *name, uint64_t *addr);

/* Parse one address. Returns true with *linear set, or false with one line in err. */
bool breaks_parse_addr(const char *text, breaks_symbol_fn *lookup, void *ctx, uint64_t *linear,
		       char *err, size_t errlen);

/* "break 1000:0020 hit (2nd time): ip=0020 ax=0005 ..." for the snapshot of a vCPU that
 * stopped at breakpoint bp; registers in the width of its mode. */
void breaks_hit_line(const struct vmm_snapshot *s, const struct vmm_breakpoint *bp,
		     char *buf, size_t n);

#endif
