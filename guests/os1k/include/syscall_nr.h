/* syscall_nr.h — system call numbers of the 64-bit build (RAX; args RDI, RSI; result RAX).
 * Shared by the kernel (k64/syscall.c) and the user stubs (user/syscall64.c).
 */
#ifndef OS1K_SYSCALL_NR_H
#define OS1K_SYSCALL_NR_H

#define SYS_WRITE 1   /* (buf, len) -> len, or -1 if buf is not user memory */
#define SYS_GETCHAR 2 /* () -> byte, or -1 at end of input */
#define SYS_EXIT 3    /* () program: back to the shell; shell: the vCPU stops */
#define SYS_SPAWN 4   /* (program) -> 0, or -1 if an exception stopped it */
#define SYS_INFO 5    /* (struct os_info *) -> 0 */

#endif
