/* test_cli.c — argument parsing: every option, and the one line for each mistake. */
#include "../harness.h"
#include "../../tui/cli.h"

static struct cli_options o;
static char err[VMM_ERROR_LEN];

static int parse(const char *line)
{
	static char copy[512];
	char *argv[32];
	int argc = 0;
	snprintf(copy, sizeof(copy), "mini-kvm %s", line);
	for (char *t = strtok(copy, " "); t && argc < 31; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	return cli_parse(argc, argv, &o, err);
}

/* Flat images: --mode and the seed's --long-mode and --paging, --load and --entry. */
static void test_flat_options(void)
{
	const struct vmm_flat_boot *f = &o.vm.flat;
	CHECK_EQ(parse("a.bin"), 0);
	CHECK(!f->mode_given && f->mode == VMM_MODE_REAL && !f->paging);
	CHECK_EQ(parse("--mode long a.bin"), 0);
	CHECK(f->mode_given && f->mode == VMM_MODE_LONG);
	CHECK_EQ(parse("--long-mode a.bin"), 0);
	CHECK(f->mode_given && f->mode == VMM_MODE_LONG && !f->paging);
	CHECK_EQ(parse("--mode protected a.bin"), 0);
	CHECK(f->mode == VMM_MODE_PROT && !f->paging);
	CHECK_EQ(parse("--paging a.bin"), 0);
	CHECK(f->mode_given && f->mode == VMM_MODE_PROT && f->paging);
	CHECK_EQ(parse("--paging --mode protected a.bin"), 0);
	CHECK(f->mode == VMM_MODE_PROT && f->paging);
	CHECK_EQ(parse("--long-mode --paging a.bin"), 0); /* long mode pages anyway (the seed) */
	CHECK(f->mode == VMM_MODE_LONG && !f->paging);
	CHECK_EQ(parse("--mode real a.bin"), 0);
	CHECK(f->mode_given && f->mode == VMM_MODE_REAL);
	CHECK_EQ(parse("--paging --load 0x2000 --entry 2147491840 k.bin"), 0);
	CHECK(f->load_given && f->entry_given);
	CHECK_EQ(f->load, 0x2000);
	CHECK_EQ(f->entry, 0x80002000);
	CHECK_EQ(parse("--mode long --load 010 a.bin"), 0);
	CHECK_EQ(f->load, 8);

	CHECK_EQ(parse("--mode big a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--mode wants real, protected or long, not 'big'");
	CHECK_EQ(parse("--mode long --mode protected a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--mode long and --mode protected ask for different modes: give one");
	CHECK_EQ(parse("--long-mode --mode real a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--long-mode and --mode real ask for different modes: give one");
	CHECK_EQ(parse("--mode real --paging a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--paging is protected mode with paging: it does not go with --mode real");
	CHECK_EQ(parse("--load 0x2000 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--load needs --mode protected or long (or --paging, --long-mode): a "
		       "real-mode image starts at 1000:0000");
	CHECK_EQ(parse("--mode real --entry 0 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--entry needs --mode protected or long (or --paging, --long-mode): a "
		       "real-mode image starts at 1000:0000");
	CHECK_EQ(parse("--paging --load 4k a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--load wants a guest-physical address (e.g. 0x1000), not '4k'");
	CHECK_EQ(parse("--paging --load -1 a.bin"), VMM_STATUS_USAGE);
	CHECK_EQ(parse("--paging --entry 0x1FFFFFFFFFFFFFFFF a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--entry wants an address (e.g. 0x80001000), not '0x1FFFFFFFFFFFFFFFF'");
	CHECK_EQ(parse("--paging=1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--paging' takes no value (try --help)");
}

int main(void)
{
	test_flat_options();
	CHECK_EQ(parse("--headless a.bin b.bin"), 0);
	CHECK_EQ(o.frontend, CLI_HEADLESS);
	CHECK_EQ(o.vm.nimages, 2);
	CHECK_STR(o.vm.images[1], "b.bin");

	CHECK_EQ(parse("--tui --vcpus 4 --stats --timeout 2.5 --irqchip --speed 300 --paused "
		       "--input 3 --log /tmp/x race.bin"), 0);
	CHECK_EQ(o.frontend, CLI_TUI);
	CHECK_EQ(o.vm.shared_vcpus, 4);
	CHECK(o.stats && o.vm.force_irqchip && o.start_paused);
	CHECK(o.timeout_s == 2.5);
	CHECK_EQ(o.vm.exit_rate[0], 300);
	CHECK_EQ(o.vm.exit_rate[15], 300);
	CHECK_EQ(o.input_vcpu, 3);
	CHECK_STR(o.log_dir, "/tmp/x");

	CHECK_EQ(parse("--help"), 0);
	CHECK(o.help);

	CHECK_EQ(parse(""), VMM_STATUS_USAGE);
	CHECK_STR(err, "no guest image given (try --help)");
	CHECK_EQ(parse("--bogus a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "unknown option '--bogus' (try --help)");
	CHECK_EQ(parse("-x a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "unknown option '-x' (try --help)");
	CHECK_EQ(parse("a.bin --vcpus"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--vcpus' needs a value (try --help)");
	CHECK_EQ(parse("a.bin --vcp"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--vcpus' needs a value (try --help)");
	/* A value given to a switch is not "needs a value" (issue 8.7). */
	CHECK_EQ(parse("--stats=1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--stats' takes no value (try --help)");
	CHECK_EQ(parse("--headless=x a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--headless' takes no value (try --help)");
	CHECK_EQ(parse("--irqchip=yes a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--irqchip' takes no value (try --help)");
	CHECK_EQ(parse("--paused=1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--paused' takes no value (try --help)");
	CHECK_EQ(parse("--help=1"), VMM_STATUS_USAGE);
	CHECK_STR(err, "option '--help' takes no value (try --help)");
	CHECK_EQ(parse("--frob=1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "unknown option '--frob=1' (try --help)");
	CHECK_EQ(parse("--vcpus 17 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--vcpus wants a number from 1 to 16, not '17'");
	CHECK_EQ(parse("--vcpus 0 a.bin"), VMM_STATUS_USAGE);
	CHECK_EQ(parse("--vcpus two a.bin"), VMM_STATUS_USAGE);
	CHECK_EQ(parse("--vcpus 2 a.bin b.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--vcpus N runs one image on N vCPUs, but 2 images were given");
	CHECK_EQ(parse("--timeout -1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--timeout wants a number of seconds above 0, not '-1'");
	CHECK_EQ(parse("--input 1 a.bin"), VMM_STATUS_USAGE);
	CHECK_STR(err, "--input 1: there are only 1 vCPUs (0-0)");
	CHECK_EQ(parse("--speed 0 a.bin"), VMM_STATUS_USAGE);
	CHECK_EQ(parse("a a a a a a a a a a a a a a a a a"), VMM_STATUS_USAGE);
	CHECK_STR(err, "too many guests: 17, at most 16");
	CHECK_EQ(parse("a a a a a a a a a a a a a a a a"), 0);
	HARNESS_END();
}
