/* timer.c — the 8259 PIC moved to vectors 0x20-0x2F (0-31 belong to CPU exceptions),
 * the 8254 PIT at 100 Hz on IRQ0, and the TSC calibrated against ten of its ticks so
 * that uptime is right even when ticks were missed (a vCPU waiting in GETCHAR takes
 * no interrupts).
 */
#include "io.h"
#include "k64.h"

#define PIT_HZ 100
#define PIT_INPUT_HZ 1193182
#define CALIBRATION_TICKS 10
#define IRQ_VECTOR_BASE 0x20

uint64_t tsc_boot;
static volatile uint32_t ticks;
static uint64_t tsc_per_ms;

static void pic_remap(void)
{
	outb(0x20, 0x11); /* ICW1: edge triggered, cascade, ICW4 follows */
	outb(0xA0, 0x11);
	outb(0x21, IRQ_VECTOR_BASE);     /* ICW2: master IRQ 0-7 -> 0x20-0x27 */
	outb(0xA1, IRQ_VECTOR_BASE + 8); /*       slave IRQ 8-15 -> 0x28-0x2F */
	outb(0x21, 0x04); /* ICW3: slave on IRQ2 */
	outb(0xA1, 0x02);
	outb(0x21, 0x01); /* ICW4: 8086 mode */
	outb(0xA1, 0x01);
	outb(0x21, 0xFE); /* mask every line but IRQ0 */
	outb(0xA1, 0xFF);
}

static void pit_start(void)
{
	uint16_t divisor = (PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ;
	outb(0x43, 0x34); /* channel 0, low then high byte, mode 2 (rate generator) */
	outb(0x40, divisor & 0xFF);
	outb(0x40, divisor >> 8);
}

/* Sleep until the next tick: STI's one-instruction delay makes STI; HLT atomic. */
static void wait_tick(void)
{
	uint32_t t = ticks;
	while (ticks == t)
		__asm__ volatile("sti; hlt; cli" ::: "memory");
}

void timer_init(void)
{
	pic_remap();
	pit_start();
	wait_tick();
	uint64_t t0 = rdtsc();
	for (int i = 0; i < CALIBRATION_TICKS; i++)
		wait_tick();
	tsc_per_ms = (rdtsc() - t0) / (CALIBRATION_TICKS * 1000 / PIT_HZ);
}

void timer_irq(void)
{
	ticks++;
}

uint32_t timer_ticks(void)
{
	return ticks;
}

uint32_t uptime_ms(void)
{
	return tsc_per_ms ? (uint32_t)((rdtsc() - tsc_boot) / tsc_per_ms) : 0;
}
