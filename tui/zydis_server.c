/* zydis_server.c — build/mini-kvm-disasm, the disassembler as a companion process.
 * Zydis is only shipped as a shared library; keeping it out of build/mini-kvm (a static
 * binary) keeps headless runs small. The TUI starts this on its first disassembly and
 * talks over pipes (zydis_client.c). Protocol, one line each way:
 *   request  "BITS ADDR_HEX BYTES_HEX\n"  (BITS 16, 32 or 64)
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

static void answer(int bits, unsigned long long addr, const uint8_t *bytes, size_t len)
{
	ZydisMachineMode mode = bits == 64 ? ZYDIS_MACHINE_MODE_LONG_64
			      : bits == 32 ? ZYDIS_MACHINE_MODE_LEGACY_32
					   : ZYDIS_MACHINE_MODE_REAL_16;
	ZydisDisassembledInstruction insn;
	if (len == 0 || !ZYAN_SUCCESS(ZydisDisassembleIntel(mode, addr, bytes, len, &insn))) {
		printf("0 (not a valid instruction)\n");
		return;
	}
	printf("%u %s\n", insn.info.length, insn.text);
}

int main(void)
{
	char line[256], hex[128];
	int bits;
	unsigned long long addr;
	while (fgets(line, sizeof(line), stdin)) {
		uint8_t bytes[16];
		hex[0] = '\0';
		if (sscanf(line, "%d %llx %127s", &bits, &addr, hex) < 2) {
			printf("0 (bad request)\n");
		} else {
			answer(bits, addr, bytes, parse_hex_bytes(hex, bytes, sizeof(bytes)));
		}
		fflush(stdout);
	}
	return 0;
}
