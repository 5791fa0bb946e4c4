/* progs.h — the programs the shell can run, one per file in progs/. */
#ifndef OS1K_PROGS_H
#define OS1K_PROGS_H

void prog_multiplication(void);
void prog_counter(void);
void prog_echo(void);
void prog_fibonacci(void);
void prog_primes(void);
void prog_calculator(void);
void prog_factorial(void);
void prog_gcd(void);
void prog_about(void);
/* Teacher demos, hidden from the menu (README.md): */
void prog_read_kernel(void);  /* '!': a program reads a kernel page */
void prog_divide_zero(void);  /* '%': a program divides by zero */

#endif
