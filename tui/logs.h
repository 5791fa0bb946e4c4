/* logs.h — --log DIR: one file per vCPU, DIR/vcpuN.log, holding exactly the bytes that
 * vCPU printed. Shared by the headless frontend and the TUI; writing is theirs.
 */
#ifndef TUI_LOGS_H
#define TUI_LOGS_H

#include "../vmm/vmm.h"

/* Sets fds[0..VMM_MAX_VCPUS) to -1, then, if dir is set, creates it when missing and
 * opens one file per vCPU. Returns 0, or VMM_STATUS_USAGE after one line on stderr
 * (call logs_close either way). */
int logs_open(const char *dir, struct vmm *vmm, int fds[VMM_MAX_VCPUS]);
void logs_close(int fds[VMM_MAX_VCPUS]);

#endif
