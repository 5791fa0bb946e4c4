/* exit_text.c — one exit record in words, for the panel, the exit log and --trace:
 * "OUT 0x500 -> PUTCHAR 'H'", "IN 0x500 -> GETCHAR end of input (0xff)", "HLT", ...
 * Called by readers at screen rate, never on the vCPU's hot path.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "vmm.h"

static void byte_text(char *buf, size_t n, uint64_t v)
{
	unsigned char c = (unsigned char)v;
	if (isprint(c))
		snprintf(buf, n, "'%c'", c);
	else
		snprintf(buf, n, "0x%02x", c);
}

static void hypercall_text(const struct vmm_exit_record *r, char *buf, size_t n)
{
	const char *name = vmm_hypercall_name(r->hypercall);
	char b[16];
	byte_text(b, sizeof(b), r->value);
	bool pending = r->flags & VMM_EXITF_PENDING;
	if (r->dir == VMM_DIR_OUT) {
		if (r->hypercall == HC_COUNT)
			snprintf(buf, n, "OUT 0x500 -> unknown function 0x%02x", (unsigned)(r->value & 0xFF));
		else if (r->hypercall == HC_PUTCHAR)
			snprintf(buf, n, "OUT 0x500 -> PUTCHAR %s%s", b, pending ? " (output full)" : "");
		else
			snprintf(buf, n, "OUT 0x500 -> %s", name);
	} else if (r->hypercall == VMM_HC_NONE) {
		snprintf(buf, n, "IN 0x500 -> 0xff (no function asked)");
	} else if (r->hypercall == HC_GETCHAR) {
		snprintf(buf, n, "IN 0x500 -> GETCHAR %s", pending ? "(waiting for a key)"
			 : (r->flags & VMM_EXITF_EOF) ? "end of input (0xff)" : b);
	} else {
		snprintf(buf, n, "IN 0x500 -> %s = %u", name, (unsigned)(r->value & 0xFF));
	}
}

static void io_text(const struct vmm_exit_record *r, char *buf, size_t n)
{
	unsigned port = (unsigned)r->addr;
	char b[16];
	byte_text(b, sizeof(b), r->value);
	bool out = r->dir == VMM_DIR_OUT;
	if (r->reason == VMM_EXIT_COM1 && out && port == COM1_BASE)
		snprintf(buf, n, "OUT 0x3f8 -> COM1 THR %s%s", b,
			 r->flags & VMM_EXITF_PENDING ? " (output full)" : "");
	else if (r->reason == VMM_EXIT_COM1)
		snprintf(buf, n, "%s 0x%x %s COM1 register %u = 0x%02x", out ? "OUT" : "IN", port,
			 out ? "->" : "<-", port - COM1_BASE, (unsigned)(r->value & 0xFF));
	else if (out)
		snprintf(buf, n, "OUT 0x%x <- 0x%0*llx (no device, ignored)", port, r->size * 2,
			 (unsigned long long)r->value);
	else
		snprintf(buf, n, "IN 0x%x -> 0x%0*llx (no device)", port, r->size * 2,
			 (unsigned long long)r->value);
}

static void reason_text(const struct vmm_exit_record *r, char *buf, size_t n)
{
	switch (r->reason) {
	case VMM_EXIT_HYPERCALL: hypercall_text(r, buf, n); return;
	case VMM_EXIT_COM1:
	case VMM_EXIT_OTHER_IO: io_text(r, buf, n); return;
	case VMM_EXIT_MMIO:
		if (r->dir == VMM_DIR_WRITE)
			snprintf(buf, n, "MMIO write 0x%llx (%u bytes, outside RAM, ignored)",
				 (unsigned long long)r->addr, r->size);
		else
			snprintf(buf, n, "MMIO read 0x%llx (%u bytes, outside RAM) -> all ones",
				 (unsigned long long)r->addr, r->size);
		return;
	case VMM_EXIT_HLT: snprintf(buf, n, "HLT"); return;
	case VMM_EXIT_DEBUG:
		snprintf(buf, n, "%s (KVM_EXIT_DEBUG, exception %llu)",
			 r->flags & VMM_EXITF_STEP ? "single step" : "debug exit",
			 (unsigned long long)r->value);
		return;
	case VMM_EXIT_IRQ_WINDOW: snprintf(buf, n, "interrupt window open"); return;
	case VMM_EXIT_SHUTDOWN: snprintf(buf, n, "SHUTDOWN (triple fault)"); return;
	case VMM_EXIT_INTERNAL:
		snprintf(buf, n, "KVM_EXIT_INTERNAL_ERROR suberror %llu", (unsigned long long)r->value);
		return;
	case VMM_EXIT_FAIL_ENTRY: snprintf(buf, n, "FAIL_ENTRY"); return;
	default: snprintf(buf, n, "exit reason %llu", (unsigned long long)r->value); return;
	}
}

/* "real -> protected mode, paging on, CPL 0 -> 3" from the bits before and after. */
static void mode_text(const struct vmm_exit_record *r, char *buf, size_t n)
{
	unsigned was = (unsigned)r->addr, now = (unsigned)r->value;
	size_t len = (size_t)snprintf(buf, n, "mode:");
	const char *sep = " ";
#define SAY(...) do { if (len < n) len += (size_t)snprintf(buf + len, n - len, __VA_ARGS__); sep = ", "; } while (0)
	if ((was ^ now) & VMM_MODEBITS_PE)
		SAY("%s%s", sep, now & VMM_MODEBITS_PE ? "real -> protected mode" : "protected -> real mode");
	if ((was ^ now) & VMM_MODEBITS_PG)
		SAY("%spaging %s", sep, now & VMM_MODEBITS_PG ? "on" : "off");
	if ((was ^ now) & VMM_MODEBITS_LMA)
		SAY("%slong mode %s", sep, now & VMM_MODEBITS_LMA ? "active" : "off");
	if ((was ^ now) & VMM_MODEBITS_CPL(3))
		SAY("%sCPL %u -> %u", sep, (was >> 4) & 3, (now >> 4) & 3);
#undef SAY
}

void vmm_exit_describe(const struct vmm_exit_record *r, char *buf, size_t n)
{
	if (!n)
		return;
	if (r->event == VMM_EVENT_MODE) {
		mode_text(r, buf, n);
		return;
	}
	if (r->event == VMM_EVENT_BREAK) {
		if ((int64_t)r->value == VMM_BREAK_HIT_EXIT)
			snprintf(buf, n, "stopped after the exit (until exit)");
		else
			snprintf(buf, n, "breakpoint %lld hit", (long long)r->value);
		return;
	}
	reason_text(r, buf, n);
	if (r->flags & VMM_EXITF_NATIVE) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "; the step ran native ring-3 code (kvm-pvm cannot "
			 "step it) up to this exit");
	}
}
