/* SPDX-License-Identifier: MIT */
/*
 * test_abi: option structs of a version newer than the library's (a
 * program built against a later snare.h) or of version 0 (not made with
 * the _INIT macro) are refused with -EINVAL and a message that says so;
 * older versions get the defaults for the fields they lack; the runtime
 * version is the header's. What a 0.1 binary does against this library
 * is tests/abi/run_0_1.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static void
assert_msg_has(snare_session *s, const char *what)
{
	if (!strstr(snare_errmsg(s), what))
		fail_msg("message \"%s\" lacks \"%s\"", snare_errmsg(s), what);
}

static void
test_version_string(void **state)
{
	int major = -1, minor = -1, patch = -1;
	char want[32];
	const char *v = snare_version(&major, &minor, &patch);

	(void)state;
	assert_int_equal(major, SNARE_VERSION_MAJOR);
	assert_int_equal(minor, SNARE_VERSION_MINOR);
	assert_int_equal(patch, SNARE_VERSION_PATCH);
	snprintf(want, sizeof(want), "%d.%d.%d", major, minor, patch);
	assert_string_equal(v, want);
	assert_ptr_equal(snare_version(NULL, NULL, NULL), v);
}

/* Every option struct, newer than the library and 0: -EINVAL, a message. */
static void
test_opts_newer_refused(void **state)
{
	snare_session *s = snare_test_session(state, NULL), *s2 = NULL;
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_sighook_opts sho = SNARE_SIGHOOK_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT;
	const char *path = snare_test_tracee("hk_getpid");
	char *const argv[] = { (char *)path, NULL };
	uint64_t args[6] = { 0 };
	snare_hook *h = NULL;
	snare_sighook *sh = NULL;
	snare_proc *p = NULL;
	snare_bp *bp = NULL;
	char buf[256];
	size_t n;
	int i;

	for (i = 0; i < 2; i++) {
		so.version = i ? SNARE_SESSION_OPTS_VERSION + 1 : 0;
		assert_int_equal(snare_session_new(&s2, &so), -EINVAL);
		assert_null(s2);

		po.version = i ? SNARE_SPAWN_OPTS_VERSION + 1 : 0;
		assert_int_equal(snare_spawn(&p, s, path, argv, &po), -EINVAL);
		assert_null(p);
		assert_msg_has(s, i ? "newer than this library's" : "version 0");
		assert_msg_has(s, "spawn");

		ho.version = i ? SNARE_HOOK_OPTS_VERSION + 1 : 0;
		assert_int_equal(snare_hook_syscall(&h, s, 39, &ho), -EINVAL);
		assert_null(h);
		assert_msg_has(s, i ? "newer than this library's" : "version 0");

		sho.version = i ? SNARE_SIGHOOK_OPTS_VERSION + 1 : 0;
		assert_int_equal(snare_hook_signal(&sh, s, 10, &sho), -EINVAL);
		assert_null(sh);
		assert_msg_has(s, i ? "newer than this library's" : "version 0");

		fo.version = i ? SNARE_FORMAT_OPTS_VERSION + 1 : 0;
		n = snare_format_syscall_enter(buf, sizeof(buf), NULL, 39, args,
					       &fo);
		assert_int_equal(n, strlen(buf));
		assert_non_null(strstr(buf, i ? "newer than this library's"
					      : "version 0"));
		assert_int_equal(buf[0], '<');
	}
	/* The hooks were not made: the defaults hook the same numbers. */
	assert_int_equal(snare_hook_syscall(&h, s, 39, NULL), 0);
	assert_int_equal(snare_hook_signal(&sh, s, 10, NULL), 0);

	/* Breakpoints need a process. */
	p = snare_test_spawn(s, path, argv, NULL);
	for (i = 0; i < 2; i++) {
		bo.version = i ? SNARE_BP_OPTS_VERSION + 1 : 0;
		assert_int_equal(snare_bp_add_at(&bp, p, "main", &bo), -EINVAL);
		assert_null(bp);
		assert_msg_has(s, i ? "newer than this library's" : "version 0");
		assert_msg_has(s, "breakpoint");
	}
	snare_test_session_free(state);
}

/*
 * Version 1 of snare_bp_opts (0.1, without flags) gets flags 0 whatever
 * lies after its end; the same bytes as version 2 are refused (flags on a
 * software breakpoint), so the garbage is really there. Version 1 of the
 * format options (the current one) works.
 */
static void
test_opts_old_versions(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	const char *path = snare_test_tracee("hk_getpid");
	char *const argv[] = { (char *)path, NULL };
	struct {
		snare_bp_opts o;
		unsigned char after[16];
	} v1;
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT;
	uint64_t args[6] = { 0 };
	snare_proc *p;
	snare_bp *bp = NULL;
	char buf[64];

	p = snare_test_spawn(s, path, argv, NULL);
	memset(&v1, 0xff, sizeof(v1));
	v1.o.version = 2;
	v1.o.kind = SNARE_BP_SOFTWARE;
	v1.o.len = 0;
	v1.o.condition = NULL;
	v1.o.on_hit = NULL;
	v1.o.user = NULL;
	assert_int_equal(snare_bp_add_at(&bp, p, "main", &v1.o), -EINVAL);
	assert_msg_has(s, "bad flags");
	v1.o.version = 1;
	assert_int_equal(snare_bp_add_at(&bp, p, "main", &v1.o), 0);
	assert_int_equal(snare_bp_kind(bp), SNARE_BP_SOFTWARE);
	assert_int_equal(snare_bp_method(bp), SNARE_METHOD_INT3);

	fo.version = 1;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, 39, args, &fo);
	assert_string_equal(buf, "getpid(");
	snare_test_run_to_end(s, 100);
	assert_int_equal(snare_bp_hits(bp), 1);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_version_string),
		SNARE_TEST(test_opts_newer_refused),
		SNARE_TEST(test_opts_old_versions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
