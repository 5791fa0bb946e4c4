/* fibonacci.c — program 4: F(0) .. F(14). */
#include "progs.h"
#include "ulib.h"

void prog_fibonacci(void)
{
	int a = 0, b = 1;
	printf("\n=== Fibonacci Sequence (first 15 numbers) ===\n");
	printf("F(0) = %d\n", a);
	printf("F(1) = %d\n", b);
	for (int i = 2; i < 15; i++) {
		int next = a + b;
		printf("F(%d) = %d\n", i, next);
		a = b;
		b = next;
	}
}
