/* cli.h — the command line, parsed into one plain struct (no I/O, unit-tested).
 * main.c decides what to do with it; usage text lives in cli.c next to the parser.
 */
#ifndef TUI_CLI_H
#define TUI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../vmm/vmm.h"

enum cli_frontend { CLI_AUTO, CLI_HEADLESS, CLI_TUI };

struct cli_options {
	struct vmm_config vm;     /* images, --vcpus, --irqchip, --speed, flat images' mode */
	enum cli_frontend frontend;
	int input_vcpu;           /* --input N: headless stdin goes to this vCPU */
	const char *log_dir;      /* --log DIR */
	const char *trace_path;   /* --trace FILE */
	const char *breaks[VMM_MAX_BREAKPOINTS]; /* --break ADDR, as typed (resolved later) */
	int nbreak;
	const char *mode_flag;    /* the option that chose vm.flat.mode, for messages */
	bool stats;               /* --stats */
	double timeout_s;         /* --timeout SECONDS, 0 = none */
	bool start_paused;        /* --paused */
	bool help, version;
};

/* Parse argv. Returns 0, or VMM_STATUS_USAGE with a one-line message in err. */
int cli_parse(int argc, char **argv, struct cli_options *opts, char err[VMM_ERROR_LEN]);
void cli_usage(FILE *out);

#endif
