/* names.c — the words the UI shows for the core's enums: run states, CPU modes, exit
 * reasons. (Hypercall names live with the hypercall table in hypercall.c; a whole exit
 * record in words is exit_text.c's.)
 */
#include "vmm.h"

static const char *const state_names[VMM_STATE__COUNT] = {
	[VMM_STATE_CREATED] = "created",
	[VMM_STATE_RUNNING] = "running",
	[VMM_STATE_PAUSED] = "paused",
	[VMM_STATE_STEPPING] = "stepping",
	[VMM_STATE_WAITING] = "waiting for input",
	[VMM_STATE_BLOCKED] = "output full",
	[VMM_STATE_HALTED] = "halted",
	[VMM_STATE_EXITED] = "exited",
	[VMM_STATE_INPUT_ENDED] = "input ended",
	[VMM_STATE_FAULTED] = "faulted",
	[VMM_STATE_STOPPED] = "stopped",
};

static const char *const reason_names[VMM_EXIT__COUNT] = {
	[VMM_EXIT_HYPERCALL] = "hypercall (port 0x500)",
	[VMM_EXIT_COM1] = "COM1 (port 0x3f8)",
	[VMM_EXIT_OTHER_IO] = "other port I/O",
	[VMM_EXIT_MMIO] = "MMIO",
	[VMM_EXIT_HLT] = "HLT",
	[VMM_EXIT_DEBUG] = "debug (single step)",
	[VMM_EXIT_IRQ_WINDOW] = "IRQ window",
	[VMM_EXIT_SHUTDOWN] = "shutdown (triple fault)",
	[VMM_EXIT_INTERNAL] = "internal error",
	[VMM_EXIT_FAIL_ENTRY] = "failed entry",
	[VMM_EXIT_OTHER] = "other",
};

const char *vmm_state_name(enum vmm_run_state s)
{
	return s >= 0 && s < VMM_STATE__COUNT ? state_names[s] : "?";
}

const char *vmm_mode_name(enum vmm_cpu_mode m)
{
	switch (m) {
	case VMM_MODE_REAL: return "real";
	case VMM_MODE_PROT: return "protected";
	case VMM_MODE_LONG: return "long";
	}
	return "?";
}

const char *vmm_exit_reason_name(enum vmm_exit_reason r)
{
	return r >= 0 && r < VMM_EXIT__COUNT ? reason_names[r] : "?";
}
