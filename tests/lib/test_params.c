/* SPDX-License-Identifier: MIT */
/*
 * test_params.c: function parameters from DWARF and calls printed from
 * them. The tracee (call_args, built -g) has functions of known
 * signatures; at a breakpoint on each entry the test checks what
 * snare_symtab_params() says (names, type names, kinds, sizes, "...") and
 * the text snare_format_call() makes of the live registers: signed and
 * unsigned integers, a string, NULL, a double and a float from xmm
 * registers, an enum; a seventh integer and a struct by value end the
 * list with "..."; a variadic function ends with ", ...". Then the same
 * for glibc's fgets from its separate debug info (libc6-dbg), and -ENOENT
 * with a message for an address no function starts at.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp_helpers.h"
#include "helpers.h"

/* The call printed at the next stop on bp (at addr). */
static void
expect_call(snare_session *s, snare_proc *p, snare_bp *bp, uint64_t addr,
	    const char *name, const char *want, const char *raw_want)
{
	snare_param params[16];
	char buf[256];
	snare_thread *t = run_to_bp(s, bp, addr);
	int n, variadic;

	n = snare_symtab_params(params, 16, &variadic, snare_proc_symtab(p),
				addr);
	assert_true(n >= 0);
	snare_format_call(buf, sizeof(buf), t, name, params, n, variadic, NULL);
	assert_string_equal(buf, want);
	/* Without parameters (no debug info): the six registers in hex. */
	if (raw_want) {
		snare_format_call(buf, sizeof(buf), t, name, NULL, -1, 0, NULL);
		assert_string_equal(buf, raw_want);
	}
}

static void
test_params_and_calls(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_param pa[16];
	char line[512], out[256];
	uint64_t mixed, many, variadic, by_value, none;
	snare_bp *b1, *b2, *b3, *b4, *b5;
	snare_symtab *st;
	snare_proc *p;
	int n, va;

	p = start_tracee(s, "call_args", NULL, line, sizeof(line));
	mixed = addr_of(line, "mixed");
	many = addr_of(line, "many");
	variadic = addr_of(line, "variadic");
	by_value = addr_of(line, "by_value");
	none = addr_of(line, "none");
	st = snare_proc_symtab(p);
	assert_non_null(st);

	n = snare_symtab_params(pa, 16, &va, st, mixed);
	assert_int_equal(n, 8);
	assert_int_equal(va, 0);
	assert_string_equal(pa[0].name, "i");
	assert_string_equal(pa[0].type, "int");
	assert_int_equal(pa[0].kind, SNARE_PARAM_INT);
	assert_int_equal(pa[0].size, 4);
	assert_string_equal(pa[1].type, "unsigned char");
	assert_int_equal(pa[1].kind, SNARE_PARAM_UINT);
	assert_string_equal(pa[2].name, "s");
	assert_string_equal(pa[2].type, "const char *");
	assert_int_equal(pa[2].kind, SNARE_PARAM_STR);
	assert_string_equal(pa[3].type, "void *");
	assert_int_equal(pa[3].kind, SNARE_PARAM_PTR);
	assert_int_equal(pa[4].kind, SNARE_PARAM_FLOAT);
	assert_int_equal(pa[4].size, 8);
	assert_string_equal(pa[5].type, "my_size");
	assert_int_equal(pa[5].kind, SNARE_PARAM_UINT);
	assert_int_equal(pa[5].size, 8);
	assert_int_equal(pa[6].kind, SNARE_PARAM_FLOAT);
	assert_int_equal(pa[6].size, 4);
	assert_string_equal(pa[7].type, "enum color");
	assert_int_equal(pa[7].kind, SNARE_PARAM_INT);
	/* A short array: the count is still the whole. */
	assert_int_equal(snare_symtab_params(pa, 2, NULL, st, many), 7);
	assert_int_equal(snare_symtab_params(pa, 16, &va, st, variadic), 1);
	assert_int_equal(va, 1);
	assert_int_equal(snare_symtab_params(pa, 16, NULL, st, by_value), 2);
	assert_int_equal(pa[0].kind, SNARE_PARAM_OTHER);
	assert_string_equal(pa[0].type, "struct pair");
	assert_int_equal(snare_symtab_params(pa, 16, NULL, st, none), 0);
	/* Not a function's entry. */
	assert_int_equal(snare_symtab_params(pa, 16, NULL, st, mixed + 1), -ENOENT);
	assert_non_null(strstr(snare_symtab_errmsg(st), "no function starts"));

	b1 = add_stopping(p, mixed);
	b2 = add_stopping(p, many);
	b3 = add_stopping(p, variadic);
	b4 = add_stopping(p, by_value);
	b5 = add_stopping(p, none);
	go(p, "go\n");
	expect_call(s, p, b1, mixed, "mixed",
		    "mixed(-7, 200, \"hello\\n\", NULL, 2.5, 42, -1.25, 2)", NULL);
	expect_call(s, p, b2, many, "many", "many(1, 2, 3, 4, 5, 6, ...)",
		    "many(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)");
	expect_call(s, p, b3, variadic, "variadic", "variadic(\"%ld\", ...)",
		    NULL);
	expect_call(s, p, b4, by_value, "by_value", "by_value(...)", NULL);
	expect_call(s, p, b5, none, "none", "none()", NULL);
	go(p, "end\n");
	snare_test_finish(s, p, 100, out, sizeof(out));
	assert_string_equal(out, "sum 297\n");
	snare_test_session_free(state);
}

/* glibc's fgets, described by libc6-dbg's separate debug info. */
static void
test_libc_params(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char line[512], out[256], buf[256];
	snare_param pa[4];
	snare_thread *t;
	snare_proc *p;
	snare_bp *bp;
	uint64_t fgets_addr;
	int n;

	p = start_tracee(s, "call_args", NULL, line, sizeof(line));
	assert_int_equal(snare_symtab_resolve(&fgets_addr, snare_proc_symtab(p),
					      "libc.so.6:fgets"), 0);
	n = snare_symtab_params(pa, 4, NULL, snare_proc_symtab(p), fgets_addr);
	if (n == -ENOENT)
		fail_msg("no debug info for fgets (is libc6-dbg installed?): %s",
			 snare_symtab_errmsg(snare_proc_symtab(p)));
	assert_int_equal(n, 3);
	assert_int_equal(pa[0].kind, SNARE_PARAM_STR);
	assert_int_equal(pa[1].kind, SNARE_PARAM_INT);
	assert_int_equal(pa[2].kind, SNARE_PARAM_PTR);
	/* The tracee is blocked in its first fgets: the next one hits. */
	bp = add_stopping(p, fgets_addr);
	go(p, "go\n");
	t = run_to_bp(s, bp, fgets_addr);
	snare_format_call(buf, sizeof(buf), t, "fgets", pa, n, 0, NULL);
	/* fgets(line, sizeof(line), stdin): a string (whatever the stack
	   buffer holds), 64 and the FILE pointer. */
	if (strncmp(buf, "fgets(\"", 7) != 0 || !strstr(buf, "\", 64, 0x7"))
		fail_msg("fgets call printed as '%s'", buf);
	assert_int_equal(snare_bp_remove(bp), 0);
	go(p, "end\n");
	snare_test_finish(s, p, 100, out, sizeof(out));
	assert_string_equal(out, "sum 297\n");
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_params_and_calls),
		SNARE_TEST(test_libc_params),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
