/* SPDX-License-Identifier: MIT */
/*
 * test_bp.c: software breakpoints (and the hardware kind, where debug
 * registers work). Hits counted over 100 000 calls from 4 threads, stops
 * without a callback (registers compared with gdb's), every kind of first
 * instruction under the int3, conditions, removal from the own callback,
 * two breakpoints one byte apart, the program's own int3, detach and
 * session free with breakpoints set, PIE with ASLR, fork children, exec,
 * and the errors of snare_bp_add()/snare_bp_remove().
 *
 * The tracees (bp_work, bp_asm) print the addresses of their marker
 * functions on one line, then wait for "go" on stdin before working; they
 * print their result and wait for "end" before exiting. Every result is
 * compared with an untraced run of the same tracee.
 *
 * Callbacks never assert: a cmocka failure would longjmp out of snare_run().
 * They record what they saw, and the test asserts once snare_run() returned.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bp_helpers.h"
#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

/* A callback that counts hits per process. */
struct counter {
	unsigned long hits;
	unsigned long other_proc_hits;
	snare_proc *proc;         /* the process counted in hits */
	snare_proc *other_proc;   /* the first other one */
	int bad;                  /* pc or bp not what was expected */
	unsigned long stop_at;    /* return SNARE_STOP at this hit (0: never) */
	int remove_self;
};

static int
count_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct counter *c = user;
	snare_proc *p = snare_thread_proc(t);
	uint64_t pc = 0;

	if (snare_thread_pc(&pc, t) != 0 || pc != snare_bp_addr(bp) ||
	    snare_bp_proc(bp) != p)
		c->bad++;
	if (!c->proc || c->proc == p) {
		c->proc = p;
		c->hits++;
	} else {
		if (!c->other_proc)
			c->other_proc = p;
		c->other_proc_hits++;
	}
	if (c->remove_self && snare_bp_remove(bp) != 0)
		c->bad++;
	if (c->stop_at && c->hits == c->stop_at)
		return SNARE_STOP;
	return SNARE_CONTINUE;
}

static snare_bp *
add_counting(snare_proc *p, uint64_t addr, struct counter *c)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	o.on_hit = count_hit;
	o.user = c;
	return add_bp(p, addr, &o);
}

/* ---------------------------------------------------------------- */
/* Counting                                                         */
/* ---------------------------------------------------------------- */

static void
check_count_100k(void **state, const char *name)
{
	static const char *const args[] = { "count", "4", "25000", NULL };
	struct counter c;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;

	untraced_output(name, args, want, sizeof(want));
	assert_string_equal(want, "total 1250400000\n");
	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	p = start_tracee(s, name, args, line, sizeof(line));
	bp = add_counting(p, addr_of(line, "counted"), &c);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(c.bad, 0);
	assert_int_equal(c.hits, 100000);
	assert_int_equal(c.other_proc_hits, 0);
	assert_int_equal(snare_bp_hits(bp), 100000);
	snare_test_session_free(state);
}

/* 4 threads x 25 000 calls: exactly 100 000 hits, the result unchanged. */
static void
test_count_hits_pie(void **state)
{
	check_count_100k(state, "bp_work");
}

static void
test_count_hits_nopie(void **state)
{
	check_count_100k(state, "bp_work-nopie");
}

/* ---------------------------------------------------------------- */
/* A stop without callback; gdb as the oracle                      */
/* ---------------------------------------------------------------- */

struct gdb_regs {
	uint64_t rdi, rsi, rip, marker; /* marker: marker_args in that run */
};

/* The value of "name   0x..." in gdb's "info registers" output. */
static uint64_t
gdb_reg(const char *text, const char *name)
{
	const char *line = text;
	size_t len = strlen(name);

	while (line && *line) {
		if (strncmp(line, name, len) == 0 && line[len] == ' ')
			return strtoull(line + len, NULL, 16);
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	fail_msg("gdb printed no %s:\n%s", name, text);
	return 0;
}

/* gdb stops at the first instruction of marker_args and prints registers. */
static void
gdb_oracle(struct gdb_regs *g, const char *path)
{
	char cmd[1024], text[8192];
	const char *addrs;
	size_t len = 0, n;
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "printf 'go\\nend\\n' | gdb -batch -nx "
		 "-ex 'break *marker_args' -ex run "
		 "-ex 'info registers rdi rsi rip' --args %s args 2>&1",
		 path);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (len < sizeof(text) - 1 &&
	       (n = fread(text + len, 1, sizeof(text) - 1 - len, f)) > 0)
		len += n;
	text[len] = 0;
	pclose(f);
	addrs = strstr(text, "addrs ");
	if (!addrs)
		fail_msg("gdb run printed no addrs line:\n%s", text);
	g->marker = addr_of(addrs, "marker_args");
	g->rdi = gdb_reg(text, "rdi");
	g->rsi = gdb_reg(text, "rsi");
	g->rip = gdb_reg(text, "rip");
}

