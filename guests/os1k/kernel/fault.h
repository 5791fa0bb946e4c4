/* fault.h — how both kernels describe a CPU exception to the user. */
#ifndef OS1K_FAULT_H
#define OS1K_FAULT_H

#include <stdint.h>

struct fault {
	uint32_t vector;
	uint64_t ip;        /* RIP / EIP of the faulting instruction */
	uint64_t error;     /* error code, if the vector has one */
	uint64_t cr2;       /* the faulting address, for #PF */
	int ip_digits;      /* 16 in long mode, 8 in protected mode */
	const char *who;    /* "the program", "the shell", "the kernel" */
};

/* Two lines: "*** Exception in WHO: NAME (#XX, vector N)" and the registers. */
void fault_report(const struct fault *f);
int fault_has_error_code(uint32_t vector);

#endif
