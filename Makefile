# Mini-KVM — one plain Makefile. Outputs go to build/ (git-ignored).
#   make            build build/mini-kvm and every guest (installs missing packages first)
#   make demo       the 4-vCPU projector demo in the TUI
#   make test       every test; ends with one line "N passed, N failed, N skipped"
#   make asan|tsan  build with sanitizers into build/asan|build/tsan and run the suites
#   make bench      benchmarks: ratios against a raw-KVM reference measured in the same run
#   V=1 shows full commands; WERROR=0 turns warnings back into warnings.

B ?= build
CC ?= cc
NASM ?= nasm
WERROR ?= 1
SAN ?=

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wundef -Wwrite-strings
ifeq ($(WERROR),1)
WARN += -Werror
endif
CFLAGS ?= -O2 -g
# Hardening (issue 8): stack canaries, stack-clash probes, checked libc calls (not with a
# sanitizer, which does its own checking), read-only relocations bound at start-up.
HARDEN := -fstack-protector-strong -fstack-clash-protection \
	$(if $(SAN),,-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3)
CFLAGS += -std=gnu11 -pthread $(WARN) $(HARDEN) -MMD -MP $(SAN)
LDFLAGS += -pthread -Wl,-z,relro,-z,now $(SAN)
# build/mini-kvm is linked statically (ncurses too): no dynamic loader, and pages a
# headless run never touches cost no RSS. Zydis exists only as a shared library, so the
# disassembler runs as a companion process, build/mini-kvm-disasm (tui/zydis_server.c).
# Sanitizer builds stay dynamic (the sanitizer runtimes need it).
TUI_LIBS := -lncursesw -ltinfo
STATIC := $(if $(SAN),,-static)
NASMFLAGS := -Werror -w+all -I guests/include/

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2);
endif

