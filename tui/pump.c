/* pump.c — drain output rings into the logs and the frontend's sink (pump.h). One read
 * buffer, no copies beyond vmm_read_output's: this runs for every byte a guest prints.
 * Opening the logs is logs.c's; writing them whole is out.c's.
 */
#include "pump.h"

#include <unistd.h>

#include "logs.h"
#include "out.h"

int pump_open(struct pump *p, struct vmm *vmm, const char *log_dir, const char *trace_path,
	      pump_sink_fn *sink, pump_log_failed_fn *log_failed, void *ctx)
{
	p->vmm = vmm;
	p->n = vmm_vcpu_count(vmm);
	p->sink = sink;
	p->log_failed = log_failed;
	p->ctx = ctx;
	int status = trace_open(&p->trace, trace_path, vmm);
	return status ? (logs_open(NULL, vmm, p->log_fd), status)
		      : logs_open(log_dir, vmm, p->log_fd);
}

int pump_close(struct pump *p)
{
	logs_close(p->log_fd);
	return trace_close(&p->trace);
}

static void to_log(struct pump *p, int i, size_t n)
{
	int err = out_write_all(p->log_fd[i], p->buf, n);
	if (!err)
		return;
	close(p->log_fd[i]);
	p->log_fd[i] = -1;
	if (p->log_failed)
		p->log_failed(p->ctx, i, -err);
}

size_t pump_vcpu(struct pump *p, int i, size_t max)
{
	size_t moved = 0, got;
	while ((!max || moved < max) &&
	       (got = vmm_read_output(p->vmm, i, p->buf, sizeof(p->buf))) > 0) {
		if (p->log_fd[i] >= 0)
			to_log(p, i, got);
		if (p->sink)
			p->sink(p->ctx, i, p->buf, got);
		moved += got;
	}
	return moved;
}

size_t pump_all(struct pump *p)
{
	size_t moved = 0;
	for (int i = 0; i < p->n; i++)
		moved += pump_vcpu(p, i, 0);
	trace_poll(&p->trace);
	return moved;
}
