/* process.c — the shell and one program at a time, both in ring 3. Switching is done by
 * swapping trapframes: SYS_SPAWN saves the shell's frame and turns the frame into the
 * program's start; the program's SYS_EXIT or an exception in it puts the shell's frame
 * back, so the shell's system call simply returns (0, or -1 after a fault).
 */
#include "fault.h"
#include "io.h"
#include "k64.h"
#include "kprint.h"

static struct trapframe shell_frame;
static int program_running;

/* A fresh ring-3 frame: user segments, interrupts on, RSP just below a zero return
 * address (as if the entry function had been called), all other registers 0. */
static void user_frame(struct trapframe *tf, uint64_t entry, uint64_t stack_top, uint64_t arg)
{
	*tf = (struct trapframe){ .rip = entry, .cs = SEL_UCODE, .ss = SEL_UDATA,
				  .rflags = RFLAGS_IF | RFLAGS_RESERVED, .rsp = stack_top - 8,
				  .rdi = arg };
	*(uint64_t *)(stack_top - 8) = 0;
}

void process_start_shell(void)
{
	static struct trapframe tf;
	program_running = 0;
	user_frame(&tf, user_header()->shell_entry, USER_SHELL_STACK_TOP, 0);
	enter_user(&tf);
}

/* SYS_SPAWN(program): run user_header()->program_entry(program) on the program stack. */
void process_spawn(struct trapframe *tf)
{
	if (program_running || !user_range_ok(tf->rdi, 1, 0)) {
		tf->rax = (uint64_t)-1;
		return;
	}
	shell_frame = *tf;
	program_running = 1;
	user_frame(tf, user_header()->program_entry, USER_PROG_STACK_TOP, tf->rdi);
}

static void back_to_shell(struct trapframe *tf, int64_t status)
{
	*tf = shell_frame;
	tf->rax = (uint64_t)status;
	program_running = 0;
}

/* SYS_EXIT: a program ends -> the shell continues; the shell ends -> the vCPU stops. */
void process_exit(struct trapframe *tf)
{
	if (program_running)
		back_to_shell(tf, 0);
	else
		hc_exit();
}

void process_fault(struct trapframe *tf)
{
	struct fault f = { .vector = (uint32_t)tf->vector, .ip = tf->rip, .error = tf->error,
			   .cr2 = read_cr2(), .ip_digits = 16,
			   .who = program_running ? "the program" : "the shell" };
	fault_report(&f);
	if (program_running) {
		kputs("*** The kernel stopped the program; back to the shell.\n");
		back_to_shell(tf, -1);
	} else {
		kputs("*** The kernel restarts the shell.\n");
		process_start_shell();
	}
}

/* An exception in ring 0 is a kernel bug (or a bad user image, tf == 0): report and
 * stop with a triple fault, which the VMM shows as a fault of this vCPU. */
void kernel_panic(struct trapframe *tf)
{
	if (tf) {
		struct fault f = { .vector = (uint32_t)tf->vector, .ip = tf->rip,
				   .error = tf->error, .cr2 = read_cr2(), .ip_digits = 16,
				   .who = "the kernel" };
		fault_report(&f);
	} else {
		kputs("\n*** The user image is missing or too large\n");
	}
	kputs("*** Kernel panic: stopping the vCPU with a triple fault\n");
	triple_fault();
}
