/* regs.c — registers as a student needs them: 16-bit names in real mode (32-bit ones
 * once a guest uses the upper halves), 32 in protected mode, 64 in long mode; a value
 * that differs from the previous snapshot (so: what the last step changed) is
 * highlighted. Disassembly is disasm.c's; layout of the panel is panel.c's.
 */
#include "regs.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "disasm.h"

struct bit_name {
	int bit;
	const char *name;
};

static const struct bit_name cr0_bits[] = {
	{ 0, "PE" }, { 1, "MP" }, { 2, "EM" },  { 3, "TS" },  { 4, "ET" },  { 5, "NE" },
	{ 16, "WP" }, { 18, "AM" }, { 29, "NW" }, { 30, "CD" }, { 31, "PG" }, { -1, NULL },
};
static const struct bit_name cr4_bits[] = {
	{ 0, "VME" },  { 1, "PVI" },   { 2, "TSD" },      { 3, "DE" },          { 4, "PSE" },
	{ 5, "PAE" },  { 6, "MCE" },   { 7, "PGE" },      { 8, "PCE" },         { 9, "OSFXSR" },
	{ 10, "OSXMMEXCPT" }, { 11, "UMIP" }, { 12, "LA57" }, { 16, "FSGSBASE" },
	{ 17, "PCIDE" }, { 18, "OSXSAVE" }, { 20, "SMEP" }, { 21, "SMAP" }, { 22, "PKE" },
	{ -1, NULL },
};
static const struct bit_name efer_bits[] = {
	{ 0, "SCE" }, { 8, "LME" }, { 10, "LMA" }, { 11, "NXE" }, { 12, "SVME" }, { -1, NULL },
};
static const struct bit_name flag_bits[] = {
	{ 0, "CF" }, { 2, "PF" }, { 4, "AF" }, { 6, "ZF" }, { 7, "SF" },
	{ 8, "TF" }, { 9, "IF" }, { 10, "DF" }, { 11, "OF" }, { -1, NULL },
};

/* General registers in display order, with their names per width. */
static const struct {
	size_t off;
	const char *n16, *n32, *n64;
} gprs[16] = {
	{ offsetof(struct vmm_regs, rax), "AX", "EAX", "RAX" },
	{ offsetof(struct vmm_regs, rbx), "BX", "EBX", "RBX" },
	{ offsetof(struct vmm_regs, rcx), "CX", "ECX", "RCX" },
	{ offsetof(struct vmm_regs, rdx), "DX", "EDX", "RDX" },
	{ offsetof(struct vmm_regs, rsi), "SI", "ESI", "RSI" },
	{ offsetof(struct vmm_regs, rdi), "DI", "EDI", "RDI" },
	{ offsetof(struct vmm_regs, rbp), "BP", "EBP", "RBP" },
	{ offsetof(struct vmm_regs, rsp), "SP", "ESP", "RSP" },
	{ offsetof(struct vmm_regs, r8), NULL, NULL, "R8" },
	{ offsetof(struct vmm_regs, r9), NULL, NULL, "R9" },
	{ offsetof(struct vmm_regs, r10), NULL, NULL, "R10" },
	{ offsetof(struct vmm_regs, r11), NULL, NULL, "R11" },
	{ offsetof(struct vmm_regs, r12), NULL, NULL, "R12" },
	{ offsetof(struct vmm_regs, r13), NULL, NULL, "R13" },
	{ offsetof(struct vmm_regs, r14), NULL, NULL, "R14" },
	{ offsetof(struct vmm_regs, r15), NULL, NULL, "R15" },
};

static uint64_t reg_at(const struct vmm_regs *r, size_t off)
{
	uint64_t v;
	memcpy(&v, (const char *)r + off, sizeof(v));
	return v;
}

static attr_t value_attr(bool changed)
{
	return colors_attr(changed ? UI_CHANGED : UI_VALUE);
}

static void put_value(struct panel *p, const char *name, uint64_t val, int digits, bool changed)
{
	panel_put(p, colors_attr(UI_LABEL), "%s ", name);
	uint64_t mask = digits >= 16 ? ~0ULL : (1ULL << (4 * digits)) - 1;
	panel_put(p, value_attr(changed), "%0*llx", digits, (unsigned long long)(val & mask));
}

static void put_bits(struct panel *p, const struct bit_name *bits, uint64_t val)
{
	for (const struct bit_name *b = bits; b->name; b++)
		if (val >> b->bit & 1)
			panel_put(p, colors_attr(UI_TEXT), " %s", b->name);
}

static void draw_mode(struct panel *p, const struct vmm_snapshot *s)
{
	if (!panel_line(p))
		return;
	panel_put(p, A_BOLD, "%s mode", vmm_mode_name(s->mode));
	panel_put(p, colors_attr(UI_TEXT), ", %d-bit, paging %s, CPL %d", disasm_bits(s),
		  s->paging ? "on" : "off", s->cpl);
}

