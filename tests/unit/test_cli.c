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

int main(void)
{
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
