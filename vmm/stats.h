/* stats.h — per-vCPU counters: exits by reason and by hypercall, round trips, time.
 * Written only by the vCPU thread into its private struct vmm_stats; the UI sees copies
 * inside snapshots. Formatting the table for --stats is the frontend's job.
 */
#ifndef VMM_STATS_H
#define VMM_STATS_H

#include <stdint.h>

#include "vmm.h"

/* An exit returned at t_exit; the previous one at last_exit_ns (0 = none). */
void stats_count_exit(struct vmm_stats *s, uint64_t last_exit_ns, uint64_t t_exit);
/* What the exit was: reason, and the hypercall function (-1 if none). */
void stats_count_reason(struct vmm_stats *s, enum vmm_exit_reason reason, int hypercall);

#endif
