/* disasm.c — Zydis behind disasm.h: pick the machine mode the CPU is in and format one
 * instruction in Intel syntax. Real mode and 16-bit protected mode decode alike but are
 * told apart for Zydis, which knows which instructions real mode forbids. Zydis itself
 * runs in the companion process build/mini-kvm-disasm (zydis_client.c says why).
 */
#include "disasm.h"

#include <stdio.h>

#include "zydis_client.h"

int disasm_bits(const struct vmm_snapshot *s)
{
	switch (s->mode) {
	case VMM_MODE_REAL:
		return 16;
	case VMM_MODE_PROT:
		return s->sregs.cs.db ? 32 : 16;
	case VMM_MODE_LONG:
		return s->sregs.cs.l ? 64 : s->sregs.cs.db ? 32 : 16;
	}
	return 16;
}

/* Zydis's machine mode, by the name zydis_server.c understands. */
static const char *machine_mode(enum vmm_cpu_mode mode, int bits)
{
	if (mode == VMM_MODE_REAL)
		return "real16";
	if (mode == VMM_MODE_LONG)
		return bits == 64 ? "long64" : bits == 32 ? "compat32" : "compat16";
	return bits == 32 ? "legacy32" : "legacy16";
}

int disasm_one(enum vmm_cpu_mode mode, int bits, uint64_t ip, const uint8_t *code, size_t len,
	       char *text, size_t size)
{
	int n = zydis_decode(machine_mode(mode, bits), ip, code, len, text, size);
	if (n == 0 && len == 0)
		snprintf(text, size, "(cannot decode)");
	return n;
}
