/* SPDX-License-Identifier: MIT */
/*
 * test_memory.c: memory, maps and registers of a stopped tracee. The memory
 * tracee prints where its stack, heap, .rodata and .text objects are, stops
 * at a hooked getppid(), and prints their contents after the test wrote
 * them (the text write replaces a function's code). The compute tracee
 * prints what getppid() returned, after the test changed rax at the
 * syscall exit. Both run PIE and non-PIE. Also: bad addresses and lengths,
 * unknown register names, parsing maps text.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

/* Run once and expect a stop of the getppid hook (enter or exit). */
static snare_thread *
run_to_getppid(snare_session *s, int kind, snare_event *ev)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	rc = snare_run(ev, s, SNARE_RUN_DEFAULT);
	if (rc != 0)
		fail_msg("snare_run: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	if (ev->kind != kind)
		fail_msg("event %d, want %d", ev->kind, kind);
	assert_int_equal(ev->syscall_nr, SYS_getppid);
	assert_non_null(ev->thread);
	assert_non_null(ev->hook);
	return ev->thread;
}

static uint64_t
addr_line(int fd, const char *name)
{
	char line[128], want[32];
	unsigned long long v = 0;

	snare_test_read_line(fd, line, sizeof(line));
	snprintf(want, sizeof(want), "%s 0x%%llx", name);
	if (sscanf(line, want, &v) != 1)
		fail_msg("expected '%s 0x...', got '%s'", name, line);
	return v;
}

/* The maps name the tracee's binary and [stack] and place each object. */
static void
check_maps(snare_proc *p, const char *tracee, uint64_t stack, uint64_t heap,
	   uint64_t rodata, uint64_t text)
{
	snare_map *maps = NULL;
	const snare_map *m;
	size_t n = 0, i, binary = 0, stacks = 0;
	const char *base;

	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	assert_true(n > 5);
	for (i = 0; i < n; i++) {
		assert_true(maps[i].start < maps[i].end);
		assert_non_null(maps[i].path);
		base = strrchr(maps[i].path, '/');
		if (base && strcmp(base + 1, tracee) == 0)
			binary++;
		if (strcmp(maps[i].path, "[stack]") == 0)
			stacks++;
		if (i > 0)
			assert_true(maps[i - 1].end <= maps[i].start);
	}
	assert_true(binary >= 2);
	assert_int_equal(stacks, 1);

	m = snare_test_find_map(maps, n, stack);
	assert_non_null(m);
	assert_string_equal(m->path, "[stack]");
	assert_int_equal(m->prot, PROT_READ | PROT_WRITE);
	assert_non_null(snare_test_find_map(maps, n, heap));
	assert_true(snare_test_find_map(maps, n, heap)->prot & PROT_WRITE);
	m = snare_test_find_map(maps, n, rodata);
	assert_non_null(m);
	assert_non_null(strstr(m->path, tracee));
	assert_int_equal(m->prot, PROT_READ);
	m = snare_test_find_map(maps, n, text);
	assert_non_null(m);
	assert_non_null(strstr(m->path, tracee));
	assert_int_equal(m->prot, PROT_READ | PROT_EXEC);
	assert_true(m->inode != 0);
	assert_int_equal(m->shared, 0);
	snare_maps_free(maps, n);
}

