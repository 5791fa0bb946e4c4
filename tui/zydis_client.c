/* zydis_client.c — the TUI's end of the disassembler pipe: start build/mini-kvm-disasm
 * next to our own executable on first use, send one request line, read one answer line
 * (with a short deadline so a stuck companion never freezes the screen).
 */
#define _GNU_SOURCE
#include "zydis_client.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ZYDIS_TIMEOUT_MS 200

extern char **environ;

static pid_t server_pid = -1;
static int to_server = -1, from_server = -1;
static bool server_failed;

static bool server_path(char *buf, size_t n)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		return false;
	self[len] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return snprintf(buf, n, "%s/mini-kvm-disasm", self) < (int)n;
}

static bool server_start(void)
{
	char path[PATH_MAX];
	int in[2], out[2];
	if (!server_path(path, sizeof(path)) || access(path, X_OK) != 0)
		return false;
	if (pipe2(in, O_CLOEXEC) < 0)
		return false;
	if (pipe2(out, O_CLOEXEC) < 0) {
		close(in[0]);
		close(in[1]);
		return false;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	char *argv[] = { path, NULL };
	int r = posix_spawn(&server_pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	if (r != 0) {
		close(in[1]);
		close(out[0]);
		server_pid = -1;
		return false;
	}
	signal(SIGPIPE, SIG_IGN); /* a dead companion must not kill the monitor */
	to_server = in[1];
	from_server = out[0];
	return true;
}

static bool read_line(char *buf, size_t n)
{
	size_t got = 0;
	while (got + 1 < n) {
		struct pollfd p = { from_server, POLLIN, 0 };
		if (poll(&p, 1, ZYDIS_TIMEOUT_MS) <= 0)
			return false;
		ssize_t r = read(from_server, buf + got, 1);
		if (r <= 0)
			return false;
		if (buf[got] == '\n')
			break;
		got++;
	}
	buf[got] = '\0';
	return true;
}

int zydis_decode(const char *mode, uint64_t addr, const uint8_t *bytes, size_t len, char *out,
		 size_t outlen)
{
	if (server_pid < 0 && !server_failed && !server_start())
		server_failed = true;
	if (server_failed) {
		snprintf(out, outlen, "(disassembler build/mini-kvm-disasm not available)");
		return 0;
	}
	char req[128];
	int n = snprintf(req, sizeof(req), "%s %llx ", mode, (unsigned long long)addr);
	for (size_t i = 0; i < len && i < 16; i++)
		n += snprintf(req + n, sizeof(req) - (size_t)n, "%02x", bytes[i]);
	req[n++] = '\n';
	char line[256];
	if (write(to_server, req, (size_t)n) != n || !read_line(line, sizeof(line))) {
		zydis_shutdown();
		server_failed = true;
		snprintf(out, outlen, "(disassembler stopped answering)");
		return 0;
	}
	int length = 0, skip = 0;
	sscanf(line, "%d %n", &length, &skip);
	snprintf(out, outlen, "%s", line + skip);
	return length;
}

void zydis_shutdown(void)
{
	if (to_server >= 0)
		close(to_server); /* EOF: the companion's loop ends */
	if (from_server >= 0)
		close(from_server);
	to_server = from_server = -1;
	if (server_pid > 0)
		waitpid(server_pid, NULL, 0);
	server_pid = -1;
}
