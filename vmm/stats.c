/* stats.c — counting exits: totals, by reason, by hypercall, and the exit-to-exit
 * round trip (one full cycle: guest runs, exits, the VMM handles it, re-enters).
 */
#include "stats.h"

#include "hypercall.h"

void stats_count_exit(struct vmm_stats *s, uint64_t last_exit_ns, uint64_t t_exit)
{
	s->exits++;
	if (!last_exit_ns)
		return;
	uint64_t rt = t_exit - last_exit_ns;
	if (!s->rt_count || rt < s->rt_min_ns)
		s->rt_min_ns = rt;
	if (rt > s->rt_max_ns)
		s->rt_max_ns = rt;
	s->rt_sum_ns += rt;
	s->rt_count++;
}

void stats_count_reason(struct vmm_stats *s, enum vmm_exit_reason reason, int hypercall)
{
	if (reason >= 0 && reason < VMM_EXIT__COUNT)
		s->by_reason[reason]++;
	if (hypercall >= 0)
		s->by_hypercall[hypercall < HC_COUNT ? hypercall : HC_COUNT]++;
}
