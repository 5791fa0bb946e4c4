/* calculator.c — program 6: "a op b" per line in 32-bit signed arithmetic that wraps
 * around (done in unsigned, where wrapping is defined C). Grammar as the seed: spaces,
 * optional '-', digits, spaces, one of + - * /, spaces, optional '-', digits; the rest
 * of the line is ignored. `q` or `quit` (or end of input) leaves.
 */
#include <stdint.h>

#include "progs.h"
#include "ulib.h"

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Optional '-' then digits (none = 0), wrapping modulo 2^32. */
static const char *parse_number(const char *p, uint32_t *out)
{
	int neg = *p == '-';
	uint32_t v = 0;
	if (neg)
		p++;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (uint32_t)(*p++ - '0');
	*out = neg ? 0u - v : v;
	return p;
}

/* Truncating signed division; INT_MIN / -1 wraps to INT_MIN instead of trapping (#DE). */
static uint32_t divide(uint32_t a, uint32_t b)
{
	if ((int32_t)b == -1)
		return 0u - a;
	return (uint32_t)((int32_t)a / (int32_t)b);
}

static void calculate(const char *line)
{
	uint32_t a, b, r;
	const char *p = parse_number(skip_spaces(line), &a);
	p = skip_spaces(p);
	char op = *p;
	if (op != '+' && op != '-' && op != '*' && op != '/') {
		printf("Error: Invalid operator\n");
		return;
	}
	parse_number(skip_spaces(p + 1), &b);
	switch (op) {
	case '+':
		r = a + b;
		break;
	case '-':
		r = a - b;
		break;
	case '*':
		r = a * b;
		break;
	default:
		if (b == 0) {
			printf("Error: Division by zero\n");
			return;
		}
		r = divide(a, b);
	}
	printf("Result: %d\n", (int32_t)r);
}

void prog_calculator(void)
{
	char line[64];
	printf("\n=== Simple Calculator ===\n");
	printf("Enter two numbers and operator (+, -, *, /)\n");
	printf("Example: 12 + 5\n");
	printf("Type 'q' to quit\n\n");
	for (;;) {
		printf("Calculate: ");
		int len = readline(line, sizeof(line), 0);
		if (len == READLINE_EOF) {
			printf("\nExiting calculator\n");
			return;
		}
		if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
			printf("Exiting calculator\n");
			return;
		}
		calculate(line);
	}
}
