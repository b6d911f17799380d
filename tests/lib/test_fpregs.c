/* SPDX-License-Identifier: MIT */
/*
 * test_fpregs.c: FP and vector registers. The tracee (fp_regs) loads known
 * bytes into xmm0, ymm1 and, with AVX-512, zmm2, zmm17 and k1, and 1.0
 * into st0, then calls vec_mark(), where a breakpoint stops it. There the
 * test reads them by name and checks every byte; reads the FXSAVE area
 * and finds xmm0 and st0 there too; writes xmm3, ymm4 and (AVX-512) zmm5
 * and k2, which the tracee stores and prints after the breakpoint, so the
 * writes are proved by the program's own output. Bad names, short
 * buffers and wrong lengths are refused with a message.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp_helpers.h"
#include "helpers.h"

/* Bytes first, first + 1, ... as the tracee loads them. */
static void
pattern(unsigned char *p, size_t n, unsigned first)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(first + i);
}

static void
assert_vreg(snare_thread *t, const char *name, size_t size, unsigned first)
{
	unsigned char got[64], want[64];

	memset(got, 0xaa, sizeof(got));
	assert_int_equal(snare_vreg_get(got, sizeof(got), t, name), (int)size);
	pattern(want, size, first);
	if (memcmp(got, want, size) != 0)
		fail_msg("%s: bytes differ (first 0x%02x, want 0x%02x)", name,
			 got[0], want[0]);
}

/* The hex line "name <hex>" of the tracee's output, as bytes. */
static void
hex_line(const char *out, const char *name, unsigned char *p, size_t n)
{
	char key[16];
	const char *at;
	size_t i;

	snprintf(key, sizeof(key), "%s ", name);
	at = strstr(out, key);
	if (!at)
		fail_msg("no '%s' line in '%s'", name, out);
	at += strlen(key);
	for (i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(at + 2 * i, "%2x", &v) != 1)
			fail_msg("bad hex in %s line", name);
		p[i] = (unsigned char)v;
	}
}

static void
test_vector_registers(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	unsigned char buf[64], want[64], got[64];
	char line[512], first[256], out[1024];
	snare_fpregs fp;
	snare_thread *t;
	snare_proc *p;
	snare_bp *bp;
	uint64_t mark;
	int avx512;

	p = spawn_tracee(s, "fp_regs", NULL, SNARE_SPAWN_STOP_EXEC);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), first,
				  sizeof(first));
	assert_int_equal(sscanf(first, "avx512 %d", &avx512), 1);
	snare_test_read_line(snare_proc_stdio_fd(p, 1), first, sizeof(first));
	read_addrs(snare_proc_stdio_fd(p, 1), first, line, sizeof(line));
	mark = addr_of(line, "vec_mark");
	bp = add_stopping(p, mark);
	go(p, "go\n");
	t = run_to_bp(s, bp, mark);

	assert_vreg(t, "xmm0", 16, 0x00);
	assert_vreg(t, "ymm1", 32, 0x20);
	assert_vreg(t, "xmm1", 16, 0x20); /* the low half of ymm1 */
	/* st0 = 1.0: mantissa 0x8000000000000000, exponent 0x3fff. */
	{
		static const unsigned char one[10] = { 0, 0, 0, 0, 0, 0, 0, 0x80,
						       0xff, 0x3f };

		assert_int_equal(snare_vreg_get(got, sizeof(got), t, "st0"), 10);
		assert_memory_equal(got, one, 10);
		assert_int_equal(snare_fpregs_get(&fp, t), 0);
		assert_memory_equal(fp.st_space, one, 10);
	}
	assert_int_equal(snare_vreg_get(got, sizeof(got), t, "mxcsr"), 4);
	assert_int_equal(got[0] | got[1] << 8, fp.mxcsr & 0xffff);
	pattern(want, 16, 0x00);
	assert_memory_equal(fp.xmm_space, want, 16);

	/* Refusals. */
	assert_int_equal(snare_vreg_get(got, sizeof(got), t, "xmm32"), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "xmm32"));
	assert_int_equal(snare_vreg_get(got, sizeof(got), t, "xmm01"), -EINVAL);
	assert_int_equal(snare_vreg_get(got, 8, t, "xmm0"), -ENOSPC);
	assert_int_equal(snare_vreg_set(t, "ymm4", buf, 16), -EINVAL);

	pattern(buf, 16, 0x90);
	assert_int_equal(snare_vreg_set(t, "xmm3", buf, 16), 0);
	pattern(buf, 32, 0xa0);
	assert_int_equal(snare_vreg_set(t, "ymm4", buf, 32), 0);
	assert_vreg(t, "ymm4", 32, 0xa0);
	if (avx512) {
		assert_vreg(t, "zmm2", 64, 0x40);
		assert_vreg(t, "zmm17", 64, 0x80);
		assert_vreg(t, "ymm17", 32, 0x80);
		assert_int_equal(snare_vreg_get(got, sizeof(got), t, "k1"), 8);
		assert_int_equal(got[0] | got[1] << 8, 0x1234);
		pattern(buf, 64, 0x10);
		assert_int_equal(snare_vreg_set(t, "zmm5", buf, 64), 0);
		memset(buf, 0, 8);
		buf[0] = 0x5a;
		buf[1] = 0xa5;
		assert_int_equal(snare_vreg_set(t, "k2", buf, 8), 0);
	} else {
		assert_int_equal(snare_vreg_get(got, sizeof(got), t, "zmm2"),
				 -ENOTSUP);
	}

	assert_int_equal(snare_bp_remove(bp), 0);
	snare_test_finish(s, p, 100, out, sizeof(out));
	hex_line(out, "xmm3", got, 16);
	pattern(want, 16, 0x90);
	assert_memory_equal(got, want, 16);
	hex_line(out, "ymm4", got, 32);
	pattern(want, 32, 0xa0);
	assert_memory_equal(got, want, 32);
	if (avx512) {
		hex_line(out, "zmm5", got, 64);
		pattern(want, 64, 0x10);
		assert_memory_equal(got, want, 64);
		hex_line(out, "k2", got, 8);
		assert_int_equal(got[0], 0x5a);
		assert_int_equal(got[1], 0xa5);
	}
	assert_non_null(strstr(out, "done\n"));
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_vector_registers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
