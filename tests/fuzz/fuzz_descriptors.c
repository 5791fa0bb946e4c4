/* fuzz_descriptors.c — libFuzzer target: bytes -> GDT/LDT/IDT entries and a TSS. The
 * first byte picks the table (bits 0-1) and the mode (bits 2-3), the next four are the
 * table's limit (little-endian), the rest are the table's bytes, exactly as many as read
 * from the guest (an over-read is past the allocation). Every line must fit its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/descriptors.h"
#include "../../vmm/tss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 5)
		return 0;
	enum desc_table table = (enum desc_table)(data[0] & 3) % 3;
	enum desc_mode mode = (enum desc_mode)((data[0] >> 2) & 3) % 3;
	uint32_t limit = (uint32_t)data[1] | (uint32_t)data[2] << 8 | (uint32_t)data[3] << 16 |
			 (uint32_t)data[4] << 24;
	size_t have = size - 5;
	uint8_t *bytes = malloc(have ? have : 1);
	if (!bytes)
		return 0;
	memcpy(bytes, data + 5, have);

	struct desc d[64];
	char line[256], out[2048];
	size_t n = desc_decode_table(bytes, have, limit, table, mode, d, 64);
	check(n <= 64 && n * 4 <= have + 16);
	for (size_t i = 0; i < n; i++) {
		check(d[i].size == 4 || d[i].size == 8 || d[i].size == 16);
		check(desc_type_name(&d[i]) != NULL);
		int len = desc_format(&d[i], table, line, sizeof(line));
		check(len >= 0 && strlen(line) < sizeof(line));
		if (d[i].cls == DESC_CLASS_TSS) {
			struct tss_info t;
			tss_decode(bytes, have, tss_kind_of(&d[i]), &t);
			check(t.have <= have && t.have <= 104);
			check(tss_format(&t, out, sizeof(out)) == strlen(out));
		}
	}
	size_t sizes[] = { 0, 1, 40, 120, sizeof(out) };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t len = desc_format_table(bytes, have, 0x1000, limit, table, mode, out, sizes[i]);
		check(sizes[i] == 0 || (len < sizes[i] && strlen(out) == len));
	}
	free(bytes);
	return 0;
}
