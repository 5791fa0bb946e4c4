/* stats.c — counting exits: the total (always the sum of the rows by reason), by reason,
 * by hypercall, and the exit-to-exit round trip (one full cycle: guest runs, exits, the
 * VMM handles it, re-enters). Kicks are counted apart, by vcpu_run.c.
 */
#include "stats.h"

void stats_count(struct vmm_stats *s, const struct vmm_exit_record *r)
{
	s->exits++;
	s->by_reason[r->reason < VMM_EXIT__COUNT ? r->reason : VMM_EXIT_OTHER]++;
	if (r->hypercall != VMM_HC_NONE && r->dir == VMM_DIR_OUT) /* a call is its OUT */
		s->by_hypercall[r->hypercall < HC_COUNT ? r->hypercall : HC_COUNT]++;
	if (!r->round_trip_ns)
		return;
	uint64_t rt = r->round_trip_ns;
	if (!s->rt_count || rt < s->rt_min_ns)
		s->rt_min_ns = rt;
	if (rt > s->rt_max_ns)
		s->rt_max_ns = rt;
	s->rt_sum_ns += rt;
	s->rt_count++;
}
