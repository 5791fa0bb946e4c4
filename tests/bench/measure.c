/* measure.c — the stopwatch behind tests/bench/run.sh: runs a command RUNS times (or
 * COPIES copies at once), reads its stdout through a pipe and reports medians of the
 * time to its first byte, first newline, last byte and exit, its output rate and peak
 * RSS (wait4's ru_maxrss). It knows nothing about KVM; run.sh decides what to compare.
 * Usage: measure [-c COPIES] RUNS CMD [ARG...]
 * Prints one line of key=value pairs (times in microseconds, RSS in KiB).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101
#define MAX_COPIES 4

struct sample {
	double first_byte, first_line, last_byte, total; /* µs since fork */
	double rate;      /* bytes per second between the first and the last byte */
	uint64_t bytes;
	long maxrss_kib;
	int status;       /* worst exit status of the copies */
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static pid_t spawn(char **argv, int *out_fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(p[1], STDOUT_FILENO) < 0)
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "measure: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -1;
	}
	*out_fd = p[0];
	return pid;
}

/* One run: COPIES processes at once; the times are those of the whole group. */
static int run_once(char **argv, int copies, struct sample *s)
{
	struct pollfd fds[MAX_COPIES];
	pid_t pids[MAX_COPIES];
	char buf[65536];
	int open_fds = copies;
	double t0;

	memset(s, 0, sizeof(*s));
	s->first_byte = s->first_line = -1;
	t0 = now_us();
	for (int i = 0; i < copies; i++) {
		pids[i] = spawn(argv, &fds[i].fd);
		if (pids[i] < 0)
			return -1;
		fds[i].events = POLLIN;
	}
	while (open_fds > 0) {
		if (poll(fds, (nfds_t)copies, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (int i = 0; i < copies; i++) {
			ssize_t n;

			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fds[i].fd, buf, sizeof(buf));
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			double t = now_us() - t0;
			if (s->first_byte < 0)
				s->first_byte = t;
			if (s->first_line < 0 && memchr(buf, '\n', (size_t)n))
				s->first_line = t;
			s->last_byte = t;
			s->bytes += (uint64_t)n;
		}
	}
	for (int i = 0; i < copies; i++) {
		struct rusage ru;
		int st;

		if (wait4(pids[i], &st, 0, &ru) < 0)
			return -1;
		int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (code > s->status)
			s->status = code;
		if (ru.ru_maxrss > s->maxrss_kib)
			s->maxrss_kib = ru.ru_maxrss;
	}
	s->total = now_us() - t0;
	if (s->bytes > 1 && s->last_byte > s->first_byte)
		s->rate = (double)(s->bytes - 1) / ((s->last_byte - s->first_byte) / 1e6);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(struct sample *s, int n, size_t field)
{
	double v[MAX_RUNS];

	for (int i = 0; i < n; i++)
		v[i] = *(double *)((char *)&s[i] + field);
	qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	static struct sample s[MAX_RUNS];
	int copies = 1, runs, status = 0;
	long rss = 0;
	int argi = 1;

	if (argc > 3 && strcmp(argv[1], "-c") == 0) {
		copies = atoi(argv[2]);
		argi = 3;
	}
	if (argc - argi < 2 || copies < 1 || copies > MAX_COPIES) {
		fprintf(stderr, "usage: measure [-c COPIES] RUNS CMD [ARG...]\n");
		return 2;
	}
	runs = atoi(argv[argi]);
	if (runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "measure: RUNS must be 1..%d\n", MAX_RUNS);
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		if (run_once(argv + argi + 1, copies, &s[i]) < 0) {
			fprintf(stderr, "measure: %s: %s\n", argv[argi + 1], strerror(errno));
			return 1;
		}
		if (s[i].status > status)
			status = s[i].status;
		if (s[i].maxrss_kib > rss)
			rss = s[i].maxrss_kib;
	}
	printf("runs=%d copies=%d first_byte_us=%.0f first_line_us=%.0f last_byte_us=%.0f "
	       "total_us=%.0f rate=%.0f bytes=%llu maxrss_kib=%ld status=%d\n",
	       runs, copies, median(s, runs, offsetof(struct sample, first_byte)),
	       median(s, runs, offsetof(struct sample, first_line)),
	       median(s, runs, offsetof(struct sample, last_byte)),
	       median(s, runs, offsetof(struct sample, total)),
	       median(s, runs, offsetof(struct sample, rate)),
	       (unsigned long long)s[0].bytes, rss, status);
	return 0;
}
