/* zydis_client.h — disassemble one instruction through build/mini-kvm-disasm (Zydis in a
 * companion process; see zydis_server.c for why). UI thread only.
 */
#ifndef TUI_ZYDIS_CLIENT_H
#define TUI_ZYDIS_CLIENT_H

#include <stddef.h>
#include <stdint.h>

/* mode = a Zydis machine mode by name: real16, legacy16, legacy32, compat16, compat32,
 * long64 (or plain 16, 32, 64). Returns the instruction's length and its Intel-syntax text in
 * out, or 0 with out saying why not (undecodable, or the disassembler is missing). */
int zydis_decode(const char *mode, uint64_t addr, const uint8_t *bytes, size_t len, char *out,
		 size_t outlen);
/* Stop the companion process (at exit; it also ends by itself when we go away). */
void zydis_shutdown(void);

#endif
