/* idt.c — the IDT (exceptions 0-31, PIC IRQs at 0x20-0x2F, int 0x80 with DPL 3) and
 * trap(), where every entry to the kernel is sorted out. On kvm-pvm hosts `int 0x80`
 * from ring 3 arrives as #UD at the instruction: we recognise its bytes CD 80 and treat
 * it as the system call it is; on hardware KVM it comes through gate 0x80.
 */
#include "io.h"
#include "k64.h"

#define IRQ_BASE 0x20
#define VEC_UD 6
#define VEC_SYSCALL 0x80

struct idt_gate {
	uint16_t offset_lo, selector;
	uint8_t ist, type; /* type: P, DPL, 0xE = 64-bit interrupt gate (clears IF) */
	uint16_t offset_mid;
	uint32_t offset_hi, zero;
} __attribute__((packed));

struct idtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(int v, uint64_t handler, int dpl)
{
	idt[v] = (struct idt_gate){ .offset_lo = handler & 0xFFFF, .selector = SEL_KCODE,
				    .type = (uint8_t)(0x8E | dpl << 5),
				    .offset_mid = (handler >> 16) & 0xFFFF,
				    .offset_hi = (uint32_t)(handler >> 32) };
}

void idt_init(void)
{
	for (int v = 0; v < 48; v++)
		set_gate(v, trap_stubs[v], 0);
	set_gate(VEC_SYSCALL, (uint64_t)trap_stub_128, 3); /* DPL 3: ring 3 may use it */
	struct idtr r = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(r));
}

static void irq(uint32_t line)
{
	if (line == 0)
		timer_irq();
	if (line == 7 || line == 15)
		return; /* spurious: masked lines the PIC reports anyway; no EOI */
	if (line >= 8)
		outb(0xA0, 0x20);
	outb(0x20, 0x20);
}

/* Is the instruction at rip `int 0x80`? Only ever read mapped user text. */
static int is_int80(uint64_t rip)
{
	if (!user_range_ok(rip, 2, 0))
		return 0;
	const uint8_t *p = (const uint8_t *)rip;
	return p[0] == 0xCD && p[1] == 0x80;
}

void trap(struct trapframe *tf)
{
	int from_user = (tf->cs & 3) == 3;
	if (tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + 16) {
		irq((uint32_t)tf->vector - IRQ_BASE);
	} else if (tf->vector == VEC_SYSCALL && from_user) {
		syscall_count++;
		syscall_dispatch(tf);
	} else if (tf->vector == VEC_UD && from_user && is_int80(tf->rip)) {
		tf->rip += 2; /* as if the gate had run: return after the instruction */
		syscall_count++;
		syscall_count_ud++;
		syscall_dispatch(tf);
	} else if (from_user) {
		process_fault(tf);
	} else {
		kernel_panic(tf);
	}
}
