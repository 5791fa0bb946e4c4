/* probe.c — measure what this host's KVM can do (HOST-KVM.md, "Detecting the host"):
 * each behaviour is tried in its own throw-away VM with two or three instructions of
 * 32-bit code, built with the same vm.c/modes.c the guests get. Never fatal: a probe
 * that cannot run reports the feature as missing.
 */
#include "probe.h"

#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_layout.h"
#include "modes.h"
#include "vm.h"

#define PROBE_RAM (2UL << 20)
#define PROBE_CODE 0x100000UL

struct probe_vm {
	struct vm vm;
	int fd;
	struct kvm_run *run;
};

static bool probe_open(struct probe_vm *p, int kvm_fd, const struct kvm_cpuid2 *cpuid,
		       bool paging, const uint8_t *code, size_t len)
{
	struct error_ctx quiet = { -1, NULL, NULL };
	void *run;
	p->fd = -1;
	p->run = NULL;
	if (vm_create(&p->vm, kvm_fd, PROBE_RAM, false, &quiet) < 0)
		return false;
	if (vm_create_vcpu(&p->vm, 0, cpuid, &p->fd, &run, &quiet) < 0)
		return false;
	p->run = run;
	memcpy(p->vm.mem + PROBE_CODE, code, len);
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	if (ioctl(p->fd, KVM_GET_SREGS, &sregs) < 0)
		return false;
	struct boot_params b = { IMAGE_PROT, PROBE_CODE, 0, paging, p->vm.mem, PROBE_RAM };
	modes_setup(&b, &sregs, &regs);
	return ioctl(p->fd, KVM_SET_SREGS, &sregs) == 0 && ioctl(p->fd, KVM_SET_REGS, &regs) == 0;
}

static void probe_close(struct probe_vm *p)
{
	if (p->run)
		munmap(p->run, (size_t)p->vm.run_size);
	if (p->fd >= 0)
		close(p->fd);
	vm_destroy(&p->vm);
}

/* Does the paging bit survive KVM_SET_SREGS? kvm-pvm drops it (no guest code runs). */
static bool probe_paging32(int kvm_fd, const struct kvm_cpuid2 *cpuid)
{
	static const uint8_t code[] = { 0xF4 }; /* hlt */
	struct probe_vm p;
	bool ok = probe_open(&p, kvm_fd, cpuid, true, code, sizeof(code));
	struct kvm_sregs sregs;
	ok = ok && ioctl(p.fd, KVM_GET_SREGS, &sregs) == 0 && (sregs.cr0 & CR0_PG);
	probe_close(&p);
	return ok;
}

/* pushfd; push 0x08; push next; iret; next: out 0x10, al */
static bool probe_iret(int kvm_fd, const struct kvm_cpuid2 *cpuid)
{
	uint32_t next = PROBE_CODE + 9;
	uint8_t code[] = { 0x9C, 0x6A, 0x08, 0x68, 0, 0, 0, 0, 0xCF, 0xE6, 0x10, 0xF4 };
	memcpy(code + 4, &next, sizeof(next));
	struct probe_vm p;
	bool ok = probe_open(&p, kvm_fd, cpuid, false, code, sizeof(code)) &&
		  ioctl(p.fd, KVM_RUN, 0) == 0 && p.run->exit_reason == KVM_EXIT_IO &&
		  p.run->io.port == 0x10;
	probe_close(&p);
	return ok;
}

/* int3 under KVM_GUESTDBG_USE_SW_BP must come back as a debug exit, vector 3. Where it
 * does not, the guest gets its own #BP: this guest has no IDT, so it triple-faults
 * (KVM_EXIT_SHUTDOWN) and the answer is no. kvm-pvm fails the INT3 instead (INTERNAL_ERROR);
 * QEMU's TCG with emulated AMD-V (the test bed) treats INT3 as a software interrupt and
 * never checks the #BP intercept KVM sets, so there too the answer is rightly no. */
