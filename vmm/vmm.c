/* vmm.c — the public control API (vmm.h): build VMs and vCPUs from a config, start and
 * stop their threads, and the UI-side ends of every ring and mailbox. One VM per
 * separate guest (isolation, up to 16); one VM with N vCPUs for --vcpus N (shared RAM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader.h"
#include "probe.h"
#include "vcpu.h"
#include "vmm.h"

#define VMM_STALE_NS (100 * 1000 * 1000ULL) /* kick a silent running vCPU for a snapshot */

struct vmm {
	int kvm_fd;
	int nvms, nvcpus;
	struct vm vms[VMM_MAX_VCPUS];
	struct vcpu *vcpus[VMM_MAX_VCPUS];
	struct image images[VMM_MAX_VCPUS];
	struct notify notify;
	struct host_caps caps;
	bool probed;
	struct kvm_cpuid2 *cpuid;    /* the host's supported CPUID, for every vCPU */
	pthread_t cpuid_thread;
	bool cpuid_running;
	char cpuid_err[VMM_ERROR_LEN];
	char host_line[160];
	char notices[VMM_MAX_VCPUS * 120];
};

/* KVM_GET_SUPPORTED_CPUID takes ~0.3 ms: ask for it in a helper thread while the
 * first VM and its memory are created, and wait for it just before the first vCPU. */
static void *cpuid_main(void *arg)
{
	struct vmm *vmm = arg;
	struct error_ctx ctx = { -1, NULL, vmm->cpuid_err };
	vmm->cpuid = vm_supported_cpuid(vmm->kvm_fd, &ctx);
	return NULL;
}

static void cpuid_start(struct vmm *vmm)
{
	vmm->cpuid_running = pthread_create(&vmm->cpuid_thread, NULL, cpuid_main, vmm) == 0;
	if (!vmm->cpuid_running)
		cpuid_main(vmm);
}

static const struct kvm_cpuid2 *cpuid_wait(struct vmm *vmm, char *err)
{
	if (vmm->cpuid_running)
		pthread_join(vmm->cpuid_thread, NULL);
	vmm->cpuid_running = false;
	if (!vmm->cpuid && err)
		snprintf(err, VMM_ERROR_LEN, "%s", vmm->cpuid_err);
	return vmm->cpuid;
}

/* The host probe runs once, when its answer is first needed: for a protected-mode image
 * (paging), for the TUI and --stats (the host line). A plain headless run of real-mode
 * guests needs nothing it could tell, and starts without its few milliseconds. */
static void probe_once(struct vmm *vmm)
{
	if (vmm->probed)
		return;
	vmm->probed = true;
	probe_host(vmm->kvm_fd, cpuid_wait(vmm, NULL), &vmm->caps);
	probe_describe(&vmm->caps, vmm->host_line, sizeof(vmm->host_line));
}

static struct vcpu *vcpu_at(struct vmm *vmm, int i)
{
	return i >= 0 && i < vmm->nvcpus ? vmm->vcpus[i] : NULL;
}

static int setup_registers(struct vcpu *v, const struct image *img, bool paging,
			   const struct error_ctx *ctx)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	int r = KVM_CALL(ctx, v->fd, KVM_GET_SREGS, &sregs);
	if (r < 0)
		return r;
	struct boot_params b = { img->mode, img->entry, v->vm_index, paging, v->vm->mem,
				 v->vm->mem_size };
	modes_setup(&b, &sregs, &regs);
	if ((r = KVM_CALL(ctx, v->fd, KVM_SET_SREGS, &sregs)) < 0)
		return r;
	if ((r = KVM_CALL(ctx, v->fd, KVM_SET_REGS, &regs)) < 0)
		return r;
	if (v->vm->irqchip && v->vm_index > 0) {
		/* With an irqchip, APs wait for INIT/SIPI; ours start at once like vCPU 0. */
		struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_RUNNABLE };
		if ((r = KVM_CALL(ctx, v->fd, KVM_SET_MP_STATE, &mp)) < 0)
			return r;
	}
	return 0;
}

