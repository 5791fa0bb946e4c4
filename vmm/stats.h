/* stats.h — per-vCPU counters: exits by reason and by hypercall, round trips. Written
 * only by the vCPU thread into its private struct vmm_stats; the UI sees copies inside
 * snapshots. Formatting them is the frontend's job.
 */
#ifndef VMM_STATS_H
#define VMM_STATS_H

#include "vmm.h"

/* One finished exit: counts it in the total, by reason and hypercall, and its round trip. */
void stats_count(struct vmm_stats *s, const struct vmm_exit_record *r);

#endif
