/* SPDX-License-Identifier: MIT */
/*
 * fuzz_unwind (PTRACE-NOTES 4.5, target 4): a fake stack and register
 * file against a fuzzed ELF (its .eh_frame and .debug_frame), mapped at
 * a fake load bias through snare__symtab_from_maps(). Two unwinders:
 *
 *  - the library's own frame math, snare__frame_cfa() (what
 *    snare_thread_finish() runs: CFA from the CFI, else rbp + 16), with
 *    the return address read at CFA - 8, walked frame by frame with a
 *    depth limit and a progress rule (each CFA above the stack pointer);
 *  - libdwfl's unwinder as snare_thread_backtrace() drives it, through
 *    snare__backtrace_frames(), attached to the fake state instead of a
 *    process (dwfl_attach_state), with the same depth cap and a bound on
 *    memory reads.
 *
 * Input:
 *   u64 bias        the ELF's PT_LOADs are mapped there
 *   u64 pc          relative to bias
 *   u64 sp          the fake stack starts there (rsp)
 *   u64 rbp         relative to sp
 *   u8 depth        frame limit (at most 64)
 *   u8 flags        UNWIND_* below
 *   u16 stack_len   bytes of stack that follow (at most 4096)
 *   the stack, then the ELF file
 * The other registers point into the stack (sp + 8 * n).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <elfutils/libdwfl.h>

#include "fuzz_layout.h"
#include "snare.h"
#include "symbols/symtab.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HDR_SIZE 36
#define MAX_DEPTH 64
#define MAX_STACK 4096
#define MAX_READS 4096
#define NREGS 17 /* DWARF 0..16: rax..r15, rip */
#define REG_RBP 6
#define REG_RSP 7
#define REG_RIP 16

enum {
	UNWIND_EXACT = 1 << 0,   /* no page rounding of PT_LOAD lines */
	UNWIND_NO_LIBDWFL = 1 << 1, /* only the library's frame math */
};

/* The fake thread: registers, stack, and a budget of memory reads. */
struct fake {
	uint64_t regs[NREGS];
	uint64_t sp;
	const uint8_t *stack;
	size_t stack_len;
	unsigned reads;
	pid_t tid;
};

static struct layout_file prog;

/*
 * How deep each unwinder got, as libFuzzer extra counters: libdwfl is not
 * instrumented, so this is what tells the fuzzer an input unwinds further.
 */
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t
	depth_seen[2][MAX_DEPTH + 1];
static bool verbose; /* FUZZ_VERBOSE=1: print the frames (seed checks) */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	verbose = layout_fuzz_init();
	layout_file_init(&prog, "snare-fuzz-unwind");
	return 0;
}

static int
fake_reg(uint64_t *v, unsigned regno, void *arg)
{
	struct fake *f = arg;

	if (regno >= NREGS)
		return -EINVAL;
	*v = f->regs[regno];
	return 0;
}

/* 8 bytes of the stack; anything else is unmapped. */
static bool
fake_read(struct fake *f, uint64_t addr, uint64_t *out)
{
	uint64_t off;

	if (++f->reads > MAX_READS)
		return false;
	if (addr < f->sp)
		return false;
	off = addr - f->sp;
	if (off > f->stack_len || f->stack_len - off < 8)
		return false;
	*out = layout_u64(f->stack + off);
	return true;
}

/* The library's frame math, one frame at a time. */
static void
walk_cfa(Dwfl *dwfl, struct fake *f, unsigned depth)
{
	uint64_t cfa, ret, sp = f->regs[REG_RSP];
	struct fake cur = *f;
	unsigned n;

	for (n = 0; n < depth; n++) {
		uint64_t pc = cur.regs[REG_RIP];
		Dwfl_Module *mod = dwfl_addrmodule(dwfl, pc);

		if (snare__frame_cfa(&cfa, mod, pc, fake_reg, &cur) < 0)
			abort(); /* the register file has every register */
		if (verbose)
			fprintf(stderr, "cfa frame %u: pc 0x%" PRIx64 " cfa 0x%"
				PRIx64 " %s\n", n, pc, cfa, mod ? "" : "(no module)");
		/* Progress: the caller's frame is above this one. */
		if (cfa <= sp || cfa < 8 || !fake_read(&cur, cfa - 8, &ret))
			break;
		sp = cfa;
		cur.regs[REG_RSP] = cfa;
		cur.regs[REG_RIP] = ret;
	}
	depth_seen[0][n]++;
}

