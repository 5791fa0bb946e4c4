/* ref.c — the raw-KVM reference for the benchmarks: the least a VMM must do to run one
 * real-mode flat image on one vCPU (open /dev/kvm, one VM, one memory slot, registers,
 * a KVM_RUN loop) and copy PUTCHAR / COM1 bytes to stdout. No threads, rings or UI: it
 * is the floor that tests/bench/run.sh measures build/mini-kvm against, in the same run.
 * Usage: ref IMAGE   (exit status 0 at HLT or EXIT, 1 on any other exit or error)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The same boot contract as vmm/guest_layout.h: image at 0x1000:0000, RAM = 1 MiB + 64 KiB. */
#define RAM_SIZE 0x110000UL
#define LOAD_SEGMENT 0x1000
#define LOAD_ADDR 0x10000UL
#define MAX_IMAGE 0x40000UL
#define TSS_ADDR 0xFFFBD000UL

#define HC_PORT 0x500
#define COM1_THR 0x3F8
#define COM1_LSR 0x3FD

static char out_buf[4096];
static size_t out_len;

static void out_flush(void)
{
	size_t done = 0;

	while (done < out_len) {
		ssize_t n = write(STDOUT_FILENO, out_buf + done, out_len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	out_len = 0;
}

/* Line-buffered, like an interactive VMM: a whole line reaches the reader at once. */
static void out_byte(uint8_t c)
{
	out_buf[out_len++] = (char)c;
	if (c == '\n' || out_len == sizeof(out_buf))
		out_flush();
}

static int die(const char *what)
{
	out_flush();
	fprintf(stderr, "ref: %s: %s\n", what, strerror(errno));
	return 1;
}

static int load_image(const char *path, uint8_t *ram)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	ssize_t n;

	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	if (st.st_size <= 0 || (unsigned long)st.st_size > MAX_IMAGE) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	n = read(fd, ram + LOAD_ADDR, (size_t)st.st_size);
	close(fd);
	return n == st.st_size ? 0 : -1;
}

/* Real mode at LOAD_SEGMENT:0 with every segment register equal, SP = 0, FLAGS = 0x2. */
static int set_boot_state(int vcpu)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_segment *segs[] = { &sregs.cs, &sregs.ds, &sregs.es,
				       &sregs.fs, &sregs.gs, &sregs.ss };

	if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		segs[i]->selector = LOAD_SEGMENT;
		segs[i]->base = LOAD_ADDR;
	}
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
		return -1;
	memset(&regs, 0, sizeof(regs));
	regs.rflags = 0x2;
	return ioctl(vcpu, KVM_SET_REGS, &regs);
}

/* AL's function number arrives as the OUT data; PUTCHAR's byte is BL, which SYNC_REGS
 * puts in the run structure without a KVM_GET_REGS ioctl (5-7 µs each on kvm-pvm). */
static int handle_io(int vcpu, struct kvm_run *run, int sync, int *in_pending)
{
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	struct kvm_regs regs;

	if (run->io.direction == KVM_EXIT_IO_OUT && run->io.port == COM1_THR) {
		out_byte(data[0]);
		return 0;
	}
	if (run->io.direction == KVM_EXIT_IO_IN) {
		if (run->io.port == COM1_LSR)
			data[0] = 0x60;
		else if (run->io.port == HC_PORT)
			data[0] = (uint8_t)*in_pending;
		else
			data[0] = 0xFF;
		return 0;
	}
	if (run->io.port != HC_PORT)
		return 0;
	switch (data[0]) {
	case 0: /* EXIT */
		return 1;
	case 1: /* PUTCHAR */
		if (sync) {
			out_byte((uint8_t)run->s.regs.regs.rbx);
		} else {
			if (ioctl(vcpu, KVM_GET_REGS, &regs) < 0)
				return -1;
			out_byte((uint8_t)regs.rbx);
		}
		return 0;
	case 2: /* GETCHAR: the answer is read by the IN that follows */
		out_flush();
		*in_pending = getchar();
		if (*in_pending == EOF)
			*in_pending = 0xFF;
		return 0;
	case 3: /* VCPU_ID */
		*in_pending = 0;
		return 0;
	case 4: /* VCPU_COUNT */
		*in_pending = 1;
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region region;
	struct kvm_run *run;
	uint8_t *ram;
	int kvm, vm, vcpu, sync, run_size, in_pending = 0xFF;

	if (argc != 2) {
		fprintf(stderr, "usage: ref IMAGE\n");
		return 2;
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return die("/dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return die("KVM_CREATE_VM");
	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		return die("mmap guest RAM");
	if (load_image(argv[1], ram) < 0)
		return die(argv[1]);
	region = (struct kvm_userspace_memory_region){
		.slot = 0, .guest_phys_addr = 0, .memory_size = RAM_SIZE,
		.userspace_addr = (uintptr_t)ram,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return die("KVM_SET_USER_MEMORY_REGION");
	/* Needed by Intel VT-x for real mode; harmless elsewhere. */
	if (ioctl(vm, KVM_SET_TSS_ADDR, TSS_ADDR) < 0)
		return die("KVM_SET_TSS_ADDR");
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		return die("KVM_CREATE_VCPU");
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < 0)
		return die("KVM_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return die("mmap kvm_run");
	if (set_boot_state(vcpu) < 0)
		return die("set registers");
	sync = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS) & KVM_SYNC_X86_REGS;
	if (sync)
		run->kvm_valid_regs = KVM_SYNC_X86_REGS;

	for (;;) {
		int r;

		if (ioctl(vcpu, KVM_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			return die("KVM_RUN");
		}
		if (run->exit_reason == KVM_EXIT_HLT)
			break;
		if (run->exit_reason != KVM_EXIT_IO) {
			out_flush();
			fprintf(stderr, "ref: unexpected exit reason %u\n", run->exit_reason);
			return 1;
		}
		r = handle_io(vcpu, run, sync, &in_pending);
		if (r < 0)
			return die("hypercall");
		if (r > 0)
			break;
	}
	out_flush();
	return 0;
}
