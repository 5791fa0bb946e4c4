/* gcd.c — program 8: Euclid's algorithm on five fixed pairs. */
#include "progs.h"
#include "ulib.h"

static int gcd(int a, int b)
{
	while (b != 0) {
		int r = a % b;
		a = b;
		b = r;
	}
	return a;
}

void prog_gcd(void)
{
	static const int pairs[][2] = { { 48, 18 }, { 100, 75 }, { 123, 456 }, { 17, 19 },
					{ 1071, 462 } };
	printf("\n=== GCD (Greatest Common Divisor) ===\n");
	printf("Examples of Euclidean algorithm:\n\n");
	for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		printf("GCD(%d, %d) = %d\n", pairs[i][0], pairs[i][1], gcd(pairs[i][0], pairs[i][1]));
}
