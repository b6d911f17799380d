/* SPDX-License-Identifier: MIT */
/*
 * test_core.c: snare_proc_dump_core(). The tracee (core_threads) has three
 * threads blocked in block_alpha, block_beta and block_gamma while its main
 * thread calls checkpoint(). A core written at a breakpoint on checkpoint
 * (after snare_run() returned, and from inside the breakpoint's callback)
 * is read back by gdb -batch: every thread's backtrace must show its own
 * function; readelf -n must see the notes; the program must then run to
 * its normal exit with its usual output. The text page under the
 * breakpoint is in the core (our int3 made it a private copy) with the
 * original byte, not our int3. Bad input gets an error, and leaves no file.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#define EXPECTED_OUT "alpha 1\nbeta 20\ngamma 300\ntotal 321 marker 24302\n"

struct dumper {
	char path[256];
	int flags;
	int rc;
	long hits;
	pid_t first_tid;
	char err[512];
};

static int
have_tool(const char *name)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* The output of a shell command (run after the session is freed). */
static void
run_cmd(char *buf, size_t cap, const char *fmt, ...)
{
	char cmd[1024];
	size_t n = 0, got;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (n + 1 < cap && (got = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += got;
	buf[n] = '\0';
	pclose(f);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/*
 * gdb's "info proc mappings" and "thread apply all bt" of the core: the
 * program's file mappings (NT_FILE); four threads, one with
 * checkpoint and main, one each with block_alpha, block_beta, block_gamma.
 */
static void
check_gdb(const char *core)
{
	static char out[65536], copy[65536];
	const char *want[4] = { "checkpoint", "block_alpha", "block_beta",
				"block_gamma" };
	int seen[4] = { 0 }, threads = 0, i;
	char *line, *save = NULL, frames[4096] = "";

	run_cmd(out, sizeof(out),
		"gdb -nx -batch -iex 'set debuginfod enabled off' "
		"-iex 'set debug-file-directory /nonexistent' "
		"-ex 'info proc mappings' -ex 'thread apply all bt' %s %s 2>&1",
		snare_test_tracee("core_threads"), core);
	/* NT_FILE: gdb lists the program's mappings by file name. */
	if (!strstr(out, "/core_threads\n"))
		fail_msg("gdb does not list the program's mappings:\n%.2000s", out);
	memcpy(copy, out, sizeof(copy));
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "Thread ", 7)) {
			threads++;
			frames[0] = '\0';
			continue;
		}
		if (line[0] != '#' || !threads)
			continue;
		if (strlen(frames) + strlen(line) + 2 < sizeof(frames)) {
			strcat(frames, line);
			strcat(frames, "\n");
		}
		for (i = 0; i < 4; i++) {
			char name[64];

			snprintf(name, sizeof(name), " %s (", want[i]);
			if (strstr(line, name))
				seen[i]++;
		}
		if (strstr(line, " main (") && !strstr(frames, " checkpoint ("))
			fail_msg("main without checkpoint above it:\n%s", copy);
	}
	if (threads != 4)
		fail_msg("gdb saw %d threads in %s, not 4:\n%.4000s", threads, core,
			 copy);
	for (i = 0; i < 4; i++)
		if (seen[i] != 1)
			fail_msg("gdb: frame %s seen %d times in the core:\n%.4000s",
				 want[i], seen[i], copy);
}

/* readelf -n: the notes of a 4-thread core at a breakpoint. */
static void
check_notes(const char *core)
{
	static char out[65536];

	run_cmd(out, sizeof(out), "readelf -n %s 2>&1 | grep NT_", core);
	assert_int_equal(count(out, "NT_PRSTATUS"), 4);
	assert_int_equal(count(out, "NT_FPREGSET"), 4);
	assert_int_equal(count(out, "NT_X86_XSTATE"), 4);
	assert_int_equal(count(out, "NT_PRPSINFO"), 1);
	assert_int_equal(count(out, "NT_AUXV"), 1);
	assert_int_equal(count(out, "NT_FILE"), 1);
	assert_int_equal(count(out, "NT_SIGINFO"), 1);
}

/* The byte at addr in the core's PT_LOADs, or -1 when it holds none. */
static int
core_byte(const char *core, uint64_t addr)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned char c;
	int fd = open(core, O_RDONLY), i, r = -1;

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &eh, sizeof(eh), 0), sizeof(eh));
	assert_int_equal(eh.e_type, ET_CORE);
	for (i = 0; i < eh.e_phnum; i++) {
		assert_int_equal(pread(fd, &ph, sizeof(ph),
				       (off_t)(eh.e_phoff + (uint64_t)i * sizeof(ph))),
				 sizeof(ph));
		if (ph.p_type == PT_LOAD && addr >= ph.p_vaddr &&
		    addr < ph.p_vaddr + ph.p_filesz) {
			assert_int_equal(pread(fd, &c, 1,
					       (off_t)(ph.p_offset + addr - ph.p_vaddr)),
					 1);
			r = c;
		}
	}
	close(fd);
	return r;
}

