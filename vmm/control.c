/* control.c — the UI thread's side of running vCPUs (vmm.h): commands as a flag plus a
 * kick, the output/input rings' other ends, the snapshot mailbox, and who has ended.
 * Building and tearing down lives in vmm.c; the vCPU thread's side in vcpu.c.
 */
#include <errno.h>

#include "vmm_impl.h"

static int command(struct vmm *vmm, int vcpu, bool pause, bool stop, bool step)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v || atomic_load(&v->state) >= VMM_STATE_HALTED)
		return -EINVAL;
	if (stop)
		atomic_store(&v->want_stop, true);
	atomic_store(&v->want_pause, pause);
	if (step)
		atomic_fetch_add(&v->step_requests, 1);
	vcpu_kick(v);
	return 0;
}

int vmm_pause(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, true, false, false); }
int vmm_resume(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, false, false, false); }
int vmm_step(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, true, false, true); }
int vmm_stop(struct vmm *vmm, int vcpu) { return command(vmm, vcpu, false, true, false); }

void vmm_stop_all(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		vmm_stop(vmm, i);
}

int vmm_set_exit_rate(struct vmm *vmm, int vcpu, unsigned exits_per_sec)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	if (!v)
		return -EINVAL;
	atomic_store(&v->exit_rate, exits_per_sec);
	vcpu_ring_doorbell(v);
	return 0;
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
	/* A guest that never exits never publishes: nudge it (costs it one exit). */
	if (atomic_load(&v->state) == VMM_STATE_RUNNING && v->started &&
	    vcpu_now_ns() - atomic_load(&v->published_ns) > VMM_STALE_NS)
		vcpu_kick(v);
	return fresh;
}

bool vmm_vcpu_finished(struct vmm *vmm, int vcpu)
{
	struct vcpu *v = vcpu_at(vmm, vcpu);
	/* a vCPU stopped before it was ever started has no thread to say "ended" */
	return !v || atomic_load(&v->ended) ||
	       (!v->started && atomic_load(&v->state) >= VMM_STATE_HALTED);
}

bool vmm_finished(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		if (!vmm_vcpu_finished(vmm, i))
			return false;
	return true;
}

int vmm_exit_status(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++)
		if (atomic_load(&vmm->vcpus[i]->state) == VMM_STATE_FAULTED)
			return VMM_STATUS_FAULT;
	return VMM_STATUS_OK;
}
