/* test_error.c — error lines never overflow their buffer: error_appendf clamps and marks
 * the cut, a 250-character guest name is shortened and the reason still fits. */
#include "../harness.h"
#include "../../vmm/error.h"

/* The buffer under test sits between two guard areas that must stay untouched. */
static struct {
	char before[64];
	char buf[VMM_ERROR_LEN];
	char after[512];
} g;

static void guards_set(void)
{
	memset(&g, 0x5a, sizeof(g));
}

static bool guards_ok(void)
{
	for (size_t i = 0; i < sizeof(g.before); i++)
		if (g.before[i] != 0x5a)
			return false;
	for (size_t i = 0; i < sizeof(g.after); i++)
		if (g.after[i] != 0x5a)
			return false;
	return true;
}

int main(void)
{
	char small[8];
	size_t len = 0;
	error_appendf(small, sizeof(small), &len, "abc");
	CHECK_EQ(len, 3);
	error_appendf(small, sizeof(small), &len, "%d", 12);
	CHECK_STR(small, "abc12");
	error_appendf(small, sizeof(small), &len, "%s", "defghij");
	CHECK_EQ(len, 7);
	CHECK_STR(small, "abc1...");
	error_appendf(small, sizeof(small), &len, "more");
	CHECK_EQ(len, 7);
	CHECK_EQ(strlen(small), 7);

	char name[251];
	memset(name, 'a', 250);
	name[250] = '\0';
	guards_set();
	struct error_ctx ctx = { 0, name, g.buf };
	CHECK_EQ(error_text(&ctx, -2, "cannot open image: %s", "No such file or directory"), -2);
	CHECK(guards_ok());
	CHECK_EQ(strlen(g.buf), 7 + 61 + 3 + 3 + strlen("cannot open image: No such file or directory"));
	CHECK_CONTAINS(g.buf, "aaa...): cannot open image: No such file or directory");
	CHECK(strncmp(g.buf, "vcpu0 (aaaa", 11) == 0);

	/* A reason longer than the buffer is cut with "...", never written past the end. */
	char reason[600];
	memset(reason, 'r', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	guards_set();
	error_text(&ctx, -22, "%s", reason);
	CHECK(guards_ok());
	CHECK_EQ(strlen(g.buf), VMM_ERROR_LEN - 1);
	CHECK_STR(g.buf + VMM_ERROR_LEN - 4, "...");
	guards_set();
	CHECK_EQ(error_errno(&ctx, reason, 5), -5);
	CHECK(guards_ok());
	CHECK_EQ(strlen(g.buf), VMM_ERROR_LEN - 1);

	/* Short names are printed whole; no vCPU means just the name. */
	struct error_ctx plain = { -1, "hello.bin", g.buf };
	error_errno(&plain, "read image", 5);
	CHECK_STR(g.buf, "hello.bin: read image failed: Input/output error (errno 5)");
	HARNESS_END();
}