/*
 * A breakpoint without callback returns control from snare_run() with
 * every thread in tracing stop and the registers gdb sees at the same place.
 */
static void
test_stop_without_callback(void **state)
{
	static const char *const args[] = { "args", NULL };
	char want[256], out[256], line[512];
	snare_thread *threads[8], *t;
	struct gdb_regs g;
	snare_session *s;
	snare_regs regs;
	snare_proc *p;
	snare_bp *bp;
	uint64_t addr;
	size_t n, i;
	pid_t pid;

	gdb_oracle(&g, snare_test_tracee("bp_work"));
	assert_int_equal(g.rip, g.marker);
	untraced_output("bp_work", args, want, sizeof(want));
	assert_string_equal(want, "args 33\n");

	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	pid = snare_proc_pid(p);
	addr = addr_of(line, "marker_args");
	bp = add_stopping(p, addr);
	go(p, "go\nend\n");
	t = run_to_bp(s, bp, addr);
	assert_int_equal(snare_thread_tid(t), pid);
	assert_int_equal(snare_bp_hits(bp), 1);

	/* All-stop: the two helper threads too. */
	n = snare_proc_threads(threads, 8, p);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		pid_t tid = snare_thread_tid(threads[i]);
		char st = snare_test_task_state(pid, tid);

		if (st != 't')
			fail_msg("thread %d in state %c, not t", (int)tid, st);
	}

	assert_int_equal(snare_regs_get(&regs, t), 0);
	assert_int_equal(regs.rip, addr);
	assert_int_equal(regs.rdi, g.rdi);
	assert_int_equal(regs.rsi, g.rsi);
	assert_int_equal(regs.rip - addr, g.rip - g.marker);
	assert_int_equal(regs.rdi, 11);
	assert_int_equal(regs.rsi, 22);

	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(snare_bp_hits(bp), 1);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* First instructions of every kind under the int3                  */
/* ---------------------------------------------------------------- */

static const char *const insn_funcs[] = {
	"ins_push",    /* push %rbp */
	"ins_sub",     /* sub $24,%rsp */
	"ins_endbr",   /* endbr64 */
	"ins_riprel",  /* movl g_val(%rip),%eax */
	"ins_call",    /* call ins_helper */
	"ins_callind", /* call *g_fnptr(%rip) */
	"ins_jmp",     /* jmp 1f */
	"ins_jcc_insn", /* jnz 1f, taken for odd arguments */
	"ins_ret",     /* ret */
};
#define N_INSN_FUNCS (sizeof(insn_funcs) / sizeof(insn_funcs[0]))

static void
check_insn_kinds(void **state, const char *name)
{
	static const char *const args[] = { "insns", "2000", NULL };
	struct counter c[N_INSN_FUNCS];
	snare_bp *bp[N_INSN_FUNCS];
	char want[512], out[512], line[1024];
	snare_session *s;
	snare_proc *p;
	size_t i;

	untraced_output(name, args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	memset(c, 0, sizeof(c));
	p = start_tracee(s, name, args, line, sizeof(line));
	for (i = 0; i < N_INSN_FUNCS; i++)
		bp[i] = add_counting(p, addr_of(line, insn_funcs[i]), &c[i]);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	for (i = 0; i < N_INSN_FUNCS; i++) {
		if (c[i].hits != 2000 || snare_bp_hits(bp[i]) != 2000 ||
		    c[i].bad)
			fail_msg("%s: %lu hits (bp says %llu), %d bad",
				 insn_funcs[i], c[i].hits,
				 (unsigned long long)snare_bp_hits(bp[i]),
				 c[i].bad);
	}
	snare_test_session_free(state);
}

static void
test_insn_kinds_pie(void **state)
{
	check_insn_kinds(state, "bp_asm");
}

static void
test_insn_kinds_nopie(void **state)
{
	check_insn_kinds(state, "bp_asm-nopie");
}

/* ---------------------------------------------------------------- */
/* Conditions                                                       */
/* ---------------------------------------------------------------- */

struct cond_rec {
	unsigned long evaluated, on_hit;
};

static int
every_1000th(snare_thread *t, snare_bp *bp, void *user)
{
	struct cond_rec *r = user;

	(void)t;
	(void)bp;
	return ++r->evaluated % 1000 == 0;
}

static int
cond_on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct cond_rec *r = user;

	(void)t;
	(void)bp;
	r->on_hit++;
	return SNARE_CONTINUE;
}