static void draw_gprs(struct panel *p, const struct vmm_snapshot *s, const struct vmm_snapshot *o)
{
	int width = s->mode == VMM_MODE_LONG ? 64 : s->mode == VMM_MODE_PROT ? 32 : 16;
	int n = width == 64 ? 16 : 8;
	for (int k = 0; width == 16 && k < n; k++)
		if (reg_at(&s->regs, gprs[k].off) >> 16)
			width = 32; /* real-mode code using EAX & co.: show what it uses */
	int per_row = width == 64 ? 2 : width == 32 ? 3 : 4;
	int cell = width == 64 ? 22 : width == 32 ? 14 : 10;
	for (int k = 0; k < n; k++) {
		if (k % per_row == 0 && !panel_line(p))
			return;
		panel_tab(p, (k % per_row) * cell);
		uint64_t val = reg_at(&s->regs, gprs[k].off);
		uint64_t mask = width == 64 ? ~0ULL : (1ULL << width) - 1;
		bool changed = o && ((val ^ reg_at(&o->regs, gprs[k].off)) & mask);
		const char *name = width == 64 ? gprs[k].n64 : width == 32 ? gprs[k].n32 : gprs[k].n16;
		char padded[8];
		snprintf(padded, sizeof(padded), width == 64 ? "%-3s" : "%s", name);
		put_value(p, padded, val, width / 4, changed);
	}
}

static void draw_ip_flags(struct panel *p, const struct vmm_snapshot *s, const struct vmm_snapshot *o)
{
	int bits = s->mode == VMM_MODE_LONG ? 64 : s->mode == VMM_MODE_PROT ? 32 : 16;
	if (!panel_line(p))
		return;
	const char *ip = bits == 64 ? "RIP" : bits == 32 ? "EIP" : "IP";
	const char *fl = bits == 64 ? "RFLAGS" : bits == 32 ? "EFLAGS" : "FLAGS";
	put_value(p, ip, s->regs.rip, bits / 4, o && o->regs.rip != s->regs.rip);
	panel_tab(p, p->col + 2);
	put_value(p, fl, s->regs.rflags, bits == 16 ? 4 : 8, o && o->regs.rflags != s->regs.rflags);
	if (!panel_line(p))
		return;
	panel_put(p, colors_attr(UI_LABEL), "flags");
	for (const struct bit_name *b = flag_bits; b->name; b++) {
		bool set = s->regs.rflags >> b->bit & 1;
		bool changed = o && (o->regs.rflags >> b->bit & 1) != set;
		char name[3] = { b->name[0], b->name[1], 0 };
		if (!set)
			name[0] = (char)(name[0] - 'A' + 'a'), name[1] = (char)(name[1] - 'A' + 'a');
		panel_put(p, changed ? colors_attr(UI_CHANGED) : set ? A_BOLD : colors_attr(UI_DIM),
			  " %s", name);
	}
	unsigned iopl = (unsigned)(s->regs.rflags >> 12 & 3);
	if (iopl)
		panel_put(p, colors_attr(UI_TEXT), " IOPL%u", iopl);
}

/* The "next instruction" shown: one entry, decoded again only when the instruction
 * changes, and while the vCPU runs at most every DISASM_RUNNING_NS (the disassembler is
 * a pipe away; a running guest's next instruction is a blur anyway). */
#define DISASM_RUNNING_NS 250000000ULL
struct next_insn {
	enum vmm_cpu_mode mode;
	int bits, len;
	uint64_t ip, decoded_ns;
	uint16_t cs;
	uint8_t code[16], code_len;
	char text[96];
};

static const struct next_insn *next_insn(const struct vmm_snapshot *s, uint64_t now)
{
	static struct next_insn c = { .bits = -1 };
	int bits = disasm_bits(s);
	uint64_t ip = bits == 64 ? s->regs.rip : bits == 32 ? s->regs.rip & 0xFFFFFFFF
							: s->regs.rip & 0xFFFF;
	bool same = c.bits == bits && c.mode == s->mode && c.ip == ip && c.cs == s->sregs.cs.selector &&
		    c.code_len == s->code_len && !memcmp(c.code, s->code, s->code_len);
	if (same || (s->state == VMM_STATE_RUNNING && now - c.decoded_ns < DISASM_RUNNING_NS))
		return &c;
	c.mode = s->mode;
	c.bits = bits;
	c.ip = ip;
	c.cs = s->sregs.cs.selector;
	c.code_len = s->code_len;
	memcpy(c.code, s->code, sizeof(c.code));
	c.len = s->code_len ? disasm_one(s->mode, bits, ip, s->code, s->code_len, c.text,
					  sizeof(c.text)) : 0;
	c.decoded_ns = now;
	return &c;
}