VMM_SRC := $(sort $(wildcard vmm/*.c))
TUI_SRC := $(filter-out tui/zydis_server.c,$(sort $(wildcard tui/*.c)))
VMM_OBJ := $(VMM_SRC:%.c=$(B)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(B)/%.o)
TUI_LIB_OBJ := $(filter-out $(B)/tui/main.o,$(TUI_OBJ))
GUEST_SRC := $(sort $(wildcard guests/real/*.asm))
GUEST_BIN := $(GUEST_SRC:guests/real/%.asm=$(B)/guests/%.bin)
FLAT_SRC := $(sort $(wildcard guests/flat/*.asm))
FLAT_BIN := $(FLAT_SRC:guests/flat/%.asm=$(B)/guests/%.bin)
FLAT_ELF := $(patsubst guests/flat/%.ld,$(B)/guests/%.elf,$(wildcard guests/flat/*.ld))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
KVMT_SRC := $(sort $(wildcard tests/kvm/*.c))
UNIT_BIN := $(UNIT_SRC:%.c=$(B)/%)
KVMT_BIN := $(KVMT_SRC:%.c=$(B)/%)
# fuzz targets (see "fuzzing" below): the smoke runs are part of `all`
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_NAMES := loader cli $(if $(wildcard tui/scrollback.c),scrollback)
FUZZ_OBJ_loader :=
FUZZ_OBJ_cli := tui/cli.o tui/visible.o
FUZZ_OBJ_scrollback := tui/scrollback.o tui/visible.o
FUZZ_SMOKE := $(FUZZ_NAMES:%=$(B)/tests/fuzz/smoke_%)
DEPS_STAMP := build/.deps-ok

.PHONY: all deps demo demo-os test asan tsan bench screenshots run clean check-layering
all: $(B)/mini-kvm $(B)/mini-kvm-disasm guests $(UNIT_BIN) $(KVMT_BIN) $(FUZZ_SMOKE)

# ---- packages: say what is missing, then install it (sudo when not root) ----
deps: $(DEPS_STAMP)
$(DEPS_STAMP): tests/deps.sh
	@bash tests/deps.sh
	@mkdir -p build && touch $@
$(VMM_OBJ) $(TUI_OBJ) $(GUEST_BIN): | $(DEPS_STAMP)

$(B)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libvmm.a: $(VMM_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(B)/mini-kvm: $(TUI_OBJ) $(B)/libvmm.a
	$(call say,LD,$@)$(CC) $(LDFLAGS) $(STATIC) -o $@ $(TUI_OBJ) $(B)/libvmm.a $(TUI_LIBS)

$(B)/mini-kvm-disasm: $(B)/tui/zydis_server.o
	$(call say,LD,$@)$(CC) $(LDFLAGS) -o $@ $< -lZydis

# ---- guests ----
.PHONY: guests
guests: $(GUEST_BIN) $(FLAT_BIN) $(FLAT_ELF) os1k
$(B)/guests/%.bin: guests/real/%.asm $(wildcard guests/include/*.inc) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -f bin -l $(B)/guests/$*.lst -o $@ $<
# Flat protected- and long-mode guests (--mode, --paging): the same build, their own room;
# one with a linker script (NAME.ld) is also built as an ELF, assembled with -DELF.
$(B)/guests/%.bin: guests/flat/%.asm $(wildcard guests/include/*.inc) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -f bin -l $(B)/guests/$*.lst -o $@ $<
$(B)/guests/%.elf: guests/flat/%.asm guests/flat/%.ld $(wildcard guests/include/*.inc) | $(DEPS_STAMP)
	@mkdir -p $(B)/guests/flat
	$(call say,NASM,$<)$(NASM) $(NASMFLAGS) -DELF -f elf32 -o $(B)/guests/flat/$*.o $<
	$(call say,LD,$@)$(LD) -m elf_i386 -nostdlib -static -z noexecstack -T guests/flat/$*.ld \
		-o $@ $(B)/guests/flat/$*.o

# The 1K OS's rules add to `os1k` (guests/os1k/os1k.mk).
.PHONY: os1k
os1k:
-include guests/os1k/os1k.mk

# ---- tests: unit tests link libvmm.a without curses, so a stray curses call fails ----
$(B)/tests/unit/test_tui_%: tests/unit/test_tui_%.c $(TUI_LIB_OBJ) $(B)/libvmm.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -o $@ $< $(TUI_LIB_OBJ) $(B)/libvmm.a $(TUI_LIBS) $(LDFLAGS)
$(B)/tests/unit/test_%: tests/unit/test_%.c $(B)/tui/cli.o $(B)/libvmm.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -o $@ $< $(B)/tui/cli.o $(B)/libvmm.a $(LDFLAGS)
$(B)/tests/kvm/%: tests/kvm/%.c $(B)/libvmm.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -o $@ $< $(B)/libvmm.a $(LDFLAGS)

# ---- fuzzing: tests/fuzz/fuzz_<target>.c are libFuzzer targets. `make fuzz` builds them
# with clang (installed on demand) and runs each for FUZZ_SECONDS, growing build/fuzz/
# corpus/<target> from the seeds in tests/fuzz/corpus/<target>; `make test` feeds every
# seed once to the same target built with $(CC) and a plain driver (no clang needed).
# fuzz_scrollback needs tui/scrollback.c; fuzz_exits will need the vCPU's exit API.
FUZZ_BIN := $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
FUZZ_FLAGS := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_VMM_OBJ := $(VMM_SRC:%.c=build/fuzz/%.o)

.SECONDEXPANSION:
$(B)/tests/fuzz/smoke_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c \
		$$(addprefix $(B)/,$$(FUZZ_OBJ_$$*)) $(B)/libvmm.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -o $@ $< tests/fuzz/driver.c \
		$(addprefix $(B)/,$(FUZZ_OBJ_$*)) $(B)/libvmm.a $(LDFLAGS)

.PRECIOUS: build/fuzz/%.o
build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CLANG,$<)$(FUZZ_CC) -std=gnu11 -pthread $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
		-MMD -MP -c -o $@ $<
build/fuzz/libvmm.a: $(FUZZ_VMM_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(addprefix build/fuzz/,$$(FUZZ_OBJ_$$*)) build/fuzz/libvmm.a
	$(call say,CLANG,$<)$(FUZZ_CC) -std=gnu11 -pthread $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
		$(addprefix build/fuzz/,$(FUZZ_OBJ_$*)) build/fuzz/libvmm.a

.PHONY: fuzz fuzz-build
fuzz-build:
	@bash tests/deps.sh clang
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
fuzz: fuzz-build
	@for t in $(FUZZ_NAMES); do \
		mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=build/fuzz/crashes/$$t/ \
			build/fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>build/fuzz/$$t.log || \
			{ tail -n 40 build/fuzz/$$t.log; echo "fuzz: $$t found a crash: build/fuzz/crashes/$$t/"; exit 1; }; \
		grep -E '^(stat::number_of_executed_units|Done)' build/fuzz/$$t.log; \
	done

check-layering:
	@bad=$$(grep -lE '#include *[<"](n?curses|panel)\.h' vmm/*.[ch]; \
		grep -lE '#include *<linux/kvm\.h>' tui/*.[ch]); \
	if [ -n "$$bad" ]; then echo "layering broken: $$bad"; exit 1; fi

test: all check-layering
	@bash tests/run.sh $(B)

.PHONY: test-hw
test-hw: all
	@bash tests/hw/test-hw.sh $(B)

asan:
	$(MAKE) B=build/asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer" all
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 bash tests/run.sh build/asan

tsan:
	$(MAKE) B=build/tsan SAN="-fsanitize=thread" all
	TSAN_OPTIONS=halt_on_error=1 bash tests/run.sh build/tsan

bench: all
	@bash tests/bench/run.sh $(B)

# Four guests that keep their panes moving together at 30 exits/s: primes (~50 s),
# multiplication (~16 s), matrix (~13 s) and flood (until you quit with F10).
demo: all
	$(B)/mini-kvm --tui --speed 30 $(B)/guests/primes.bin $(B)/guests/multiplication.bin \
		$(B)/guests/matrix.bin $(B)/guests/flood.bin

screenshots: all
	@bash tests/tui/screenshots.sh $(B)

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)
