/* driver.c — runs a libFuzzer target without libFuzzer (any C compiler): each argument is
 * a file, or a directory whose files are fed one by one to LLVMFuzzerTestOneInput. This is
 * `make test`'s smoke run over tests/fuzz/corpus/<target>/, so a crash found once stays a
 * regression test. Prints how many inputs ran; a crash ends it as the crash would. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, len = 0, n;
	uint8_t *buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *more = realloc(buf, cap *= 2);
			if (!more)
				free(buf);
			buf = more;
		}
	}
	fclose(f);
	if (!buf)
		return -1;
	/* an exact-size copy, as libFuzzer gives: an over-read is past the allocation */
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

int main(int argc, char **argv)
{
	int ran = 0, bad = 0;
	for (int a = 1; a < argc; a++) {
		struct stat st;
		if (stat(argv[a], &st) < 0) {
			perror(argv[a]);
			bad++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad += run_file(argv[a]) < 0;
			ran++;
			continue;
		}
		DIR *d = opendir(argv[a]);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[a], e->d_name);
			bad += run_file(path) < 0;
			ran++;
		}
		if (d)
			closedir(d);
	}
	printf("%d inputs, %d unreadable\n", ran, bad);
	return bad ? 1 : 0;
}
