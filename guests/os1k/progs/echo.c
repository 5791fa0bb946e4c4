/* echo.c — program 3: repeat each line until `quit`. Lines longer than the 63-byte
 * buffer are cut; the warning appears only when something was really cut (the seed
 * printed it for every 63-character line). End of input leaves as `quit` does.
 */
#include "progs.h"
#include "ulib.h"

#define ECHO_LINE 64

void prog_echo(void)
{
	char line[ECHO_LINE];
	printf("\n=== Echo Program (type 'quit' to exit) ===\n");
	for (;;) {
		printf("$ ");
		int cut;
		int len = readline(line, sizeof(line), &cut);
		if (len == READLINE_EOF) {
			printf("\nExiting echo program\n");
			return;
		}
		if (cut)
			printf("Warning: Input truncated to %d characters\n", ECHO_LINE - 1);
		if (strcmp(line, "quit") == 0) {
			printf("Exiting echo program\n");
			return;
		}
		printf("Echo: %s\n", line);
	}
}
