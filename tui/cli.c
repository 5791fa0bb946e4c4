/* cli.c — parse the command line into struct cli_options, with one clear line for every
 * mistake, and the --help text. No KVM, no terminal: unit-tested in tests/unit.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_HEADLESS = 256, OPT_TUI, OPT_VCPUS, OPT_INPUT, OPT_LOG, OPT_STATS, OPT_TIMEOUT,
       OPT_IRQCHIP, OPT_SPEED, OPT_PAUSED, OPT_VERSION, OPT_TRACE, OPT_BREAK };
/* Flat-image options (--mode and the seed's flags), numbered apart from the others. */
enum { OPT_MODE = 512, OPT_LONG_MODE, OPT_PAGING, OPT_LOAD, OPT_ENTRY };

static const struct option long_options[] = {
	{ "headless", no_argument, NULL, OPT_HEADLESS },
	{ "tui", no_argument, NULL, OPT_TUI },
	{ "vcpus", required_argument, NULL, OPT_VCPUS },
	{ "input", required_argument, NULL, OPT_INPUT },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "irqchip", no_argument, NULL, OPT_IRQCHIP },
	{ "speed", required_argument, NULL, OPT_SPEED },
	{ "paused", no_argument, NULL, OPT_PAUSED },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "break", required_argument, NULL, OPT_BREAK },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "long-mode", no_argument, NULL, OPT_LONG_MODE },
	{ "paging", no_argument, NULL, OPT_PAGING },
	{ "load", required_argument, NULL, OPT_LOAD },
	{ "entry", required_argument, NULL, OPT_ENTRY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

void cli_usage(FILE *out)
{
	fputs("usage: mini-kvm [options] IMAGE...\n"
	      "Run each IMAGE as a separate guest on its own vCPU (up to 16), in the terminal UI\n"
	      "or headless. A flat binary runs in real mode unless --mode says otherwise; an\n"
	      "ELF runs in protected mode (32-bit) or long mode (64-bit).\n"
	      "\n"
	      "  --tui            the monitor: a pane per vCPU, registers, stepping (default\n"
	      "                   when stdin and stdout are a terminal)\n"
	      "  --headless       plain output: one guest raw, several line by line tagged\n"
	      "                   [vcpuN] (default when stdout is not a terminal)\n"
	      "  --vcpus N        run the one IMAGE on N vCPUs sharing its memory (1-16)\n"
	      "  --input N        headless: standard input goes to vCPU N (default 0); the\n"
	      "                   other vCPUs see end of input\n"
	      "  --log DIR        write every vCPU's complete output to DIR/vcpuN.log\n"
	      "  --stats          at the end, print per-vCPU exit counters and timings\n"
	      "  --timeout S      stop every guest after S seconds (exit status 1)\n"
	      "  --irqchip        give flat images the in-kernel IRQCHIP + PIT (images that\n"
	      "                   contain the text MINIKVM:IRQCHIP, and ELF images, get it anyway)\n"
	      "  --speed N        limit each vCPU to N exits per second (slow motion for demos)\n"
	      "  --paused         start with every vCPU paused (to step from the first instruction)\n"
	      "  --trace FILE     write every vCPU's VM exits and mode changes to FILE as they\n"
	      "                   happen, tab-separated (time_ns vcpu rip what detail); - = stdout\n"
	      "  --break ADDR     stop at ADDR (seg:off, a linear address, or a symbol of an ELF\n"
	      "                   image); headless prints the registers at each hit and goes on\n"
	      "  --mode M         how flat images start: real (default), protected or long\n"
	      "  --long-mode      --mode long as the seed has it: loaded at 0, RIP 0, RSP 0x8000\n"
	      "  --paging         --mode protected with the seed's paging (0x80000000 and 0 both\n"
	      "                   map the first 4 MiB); hosts without 32-bit paging refuse it\n"
	      "  --load ADDR      where a protected/long-mode flat image loads (default 0x1000,\n"
	      "                   long mode 0)\n"
	      "  --entry ADDR     where it starts (default: where it loads; --paging 0x80001000)\n"
	      "  -h, --help       this text;  --version  the version\n"
	      "\n"
	      "Exit status: 0 every guest ended normally, 1 a guest faulted or the time ran out,\n"
	      "2 bad input or usage, 3 the host cannot run guests (no /dev/kvm).\n",
	      out);
}

static int fail(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, VMM_ERROR_LEN, fmt, ap);
	va_end(ap);
	return VMM_STATUS_USAGE;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* An address: decimal, 0x hex or 0 octal, as C writes them; nothing after it. */
static bool parse_addr(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end || strchr(s, '-'))
		return false;
	*out = v;
	return true;
}

