/* disasm.h — one instruction to text, for the "next instruction" line of the register
 * panel. The only file that knows Zydis exists (disasm.c), so another disassembler could
 * replace it without touching the rest.
 */
#ifndef TUI_DISASM_H
#define TUI_DISASM_H

#include <stddef.h>
#include <stdint.h>

#include "../vmm/vmm.h"

/* Code size of the running code: 16, 32 or 64 bits (real mode is always 16; protected
 * mode follows CS.D; long mode is 64 with CS.L, else compatibility mode). */
int disasm_bits(const struct vmm_snapshot *s);

/* Decode the instruction at the start of code[0..len) as the CPU would in mode/bits; ip is
 * the instruction pointer (relative jumps are shown as targets in the same space). Writes
 * Intel syntax into text and returns the instruction length, or 0 if undecodable. */
int disasm_one(enum vmm_cpu_mode mode, int bits, uint64_t ip, const uint8_t *code, size_t len,
	       char *text, size_t size);

#endif
