/* explain.c — one VM exit in plain words (explain.h): four parts, each a sentence or two —
 * the instruction, the exit, what the VMM did, the time. One case per kind of exit we
 * handle; the wording follows what the VMM really does in exit.c and its devices.
 */
#include "explain.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text {
	char *buf;
	size_t n, len;
};

static void say(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct text *t, const char *fmt, ...)
{
	if (t->len + 1 >= t->n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(t->buf + t->len, t->n - t->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		t->len = t->len + (size_t)k < t->n ? t->len + (size_t)k : t->n - 1;
}

static void byte_words(uint64_t v, char *out, size_t n)
{
	unsigned char c = (unsigned char)v;
	if (isprint(c))
		snprintf(out, n, "'%c'", c);
	else
		snprintf(out, n, "0x%02x", c);
}

/* "at 1000:0012" in real mode, "at 0x100cee" otherwise. */
static void where(struct text *t, const struct explain_input *in)
{
	const struct vmm_snapshot *s = in->snap;
	if (s->mode == VMM_MODE_REAL)
		say(t, "at %04x:%04llx", in->exit->cs, (unsigned long long)(in->exit->rip & 0xFFFF));
	else
		say(t, "at 0x%llx", (unsigned long long)s->exit_code_addr);
}

static void executed(struct text *t, const struct explain_input *in)
{
	if (in->insn && *in->insn)
		say(t, "The guest executed `%s` ", in->insn);
	else
		say(t, "The guest ran the instruction ");
	where(t, in);
}

static const char *dir_word(const struct vmm_exit_record *r)
{
	return r->dir == VMM_DIR_OUT ? "out" : "in";
}

static void io_exit(struct text *t, const struct vmm_exit_record *r)
{
	say(t, "The CPU left guest mode: a VM exit, KVM_EXIT_IO, direction %s, size %u%s. ",
	    dir_word(r), r->size, r->count > 1 ? ", several elements (string I/O)" : "");
}

static void hypercall(struct text *t, const struct explain_input *in)
{
	const struct vmm_exit_record *r = in->exit;
	char b[16];
	byte_words(r->value, b, sizeof(b));
	const char *fn = vmm_hypercall_name(r->hypercall);
	if (r->dir == VMM_DIR_OUT) {
		say(t, " (port 0x500, AL=%u = %s%s%s). ", r->hypercall == HC_COUNT ?
		    (unsigned)(r->value & 0xFF) : r->hypercall, fn,
		    r->hypercall == HC_PUTCHAR ? ", BL=" : "", r->hypercall == HC_PUTCHAR ? b : "");
		io_exit(t, r);
		switch (r->hypercall) {
		case HC_PUTCHAR:
			say(t, "Mini-KVM printed %s to pane %d%s and re-entered the guest with KVM_RUN.",
			    b, in->vcpu, r->flags & VMM_EXITF_WAITED ?
			    " (after waiting for the pane to take the output in)" : "");
			break;
		case HC_EXIT:
			say(t, "Mini-KVM ended this vCPU: it exited normally.");
			break;
		case HC_COUNT:
			say(t, "No such hypercall: Mini-KVM stopped the vCPU with a fault.");
			break;
		default:
			say(t, "Mini-KVM noted the request; the answer goes to the guest's next `in` "
			    "from port 0x500. It re-entered the guest with KVM_RUN.");
		}
		return;
	}
	say(t, " (port 0x500: the answer to %s). ", fn);
	io_exit(t, r);
	if (r->hypercall == HC_GETCHAR && (r->flags & VMM_EXITF_EOF))
		say(t, "The input has ended: Mini-KVM answered 0xff (end of input) in AL");
	else if (r->hypercall == HC_GETCHAR)
		say(t, "Mini-KVM took the next key from pane %d's keyboard queue, %s, into AL", in->vcpu,
		    b);
	else
		say(t, "Mini-KVM put the answer, %u, into AL", (unsigned)(r->value & 0xFF));
	say(t, "%s and re-entered the guest with KVM_RUN.",
	    r->flags & VMM_EXITF_WAITED ? " (the vCPU waited for the key, burning no CPU)" : "");
}

static void com1(struct text *t, const struct explain_input *in)
{
	const struct vmm_exit_record *r = in->exit;
	char b[16];
	byte_words(r->value, b, sizeof(b));
	unsigned reg = (unsigned)(r->addr - COM1_BASE);
	say(t, " (port 0x%llx: COM1, the serial port's register %u). ", (unsigned long long)r->addr,
	    reg);
	io_exit(t, r);
	if (r->dir == VMM_DIR_OUT && reg == 0)
		say(t, "Mini-KVM's model of a 16550 UART took %s from the transmit register and "
		    "printed it to pane %d, as a PUTCHAR would.", b, in->vcpu);
	else if (r->dir == VMM_DIR_OUT)
		say(t, "Mini-KVM's UART model stored 0x%02x in that register.",
		    (unsigned)(r->value & 0xFF));
	else
		say(t, "Mini-KVM's UART model answered 0x%02x%s.", (unsigned)(r->value & 0xFF),
		    reg == 5 ? " (line status: ready to send; bit 0 says whether a key is waiting)"
			     : "");
	say(t, " Then it re-entered the guest with KVM_RUN.");
}

static void other_io(struct text *t, const struct explain_input *in)
{
	const struct vmm_exit_record *r = in->exit;
	say(t, " (port 0x%llx). ", (unsigned long long)r->addr);
	io_exit(t, r);
	if (r->dir == VMM_DIR_OUT)
		say(t, "No device is there: Mini-KVM ignored the write, like an empty ISA bus");
	else
		say(t, "No device is there: Mini-KVM answered all ones, like an empty ISA bus");
	say(t, ", and re-entered the guest with KVM_RUN.");
}

static void mmio(struct text *t, const struct explain_input *in)
{
	const struct vmm_exit_record *r = in->exit;
	say(t, ". It %s %u bytes at guest-physical 0x%llx, where the VM has no RAM. The CPU "
	    "left guest mode: KVM_EXIT_MMIO. ", r->dir == VMM_DIR_WRITE ? "wrote" : "read", r->size,
	    (unsigned long long)r->addr);
	if (r->dir == VMM_DIR_WRITE)
		say(t, "No device is mapped there: Mini-KVM ignored the write");
	else
		say(t, "No device is mapped there: Mini-KVM answered all ones");
	say(t, " and re-entered the guest with KVM_RUN.");
}

/* The exit itself, for the kinds that are not I/O. */
static void other(struct text *t, const struct explain_input *in)
{
	const struct vmm_exit_record *r = in->exit;
	switch (r->reason) {
	case VMM_EXIT_HLT:
		say(t, ". The CPU stops until an interrupt comes, but this VM has no in-kernel "
		    "IRQCHIP, so none ever can: KVM returned KVM_EXIT_HLT, and Mini-KVM ended the "
		    "vCPU as halted (a normal end). With an IRQCHIP the HLT waits inside the kernel "
		    "and never reaches Mini-KVM.");
		break;
	case VMM_EXIT_DEBUG:
		if (r->flags & VMM_EXITF_STEP)
			say(t, ". Single-stepping was on (KVM_SET_GUEST_DEBUG): after one "
			    "instruction the CPU raised a debug trap, which KVM turned into "
			    "KVM_EXIT_DEBUG (exception %llu). Mini-KVM paused the vCPU and read "
			    "its registers.", (unsigned long long)r->value);
		else
			say(t, ". A hardware breakpoint (debug register) fired: KVM_EXIT_DEBUG "
			    "(exception %llu) at 0x%llx. Mini-KVM paused the vCPU there; the others "
			    "keep running.", (unsigned long long)r->value,
			    (unsigned long long)r->addr);
		break;
	case VMM_EXIT_SHUTDOWN:
		say(t, ". An exception could not be delivered, nor the double fault after it: a "
		    "triple fault. The CPU shut down and KVM returned KVM_EXIT_SHUTDOWN; Mini-KVM "
		    "ended the vCPU as faulted.");
		break;
	case VMM_EXIT_INTERNAL:
		say(t, ". KVM could not run it (its instruction emulator does not know it): "
		    "KVM_EXIT_INTERNAL_ERROR, suberror %llu. Mini-KVM ended the vCPU as faulted; "
		    "dmesg has KVM's side.", (unsigned long long)r->value);
		break;
	case VMM_EXIT_FAIL_ENTRY:
		say(t, ". The CPU refused to enter the guest with this state (KVM_EXIT_FAIL_ENTRY, "
		    "hardware reason 0x%llx); Mini-KVM ended the vCPU.", (unsigned long long)r->value);
		break;
	case VMM_EXIT_IRQ_WINDOW:
		say(t, ". The guest can take an interrupt now: KVM_EXIT_IRQ_WINDOW_OPEN. Mini-KVM "
		    "re-entered the guest.");
		break;
	default:
		say(t, ". KVM returned exit reason %llu, which Mini-KVM does not handle: it ended "
		    "the vCPU.", (unsigned long long)r->value);
	}
}

static void timing(struct text *t, const struct explain_input *in)
{
	uint32_t rt = in->exit->round_trip_ns;
	if (!rt)
		return;
	say(t, " Round trip %.1f us", rt / 1e3);
	if (in->median_rt_ns)
		say(t, " (median of this vCPU %.1f us)", in->median_rt_ns / 1e3);
	say(t, ": from the previous exit, through the guest, out to Mini-KVM and back.");
}

size_t explain_exit(const struct explain_input *in, char *buf, size_t n)
{
	struct text t = { buf, n, 0 };
	if (!n)
		return 0;
	buf[0] = '\0';
	executed(&t, in);
	switch (in->exit->reason) {
	case VMM_EXIT_HYPERCALL: hypercall(&t, in); break;
	case VMM_EXIT_COM1: com1(&t, in); break;
	case VMM_EXIT_OTHER_IO: other_io(&t, in); break;
	case VMM_EXIT_MMIO: mmio(&t, in); break;
	default: other(&t, in); break;
	}
	timing(&t, in);
	return t.len;
}

static int by_value(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

uint32_t explain_median_rt(const struct vmm_exit_record *r, size_t n)
{
	uint32_t v[512];
	size_t k = 0;
	for (size_t i = n > 512 ? n - 512 : 0; i < n; i++)
		if (r[i].event == VMM_EVENT_NONE && r[i].round_trip_ns)
			v[k++] = r[i].round_trip_ns;
	if (!k)
		return 0;
	qsort(v, k, sizeof(v[0]), by_value);
	return v[k / 2];
}
