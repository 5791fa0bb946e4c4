/* vm.c — open /dev/kvm, create a VM with its RAM slot (and the irqchip when asked),
 * create its vCPUs with the host's supported CPUID (HOST-KVM rule 1). Teardown too.
 * Register state and guest images are set elsewhere (modes.c, loader.c).
 */
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_layout.h"

#define CPUID_MAX_ENTRIES 256

int vm_open_kvm(const struct error_ctx *ctx)
{
	/* MINI_KVM_DEVICE names another device node (tests use it to see "no KVM"). */
	const char *dev = getenv("MINI_KVM_DEVICE") ? getenv("MINI_KVM_DEVICE") : "/dev/kvm";
	int fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		error_text(ctx, 0, "cannot open %s: %s (errno %d)%s", dev, strerror(e), e,
			   e == ENOENT ? "; KVM is not available on this host"
			   : (e == EACCES || e == EPERM) ? "; add yourself to the kvm group" : "");
		return -VMM_STATUS_HOST;
	}
	int version = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION) {
		error_text(ctx, 0, "%s speaks KVM API version %d, we need %d", dev, version,
			   KVM_API_VERSION);
		close(fd);
		return -VMM_STATUS_HOST;
	}
	return fd;
}

struct kvm_cpuid2 *vm_supported_cpuid(int kvm_fd, const struct error_ctx *ctx)
{
	struct kvm_cpuid2 *cpuid = calloc(1, sizeof(*cpuid) + CPUID_MAX_ENTRIES *
						      sizeof(struct kvm_cpuid_entry2));
	if (!cpuid) {
		error_errno(ctx, "allocate CPUID table", ENOMEM);
		return NULL;
	}
	cpuid->nent = CPUID_MAX_ENTRIES;
	if (KVM_CALL(ctx, kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) < 0) {
		free(cpuid);
		return NULL;
	}
	return cpuid;
}

static int vm_add_irqchip(struct vm *vm, const struct error_ctx *ctx)
{
	int r = KVM_CALL(ctx, vm->fd, KVM_CREATE_IRQCHIP, 0);
	if (r < 0)
		return r;
	struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };
	r = KVM_CALL(ctx, vm->fd, KVM_CREATE_PIT2, &pit);
	return r < 0 ? r : 0;
}

/* Guest RAM with an inaccessible guard page on each side (as Firecracker does): a VMM
 * bug that runs past guest memory faults at once instead of reading its neighbour.
 * MAP_NORESERVE: pages the guest never touches cost nothing. */
static int map_guest_ram(struct vm *vm, const struct error_ctx *ctx)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t size = (vm->mem_size + page - 1) / page * page;
	uint8_t *area = mmap(NULL, size + 2 * page, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		return error_errno(ctx, "mmap guest RAM", errno);
	if (mprotect(area + page, size, PROT_READ | PROT_WRITE) < 0) {
		int e = errno;
		munmap(area, size + 2 * page);
		return error_errno(ctx, "mprotect guest RAM", e);
	}
	vm->map_base = area;
	vm->map_size = size + 2 * page;
	vm->mem = area + page;
	return 0;
}

int vm_create(struct vm *vm, int kvm_fd, size_t mem_size, bool irqchip,
	      const struct error_ctx *ctx)
{
	int r;
	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = kvm_fd;
	vm->fd = -1;
	vm->irqchip = irqchip;
	vm->mem_size = mem_size;

	vm->fd = KVM_CALL(ctx, kvm_fd, KVM_CREATE_VM, 0);
	if (vm->fd < 0)
		return vm->fd;
	/* Real mode on Intel without unrestricted guest needs these; harmless elsewhere. */
	if ((r = KVM_CALL(ctx, vm->fd, KVM_SET_TSS_ADDR, LAYOUT_TSS_ADDR)) < 0)
		goto fail;
	__u64 ident = LAYOUT_IDENTITY_MAP_ADDR;
	if ((r = KVM_CALL(ctx, vm->fd, KVM_SET_IDENTITY_MAP_ADDR, &ident)) < 0)
		goto fail;
	if (irqchip && (r = vm_add_irqchip(vm, ctx)) < 0)
		goto fail;

	if ((r = map_guest_ram(vm, ctx)) < 0)
		goto fail;
	struct kvm_userspace_memory_region region = {
		.slot = 0,
		.guest_phys_addr = 0,
		.memory_size = mem_size,
		.userspace_addr = (uintptr_t)vm->mem,
	};
	if ((r = KVM_CALL(ctx, vm->fd, KVM_SET_USER_MEMORY_REGION, &region)) < 0)
		goto fail;
	if ((vm->run_size = KVM_CALL(ctx, kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0)) < 0) {
		r = vm->run_size;
		goto fail;
	}
	return 0;
fail:
	vm_destroy(vm);
	return r;
}

void vm_destroy(struct vm *vm)
{
	if (vm->map_base)
		munmap(vm->map_base, vm->map_size);
	vm->map_base = vm->mem = NULL;
	if (vm->fd >= 0)
		close(vm->fd);
	vm->fd = -1;
}

int vm_create_vcpu(struct vm *vm, int id, const struct kvm_cpuid2 *cpuid, int *fd_out,
		   void **run_out, const struct error_ctx *ctx)
{
	int fd = KVM_CALL(ctx, vm->fd, KVM_CREATE_VCPU, id);
	if (fd < 0)
		return fd;
	int r = KVM_CALL(ctx, fd, KVM_SET_CPUID2, cpuid);
	if (r < 0)
		goto fail;
	void *run = mmap(NULL, (size_t)vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (run == MAP_FAILED) {
		r = error_errno(ctx, "mmap kvm_run", errno);
		goto fail;
	}
	*fd_out = fd;
	*run_out = run;
	return 0;
fail:
	close(fd);
	return r;
}
