/* pagewalk_impl.h — what pagewalk.c, pagewalk_ranges.c and pagewalk_text.c share and
 * nobody else needs: the shape of each paging mode (levels, index bits, entry widths)
 * and the rules for one entry (reserved bits, leaf or not, where it leads).
 */
#ifndef VMM_PAGEWALK_IMPL_H
#define VMM_PAGEWALK_IMPL_H

#include "pagewalk.h"

struct pagewalk_level_def {
	const char *name, *table;
	unsigned shift;      /* the linear-address bit its index starts at */
	unsigned bits;       /* index bits */
	unsigned width;      /* entry bytes */
	bool large;          /* PS makes a leaf here */
};

struct pagewalk_geometry {
	enum pagewalk_mode mode;
	const struct pagewalk_level_def *lv;
	int n;               /* levels (0 when paging is off or not walked) */
	uint64_t top;        /* the top table's physical address, from CR3 */
	uint64_t addr_mask;  /* bits M-1:12 */
	unsigned phys_bits;
	bool nxe, pse;
};

void pagewalk_geometry(const struct pagewalk_cpu *cpu, struct pagewalk_geometry *g);
bool pagewalk_is_leaf(const struct pagewalk_geometry *g, int level, uint64_t e);
uint64_t pagewalk_reserved(const struct pagewalk_geometry *g, int level, uint64_t e);
uint64_t pagewalk_next(const struct pagewalk_geometry *g, int level, uint64_t e);
bool pagewalk_has_rights(const struct pagewalk_geometry *g, int level);
uint32_t pagewalk_entry_flags(uint64_t e, unsigned width);
/* false if [addr, addr+width) is not inside ram */
bool pagewalk_read_entry(const uint8_t *ram, uint64_t ram_size, uint64_t addr, unsigned width,
			 uint64_t *e);

#endif