static int add_vcpu(struct vmm *vmm, struct vm *vm, const struct image *img, int vm_index,
		    int vm_vcpus, bool paging, uint64_t t0, char *err)
{
	int index = vmm->nvcpus;
	struct error_ctx ctx = { index, img->name, err };
	/* mmap: zeroed, and ring pages cost no memory until a byte lands there. */
	struct vcpu *v = mmap(NULL, sizeof(*v), PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v == MAP_FAILED)
		return error_errno(&ctx, "allocate vCPU", errno);
	vmm->vcpus[vmm->nvcpus++] = v;
	v->index = index;
	v->vm_index = vm_index;
	v->vm_vcpus = vm_vcpus;
	v->guest = img->name;
	v->vm = vm;
	v->fd = -1;
	v->notify = &vmm->notify;
	v->created_ns = t0;
	v->native_user = vmm->caps.pvm;
	ring_init(&v->out, v->out_buf, VCPU_OUT_RING);
	ring_init(&v->in, v->in_buf, VCPU_IN_RING);
	snapbox_init(&v->snap);
	exit_state_init(&v->dev);
	void *run;
	const struct kvm_cpuid2 *cpuid = cpuid_wait(vmm, err);
	if (!cpuid)
		return -EIO;
	int r = vm_create_vcpu(vm, vm_index, cpuid, &v->fd, &run, &ctx);
	if (r < 0)
		return r;
	v->run = run;
	if ((r = setup_registers(v, img, paging, &ctx)) < 0)
		return r;
	snprintf(v->last_exit, sizeof(v->last_exit), "no exit yet");
	return 0;
}

static void note(struct vmm *vmm, const char *fmt, const char *guest, int vcpu)
{
	size_t len = strlen(vmm->notices);
	snprintf(vmm->notices + len, sizeof(vmm->notices) - len, "vcpu%d (%s): ", vcpu, guest);
	len = strlen(vmm->notices);
	snprintf(vmm->notices + len, sizeof(vmm->notices) - len, "%s\n", fmt);
}

/* One VM for image i, with n vCPUs on it (n > 1 only for --vcpus). */
static int add_vm(struct vmm *vmm, const struct vmm_config *cfg, int i, int n, uint64_t t0,
		  char *err)
{
	const struct image *img = &vmm->images[i];
	struct vm *vm = &vmm->vms[vmm->nvms];
	struct error_ctx ctx = { vmm->nvcpus, img->name, err };
	bool irqchip = img->wants_irqchip || cfg->force_irqchip;
	int r = vm_create(vm, vmm->kvm_fd, img->ram_size, irqchip, &ctx);
	if (r < 0)
		return r;
	vmm->nvms++;
	image_place(img, vm->mem);
	if (img->mode == IMAGE_PROT)
		probe_once(vmm);
	bool paging = img->mode == IMAGE_PROT && vmm->caps.paging32;
	if (img->mode == IMAGE_PROT && !paging)
		note(vmm, "host KVM refuses 32-bit paging: protected mode runs with paging off",
		     img->name, vmm->nvcpus);
	for (int k = 0; k < n; k++) {
		int index = vmm->nvcpus;
		if ((r = add_vcpu(vmm, vm, img, k, n, paging, t0, err)) < 0)
			return r;
		atomic_store(&vmm->vcpus[index]->exit_rate, cfg->exit_rate[index]);
	}
	return 0;
}

static int read_images(struct vmm *vmm, const struct vmm_config *cfg, char *err)
{
	for (int i = 0; i < cfg->nimages; i++) {
		const char *slash = strrchr(cfg->images[i], '/');
		struct error_ctx ctx = { i, slash && slash[1] ? slash + 1 : cfg->images[i], err };
		if (image_read(cfg->images[i], &vmm->images[i], &ctx) < 0)
			return VMM_STATUS_USAGE;
	}
	return 0;
}