static void draw_next(struct panel *p, const struct vmm_snapshot *s, uint64_t now)
{
	const struct next_insn *n = next_insn(s, now);
	if (!panel_line(p))
		return;
	panel_put(p, colors_attr(UI_LABEL), "next ");
	if (n->mode == VMM_MODE_REAL)
		panel_put(p, colors_attr(UI_VALUE), "%04x:%04llx", n->cs, (unsigned long long)n->ip);
	else
		panel_put(p, colors_attr(UI_VALUE), "%0*llx", n->bits == 64 ? 16 : 8,
			  (unsigned long long)n->ip);
	if (!n->code_len) {
		panel_put(p, colors_attr(UI_DIM), "  (not in guest RAM)");
		return;
	}
	panel_put(p, A_NORMAL, " ");
	for (int k = 0; k < n->len; k++)
		panel_put(p, colors_attr(UI_DIM), " %02x", n->code[k]);
	if (panel_line(p))
		panel_put(p, A_BOLD, "     %s", n->text);
}

/* Text that may need more than one line (last exit, fault message): break at spaces. */
static void draw_wrapped(struct panel *p, const char *label, const char *text, attr_t a, int lines)
{
	int indent = (int)strlen(label);
	if (!panel_line(p))
		return;
	panel_put(p, colors_attr(UI_LABEL), "%s", label);
	while (*text) {
		int cut = wrap_cut(text, (int)strlen(text), p->w - indent);
		panel_tab(p, indent);
		panel_put(p, a, "%.*s", cut, text);
		text += cut;
		while (*text == ' ')
			text++;
		if (!*text || --lines <= 0 || !panel_line(p))
			return;
	}
}

static void draw_segments(struct panel *p, const struct vmm_snapshot *s, const struct vmm_snapshot *o)
{
	const struct vmm_segment *seg[6] = { &s->sregs.cs, &s->sregs.ds, &s->sregs.es,
					     &s->sregs.ss, &s->sregs.fs, &s->sregs.gs };
	const struct vmm_segment *old[6] = { &o->sregs.cs, &o->sregs.ds, &o->sregs.es,
					     &o->sregs.ss, &o->sregs.fs, &o->sregs.gs };
	static const char *const names[6] = { "CS", "DS", "ES", "SS", "FS", "GS" };
	for (int k = 0; k < 6; k++) {
		if (k % 2 == 0 && !panel_line(p))
			return;
		panel_tab(p, (k % 2) * 21);
		bool changed = old[k]->selector != seg[k]->selector || old[k]->base != seg[k]->base;
		put_value(p, names[k], seg[k]->selector, 4, changed && o != s);
		panel_put(p, changed && o != s ? colors_attr(UI_CHANGED) : colors_attr(UI_DIM),
			  " @%08llx", (unsigned long long)seg[k]->base);
	}
}

static void draw_control(struct panel *p, const struct vmm_snapshot *s, const struct vmm_snapshot *o)
{
	const struct vmm_sregs *r = &s->sregs, *q = &o->sregs;
	bool diff = o != s;
	if (panel_line(p)) {
		put_value(p, "CR0", r->cr0, 8, diff && q->cr0 != r->cr0);
		put_bits(p, cr0_bits, r->cr0);
	}
	if (panel_line(p)) {
		put_value(p, "CR4", r->cr4, 8, diff && q->cr4 != r->cr4);
		put_bits(p, cr4_bits, r->cr4);
	}
	if (panel_line(p)) {
		put_value(p, "EFER", r->efer, 8, diff && q->efer != r->efer);
		put_bits(p, efer_bits, r->efer);
	}
	if (panel_line(p)) {
		put_value(p, "CR3", r->cr3, 8, diff && q->cr3 != r->cr3);
		panel_tab(p, 21);
		put_value(p, "CR2", r->cr2, 8, diff && q->cr2 != r->cr2);
	}
}

void regs_draw(const struct ui *ui, struct panel *p)
{
	const struct vcpu_view *v = &ui->v[ui->focus];
	const struct vmm_snapshot *s = &v->cur;
	const struct vmm_snapshot *o = v->have_prev && v->prev.regs_valid ? &v->prev : NULL;
	if (s->state == VMM_STATE_FAULTED && s->error[0])
		draw_wrapped(p, "fault ", s->error, colors_attr(UI_NOTE), 3);
	if (!s->regs_valid) {
		if (panel_line(p))
			panel_put(p, colors_attr(UI_DIM), "registers: not started yet");
		return;
	}
	draw_mode(p, s);
	draw_gprs(p, s, o);
	draw_ip_flags(p, s, o);
	draw_next(p, s, ui->now_ns);
	draw_wrapped(p, "exit ", s->last_exit_text, colors_attr(UI_VALUE), 2);
	draw_segments(p, s, o ? o : s);
	draw_control(p, s, o ? o : s);
}