/* A condition true every 1000th time: 100 hits out of 100 000 calls. */
static void
test_condition(void **state)
{
	static const char *const args[] = { "count", "4", "25000", NULL };
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	struct cond_rec r = { 0, 0 };
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;

	untraced_output("bp_work", args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	o.condition = every_1000th;
	o.on_hit = cond_on_hit;
	o.user = &r;
	assert_int_equal(snare_bp_add(&bp, p, addr_of(line, "counted"), &o), 0);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.evaluated, 100000);
	assert_int_equal(r.on_hit, 100);
	assert_int_equal(snare_bp_hits(bp), 100);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Removal from the own callback                                    */
/* ---------------------------------------------------------------- */

/*
 * 4 threads call counted(); the first hit removes the breakpoint: it fires
 * once, never again, and the text is back as before.
 */
static void
test_remove_in_callback(void **state)
{
	static const char *const args[] = { "count", "4", "25000", NULL };
	uint8_t before[16], after[16];
	struct counter c;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	uint64_t addr;

	untraced_output("bp_work", args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	c.remove_self = 1;
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	addr = addr_of(line, "counted");
	assert_int_equal(snare_mem_read(before, p, addr, sizeof(before)), 0);
	add_counting(p, addr, &c);
	go(p, "go\n");
	/* The result line: the work is done, the tracee waits for "end". */
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "total 1250400000");
	assert_int_equal(snare_mem_read(after, p, addr, sizeof(after)), 0);
	assert_memory_equal(after, before, sizeof(before));
	go(p, "end\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(c.bad, 0);
	assert_int_equal(c.hits, 1);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Two breakpoints one byte apart                                   */
/* ---------------------------------------------------------------- */

/* push %rbx at f and pop %rbx at f+1: each stop names its own bp. */
static void
test_adjacent(void **state)
{
	static const char *const args[] = { "adjacent", "3", NULL };
	char want[256], out[256], line[1024];
	snare_bp *b0, *b1;
	snare_session *s;
	snare_proc *p;
	uint64_t f;
	int i;

	untraced_output("bp_asm", args, want, sizeof(want));
	assert_string_equal(want, "adjacent 27\n");
	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_asm", args, line, sizeof(line));
	f = addr_of(line, "adj_pushrbx");
	b0 = add_stopping(p, f);
	b1 = add_stopping(p, f + 1);
	assert_ptr_not_equal(b0, b1);
	go(p, "go\nend\n");
	for (i = 0; i < 3; i++) {
		run_to_bp(s, b0, f);
		run_to_bp(s, b1, f + 1);
	}
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(snare_bp_hits(b0), 3);
	assert_int_equal(snare_bp_hits(b1), 3);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* The program's own int3                                           */
/* ---------------------------------------------------------------- */

/*
 * The tracee executes int3 itself under a SIGTRAP handler while our
 * breakpoint counts calls: its handler runs every time, with the pc after
 * the int3, as without a tracer.
 */
static void
test_own_int3(void **state)
{
	static const char *const args[] = { "int3", "1000", NULL };
	struct counter c;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;

	untraced_output("bp_work", args, want, sizeof(want));
	assert_string_equal(want, "traps 1000 rip_ok 1000 total 502500\n");
	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	bp = add_counting(p, addr_of(line, "counted"), &c);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(c.hits, 1000);
	assert_int_equal(snare_bp_hits(bp), 1000);
	assert_int_equal(c.bad, 0);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Detach and session free with breakpoints set                     */
/* ---------------------------------------------------------------- */

/* Read len bytes at addr of pid through /proc/PID/mem. */
static void
proc_mem_read(void *buf, pid_t pid, uint64_t addr, size_t len)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail_msg("open %s: %s", path, strerror(errno));
	if (pread(fd, buf, len, (off_t)addr) != (ssize_t)len) {
		close(fd);
		fail_msg("pread %s at 0x%llx: %s", path,
			 (unsigned long long)addr, strerror(errno));
	}
	close(fd);
}

/*
 * Detach in the middle of a loop over three breakpoints: the tracee ends
 * the loop with the right result and its text is what it was before.
 */
static void
test_detach_mid_loop(void **state)
{
	static const char *const args[] = { "loop", "100000", NULL };
	static const char *const names[3] = { "loop_a", "loop_b", "loop_c" };
	uint8_t before[3][16], after[3][16];
	struct counter c[3];
	char want[256], out[600], line[512];
	uint64_t addr[3];
	snare_event ev;
	snare_session *s;
	snare_proc *p;
	int in_fd, out_fd, status, i;
	pid_t pid;

	untraced_output("bp_work", args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	memset(c, 0, sizeof(c));
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	pid = snare_proc_pid(p);
	for (i = 0; i < 3; i++) {
		addr[i] = addr_of(line, names[i]);
		assert_int_equal(snare_mem_read(before[i], p, addr[i], 16), 0);
		add_counting(p, addr[i], &c[i]);
	}
	c[1].stop_at = 5000;
	go(p, "go\n");
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_int_equal(ev.pc, addr[1]);
	assert_int_equal(c[0].hits, 5000);
	assert_int_equal(c[1].hits, 5000);
	assert_int_equal(c[2].hits, 4999);

	assert_int_equal(snare_proc_detach(p, 0), 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_DETACHED);
	in_fd = snare_proc_take_stdio_fd(p, 0);
	out_fd = snare_proc_take_stdio_fd(p, 1);
	assert_true(in_fd >= 0 && out_fd >= 0);
	snare_test_session_free(state);
	snare_test_assert_detached(pid, 0);

	/* The loop completes untraced; the text is the original. */
	snare_test_read_line(out_fd, line, sizeof(line));
	snprintf(out, sizeof(out), "%s\n", line);
	assert_string_equal(out, want);
	for (i = 0; i < 3; i++) {
		proc_mem_read(after[i], pid, addr[i], 16);
		assert_memory_equal(after[i], before[i], 16);
	}
	snare_test_write_str(in_fd, "end\n");
	snare_test_read_all(out_fd, out, sizeof(out));
	assert_string_equal(out, "");
	close(in_fd);
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Session free with breakpoints set in a spawned process: nothing left. */
static void
test_free_with_bps(void **state)
{
	static const char *const args[] = { "count", "4", "25000", NULL };
	struct counter c;
	char line[512];
	snare_event ev;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	c.stop_at = 1000;
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	pid = snare_proc_pid(p);
	add_counting(p, addr_of(line, "counted"), &c);
	add_stopping(p, addr_of(line, "loop_a"));
	go(p, "go\nend\n");
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_int_equal(c.hits, 1000);
	snare_test_session_free(state);
	assert_false(snare_test_proc_alive(pid));
	snare_test_assert_no_children();
}

/* ---------------------------------------------------------------- */
/* PIE with ASLR                                                    */
/* ---------------------------------------------------------------- */

/* The value of symbol sym in the ELF file path, from nm. */
static uint64_t
nm_symbol(const char *path, const char *sym)
{
	char cmd[1024], text[256];
	uint64_t v = 0;
	int found = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "nm --defined-only %s", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(text, sizeof(text), f)) {
		char type, name[128];
		unsigned long long val;

		if (sscanf(text, "%llx %c %127s", &val, &type, name) == 3 &&
		    strcmp(name, sym) == 0) {
			v = val;
			found = 1;
		}
	}
	pclose(f);
	if (!found)
		fail_msg("nm %s: no %s", path, sym);
	return v;
}

/* Load base of path in p: start minus offset of its first mapping. */
static uint64_t
load_base(snare_proc *p, const char *path)
{
	char real[PATH_MAX];
	snare_map *maps;
	uint64_t base = 0;
	size_t n, i;

	assert_non_null(realpath(path, real));
	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	for (i = 0; i < n; i++)
		if (strcmp(maps[i].path, real) == 0) {
			base = maps[i].start - maps[i].offset;
			break;
		}
	snare_maps_free(maps, n);
	if (!base)
		fail_msg("%s is not mapped", real);
	return base;
}

/* A breakpoint at main of a PIE spawned with ASLR on hits once. */
static void
test_main_pie_aslr(void **state)
{
	static const char *const args[] = { "count", "1", "10", NULL };
	const char *path = snare_test_tracee("bp_work");
	uint64_t main_off, counted_off, base, addr;
	char out[512], procfile[64], pers[64];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	int fd;
	ssize_t n;

	main_off = nm_symbol(path, "main");
	counted_off = nm_symbol(path, "counted");
	s = snare_test_session(state, NULL);
	p = spawn_tracee(s, "bp_work", args, SNARE_SPAWN_STOP_ENTRY);

	/* ASLR is on: no ADDR_NO_RANDOMIZE in the personality. */
	snprintf(procfile, sizeof(procfile), "/proc/%d/personality",
		 (int)snare_proc_pid(p));
	fd = open(procfile, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	n = read(fd, pers, sizeof(pers) - 1);
	close(fd);
	assert_true(n > 0);
	pers[n] = 0;
	assert_int_equal(strtoul(pers, NULL, 16) & ADDR_NO_RANDOMIZE, 0);

	base = load_base(p, path);
	addr = base + main_off;
	bp = add_stopping(p, addr);
	go(p, "go\nend\n");
	run_to_bp(s, bp, addr);
	finish_tracee(s, p, out, sizeof(out));
	assert_int_equal(snare_bp_hits(bp), 1);
	/* The tracee agrees on where it was loaded. */
	assert_int_equal(addr_of(out, "counted"), base + counted_off);
	assert_non_null(strstr(out, "\ntotal 45\n"));
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* fork and exec                                                    */
/* ---------------------------------------------------------------- */

struct fork_rec {
	int proc_new;
	int bytes_read;
	uint8_t parent_byte, child_byte;
	uint64_t addr;
};

static int
fork_observer(snare_session *s, const snare_event *ev, void *user)
{
	struct fork_rec *r = user;

	(void)s;
	if (ev->kind != SNARE_EV_PROC_NEW)
		return SNARE_CONTINUE;
	r->proc_new++;
	if (snare_mem_read_raw(&r->child_byte, ev->proc, r->addr, 1) == 0 &&
	    snare_mem_read_raw(&r->parent_byte, ev->parent, r->addr, 1) == 0)
		r->bytes_read++;
	return SNARE_CONTINUE;
}

/* A followed fork child inherits the breakpoint and its hits count. */
static void
check_fork(void **state, int follow)
{
	static const char *const args[] = { "fork", "100", "200", NULL };
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	struct fork_rec r;
	struct counter c;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;

	untraced_output("bp_work", args, want, sizeof(want));
	assert_string_equal(want, "parent 4950 child exited 0 signal 0\n");
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	so.follow_forks = follow;
	so.on_event = fork_observer;
	so.event_user = &r;
	s = snare_test_session(state, &so);
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	r.addr = addr_of(line, "counted");
	bp = add_counting(p, r.addr, &c);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(c.bad, 0);
	assert_ptr_equal(c.proc, p);
	assert_int_equal(c.hits, 100);
	assert_int_equal(snare_bp_hits(bp), 100);
	if (follow) {
		assert_int_equal(r.proc_new, 1);
		assert_int_equal(r.bytes_read, 1);
		assert_int_equal(r.child_byte, r.parent_byte);
		assert_int_equal(r.child_byte, 0xcc);
		assert_non_null(c.other_proc);
		assert_ptr_not_equal(c.other_proc, p);
		assert_int_equal(c.other_proc_hits, 200);
	} else {
		assert_int_equal(r.proc_new, 0);
		assert_null(c.other_proc);
		assert_int_equal(c.other_proc_hits, 0);
	}
	snare_test_session_free(state);
}

static void
test_fork_follow(void **state)
{
	check_fork(state, 1);
}

/* Not followed: the child runs its clean text, no SIGTRAP, no report. */
static void
test_fork_nofollow(void **state)
{
	check_fork(state, 0);
}

/* After exec the old breakpoints are gone: the new image runs clean. */
static void
check_exec(void **state, const char *name)
{
	static const char *const args[] = { "exec", "50", NULL };
	struct counter c;
	char want[512], out[512], line[512];
	const char *rest;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;

	untraced_output(name, args, want, sizeof(want));
	assert_non_null(strstr(want, "before 1225\naddrs "));
	assert_non_null(strstr(want, "\ntotal 1225\n"));
	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	p = start_tracee(s, name, args, line, sizeof(line));
	bp = add_counting(p, addr_of(line, "counted"), &c);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	/* The addrs line after exec differs for a PIE: compare the rest. */
	assert_true(strncmp(out, "before 1225\naddrs ", 18) == 0);
	rest = strstr(out, "\ntotal ");
	assert_non_null(rest);
	assert_string_equal(rest, "\ntotal 1225\n");
	assert_int_equal(c.hits, 50);
	assert_int_equal(c.bad, 0);
	assert_int_equal(snare_bp_hits(bp), 50);
	snare_test_session_free(state);
}

static void
test_exec_drops_bps_nopie(void **state)
{
	/* Same addresses after exec: the int3 must not come back. */
	check_exec(state, "bp_work-nopie");
}

static void
test_exec_drops_bps_pie(void **state)
{
	check_exec(state, "bp_work");
}

/* ---------------------------------------------------------------- */
/* Errors                                                           */
/* ---------------------------------------------------------------- */

static void
test_bad_input(void **state)
{
	static const char *const args[] = { "count", "1", "10", NULL };
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	char line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp, *dup;
	uint64_t counted;

	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	counted = addr_of(line, "counted");

	/* Unmapped. */
	bp = (snare_bp *)1;
	assert_int_equal(snare_bp_add(&bp, p, 0x10, NULL), -EFAULT);
	assert_null(bp);
	assert_non_null(strstr(snare_errmsg(s), "not mapped"));
	/* Data, not code. */
	assert_int_equal(snare_bp_add(&bp, p, addr_of(line, "data_global"),
				      NULL), -EFAULT);
	assert_non_null(strstr(snare_errmsg(s), "executable"));
	/* Bad kind and version. */
	o.kind = 42;
	assert_int_equal(snare_bp_add(&bp, p, counted, &o), -EINVAL);
	o = (snare_bp_opts)SNARE_BP_OPTS_INIT;
	o.version = 99;
	assert_int_equal(snare_bp_add(&bp, p, counted, &o), -EINVAL);
	/* Duplicate. */
	bp = add_stopping(p, counted);
	assert_int_equal(snare_bp_add(&dup, p, counted, NULL), -EEXIST);
	assert_null(dup);
	assert_int_equal(snare_bp_addr(bp), counted);
	assert_int_equal(snare_bp_kind(bp), SNARE_BP_SOFTWARE);
	assert_ptr_equal(snare_bp_proc(bp), p);
	/* Removed twice. */
	assert_int_equal(snare_bp_remove(bp), 0);
	assert_int_equal(snare_bp_remove(bp), -EINVAL);
	assert_int_equal(snare_bp_remove(NULL), -EINVAL);
	/* Once removed it can be set again. */
	bp = add_stopping(p, counted);
	go(p, "go\nend\n");
	run_to_bp(s, bp, counted);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 10);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Hardware breakpoints                                             */
/* ---------------------------------------------------------------- */

/* A hardware breakpoint counts 100 000 calls from 4 threads. */
static void
test_hardware_bp(void **state)
{
	static const char *const args[] = { "count", "4", "25000", NULL };
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	uint8_t before[16], during[16];
	struct counter c;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp = NULL;
	uint64_t addr;
	int rc;

	untraced_output("bp_work", args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	memset(&c, 0, sizeof(c));
	p = start_tracee(s, "bp_work", args, line, sizeof(line));
	addr = addr_of(line, "counted");
	assert_int_equal(snare_mem_read(before, p, addr, 16), 0);
	o.kind = SNARE_BP_HARDWARE;
	o.on_hit = count_hit;
	o.user = &c;
	rc = snare_bp_add(&bp, p, addr, &o);
	skip_if_no_debug_registers(s, rc);
	assert_int_equal(rc, 0);
	assert_int_equal(snare_bp_kind(bp), SNARE_BP_HARDWARE);
	/* No code is patched. */
	assert_int_equal(snare_mem_read(during, p, addr, 16), 0);
	assert_memory_equal(during, before, 16);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(c.bad, 0);
	assert_int_equal(c.hits, 100000);
	assert_int_equal(snare_bp_hits(bp), 100000);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_count_hits_pie),
		SNARE_TEST(test_count_hits_nopie),
		SNARE_TEST(test_stop_without_callback),
		SNARE_TEST(test_insn_kinds_pie),
		SNARE_TEST(test_insn_kinds_nopie),
		SNARE_TEST(test_condition),
		SNARE_TEST(test_remove_in_callback),
		SNARE_TEST(test_adjacent),
		SNARE_TEST(test_own_int3),
		SNARE_TEST(test_detach_mid_loop),
		SNARE_TEST(test_free_with_bps),
		SNARE_TEST(test_main_pie_aslr),
		SNARE_TEST(test_fork_follow),
		SNARE_TEST(test_fork_nofollow),
		SNARE_TEST(test_exec_drops_bps_nopie),
		SNARE_TEST(test_exec_drops_bps_pie),
		SNARE_TEST(test_bad_input),
		SNARE_TEST(test_hardware_bp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