static pid_t
next_thread(Dwfl *dwfl, void *dwfl_arg, void **thread_argp)
{
	struct fake *f = dwfl_arg;

	(void)dwfl;
	if (*thread_argp)
		return 0;
	*thread_argp = f;
	return f->tid;
}

static bool
memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result, void *dwfl_arg)
{
	uint64_t v;

	(void)dwfl;
	if (!fake_read(dwfl_arg, addr, &v))
		return false;
	*result = v;
	return true;
}

static bool
set_initial_registers(Dwfl_Thread *thread, void *thread_arg)
{
	struct fake *f = thread_arg;
	Dwarf_Word regs[NREGS];

	for (int i = 0; i < NREGS; i++)
		regs[i] = f->regs[i];
	return dwfl_thread_state_registers(thread, 0, NREGS, regs);
}

static const Dwfl_Thread_Callbacks fake_callbacks = {
	.next_thread = next_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout l = { 0 };
	struct fake f = { 0 };
	uint64_t bias, pcs[MAX_DEPTH];
	unsigned depth;
	snare_symtab *st = NULL;
	uint8_t flags;
	Elf *elf = NULL;
	char *copy = NULL;
	size_t n;
	int rc;

	if (size < HDR_SIZE)
		return 0;
	bias = layout_u64(data);
	f.sp = layout_u64(data + 16);
	f.regs[REG_RIP] = bias + layout_u64(data + 8);
	f.regs[REG_RBP] = f.sp + layout_u64(data + 24);
	depth = data[32] % (MAX_DEPTH + 1);
	flags = data[33];
	f.stack_len = (size_t)(data[34] | data[35] << 8) % (MAX_STACK + 1);
	data += HDR_SIZE;
	size -= HDR_SIZE;
	if (size < f.stack_len)
		return 0;
	f.stack = data;
	data += f.stack_len;
	size -= f.stack_len;
	for (int i = 0; i < NREGS; i++)
		if (i != REG_RIP && i != REG_RBP)
			f.regs[i] = f.sp + 8 * (uint64_t)i;
	f.regs[REG_RSP] = f.sp;
	f.tid = 4242;

	if (layout_file_load(&prog, data, size) < 0)
		abort();
	copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	elf = elf_memory(copy, size);
	layout_loads(&l, elf, bias, &prog, 11, flags & UNWIND_EXACT);
	if (l.bad)
		goto out;
	rc = snare__symtab_from_maps(&st, l.text ? l.text : "", l.len, 0);
	if (rc < 0)
		goto out;

	walk_cfa(st->dwfl, &f, depth);

	if (depth && !(flags & UNWIND_NO_LIBDWFL)) {
		f.reads = 0;
		if (!dwfl_attach_state(st->dwfl, NULL, f.tid, &fake_callbacks,
				       &f)) {
			if (verbose)
				fprintf(stderr, "attach: %s\n", dwfl_errmsg(-1));
		} else {
			n = snare__backtrace_frames(pcs, depth, st->dwfl, f.tid);
			if (n > depth)
				abort();
			depth_seen[1][n]++;
			for (size_t i = 0; verbose && i < n; i++)
				fprintf(stderr, "libdwfl frame %zu: pc 0x%" PRIx64
					"\n", i, pcs[i]);
		}
	}
out:
	snare_symtab_free(st);
	if (elf)
		elf_end(elf);
	free(copy);
	free(l.text);
	return 0;
}
