/* test_tui_visible.c — the one sanitiser: printable ASCII as itself, control bytes as ^X
 * (^? for DEL), bytes from 0x80 as \xNN; strings cut at a whole byte's form. */
#include "../harness.h"
#include "../../tui/visible.h"

static const char *vis(unsigned char c)
{
	static char out[5];
	int n = visible_byte(c, out);
	CHECK_EQ(n, strlen(out));
	return out;
}

int main(void)
{
	CHECK_STR(vis('a'), "a");
	CHECK_STR(vis(' '), " ");
	CHECK_STR(vis('~'), "~");
	CHECK_STR(vis(0x00), "^@");
	CHECK_STR(vis('\n'), "^J");
	CHECK_STR(vis(0x1b), "^[");
	CHECK_STR(vis(0x1f), "^_");
	CHECK_STR(vis(0x7f), "^?");
	CHECK_STR(vis(0x80), "\\x80");
	CHECK_STR(vis(0x9b), "\\x9b");
	CHECK_STR(vis(0xff), "\\xff");
	for (int c = 0; c < 256; c++) {
		char out[5];
		int n = visible_byte((unsigned char)c, out);
		CHECK(n == 1 || n == 2 || n == 4);
		for (int i = 0; i < n; i++)
			CHECK(out[i] >= 0x20 && out[i] < 0x7f);
	}

	char out[16];
	CHECK_EQ(visible_str("ok\033]0;x\a", out, sizeof(out)), 10);
	CHECK_STR(out, "ok^[]0;x^G");
	CHECK_EQ(visible_str("a\nb", out, sizeof(out)), 4);
	CHECK_STR(out, "a^Jb");
	/* cut at a whole byte's form: "ab" fits in 4 bytes, "\x9b" does not */
	CHECK_EQ(visible_str("ab\x9b", out, 5), 2);
	CHECK_STR(out, "ab");
	CHECK_EQ(visible_str("abc", out, 1), 0);
	CHECK_STR(out, "");
	HARNESS_END();
}
