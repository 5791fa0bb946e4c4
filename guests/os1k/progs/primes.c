/* primes.c — program 5: primes up to 100 by trial division, ten per line. */
#include "progs.h"
#include "ulib.h"

static int is_prime(int n)
{
	for (int d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

void prog_primes(void)
{
	int count = 0;
	printf("\n=== Prime Numbers up to 100 ===\n");
	for (int n = 2; n <= 100; n++) {
		if (!is_prime(n))
			continue;
		printf("%d ", n);
		if (++count % 10 == 0)
			printf("\n");
	}
	if (count % 10 != 0)
		printf("\n");
	printf("Total: %d primes\n", count);
}
