/* vmm_run.c — the UI thread's side of running vCPUs (vmm.h): commands into a vCPU's
 * mailbox, the output/input rings' other ends, the snapshot mailbox, the exit log, and
 * who has ended. Building and tearing down lives in vmm.c; the vCPU thread in vcpu.c.
 * Nothing here ever waits for a vCPU or disturbs one by reading.
 */
#include <errno.h>

#include "vmm_impl.h"

static int command(struct vmm *vmm, int vcpu, enum vcpu_cmd_kind kind, uint32_t arg)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	return v ? vcpu_command(v, kind, arg) : -EINVAL;
}

int vmm_pause(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, CMD_PAUSE, 0); }
int vmm_resume(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, CMD_RESUME, 0); }
int vmm_stop(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, CMD_STOP, 0); }

int vmm_step(struct vmm *vmm, int vcpu, unsigned n)
{
	return command(vmm, vcpu, CMD_STEP, n ? n : 1);
}

int vmm_set_exit_rate(struct vmm *vmm, int vcpu, unsigned exits_per_sec)
{
	return command(vmm, vcpu, CMD_SET_RATE, exits_per_sec);
}

int vmm_set_slowmo(struct vmm *vmm, int vcpu, unsigned steps_per_sec)
{
	return command(vmm, vcpu, steps_per_sec ? CMD_SLOWMO : CMD_PAUSE, steps_per_sec);
}

int vmm_until_exit(struct vmm *vmm, int vcpu)
{
	return command(vmm, vcpu, CMD_UNTIL_EXIT, 0);
}

int vmm_set_breakpoints(struct vmm *vmm, int vcpu, const struct vmm_breakpoint *bp, int n)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v || n < 0 || n > VMM_MAX_BREAKPOINTS || (n && !bp))
		return -EINVAL;
	for (int i = 0; i < n; i++)
		if (bp[i].kind == VMM_BREAK_WATCH && bp[i].len != 1 && bp[i].len != 2 &&
		    bp[i].len != 4 && bp[i].len != 8)
			return -EINVAL;
	/* Whether the debug registers catch breakpoints on this host decides how the vCPU
	 * catches them: the probe's answer is needed now (a few ms, once). */
	vmm_probe_finished(vmm);
	pthread_mutex_lock(&v->bp_lock);
	v->hw_break = vmm->caps.hw_break; /* read by the vCPU after the command below */
	v->hw_watch = vmm->caps.hw_watch;
	memcpy(v->bp_in, bp, (size_t)n * sizeof(*bp));
	v->nbp_in = n;
	pthread_mutex_unlock(&v->bp_lock);
	return vcpu_command(v, CMD_BREAKPOINTS, 0);
}

void vmm_stop_all(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		vmm_stop(vmm, i);
}

size_t vmm_read_output(struct vmm *vmm, int vcpu, char *buf, size_t n)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v)
		return 0;
	size_t got = ring_pop(&v->out, buf, n);
	if (got)
		vcpu_ring_doorbell(v); /* a vCPU blocked on a full ring may go on */
	return got;
}

size_t vmm_write_input(struct vmm *vmm, int vcpu, const char *buf, size_t n)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v || atomic_load(&v->in_closed))
		return 0;
	size_t put = ring_push(&v->in, buf, n);
	if (put)
		vcpu_ring_doorbell(v);
	return put;
}

size_t vmm_input_queued(struct vmm *vmm, int vcpu)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	return v ? ring_count(&v->in) : 0;
}

void vmm_close_input(struct vmm *vmm, int vcpu)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v)
		return;
	atomic_store(&v->in_closed, true);
	vcpu_ring_doorbell(v);
}

bool vmm_snapshot(struct vmm *vmm, int vcpu, struct vmm_snapshot *out)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v)
		return false;
	bool fresh = snapbox_take(&v->snap);
	*out = *snapbox_front(&v->snap);
	return fresh;
}

size_t vmm_exit_log(struct vmm *vmm, int vcpu, uint64_t *from, struct vmm_exit_record *out,
		    size_t max, uint64_t *lost)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v) {
		if (lost)
			*lost = 0;
		return 0;
	}
	return exit_log_read(&v->log, from, out, max, lost);
}

uint64_t vmm_exit_log_next(struct vmm *vmm, int vcpu)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	return v ? exit_log_next(&v->log) : 0;
}

bool vmm_guest_view(struct vmm *vmm, int vcpu, const struct vmm_snapshot *s,
		    struct guest_view *out)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v)
		return false;
	*out = (struct guest_view){ v->vm->mem, v->vm->mem_size, s && s->regs_valid ? &s->regs : NULL,
				    s && s->regs_valid ? &s->sregs : NULL };
	return true;
}

bool vmm_vcpu_finished(struct vmm *vmm, int vcpu)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	/* a vCPU that was never started has no thread to run it, nor to say "ended" */
	return !v || !v->started || atomic_load(&v->ended);
}

bool vmm_finished(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		if (!vmm_vcpu_finished(vmm, i))
			return false;
	return true;
}

bool vmm_any_faulted(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		if (atomic_load(&vmm->vcpus[i]->state) == VMM_STATE_FAULTED)
			return true;
	return false;
}
