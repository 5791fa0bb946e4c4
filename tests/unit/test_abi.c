/* test_abi.c — vmm/guest_abi.h and guests/include/hypercall.inc must define the same
 * numbers and tag: parse every %define in the nasm include and compare it with C's.
 */
#include "../harness.h"
#include "../../vmm/guest_abi.h"

struct abi_name {
	const char *name;
	long value;
};

static const struct abi_name c_values[] = {
	{ "HC_PORT", HC_PORT },         { "HC_EXIT", HC_EXIT },
	{ "HC_PUTCHAR", HC_PUTCHAR },   { "HC_GETCHAR", HC_GETCHAR },
	{ "HC_VCPU_ID", HC_VCPU_ID },   { "HC_VCPU_COUNT", HC_VCPU_COUNT },
	{ "HC_INPUT_ENDED", HC_INPUT_ENDED },
	{ "HC_COUNT", HC_COUNT },       { "HC_EOF", HC_EOF },
	{ "COM1_BASE", COM1_BASE },     { "COM1_LSR", COM1_LSR },
	{ "COM1_LSR_DATA_READY", COM1_LSR_DATA_READY },
	{ "COM1_LSR_THR_EMPTY", COM1_LSR_THR_EMPTY },
};

int main(void)
{
	FILE *f = fopen("guests/include/hypercall.inc", "r");
	if (!f) {
		fprintf(stderr, "cannot open guests/include/hypercall.inc (run from the repo root)\n");
		return 1;
	}
	int found[sizeof(c_values) / sizeof(c_values[0])] = { 0 };
	bool tag_found = false;
	char line[256], name[64], value[64];
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, " %%define %63s %63s", name, value) != 2)
			continue;
		if (strcmp(name, "GUEST_IRQCHIP_TAG") == 0) {
			tag_found = true;
			CHECK_STR(value, "\"" GUEST_IRQCHIP_TAG "\"");
			continue;
		}
		if (value[0] == '"' || strcmp(name, "IRQCHIP_TAG") == 0)
			continue; /* IRQCHIP_TAG: the older name, an alias */
		long v = strtol(value, NULL, 0);
		bool known = false;
		for (size_t i = 0; i < sizeof(c_values) / sizeof(c_values[0]); i++) {
			if (strcmp(name, c_values[i].name) == 0) {
				known = true;
				found[i]++;
				if (v != c_values[i].value)
					fprintf(stderr, "%s: nasm %ld, C %ld\n", name, v, c_values[i].value);
				CHECK_EQ(v, c_values[i].value);
			}
		}
		if (!known)
			fprintf(stderr, "hypercall.inc defines %s, which guest_abi.h lacks\n", name);
		CHECK(known);
	}
	fclose(f);
	CHECK(tag_found);
	for (size_t i = 0; i < sizeof(c_values) / sizeof(c_values[0]); i++) {
		if (found[i] != 1)
			fprintf(stderr, "%s is defined %d times in hypercall.inc\n", c_values[i].name, found[i]);
		CHECK_EQ(found[i], 1);
	}
	HARNESS_END();
}