static bool probe_sw_bp(int kvm_fd, const struct kvm_cpuid2 *cpuid)
{
	static const uint8_t code[] = { 0xCC, 0xF4 };
	struct probe_vm p;
	struct kvm_guest_debug dbg = { .control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP };
	bool ok = probe_open(&p, kvm_fd, cpuid, false, code, sizeof(code)) &&
		  ioctl(p.fd, KVM_SET_GUEST_DEBUG, &dbg) == 0 && ioctl(p.fd, KVM_RUN, 0) == 0 &&
		  p.run->exit_reason == KVM_EXIT_DEBUG && p.run->debug.arch.exception == 3;
	probe_close(&p);
	return ok;
}

/* A hardware breakpoint (DR0) must stop the guest before the instruction at its address:
 * nop; nop; out 0x10, al — DR0 at the second nop. With watch, DR0 watches a write:
 * mov [PROBE_CODE + 0x100], eax; out 0x10, al — the write must stop it before the OUT. */
static bool probe_debugreg(int kvm_fd, const struct kvm_cpuid2 *cpuid, bool watch)
{
	static const uint8_t exec_code[] = { 0x90, 0x90, 0xE6, 0x10, 0xF4 };
	uint8_t watch_code[] = { 0xA3, 0, 0, 0, 0, 0xE6, 0x10, 0xF4 };
	uint32_t target = PROBE_CODE + 0x100;
	memcpy(watch_code + 1, &target, sizeof(target));
	struct kvm_guest_debug dbg = { .control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP };
	dbg.arch.debugreg[0] = watch ? target : PROBE_CODE + 1;
	/* L0 and GE; a watch: RW0 = 01 (write), LEN0 = 11 (4 bytes) */
	dbg.arch.debugreg[7] = 0x1 | 0x200 | (watch ? (0x1ULL << 16) | (0x3ULL << 18) : 0);
	struct probe_vm p;
	bool ok = probe_open(&p, kvm_fd, cpuid, false, watch ? watch_code : exec_code,
			     watch ? sizeof(watch_code) : sizeof(exec_code)) &&
		  ioctl(p.fd, KVM_SET_GUEST_DEBUG, &dbg) == 0 && ioctl(p.fd, KVM_RUN, 0) == 0 &&
		  p.run->exit_reason == KVM_EXIT_DEBUG && (p.run->debug.arch.dr6 & 1) &&
		  (watch || p.run->debug.arch.pc == PROBE_CODE + 1);
	probe_close(&p);
	return ok;
}

bool probe_is_pvm(void)
{
	return access("/sys/module/kvm_pvm", F_OK) == 0;
}

void probe_host(int kvm_fd, const struct kvm_cpuid2 *cpuid, struct host_caps *caps)
{
	caps->pvm = probe_is_pvm();
	caps->paging32 = probe_paging32(kvm_fd, cpuid);
	caps->iret_pm = probe_iret(kvm_fd, cpuid);
	caps->sw_bp = probe_sw_bp(kvm_fd, cpuid);
	caps->hw_break = probe_debugreg(kvm_fd, cpuid, false);
	caps->hw_watch = probe_debugreg(kvm_fd, cpuid, true);
}

void probe_describe(const struct host_caps *caps, char *buf, size_t n)
{
	const char *missing[5];
	int k = 0;
	if (!caps->paging32)
		missing[k++] = "no 32-bit paging";
	if (!caps->iret_pm)
		missing[k++] = "no IRET outside real mode";
	if (!caps->sw_bp)
		missing[k++] = "no software breakpoints";
	if (!caps->hw_break)
		missing[k++] = "no hardware breakpoints (breakpoints single-step)";
	if (!caps->hw_watch)
		missing[k++] = "no hardware watchpoints (watchpoints single-step)";
	int len = snprintf(buf, n, "host KVM is %s", caps->pvm ? "kvm-pvm (emulated)" : "hardware");
	for (int i = 0; i < k && len > 0 && (size_t)len < n; i++)
		len += snprintf(buf + len, n - (size_t)len, "%s%s", i ? ", " : ": ", missing[i]);
	if (caps->pvm && len > 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, "; 64-bit user code native");
	else if (!k && len > 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, ": every feature available");
}
