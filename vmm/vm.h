/* vm.h — one KVM virtual machine: its fd, its guest RAM and memory slot, its irqchip.
 * vCPUs live in vcpu.h; what goes into RAM is loader.c's and modes.c's business.
 */
#ifndef VMM_VM_H
#define VMM_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct vm {
	int kvm_fd;          /* /dev/kvm, borrowed from the vmm */
	int fd;              /* the VM */
	uint8_t *mem;        /* guest-physical 0 .. mem_size */
	size_t mem_size;
	uint8_t *map_base;   /* the mapping: a guard page, mem, a guard page */
	size_t map_size;
	bool irqchip;        /* in-kernel IRQCHIP + PIT */
	int run_size;        /* mmap size of a vCPU's kvm_run */
};

/* Open /dev/kvm and check the API version. Returns the fd, or a negative VMM_STATUS_*
 * (as -VMM_STATUS_HOST) with err filled. */
int vm_open_kvm(const struct error_ctx *ctx);

/* KVM_GET_SUPPORTED_CPUID, once per process: every vCPU gets it (HOST-KVM rule 1).
 * Returns a table the caller frees, or NULL with err filled. */
struct kvm_cpuid2 *vm_supported_cpuid(int kvm_fd, const struct error_ctx *ctx);

/* Create a VM with mem_size bytes of RAM at guest-physical 0; with irqchip also the
 * in-kernel PIC/IOAPIC/LAPIC and the PIT. RAM has a PROT_NONE guard page on each side.
 * Returns 0 or -errno (err filled). */
int vm_create(struct vm *vm, int kvm_fd, size_t mem_size, bool irqchip,
	      const struct error_ctx *ctx);
void vm_destroy(struct vm *vm);

/* Create vCPU number id of this VM, set its CPUID (from vm_supported_cpuid), map its
 * kvm_run. */
int vm_create_vcpu(struct vm *vm, int id, const struct kvm_cpuid2 *cpuid, int *fd_out,
		   void **run_out, const struct error_ctx *ctx);

#endif