int vmm_create(const struct vmm_config *cfg, struct vmm **out, char err[VMM_ERROR_LEN])
{
	uint64_t t0 = vcpu_now_ns();
	struct error_ctx ctx = { -1, NULL, err };
	*out = NULL;
	err[0] = '\0';
	int total = cfg->shared_vcpus > 0 ? cfg->shared_vcpus : cfg->nimages;
	if (cfg->nimages < 1 || total > VMM_MAX_VCPUS || (cfg->shared_vcpus > 0 && cfg->nimages != 1)) {
		error_text(&ctx, 0, "need 1 to %d guests (got %d)", VMM_MAX_VCPUS, total);
		return VMM_STATUS_USAGE;
	}
	struct vmm *vmm = calloc(1, sizeof(*vmm));
	if (!vmm) {
		error_errno(&ctx, "allocate the VMM", ENOMEM);
		return VMM_STATUS_HOST;
	}
	vmm->kvm_fd = -1;
	vmm->notify.fd = -1;
	int status = read_images(vmm, cfg, err);
	if (status)
		goto fail;
	status = VMM_STATUS_HOST;
	if ((vmm->kvm_fd = vm_open_kvm(&ctx)) < 0)
		goto fail;
	vmm->caps.pvm = probe_is_pvm(); /* instant; the behavioural probes run later */
	cpuid_start(vmm);
	vcpu_install_kick_handler();
	vmm->notify.fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (vmm->notify.fd < 0) {
		error_errno(&ctx, "eventfd", errno);
		goto fail;
	}
	atomic_store(&vmm->notify.armed, true);
	if (cfg->shared_vcpus > 0) {
		if (add_vm(vmm, cfg, 0, cfg->shared_vcpus, t0, err) < 0)
			goto fail;
	} else {
		for (int i = 0; i < cfg->nimages; i++)
			if (add_vm(vmm, cfg, i, 1, t0, err) < 0)
				goto fail;
	}
	*out = vmm;
	return VMM_STATUS_OK;
fail:
	vmm_destroy(vmm);
	return status;
}

int vmm_start(struct vmm *vmm)
{
	for (int i = 0; i < vmm->nvcpus; i++) {
		int r = vcpu_start(vmm->vcpus[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

void vmm_destroy(struct vmm *vmm)
{
	if (!vmm)
		return;
	vmm_stop_all(vmm);
	cpuid_wait(vmm, NULL);
	for (int i = 0; i < vmm->nvcpus; i++) {
		struct vcpu *v = vmm->vcpus[i];
		if (v->started)
			pthread_join(v->thread, NULL);
		if (v->run)
			munmap(v->run, (size_t)v->vm->run_size);
		if (v->fd >= 0)
			close(v->fd);
		munmap(v, sizeof(*v));
	}
	for (int i = 0; i < vmm->nvms; i++)
		vm_destroy(&vmm->vms[i]);
	for (int i = 0; i < VMM_MAX_VCPUS; i++)
		image_free(&vmm->images[i]);
	free(vmm->cpuid);
	if (vmm->notify.fd >= 0)
		close(vmm->notify.fd);
	if (vmm->kvm_fd >= 0)
		close(vmm->kvm_fd);
	free(vmm);
}

int vmm_vcpu_count(const struct vmm *vmm) { return vmm->nvcpus; }
const char *vmm_host_line(struct vmm *vmm)
{
	probe_once(vmm);
	return vmm->host_line;
}
const char *vmm_notices(const struct vmm *vmm) { return vmm->notices; }
int vmm_notify_fd(const struct vmm *vmm) { return vmm->notify.fd; }

const char *vmm_guest_name(const struct vmm *vmm, int vcpu)
{
	return vcpu >= 0 && vcpu < vmm->nvcpus ? vmm->vcpus[vcpu]->guest : "?";
}

void vmm_clear_notify(struct vmm *vmm)
{
	uint64_t count;
	ssize_t r = read(vmm->notify.fd, &count, sizeof(count));
	(void)r; /* EAGAIN when nothing was signalled: fine */
	atomic_store(&vmm->notify.armed, true);
}

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
