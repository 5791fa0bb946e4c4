/* trace.c — the --trace writer (trace.h): read each vCPU's exit log from where it left
 * off, one line per record, buffered by stdio so a flood of exits costs one write per
 * few kilobytes. Opening follows the same rules as the --log files (a regular file).
 */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"

#define TRACE_BATCH 512

static const char *what(const struct vmm_exit_record *r)
{
	static const char *const reasons[VMM_EXIT__COUNT] = {
		[VMM_EXIT_HYPERCALL] = "hypercall", [VMM_EXIT_COM1] = "com1",
		[VMM_EXIT_OTHER_IO] = "io",         [VMM_EXIT_MMIO] = "mmio",
		[VMM_EXIT_HLT] = "hlt",             [VMM_EXIT_DEBUG] = "debug",
		[VMM_EXIT_IRQ_WINDOW] = "irq-window", [VMM_EXIT_SHUTDOWN] = "shutdown",
		[VMM_EXIT_INTERNAL] = "internal",   [VMM_EXIT_FAIL_ENTRY] = "fail-entry",
		[VMM_EXIT_OTHER] = "other",
	};
	if (r->event == VMM_EVENT_MODE)
		return "mode";
	if (r->event == VMM_EVENT_BREAK)
		return "break";
	return r->reason < VMM_EXIT__COUNT ? reasons[r->reason] : "other";
}

int trace_open(struct trace *t, const char *path, struct vmm *vmm)
{
	memset(t, 0, sizeof(*t));
	t->vmm = vmm;
	t->n = vmm_vcpu_count(vmm);
	t->t0 = vmm_clock_ns();
	if (!path)
		return 0;
	if (strcmp(path, "-") == 0) {
		t->f = stdout;
		return 0;
	}
	/* Like a --log file: never through a symlink, never block on a FIFO. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		/* ENXIO: a FIFO nobody reads; ELOOP: a symlink */
		int e = fd < 0 ? errno : EINVAL;
		bool odd = fd >= 0 || e == ENXIO || e == ELOOP;
		out_error("--trace %s: cannot write it: %s", path,
			  odd ? "not a regular file" : strerror(e));
		if (fd >= 0)
			close(fd);
		return VMM_STATUS_USAGE;
	}
	t->f = fdopen(fd, "w");
	if (!t->f) {
		out_error("--trace %s: %s", path, strerror(errno));
		close(fd);
		return VMM_STATUS_HOST;
	}
	fputs("time_ns\tvcpu\trip\twhat\tdetail\n", t->f);
	return 0;
}

static void write_records(struct trace *t, int i, const struct vmm_exit_record *r, size_t n)
{
	char detail[128];
	for (size_t k = 0; k < n; k++) {
		vmm_exit_describe(&r[k], detail, sizeof(detail));
		uint64_t ns = r[k].time_ns > t->t0 ? r[k].time_ns - t->t0 : 0;
		fprintf(t->f, "%llu\t%d\t0x%llx\t%s\t%s\n", (unsigned long long)ns, i,
			(unsigned long long)r[k].rip, what(&r[k]), detail);
	}
}

void trace_poll(struct trace *t)
{
	static struct vmm_exit_record recs[TRACE_BATCH];
	if (!t->f || t->failed)
		return;
	for (int i = 0; i < t->n; i++) {
		for (;;) {
			uint64_t lost = 0;
			size_t n = vmm_exit_log(t->vmm, i, &t->next[i], recs, TRACE_BATCH, &lost);
			if (lost)
				fprintf(t->f, "%llu\t%d\t-\tlost\t%llu records the trace could not keep up "
					"with\n", (unsigned long long)(vmm_clock_ns() - t->t0), i,
					(unsigned long long)lost);
			write_records(t, i, recs, n);
			if (n < TRACE_BATCH)
				break;
		}
	}
	if (ferror(t->f)) {
		t->failed = true;
		out_write_failed("the --trace file", errno ? errno : EIO);
	}
}

int trace_close(struct trace *t)
{
	if (!t->f)
		return 0;
	trace_poll(t);
	bool bad = t->failed;
	if (t->f == stdout)
		bad |= fflush(stdout) != 0;
	else
		bad |= fclose(t->f) != 0;
	if (bad && !t->failed)
		out_write_failed("the --trace file", errno ? errno : EIO);
	t->f = NULL;
	return bad ? VMM_STATUS_FAULT : 0;
}
