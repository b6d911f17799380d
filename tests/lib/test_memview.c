/* SPDX-License-Identifier: MIT */
/*
 * test_memview.c: the program's view of memory under software breakpoints.
 * Reads return the original bytes (a raw read shows the int3); a write over
 * a breakpoint changes the instruction it covers and keeps the breakpoint;
 * removing it afterwards leaves the new code, not the old saved byte.
 * The syscall decoders show the same view, under software watches too.
 *
 * The tracee is bp_work ("count 1 N": counted(1, i) for i < N, summed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "bp_helpers.h"
#include "helpers.h"

static snare_bp *
counting_bp(snare_proc *p, uint64_t addr, long *hits)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	o.on_hit = snare_test_count_hit;
	o.user = hits;
	return add_bp(p, addr, &o);
}

/* Reads see the original bytes; the raw read sees the int3. */
static void
test_read_sees_original(void **state)
{
	static const char *const args[] = { "count", "1", "10", NULL };
	snare_session *s = snare_test_session(state, NULL);
	char line[1024], out[256];
	uint8_t before[32], after[32], raw[32];
	long hits = 0;
	uint64_t fn;
	snare_proc *p = start_tracee(s, "bp_work", args, line, sizeof(line));
	snare_bp *bp;

	fn = addr_of(line, "counted");
	assert_int_equal(snare_mem_read(before, p, fn - 8, sizeof(before)), 0);
	bp = counting_bp(p, fn, &hits);
	assert_int_equal(snare_mem_read(after, p, fn - 8, sizeof(after)), 0);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(snare_mem_read_raw(raw, p, fn - 8, sizeof(raw)), 0);
	assert_int_equal(raw[8], 0xcc);
	assert_memory_equal(raw, before, 8);
	assert_memory_equal(raw + 9, before + 9, sizeof(raw) - 9);
	/* One byte alone, and the breakpoint as the last byte read. */
	assert_int_equal(snare_mem_read(after, p, fn, 1), 0);
	assert_int_equal(after[0], before[8]);
	assert_int_equal(snare_mem_read(after, p, fn - 3, 4), 0);
	assert_memory_equal(after, before + 5, 4);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_int_equal(hits, 10);
	assert_int_equal(snare_bp_hits(bp), 10);
}

/* "total X" of a finished tracee. */
static long
total_of(const char *out)
{
	const char *at = strstr(out, "total ");

	if (!at)
		fail_msg("no total in '%s'", out);
	return strtol(at + 6, NULL, 10);
}

/*
 * Write "mov $7, %eax; ret" over counted(), which has a breakpoint: the
 * breakpoint keeps its hits, the program computes with the new code
 * (7 per call), and removing the breakpoint leaves the new code.
 */
static void
test_write_keeps_breakpoint(void **state)
{
	static const char *const args[] = { "count", "1", "10", NULL };
	static const uint8_t code[] = { 0xb8, 0x07, 0x00, 0x00, 0x00, 0xc3 };
	snare_session *s = snare_test_session(state, NULL);
	char line[1024], out[256];
	uint8_t back[sizeof(code)], raw[sizeof(code)];
	long hits = 0;
	snare_proc *p = start_tracee(s, "bp_work", args, line, sizeof(line));
	uint64_t fn = addr_of(line, "counted");
	snare_bp *bp = counting_bp(p, fn, &hits);

	assert_int_equal(snare_mem_write(p, fn, code, sizeof(code)), 0);
	assert_int_equal(snare_mem_read(back, p, fn, sizeof(back)), 0);
	assert_memory_equal(back, code, sizeof(code));
	assert_int_equal(snare_mem_read_raw(raw, p, fn, sizeof(raw)), 0);
	assert_int_equal(raw[0], 0xcc);
	assert_memory_equal(raw + 1, code + 1, sizeof(code) - 1);
	go(p, "go\n");
	/* Run until the result is printed, then remove the breakpoint. */
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_int_equal(total_of(line), 70);
	assert_int_equal(hits, 10);
	assert_int_equal(snare_bp_remove(bp), 0);
	assert_int_equal(snare_mem_read_raw(raw, p, fn, sizeof(raw)), 0);
	assert_memory_equal(raw, code, sizeof(code));
	go(p, "end\n");
	finish_tracee(s, p, out, sizeof(out));
}

