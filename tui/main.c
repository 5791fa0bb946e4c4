/* main.c — the binary's entry: parse arguments, create the guests, hand them to the
 * TUI (app.c) or the headless frontend, and return the exit status PRODUCT.md defines.
 * Errors before any frontend starts are printed here, one line each (out.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "headless.h"
#include "out.h"

#define MINI_KVM_VERSION "0.1"

/* One "mini-kvm: " line per notice the VMM left (what this host made it do). */
static void print_notices(struct vmm *vmm)
{
	for (int i = 0; i < vmm_vcpu_count(vmm); i++)
		if (*vmm_vcpu_notice(vmm, i))
			out_error("%s", vmm_vcpu_notice(vmm, i));
}

/* --help and --version: text that did not reach stdout is an error (status 1). */
static int flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	out_write_failed("to stdout", errno ? errno : EIO);
	return VMM_STATUS_FAULT;
}

int main(int argc, char **argv)
{
	if (out_std_open() < 0)
		return VMM_STATUS_HOST; /* not even /dev/null: nowhere to say it */
	struct cli_options opts;
	char err[VMM_ERROR_LEN];
	int status = cli_parse(argc, argv, &opts, err);
	if (status) {
		out_error("%s", err);
		return status;
	}
	if (opts.help) {
		errno = 0;
		cli_usage(stdout);
		return flush_stdout();
	}
	if (opts.version) {
		errno = 0;
		printf("mini-kvm %s\n", MINI_KVM_VERSION);
		return flush_stdout();
	}
	/* The TUI needs a terminal both ways: `echo hi | mini-kvm echo.bin` runs headless. */
	if (opts.frontend == CLI_AUTO)
		opts.frontend = isatty(0) && isatty(1) ? CLI_TUI : CLI_HEADLESS;

	if (opts.frontend == CLI_HEADLESS && opts.start_paused) {
		out_error("--paused needs the terminal UI: without it nothing could resume the guests");
		return VMM_STATUS_USAGE;
	}
	/* Headless, a guest that keeps asking for input after its end would spin forever:
	 * end it after this many answers. The TUI keeps it runnable: a teacher may type. */
	if (opts.frontend == CLI_HEADLESS)
		opts.vm.eof_spin_limit = 1000;
	opts.vm.probe_host = opts.frontend == CLI_TUI || opts.stats;

	struct vmm *vmm;
	enum vmm_failure failed = vmm_create(&opts.vm, &vmm, err);
	if (failed) {
		out_error("%s", err);
		return failed == VMM_FAIL_INPUT ? VMM_STATUS_USAGE : VMM_STATUS_HOST;
	}
	if (opts.frontend == CLI_HEADLESS)
		print_notices(vmm);
	if (opts.start_paused)
		for (int i = 0; i < vmm_vcpu_count(vmm); i++)
			vmm_pause(vmm, i);
	status = opts.frontend == CLI_TUI ? app_run(vmm, &opts) : headless_run(vmm, &opts);
	vmm_destroy(vmm);
	return status;
}