static int
dump_on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct dumper *d = user;
	snare_session *s = snare_proc_session(snare_thread_proc(t));

	(void)bp;
	d->hits++;
	d->first_tid = snare_thread_tid(t);
	d->rc = snare_proc_dump_core(snare_thread_proc(t), d->path, t,
				     (unsigned)d->flags);
	if (d->rc < 0)
		snprintf(d->err, sizeof(d->err), "%s", snare_errmsg(s));
	return SNARE_CONTINUE;
}

static void
make_dir(char *dir, size_t cap)
{
	snprintf(dir, cap, "/tmp/snare-core-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static void
remove_dir(const char *dir, const char *const *files)
{
	char path[512];

	for (; *files; files++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *files);
		unlink(path);
	}
	rmdir(dir);
}

/* Dump after snare_run() returned at the breakpoint, then run on. */
static void
test_core_after_run(void **state)
{
	static const char *const files[] = { "core", "core.all", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	char dir[64], core[128], all[128], out[512];
	unsigned char orig = 0, raw = 0;
	struct stat st;
	snare_event ev;
	snare_proc *p;
	snare_bp *bp;
	uint64_t addr;

	if (!have_tool("gdb") || !have_tool("readelf"))
		skip();
	make_dir(dir, sizeof(dir));
	snprintf(core, sizeof(core), "%s/core", dir);
	snprintf(all, sizeof(all), "%s/core.all", dir);
	p = snare_test_spawn_piped(s, "core_threads", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_bp_add_at(&bp, p, "checkpoint", &bo), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	addr = snare_bp_addr(bp);
	assert_int_equal(snare_mem_read(&orig, p, addr, 1), 0);
	assert_int_equal(snare_mem_read_raw(&raw, p, addr, 1), 0);
	assert_int_equal(raw, 0xcc);
	assert_int_not_equal(orig, 0xcc);

	assert_int_equal(snare_proc_dump_core(p, core, ev.thread, 0), 0);
	assert_int_equal(snare_proc_dump_core(p, all, ev.thread,
					      SNARE_CORE_ALL_MAPPINGS), 0);
	/* Stacks of idle threads are mostly zeros: holes in the file. */
	assert_int_equal(stat(core, &st), 0);
	assert_true((uint64_t)st.st_blocks * 512 < (uint64_t)st.st_size);
	/* The program's text, as the program sees it, under our int3: the
	   int3 made the page a private copy, which the kernel dumps too. */
	assert_int_equal(core_byte(all, addr), orig);
	assert_int_equal(core_byte(core, addr), orig);

	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, EXPECTED_OUT);
	assert_int_equal(snare_bp_hits(bp), 1);
	snare_test_session_free(state);

	check_notes(core);
	check_gdb(core);
	check_gdb(all);
	remove_dir(dir, files);
}

/* Dump from the breakpoint's callback: the other threads run meanwhile
   and are stopped for the dump, then let go. */
static void
test_core_in_callback(void **state)
{
	static const char *const files[] = { "core", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	struct dumper d = { .rc = 1 };
	char dir[64], out[512];
	snare_proc *p;

	if (!have_tool("gdb") || !have_tool("readelf"))
		skip();
	make_dir(dir, sizeof(dir));
	snprintf(d.path, sizeof(d.path), "%s/core", dir);
	p = snare_test_spawn_piped(s, "core_threads", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bo.on_hit = dump_on_hit;
	bo.user = &d;
	assert_int_equal(snare_bp_add_at(NULL, p, "checkpoint", &bo), 0);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, EXPECTED_OUT);
	assert_int_equal(d.hits, 1);
	if (d.rc != 0)
		fail_msg("dump from the callback: %d (%s)", d.rc, d.err);
	snare_test_session_free(state);

	check_notes(d.path);
	check_gdb(d.path);
	remove_dir(dir, files);
}

/* Bad input: an error with a message, no crash, no file left. */
static void
test_core_bad_input(void **state)
{
	static const char *const files[] = { "core", NULL };
	snare_session *s = snare_test_session(state, NULL);
	char dir[64], core[128], out[512];
	snare_proc *p;

	make_dir(dir, sizeof(dir));
	snprintf(core, sizeof(core), "%s/core", dir);
	p = snare_test_spawn_piped(s, "core_threads", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_proc_dump_core(NULL, core, NULL, 0), -EINVAL);
	assert_int_equal(snare_proc_dump_core(p, NULL, NULL, 0), -EINVAL);
	assert_int_equal(snare_proc_dump_core(p, "", NULL, 0), -EINVAL);
	assert_int_equal(snare_proc_dump_core(p, core, NULL, 0x80), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "flags"));
	assert_int_equal(snare_proc_dump_core(p, "/nonexistent-dir/x/core",
					      NULL, 0), -ENOENT);
	assert_non_null(strstr(snare_errmsg(s), "/nonexistent-dir/x/core"));
	assert_int_equal(access(core, F_OK), -1);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, EXPECTED_OUT);
	assert_int_equal(snare_proc_dump_core(p, core, NULL, 0), SNARE_EEXITED);
	assert_int_equal(access(core, F_OK), -1);
	snare_test_session_free(state);
	remove_dir(dir, files);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_core_after_run),
		SNARE_TEST(test_core_in_callback),
		SNARE_TEST(test_core_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