/*
 * A write that leaves no valid instruction under the int3 disables the
 * breakpoint (never runs garbage) and puts the written byte there.
 */
static void
test_write_garbage_disables(void **state)
{
	static const char *const args[] = { "count", "1", "3", NULL };
	snare_session *s = snare_test_session(state, NULL);
	char line[1024];
	uint8_t saved[16], bad[16], raw[16];
	long hits = 0;
	snare_proc *p = start_tracee(s, "bp_work", args, line, sizeof(line));
	uint64_t fn = addr_of(line, "counted");
	snare_bp *bp = counting_bp(p, fn, &hits);

	assert_int_equal(snare_mem_read(saved, p, fn, sizeof(saved)), 0);
	/* 0x06 (push %es) does not exist in 64-bit mode. */
	memset(bad, 0x06, sizeof(bad));
	assert_int_equal(snare_mem_write(p, fn, bad, sizeof(bad)), 0);
	assert_int_equal(snare_mem_read_raw(raw, p, fn, sizeof(raw)), 0);
	assert_memory_equal(raw, bad, sizeof(bad));
	assert_int_equal(snare_bp_enable(bp, 1), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "not an instruction"));
	/* The program's code back: the breakpoint can be enabled again. */
	assert_int_equal(snare_mem_write(p, fn, saved, sizeof(saved)), 0);
	assert_int_equal(snare_bp_enable(bp, 0), 0);
	assert_int_equal(snare_bp_enable(bp, 1), 0);
	assert_int_equal(snare_mem_read_raw(raw, p, fn, 1), 0);
	assert_int_equal(raw[0], 0xcc);
	go(p, "go\nend\n");
	finish_tracee(s, p, line, sizeof(line));
	assert_int_equal(hits, 3);
}

/* strace's text of write(1, addr, len) at entry, as the decoders read. */
static void
format_write(char *out, size_t cap, snare_proc *p, uint64_t addr, size_t len)
{
	const uint64_t args[6] = { 1, addr, len, 0, 0, 0 };

	snare_format_syscall_enter(out, cap, p, SYS_write, args, NULL);
}

/*
 * The decoders show the program's view too: the bytes under a
 * breakpoint, and a page a software watch made unreadable (which they
 * read as strace does, with process_vm_readv, which refuses it) as the
 * program reads it, not as an address.
 */
static void
test_decoders_see_program(void **state)
{
	static const char *const args[] = { "count", "1", "3", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	char line[1024], want[256], got[256];
	long hits = 0;
	snare_proc *p = start_tracee(s, "bp_work", args, line, sizeof(line));
	uint64_t fn = addr_of(line, "counted");
	uint64_t data = addr_of(line, "data_global");
	snare_bp *bp, *w = NULL;

	format_write(want, sizeof(want), p, fn, 8);
	assert_non_null(strstr(want, "write(1, \""));
	bp = counting_bp(p, fn, &hits);
	format_write(got, sizeof(got), p, fn, 8);
	assert_string_equal(got, want);

	format_write(want, sizeof(want), p, data, 8);
	assert_non_null(strstr(want, "write(1, \"*\\0\\0"));
	o.kind = SNARE_WATCH_RW;
	o.len = 8;
	o.flags = SNARE_WATCH_SOFTWARE;
	assert_int_equal(snare_bp_add(&w, p, data, &o), 0);
	assert_int_equal(snare_bp_method(w), SNARE_METHOD_PAGE);
	format_write(got, sizeof(got), p, data, 8);
	assert_string_equal(got, want);
	assert_int_equal(snare_bp_remove(w), 0);
	assert_int_equal(snare_bp_remove(bp), 0);
	go(p, "go\nend\n");
	finish_tracee(s, p, line, sizeof(line));
	assert_int_equal(hits, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_read_sees_original),
		SNARE_TEST(test_write_keeps_breakpoint),
		SNARE_TEST(test_write_garbage_disables),
		SNARE_TEST(test_decoders_see_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
