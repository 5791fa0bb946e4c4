/* factorial.c — program 7: 0! .. 12!, the largest that fits in 32 bits. */
#include "progs.h"
#include "ulib.h"

void prog_factorial(void)
{
	unsigned f = 1;
	printf("\n=== Factorial Calculator ===\n");
	printf("Calculating factorials for n = 0 to 12\n\n");
	printf("0! = %u\n", f);
	for (unsigned n = 1; n <= 12; n++) {
		f *= n;
		printf("%u! = %u\n", n, f);
	}
	printf("\nNote: 13! = 6227020800 (overflow on 32-bit)\n");
}
