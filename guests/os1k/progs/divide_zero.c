/* divide_zero.c — teacher demo '%': a program divides by zero; the CPU raises #DE,
 * the kernel reports it and the shell carries on.
 */
#include "progs.h"
#include "ulib.h"

void prog_divide_zero(void)
{
	volatile int zero = 0; /* volatile: the division must happen at run time */
	printf("\n=== Teacher demo: a program divides by zero ===\n");
	printf("Computing 100 / 0 ...\n");
	int q = 100 / zero;
	printf("No fault: the result was %d\n", q);
}
