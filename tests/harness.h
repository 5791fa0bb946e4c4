/* harness.h — CHECK / CHECK_EQ / SKIP for the C tests: each test is a small program that
 * exits 0 (pass), 1 (a check failed) or 77 (skipped, reason printed). Header-only.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int harness_failures;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
			harness_failures++;                                              \
		}                                                                        \
	} while (0)

#define CHECK_EQ(got, want)                                                              \
	do {                                                                             \
		uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);                    \
		if (g_ != w_) {                                                          \
			fprintf(stderr, "%s:%d: %s = %" PRIu64 " (0x%" PRIx64 "), want %" PRIu64 \
				" (0x%" PRIx64 ")\n", __FILE__, __LINE__, #got, g_, g_, w_, w_); \
			harness_failures++;                                              \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want)                                                             \
	do {                                                                             \
		const char *g_ = (got), *w_ = (want);                                    \
		if (strcmp(g_, w_) != 0) {                                               \
			fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				#got, g_, w_);                                           \
			harness_failures++;                                              \
		}                                                                        \
	} while (0)

#define CHECK_CONTAINS(got, part)                                                        \
	do {                                                                             \
		const char *g_ = (got), *p_ = (part);                                    \
		if (!strstr(g_, p_)) {                                                   \
			fprintf(stderr, "%s:%d: %s = \"%s\", should contain \"%s\"\n",    \
				__FILE__, __LINE__, #got, g_, p_);                       \
			harness_failures++;                                              \
		}                                                                        \
	} while (0)

#define SKIP(...)                                                                        \
	do {                                                                             \
		printf("SKIP: " __VA_ARGS__);                                             \
		printf("\n");                                                            \
		exit(77);                                                                \
	} while (0)

#define HARNESS_END()                                                                    \
	do {                                                                             \
		if (harness_failures)                                                    \
			fprintf(stderr, "%d check(s) failed\n", harness_failures);       \
		return harness_failures ? 1 : 0;                                         \
	} while (0)

static inline void harness_need_kvm(void)
{
	const char *dev = getenv("MINI_KVM_DEVICE");
	if (access(dev ? dev : "/dev/kvm", R_OK | W_OK) != 0)
		SKIP("/dev/kvm is missing or not accessible");
}

#endif
