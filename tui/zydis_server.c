/* zydis_server.c — build/mini-kvm-disasm, the disassembler as a companion process.
 * Zydis is only shipped as a shared library; keeping it out of build/mini-kvm (a static
 * binary) keeps headless runs small. The TUI starts this on its first disassembly and
 * talks over pipes (zydis_client.c). Protocol, one line each way:
 *   request  "MODE ADDR_HEX BYTES_HEX\n"  (MODE real16 legacy16 legacy32 compat16
 *                                          compat32 long64, or 16 32 64)
 *   response "LENGTH TEXT\n"             (LENGTH 0: undecodable, TEXT says why)
 */
#include <Zydis/Zydis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t parse_hex_bytes(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	while (n < cap && hex[0] && hex[1]) {
		unsigned v;
		if (sscanf(hex, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

static const struct {
	const char *name;
	ZydisMachineMode mode;
} modes[] = {
	{ "real16", ZYDIS_MACHINE_MODE_REAL_16 },     { "16", ZYDIS_MACHINE_MODE_REAL_16 },
	{ "legacy16", ZYDIS_MACHINE_MODE_LEGACY_16 }, { "legacy32", ZYDIS_MACHINE_MODE_LEGACY_32 },
	{ "32", ZYDIS_MACHINE_MODE_LEGACY_32 },       { "compat16", ZYDIS_MACHINE_MODE_LONG_COMPAT_16 },
	{ "compat32", ZYDIS_MACHINE_MODE_LONG_COMPAT_32 }, { "long64", ZYDIS_MACHINE_MODE_LONG_64 },
	{ "64", ZYDIS_MACHINE_MODE_LONG_64 },
};

static void answer(ZydisMachineMode mode, unsigned long long addr, const uint8_t *bytes,
		   size_t len)
{
	ZydisDisassembledInstruction insn;
	if (len == 0 || !ZYAN_SUCCESS(ZydisDisassembleIntel(mode, addr, bytes, len, &insn))) {
		printf("0 (not a valid instruction)\n");
		return;
	}
	printf("%u %s\n", insn.info.length, insn.text);
}

int main(void)
{
	char line[256], name[16], hex[128];
	unsigned long long addr;
	while (fgets(line, sizeof(line), stdin)) {
		uint8_t bytes[16];
		hex[0] = '\0';
		size_t m = sizeof(modes) / sizeof(modes[0]);
		if (sscanf(line, "%15s %llx %127s", name, &addr, hex) >= 2)
			for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
				if (strcmp(name, modes[m].name) == 0)
					break;
		if (m == sizeof(modes) / sizeof(modes[0]))
			printf("0 (bad request)\n");
		else
			answer(modes[m].mode, addr, bytes, parse_hex_bytes(hex, bytes, sizeof(bytes)));
		fflush(stdout);
	}
	return 0;
}