/* --mode, --long-mode and --paging: one mode, however many ways it is asked for. */
static int set_mode(struct cli_options *o, enum vmm_cpu_mode m, const char *flag, char *err)
{
	struct vmm_flat_boot *f = &o->vm.flat;
	if (f->mode_given && f->mode != m)
		return fail(err, "%s and %s ask for different modes: give one", o->mode_flag, flag);
	f->mode = m;
	f->mode_given = true;
	o->mode_flag = flag;
	return 0;
}

static int parse_mode(const char *name, struct cli_options *o, char *err)
{
	if (strcmp(name, "real") == 0)
		return set_mode(o, VMM_MODE_REAL, "--mode real", err);
	if (strcmp(name, "protected") == 0)
		return set_mode(o, VMM_MODE_PROT, "--mode protected", err);
	if (strcmp(name, "long") == 0)
		return set_mode(o, VMM_MODE_LONG, "--mode long", err);
	return fail(err, "--mode wants real, protected or long, not '%s'", name);
}

static int parse_option(int c, struct cli_options *o, char *err)
{
	long v;
	char *end;
	switch (c) {
	case OPT_HEADLESS: o->frontend = CLI_HEADLESS; return 0;
	case OPT_TUI: o->frontend = CLI_TUI; return 0;
	case OPT_STATS: o->stats = true; return 0;
	case OPT_IRQCHIP: o->vm.force_irqchip = true; return 0;
	case OPT_PAUSED: o->start_paused = true; return 0;
	case OPT_LOG: o->log_dir = optarg; return 0;
	case OPT_TRACE: o->trace_path = optarg; return 0;
	case OPT_BREAK:
		if (o->nbreak == VMM_MAX_BREAKPOINTS)
			return fail(err, "--break: at most %d breakpoints", VMM_MAX_BREAKPOINTS);
		o->breaks[o->nbreak++] = optarg;
		return 0;
	case 'h': o->help = true; return 0;
	case OPT_VERSION: o->version = true; return 0;
	case OPT_VCPUS:
		if (!parse_long(optarg, 1, VMM_MAX_VCPUS, &v))
			return fail(err, "--vcpus wants a number from 1 to %d, not '%s'",
				    VMM_MAX_VCPUS, optarg);
		o->vm.shared_vcpus = (int)v;
		return 0;
	case OPT_INPUT:
		if (!parse_long(optarg, 0, VMM_MAX_VCPUS - 1, &v))
			return fail(err, "--input wants a vCPU number from 0 to %d, not '%s'",
				    VMM_MAX_VCPUS - 1, optarg);
		o->input_vcpu = (int)v;
		return 0;
	case OPT_SPEED:
		if (!parse_long(optarg, 1, 100000000, &v))
			return fail(err, "--speed wants exits per second (1 or more), not '%s'", optarg);
		for (int i = 0; i < VMM_MAX_VCPUS; i++)
			o->vm.exit_rate[i] = (unsigned)v;
		return 0;
	case OPT_MODE: return parse_mode(optarg, o, err);
	case OPT_LONG_MODE: return set_mode(o, VMM_MODE_LONG, "--long-mode", err);
	case OPT_PAGING: o->vm.flat.paging = true; return 0;
	case OPT_LOAD:
		if (!parse_addr(optarg, &o->vm.flat.load))
			return fail(err, "--load wants a guest-physical address (e.g. 0x1000), not '%s'",
				    optarg);
		o->vm.flat.load_given = true;
		return 0;
	case OPT_ENTRY:
		if (!parse_addr(optarg, &o->vm.flat.entry))
			return fail(err, "--entry wants an address (e.g. 0x80001000), not '%s'", optarg);
		o->vm.flat.entry_given = true;
		return 0;
	case OPT_TIMEOUT:
		errno = 0;
		o->timeout_s = strtod(optarg, &end);
		if (errno || end == optarg || *end || !(o->timeout_s > 0) || o->timeout_s > 1e7)
			return fail(err, "--timeout wants a number of seconds above 0, not '%s'", optarg);
		return 0;
	}
	return fail(err, "unknown option (try --help)");
}

