/* fuzz_pagewalk.c — libFuzzer target: bytes -> guest RAM + control registers -> a walk and
 * the info-mem summary. Header (13 bytes): flags (bit 0 PG, 1 PAE, 2 LMA, 3 PSE, 4 NXE,
 * 5 WP, 6 LA57, 7 SMEP), CR3 / 32 (2 bytes), the linear address (8), the access (1); the
 * rest is RAM, exactly that long, so a read past its end is caught. The walk must end
 * within 4 levels, say something true of RAM, and fit every buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/pagewalk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 13)
		return 0;
	uint8_t f = data[0];
	struct pagewalk_cpu cpu = {
		.cr0 = 1 | (f & 1 ? 1ULL << 31 : 0) | (f & 32 ? 1ULL << 16 : 0),
		.cr3 = ((uint64_t)data[1] | (uint64_t)data[2] << 8) << 5,
		.cr4 = (f & 2 ? 1ULL << 5 : 0) | (f & 8 ? 1ULL << 4 : 0) | (f & 64 ? 1ULL << 12 : 0) |
		       (f & 128 ? 1ULL << 20 : 0),
		.efer = (f & 4 ? 1ULL << 10 : 0) | (f & 16 ? 1ULL << 11 : 0),
		.phys_bits = 32 + data[12] % 24,
	};
	uint64_t la = 0;
	for (int i = 0; i < 8; i++)
		la |= (uint64_t)data[3 + i] << (8 * i);
	size_t ram_size = size - 13;
	uint8_t *ram = malloc(ram_size ? ram_size : 1);
	if (!ram)
		return 0;
	memcpy(ram, data + 13, ram_size);

	struct pagewalk_result r;
	enum pagewalk_status st = pagewalk(ram, ram_size, &cpu, la, data[11] & 15, &r);
	check(st == r.status && r.nlevels >= 0 && r.nlevels <= 4);
	check(r.stop_level >= -1 && r.stop_level < 4);
	check(st != PAGEWALK_OK || r.phys_in_ram == (r.phys < ram_size));
	check(!r.allowed || st == PAGEWALK_OK);
	check(!r.deny_reason || (r.deny_level >= 0 && r.deny_level < r.nlevels));
	for (int i = 0; i < r.nlevels; i++)
		check(r.level[i].entry_addr + r.level[i].width <= ram_size);
	char out[2048];
	check(pagewalk_format(&r, out, sizeof(out)) == strlen(out));
	pagewalk_format(&r, out, 50);

	struct pagewalk_range rg[16];
	struct pagewalk_ranges_info info;
	size_t n = pagewalk_ranges(ram, ram_size, &cpu, rg, 16, &info);
	check(n == info.count && n <= 16);
	check(info.entries_read <= PAGEWALK_RANGES_BUDGET);
	for (size_t i = 1; i < n; i++)
		check(rg[i].start >= rg[i - 1].start + rg[i - 1].size || rg[i].start < rg[i - 1].start);
	check(pagewalk_format_ranges(rg, &info, r.mode, out, sizeof(out)) == strlen(out));
	free(ram);
	return 0;
}
