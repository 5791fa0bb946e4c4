/* fuzz_cli.c — libFuzzer target: bytes -> argv -> cli_parse. Arguments are the input
 * split at NUL bytes (at most 40). Whatever it says must be one line that fits, and
 * shown through the sanitiser it must hold no control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/cli.h"
#include "../../tui/visible.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ARGS_MAX 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *argv[ARGS_MAX + 2] = { (char *)"mini-kvm" };
	int argc = 1;
	for (size_t i = 0; i < size && argc <= ARGS_MAX; argc++) {
		argv[argc] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	struct cli_options o;
	char err[VMM_ERROR_LEN];
	int r = cli_parse(argc, argv, &o, err);
	if (r != 0) {
		size_t len = strnlen(err, sizeof(err));
		char vis[4 * VMM_ERROR_LEN];
		if (len == 0 || len >= sizeof(err) || visible_str(err, vis, sizeof(vis)) < len)
			abort();
		for (char *p = vis; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
				abort();
	} else if (!o.help && !o.version) {
		if (o.vm.nimages < 1 || o.vm.nimages > VMM_MAX_VCPUS)
			abort();
	}
	free(copy);
	return 0;
}