static void
check_memory(void **state, const char *tracee)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char *argv[] = { (char *)path, NULL };
	static const unsigned char ret1234[6] = { 0xb8, 0xd2, 0x04,
						  0x00, 0x00, 0xc3 };
	unsigned char code[6];
	char buf[64], hex[16], line[128], out[256];
	uint64_t stack, heap, rodata, text;
	snare_hook *h = NULL;
	snare_session *s;
	snare_proc *p;
	snare_event ev;
	int fd, i, exit_code = -1;

	po.stdio[0].kind = SNARE_STDIO_NULL;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	assert_int_equal(snare_hook_syscall_name(&h, s, "getppid", NULL), 0);
	p = snare_test_spawn(s, path, argv, &po);
	fd = snare_proc_stdio_fd(p, 1);
	run_to_getppid(s, SNARE_EV_SYSCALL_ENTER, &ev);

	stack = addr_line(fd, "stack");
	heap = addr_line(fd, "heap");
	rodata = addr_line(fd, "rodata");
	text = addr_line(fd, "text");
	snare_test_read_line(fd, line, sizeof(line));
	assert_int_equal(strncmp(line, "textbytes ", 10), 0);
	check_maps(p, tracee, stack, heap, rodata, text);

	/* Reads see what the tracee sees. */
	assert_int_equal(snare_mem_read(buf, p, stack, 15), 0);
	assert_memory_equal(buf, "stack-original", 15);
	assert_int_equal(snare_mem_read(buf, p, heap, 14), 0);
	assert_memory_equal(buf, "heap-original", 14);
	assert_int_equal(snare_mem_read(buf, p, rodata, 16), 0);
	assert_memory_equal(buf, "rodata-original", 16);
	assert_int_equal(snare_mem_read(code, p, text, 6), 0);
	for (i = 0; i < 6; i++)
		snprintf(hex + 2 * i, 3, "%02x", code[i]);
	assert_string_equal(hex, line + 10);
	assert_int_equal(snare_mem_read_str(buf, sizeof(buf), p, heap), 13);
	assert_string_equal(buf, "heap-original");
	assert_int_equal(snare_mem_read_str(buf, 6, p, stack), 5);
	assert_string_equal(buf, "stack");

	/* Writes, including into read-only data and text. */
	assert_int_equal(snare_mem_write(p, stack, "stack-written", 14), 0);
	assert_int_equal(snare_mem_write(p, heap, "heap-written", 13), 0);
	assert_int_equal(snare_mem_write(p, rodata, "rodata-written", 15), 0);
	assert_int_equal(snare_mem_write(p, text, ret1234, 6), 0);
	assert_int_equal(snare_mem_read(buf, p, rodata, 15), 0);
	assert_memory_equal(buf, "rodata-written", 15);
	assert_int_equal(snare_mem_read(code, p, text, 6), 0);
	assert_memory_equal(code, ret1234, 6);

	run_to_getppid(s, SNARE_EV_SYSCALL_EXIT, &ev);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(fd, out, sizeof(out));
	assert_string_equal(out, "stack stack-written\n"
				 "heap heap-written\n"
				 "rodata rodata-written\n"
				 "text 1234\n");
	assert_int_equal(snare_proc_exit_status(&exit_code, NULL, NULL, p), 1);
	assert_int_equal(exit_code, 0);
	assert_int_equal(snare_hook_hits(h), 1);
	snare_test_session_free(state);
}

static void
test_memory_round_trip(void **state)
{
	check_memory(state, "memory");
}

static void
test_memory_round_trip_nopie(void **state)
{
	check_memory(state, "memory-nopie");
}

