/* tsc.c — uptime without interrupts: the TSC, calibrated once at boot by letting PIT
 * channel 2 count down 50 ms (mode 0) and polling its output on port 0x61, the way PC
 * firmware and Linux do. 64-by-32-bit division is done with one DIVL (no libgcc).
 */
#include "io.h"
#include "k32.h"

#define PIT_INPUT_HZ 1193182
#define CALIBRATION_MS 50
#define PORT_SPEAKER 0x61 /* bit 0: channel 2 gate, bit 1: speaker, bit 5: channel 2 out */

uint64_t tsc_boot;
static uint32_t tsc_per_ms;

/* n / d when the quotient fits in 32 bits (saturates otherwise). */
static uint32_t udiv64_32(uint64_t n, uint32_t d)
{
	uint32_t hi = (uint32_t)(n >> 32), lo = (uint32_t)n, q, r;
	if (hi >= d)
		return 0xFFFFFFFFu;
	__asm__("divl %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
	return q;
}

void tsc_calibrate(void)
{
	uint16_t count = PIT_INPUT_HZ * CALIBRATION_MS / 1000;
	outb(PORT_SPEAKER, (uint8_t)((inb(PORT_SPEAKER) & ~0x02) | 0x01));
	outb(0x43, 0xB0); /* channel 2, low then high byte, mode 0 (count down once) */
	outb(0x42, count & 0xFF);
	outb(0x42, count >> 8);
	uint64_t t0 = rdtsc(), t1;
	/* Bounded: without a PIT the bit may never rise (or be set at once: too fast). */
	while (!(inb(PORT_SPEAKER) & 0x20) && (t1 = rdtsc()) - t0 < (1ULL << 33))
		;
	t1 = rdtsc();
	uint32_t per_ms = udiv64_32(t1 - t0, CALIBRATION_MS);
	tsc_per_ms = per_ms >= 100000 && t1 - t0 < (1ULL << 33) ? per_ms : 0;
}

uint32_t tsc_uptime_ms(void)
{
	return tsc_per_ms ? udiv64_32(rdtsc() - tsc_boot, tsc_per_ms) : 0;
}
