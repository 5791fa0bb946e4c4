/* start.c — the first bytes of the 64-bit user image: the header the kernel reads to
 * map and enter it (user_image.h), and the two ring-3 entry points. The kernel enters
 * each with a fresh stack and a zero return address: neither may return.
 */
#include "os1k.h"
#include "user_image.h"

void shell_main(void);
void user_shell_entry(void) __attribute__((noreturn));
void user_program_entry(os_program *prog) __attribute__((noreturn));
void user_program_exit(void) __attribute__((noreturn));

extern char __data_start[], __image_end[];

__attribute__((section(".user_header"), used))
static const struct user_header header = {
	.magic = USER_MAGIC,
	.shell_entry = (uint64_t)user_shell_entry,
	.program_entry = (uint64_t)user_program_entry,
	.data_start = (uint64_t)__data_start,
	.image_end = (uint64_t)__image_end,
};

void user_shell_entry(void)
{
	shell_main();
	os_exit();
}

void user_program_entry(os_program *prog)
{
	prog();
	user_program_exit();
}
