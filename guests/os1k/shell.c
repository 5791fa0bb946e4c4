/* shell.c — the 1K OS shell: banner, menu, one selection per line, each program run
 * through os_spawn so that the kernel can stop a faulting program and come back here.
 * The programs live in progs/, one per file; the text matches the seed's shell.
 */
#include "os1k.h"
#include "progs.h"
#include "ulib.h"

void shell_main(void);

struct entry {
	char key;
	os_program *run;
};

/* '!' and '%' are the teacher's demos (README.md), deliberately not in the menu. */
static const struct entry programs[] = {
	{ '1', prog_multiplication }, { '2', prog_counter },   { '3', prog_echo },
	{ '4', prog_fibonacci },      { '5', prog_primes },    { '6', prog_calculator },
	{ '7', prog_factorial },      { '8', prog_gcd },       { '9', prog_about },
	{ '!', prog_read_kernel },    { '%', prog_divide_zero },
};

static void show_banner(void)
{
	printf("\n======================================\n");
	printf("   Welcome to 1K OS Shell!\n");
	printf("   Mini-KVM Educational Hypervisor\n");
	printf("======================================\n");
	printf("\nType '1-9' to run demos, '0' to exit\n");
}

static void show_menu(void)
{
	printf("\n=== 1K OS Menu ===\n\n");
	printf("  1. Multiplication Table (2x1 ~ 9x9)\n");
	printf("  2. Counter (0-9)\n");
	printf("  3. Echo (interactive)\n");
	printf("  4. Fibonacci Sequence\n");
	printf("  5. Prime Numbers (up to 100)\n");
	printf("  6. Calculator\n");
	printf("  7. Factorial (0! ~ 12!)\n");
	printf("  8. GCD (Greatest Common Divisor)\n");
	printf("  9. About 1K OS\n");
	printf("  0. Exit\n");
	printf("\nSelect: ");
}

static os_program *find_program(char key)
{
	for (unsigned i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (programs[i].key == key)
			return programs[i].run;
	return 0;
}

void shell_main(void)
{
	char line[8];
	show_banner();
	for (;;) {
		show_menu();
		int len = readline(line, sizeof(line), 0);
		if (len == 0)
			continue;
		/* End of input counts as choosing 0: a piped session ends cleanly. */
		char choice = len == READLINE_EOF ? '0' : line[0];
		if (choice == '0') {
			printf("\nExiting shell...\n");
			printf("Thank you for using 1K OS!\n");
			return;
		}
		os_program *prog = find_program(choice);
		if (prog) {
			os_spawn(prog);
		} else {
			printf("Unknown option: %c\n", choice);
			printf("Please select 0-9\n");
		}
	}
}
