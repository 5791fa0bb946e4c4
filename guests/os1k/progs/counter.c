/* counter.c — program 2: count from 0 to 9 on one line. */
#include "progs.h"
#include "ulib.h"

void prog_counter(void)
{
	printf("\n=== Counter 0-9 ===\n");
	for (int i = 0; i <= 9; i++)
		printf("%d ", i);
	printf("\n");
}
