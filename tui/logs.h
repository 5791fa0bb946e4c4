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

/* Open DIR/vcpuN.log for writing (created or truncated). Only a regular file: a symbolic
 * link or a FIFO is refused at once. Returns the fd, or -1 after one line on stderr. */
int logs_open_one(const char *dir, int vcpu, const char *guest);

#endif
