/* vmm.c — building and tearing down (vmm.h): VMs and vCPUs from a config, the CPUID
 * table, the host probe, starting and joining the threads. One VM per separate guest
 * (isolation, up to 16); one VM with N vCPUs for --vcpus N (shared RAM). The UI's side
 * of running vCPUs (commands, rings, snapshots) is control.c.
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

#include "vmm_impl.h"

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

/* The host probe runs once: here, on this thread, for a protected-mode image (whether
 * 32-bit paging works decides how it is set up), or in a thread of its own when only
 * the host line is wanted (TUI, --stats), so nothing waits for it. A plain headless run
 * of real-mode guests needs nothing it could tell, and skips its few milliseconds. */
static void probe_now(struct vmm *vmm)
{
	probe_host(vmm->kvm_fd, vmm->cpuid, &vmm->caps);
	probe_describe(&vmm->caps, vmm->host_line, sizeof(vmm->host_line));
	atomic_store(&vmm->probe_done, true); /* release: host_line is complete */
}

static void probe_sync(struct vmm *vmm)
{
	if (vmm->probed)
		return;
	vmm->probed = true;
	cpuid_wait(vmm, NULL);
	probe_now(vmm);
}

void vmm_probe_finished(struct vmm *vmm)
{
	if (!vmm->probed) {
		probe_sync(vmm);
	} else if (vmm->probe_running) {
		pthread_join(vmm->probe_thread, NULL);
		vmm->probe_running = false;
	}
}

static void *probe_main(void *arg)
{
	probe_now(arg);
	return NULL;
}

static void probe_in_background(struct vmm *vmm)
{
	if (vmm->probed)
		return;
	vmm->probed = true;
	cpuid_wait(vmm, NULL); /* this thread joins the CPUID helper; the probe only reads */
	vmm->probe_running = pthread_create(&vmm->probe_thread, NULL, probe_main, vmm) == 0;
	if (!vmm->probe_running)
		probe_now(vmm);
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
	struct boot_layout layout = { img->flat_layout, img->high };
	modes_setup_layout(&b, &layout, &sregs, &regs);
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

static int add_vcpu(struct vmm *vmm, const struct vmm_config *cfg, struct vm *vm,
		    const struct image *img, int vm_index, int vm_vcpus, bool paging, uint64_t t0,
		    char *err)
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
	v->exit_rate = cfg->exit_rate[index];
	v->break_hit = -1;
	pthread_mutex_init(&v->bp_lock, NULL);
	v->eof_spin_limit = cfg->eof_spin_limit;
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
	return setup_registers(v, img, paging, &ctx);
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
	/* A flat protected-mode image runs with paging off unless --paging asked for it. */
	bool wants_paging = img->mode == IMAGE_PROT && (!img->flat_layout || img->needs_paging);
	if (wants_paging)
		probe_sync(vmm);
	bool paging = wants_paging && vmm->caps.paging32;
	if (img->needs_paging && !paging)
		return error_text(&ctx, -EOPNOTSUPP, "host KVM refuses 32-bit paging%s, and this "
				  "image needs it (%s): it runs only on hardware KVM (VT-x/AMD-V)",
				  vmm->caps.pvm ? " (kvm-pvm)" : "",
				  img->high ? "linked at 0x80000000" : "--paging");
	for (int k = 0; k < n; k++) {
		int index = vmm->nvcpus;
		if ((r = add_vcpu(vmm, cfg, vm, img, k, n, paging, t0, err)) < 0)
			return r;
		if (wants_paging && !paging)
			snprintf(vmm->notice[index], sizeof(vmm->notice[index]),
				 "vcpu%d (%s): host KVM refuses 32-bit paging: protected mode runs "
				 "with paging off", index, img->name);
		else if (img->looks_like && k == 0)
			snprintf(vmm->notice[index], sizeof(vmm->notice[index]),
				 "vcpu%d (%s): a flat image runs in real mode, but this one looks "
				 "like %s", index, img->name, img->looks_like);
	}
	return 0;
}

static int read_images(struct vmm *vmm, const struct vmm_config *cfg, char *err)
{
	for (int i = 0; i < cfg->nimages; i++) {
		const char *slash = strrchr(cfg->images[i], '/');
		struct error_ctx ctx = { i, slash && slash[1] ? slash + 1 : cfg->images[i], err };
		if (image_read(cfg->images[i], &cfg->flat, &vmm->images[i], &ctx) < 0)
			return VMM_FAIL_INPUT;
	}
	return VMM_FAIL_NONE;
}

enum vmm_failure vmm_create(const struct vmm_config *cfg, struct vmm **out,
			    char err[VMM_ERROR_LEN])
{
	uint64_t t0 = vmm_clock_ns();
	struct error_ctx ctx = { -1, NULL, err };
	*out = NULL;
	err[0] = '\0';
	int total = cfg->shared_vcpus > 0 ? cfg->shared_vcpus : cfg->nimages;
	if (cfg->nimages < 1 || total > VMM_MAX_VCPUS || (cfg->shared_vcpus > 0 && cfg->nimages != 1)) {
		error_text(&ctx, 0, "need 1 to %d guests (got %d)", VMM_MAX_VCPUS, total);
		return VMM_FAIL_INPUT;
	}
	struct vmm *vmm = calloc(1, sizeof(*vmm));
	if (!vmm) {
		error_errno(&ctx, "allocate the VMM", ENOMEM);
		return VMM_FAIL_HOST;
	}
	vmm->kvm_fd = -1;
	vmm->notify.fd = -1;
	enum vmm_failure status = read_images(vmm, cfg, err);
	if (status)
		goto fail;
	status = VMM_FAIL_HOST;
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
	if (cfg->probe_host)
		probe_in_background(vmm);
	*out = vmm;
	return VMM_FAIL_NONE;
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
	if (vmm->probe_running)
		pthread_join(vmm->probe_thread, NULL);
	for (int i = 0; i < vmm->nvcpus; i++) {
		struct vcpu *v = vmm->vcpus[i];
		if (v->started)
			pthread_join(v->thread, NULL);
		if (v->run)
			munmap(v->run, (size_t)v->vm->run_size);
		if (v->fd >= 0)
			close(v->fd);
		pthread_mutex_destroy(&v->bp_lock);
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
	if (!vmm->probed)
		return "";
	return atomic_load(&vmm->probe_done) ? vmm->host_line : "host KVM: probing ...";
}

const char *vmm_host_line_wait(struct vmm *vmm)
{
	if (vmm->probed)
		vmm_probe_finished(vmm);
	return vmm_host_line(vmm);
}

const char *vmm_vcpu_notice(const struct vmm *vmm, int vcpu)
{
	return vcpu >= 0 && vcpu < vmm->nvcpus ? vmm->notice[vcpu] : "";
}

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