/* Bad addresses and lengths, on a tracee stopped at its first insn. */
static void
test_memory_bad_input(void **state)
{
	char *argv[] = { "exit_code", "0", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = snare_test_spawn(s, snare_test_tracee("exit_code"),
					  argv, NULL);
	char buf[16] = "untouched";
	uint64_t sp = 0;
	snare_thread *t = NULL;
	int signo = 0;

	assert_int_equal(snare_mem_read(buf, p, 0, 8), -EFAULT);
	assert_true(strlen(snare_errmsg(s)) > 0);
	assert_int_equal(snare_mem_write(p, 0, buf, 8), -EFAULT);
	assert_int_equal(snare_mem_read_str(buf, sizeof(buf), p, 0), -EFAULT);
	/* Wrap-around and more than 1 GiB. */
	assert_int_equal(snare_mem_read(buf, p, UINT64_MAX - 3, 8), -EINVAL);
	assert_int_equal(snare_mem_read(buf, p, 0, ((size_t)1 << 30) + 1),
			 -EINVAL);
	assert_int_equal(snare_mem_write(p, UINT64_MAX - 3, buf, 8), -EINVAL);
	/* The stack is readable, for the check after the kill. */
	assert_int_equal(snare_proc_threads(&t, 1, p), 1);
	assert_int_equal(snare_thread_sp(&sp, t), 0);
	assert_int_equal(snare_mem_read(buf, p, sp, 8), 0);

	assert_int_equal(snare_proc_kill(p), 0);
	assert_int_equal(snare_proc_exit_status(NULL, &signo, NULL, p), 1);
	assert_int_equal(signo, 9);
	/* The process is gone: its memory too. */
	assert_int_equal(snare_mem_read(buf, p, sp, 8), SNARE_EEXITED);
	snare_test_run_to_end(s, 4);
	snare_test_session_free(state);
}

static void
check_registers(void **state, const char *tracee)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char *argv[] = { (char *)path, NULL };
	uint64_t v = 0, v2 = 0;
	snare_hook *h = NULL;
	snare_regs regs;
	snare_session *s;
	snare_proc *p;
	snare_thread *t;
	snare_event ev;
	char out[64];
	pid_t ppid;

	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	assert_int_equal(snare_hook_syscall_name(&h, s, "getppid", NULL), 0);
	assert_non_null(h);
	p = snare_test_spawn(s, path, argv, &po);
	ppid = (pid_t)snare_test_status_field(snare_proc_pid(p), "PPid");

	t = run_to_getppid(s, SNARE_EV_SYSCALL_ENTER, &ev);
	assert_int_equal(snare_reg_get(&v, t, "orig_rax"), 0);
	assert_int_equal(v, SYS_getppid);
	assert_int_equal(snare_reg_get(&v, t, "pc"), 0);
	assert_int_equal(snare_reg_get(&v2, t, "rip"), 0);
	assert_int_equal(v, v2);
	assert_int_equal(snare_reg_get(&v, t, "sp"), 0);
	assert_int_equal(snare_reg_get(&v2, t, "rsp"), 0);
	assert_int_equal(v, v2);
	assert_int_equal(snare_reg_get(&v, t, "no_such_reg"), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "no_such_reg"));

	/* First getppid(): change rax by name at the exit. */
	t = run_to_getppid(s, SNARE_EV_SYSCALL_EXIT, &ev);
	assert_int_equal(ev.retval, ppid);
	assert_int_equal(snare_reg_get(&v, t, "rax"), 0);
	assert_int_equal(v, (uint64_t)ppid);
	assert_int_equal(snare_reg_set(t, "rax", 1234), 0);
	assert_int_equal(snare_reg_get(&v, t, "rax"), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(snare_reg_set(t, "no_such_reg", 1), -EINVAL);

	/* Second one: through the whole register set. */
	run_to_getppid(s, SNARE_EV_SYSCALL_ENTER, &ev);
	t = run_to_getppid(s, SNARE_EV_SYSCALL_EXIT, &ev);
	assert_int_equal(snare_regs_get(&regs, t), 0);
	assert_int_equal(regs.rax, (uint64_t)ppid);
	regs.rax = 4321;
	assert_int_equal(snare_regs_set(t, &regs), 0);
	memset(&regs, 0, sizeof(regs));
	assert_int_equal(snare_regs_get(&regs, t), 0);
	assert_int_equal(regs.rax, 4321);

	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "a 1234\nb 4321\n");
	/* The thread has exited: its registers are gone. */
	assert_int_equal(snare_reg_get(&v, t, "rax"), SNARE_EEXITED);
	snare_test_session_free(state);
}

static void
test_registers_change_result(void **state)
{
	check_registers(state, "compute");
	check_registers(state, "compute-nopie");
}

static void
test_maps_parse(void **state)
{
	static const char text[] =
		"55d0c0a00000-55d0c0a01000 r--p 00000000 fd:01 1234567 "
		"  /usr/bin/a b\n"
		"7ffd5a3c1000-7ffd5a3e2000 rw-p 00000000 00:00 0 "
		"                 [stack]\n"
		"7f0000000000-7f0000001000 rwxs 00001000 08:11 42\n";
	snare_map *maps = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(snare_maps_parse(&maps, &n, text, strlen(text)), 0);
	assert_int_equal(n, 3);
	assert_int_equal(maps[0].start, 0x55d0c0a00000ULL);
	assert_int_equal(maps[0].end, 0x55d0c0a01000ULL);
	assert_int_equal(maps[0].prot, PROT_READ);
	assert_int_equal(maps[0].dev_major, 0xfd);
	assert_int_equal(maps[0].dev_minor, 1);
	assert_int_equal(maps[0].inode, 1234567);
	assert_string_equal(maps[0].path, "/usr/bin/a b");
	assert_string_equal(maps[1].path, "[stack]");
	assert_int_equal(maps[1].prot, PROT_READ | PROT_WRITE);
	assert_int_equal(maps[2].prot, PROT_READ | PROT_WRITE | PROT_EXEC);
	assert_int_equal(maps[2].shared, 1);
	assert_int_equal(maps[2].offset, 0x1000);
	assert_string_equal(maps[2].path, "");
	snare_maps_free(maps, n);
	snare_maps_free(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_memory_round_trip),
		SNARE_TEST(test_memory_round_trip_nopie),
		SNARE_TEST(test_memory_bad_input),
		SNARE_TEST(test_registers_change_result),
		SNARE_TEST(test_maps_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