/* --paging is protected mode (long mode pages anyway, as the seed's --long-mode --paging);
 * --load and --entry move a protected- or long-mode image, never a real-mode one. */
static int check_flat(struct cli_options *o, char *err)
{
	struct vmm_flat_boot *f = &o->vm.flat;
	if (f->paging && f->mode_given && f->mode == VMM_MODE_REAL)
		return fail(err, "--paging is protected mode with paging: it does not go with %s",
			    o->mode_flag);
	if (f->paging && f->mode == VMM_MODE_LONG)
		f->paging = false;
	else if (f->paging)
		set_mode(o, VMM_MODE_PROT, "--paging", err);
	if ((f->load_given || f->entry_given) && f->mode == VMM_MODE_REAL)
		return fail(err, "--%s needs --mode protected or long (or --paging, --long-mode): "
			    "a real-mode image starts at 1000:0000", f->load_given ? "load" : "entry");
	return 0;
}

static int check_images(struct cli_options *o, char *err)
{
	int n = o->vm.nimages;
	if (n == 0)
		return fail(err, "no guest image given (try --help)");
	if (o->vm.shared_vcpus > 0 && n != 1)
		return fail(err, "--vcpus N runs one image on N vCPUs, but %d images were given", n);
	int vcpus = o->vm.shared_vcpus > 0 ? o->vm.shared_vcpus : n;
	if (o->input_vcpu >= vcpus)
		return fail(err, "--input %d: there are only %d vCPUs (0-%d)", o->input_vcpu, vcpus,
			    vcpus - 1);
	return 0;
}

/* getopt said '?': an unknown option, a value missing, or a value given to a switch. */
static int bad_option(const char *arg, char *err)
{
	if (strncmp(arg, "--", 2) != 0) {
		if (optopt > 0 && optopt < 256)
			return fail(err, "unknown option '-%c' (try --help)", optopt);
		return fail(err, "unknown option '%s' (try --help)", arg);
	}
	for (const struct option *o = long_options; o->name && optopt; o++) {
		if (o->val != optopt)
			continue;
		if (o->has_arg == no_argument)
			return fail(err, "option '--%s' takes no value (try --help)", o->name);
		return fail(err, "option '--%s' needs a value (try --help)", o->name);
	}
	return fail(err, "unknown option '%s' (try --help)", arg);
}

int cli_parse(int argc, char **argv, struct cli_options *o, char err[VMM_ERROR_LEN])
{
	memset(o, 0, sizeof(*o));
	err[0] = '\0';
	opterr = 0;
	optind = 0; /* glibc: 0 re-initialises getopt completely */
	int c;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		if (c == '?')
			return bad_option(argv[optind - 1], err);
		int r = parse_option(c, o, err);
		if (r)
			return r;
	}
	if (o->help || o->version)
		return 0;
	int r = check_flat(o, err);
	if (r)
		return r;
	for (int i = optind; i < argc; i++) {
		if (o->vm.nimages == VMM_MAX_VCPUS)
			return fail(err, "too many guests: %d, at most %d", argc - optind, VMM_MAX_VCPUS);
		o->vm.images[o->vm.nimages++] = argv[i];
	}
	return check_images(o, err);
}
