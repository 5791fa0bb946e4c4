/* multiplication.c — program 1: the table 2*1 .. 9*9, one row per first factor. */
#include "progs.h"
#include "ulib.h"

void prog_multiplication(void)
{
	printf("\n=== Multiplication Table ===\n");
	for (int i = 2; i <= 9; i++) {
		for (int j = 1; j <= 9; j++)
			printf("%d*%d=%d ", i, j, i * j);
		printf("\n");
	}
}
