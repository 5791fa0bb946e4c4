# os1k.mk — build rules for the 1K OS, included by the top-level Makefile (which defines
# B, CC, NASM, NASMFLAGS, WARN, Q and say). Two images from one tree:
#   $(B)/guests/os1k64.elf  long mode: kernel in ring 0 + a user image (shell, programs)
#                           linked at 0x40000000, turned into raw bytes and included
#   $(B)/guests/os1k32.elf  protected mode: kernel, shell and programs in one ring-0 image
# and a listing (.lst: objdump with the C source) next to each ELF.
# Objects go to $(B)/guests/os1k/{u64,k64,32}/. Kernel code is compiled for emulated
# CPL0 execution (HOST-KVM.md rule 6): general registers only, no POPCNT/LZCNT, no SSE.

OS1K_DIR := guests/os1k
OS1K_OUT := $(B)/guests/os1k
OBJCOPY ?= objcopy
OBJDUMP ?= objdump

OS1K_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-pic -fno-pie -mno-red-zone \
	-mgeneral-regs-only -mno-popcnt -mno-lzcnt -fno-stack-protector -nostdlib \
	-fno-asynchronous-unwind-tables -fcf-protection=none -fno-tree-loop-distribute-patterns \
	-MMD -MP -I $(OS1K_DIR)/include -I $(OS1K_DIR)/kernel -I vmm
OS1K_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack

# Sources, relative to $(OS1K_DIR). The shell and programs are shared by both builds.
OS1K_PROGS := shell.c ulib.c string.c $(patsubst $(OS1K_DIR)/%,%,$(sort $(wildcard $(OS1K_DIR)/progs/*.c)))
OS1K_KCOMMON := kernel/kprint.c kernel/fault.c
OS1K_U64_SRC := $(OS1K_PROGS) user/start.c user/syscall64.c
OS1K_K64_SRC := $(OS1K_KCOMMON) string.c $(patsubst $(OS1K_DIR)/%,%,$(sort $(wildcard $(OS1K_DIR)/k64/*.c)))
OS1K_32_SRC := $(OS1K_PROGS) $(OS1K_KCOMMON) $(patsubst $(OS1K_DIR)/%,%,$(sort $(wildcard $(OS1K_DIR)/k32/*.c)))

OS1K_U64_OBJ := $(OS1K_U64_SRC:%.c=$(OS1K_OUT)/u64/%.o)
OS1K_K64_OBJ := $(OS1K_K64_SRC:%.c=$(OS1K_OUT)/k64/%.o) $(OS1K_OUT)/k64/entry.o \
	$(OS1K_OUT)/k64/user_image.o
OS1K_32_OBJ := $(OS1K_32_SRC:%.c=$(OS1K_OUT)/32/%.o) $(OS1K_OUT)/32/entry.o

.PHONY: os1k demo-os demo-os4
OS1K_LST := $(B)/guests/os1k64.lst $(B)/guests/os1k32.lst $(OS1K_OUT)/user64.lst
os1k: $(B)/guests/os1k64.elf $(B)/guests/os1k32.elf $(OS1K_LST)

# ---- compile: one static pattern rule per flavour (beats the host's $(B)/%.o rule) ----
$(OS1K_U64_OBJ): $(OS1K_OUT)/u64/%.o: $(OS1K_DIR)/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC64,$<)$(CC) $(OS1K_CFLAGS) -m64 -c -o $@ $<

$(filter %.o,$(OS1K_K64_SRC:%.c=$(OS1K_OUT)/k64/%.o)): $(OS1K_OUT)/k64/%.o: $(OS1K_DIR)/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC64,$<)$(CC) $(OS1K_CFLAGS) -m64 -c -o $@ $<

$(filter %.o,$(OS1K_32_SRC:%.c=$(OS1K_OUT)/32/%.o)): $(OS1K_OUT)/32/%.o: $(OS1K_DIR)/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC32,$<)$(CC) $(OS1K_CFLAGS) -m32 -c -o $@ $<

$(OS1K_OUT)/k64/entry.o: $(OS1K_DIR)/k64/entry.asm | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -f elf64 -o $@ $<

$(OS1K_OUT)/32/entry.o: $(OS1K_DIR)/k32/entry.asm | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -f elf32 -o $@ $<

# ---- 64-bit: user image first (linked at 0x40000000, then raw bytes), then the kernel ----
$(OS1K_OUT)/user64.elf: $(OS1K_U64_OBJ) $(OS1K_DIR)/user/user.ld
	$(call say,LD,$@)$(LD) -m elf_x86_64 $(OS1K_LDFLAGS) -T $(OS1K_DIR)/user/user.ld -o $@ $(OS1K_U64_OBJ)

$(OS1K_OUT)/user64.bin: $(OS1K_OUT)/user64.elf
	$(call say,BIN,$@)$(OBJCOPY) -O binary $< $@

$(OS1K_OUT)/k64/user_image.o: $(OS1K_DIR)/k64/user_image.asm $(OS1K_OUT)/user64.bin
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -f elf64 -DUSER_BIN='"$(OS1K_OUT)/user64.bin"' -o $@ $<

$(B)/guests/os1k64.elf: $(OS1K_K64_OBJ) $(OS1K_DIR)/k64/kernel.ld
	$(call say,LD,$@)$(LD) -m elf_x86_64 $(OS1K_LDFLAGS) -T $(OS1K_DIR)/k64/kernel.ld -o $@ $(OS1K_K64_OBJ)

# ---- 32-bit: everything in one ring-0 image ----
$(B)/guests/os1k32.elf: $(OS1K_32_OBJ) $(OS1K_DIR)/k32/kernel.ld
	$(call say,LD,$@)$(LD) -m elf_i386 $(OS1K_LDFLAGS) -T $(OS1K_DIR)/k32/kernel.ld -o $@ $(OS1K_32_OBJ)

# ---- listings: disassembly with the C source interleaved, to read next to the TUI ----
$(OS1K_LST): %.lst: %.elf
	$(call say,LST,$@)$(OBJDUMP) -d -S -M intel $< >$@

# ---- demos ----
demo-os: all
	$(B)/mini-kvm --tui $(B)/guests/os1k64.elf

# Four shells, each its own VM and keyboard queue (Tab moves the focus): two 64-bit
# (ring 3, paging) and two 32-bit (ring 0, protected mode), side by side.
demo-os4: all
	$(B)/mini-kvm --tui $(B)/guests/os1k64.elf $(B)/guests/os1k64.elf \
		$(B)/guests/os1k32.elf $(B)/guests/os1k32.elf
