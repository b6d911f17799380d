/* SPDX-License-Identifier: MIT */
/*
 * pidns.c: process ids as the tracer sees them (strace --pidns-translation)
 * and the commands of processes (strace -Y).
 *
 * A tracee in another pid namespace than the tracer's passes ids of its
 * own namespace: getpid() returns 2 where the tracer knows the process as
 * 4242. /proc/ID/status lists a task's ids in every namespace from the one
 * /proc was mounted in down to the task's own (NSpid, NStgid, NSpgid,
 * NSsid), so "id 2 in namespace T" is found by looking for the task whose
 * list has 2 at T's depth and whose namespace is T or below it (walking
 * up with the NS_GET_PARENT ioctl). The entry at the tracer's own depth is
 * the answer. Depths count from /proc's namespace, which need not be the
 * tracer's (a tracer started by "unshare -pf" that sees the old /proc):
 * then even the tracee's own id has to be looked up, to find its /proc
 * entry.
 *
 * What is found is kept in a small table in the process's formatter slot
 * (net.c's notes; no state of the library's own): the tracee's namespace,
 * and the /proc entries that answered, each checked again before it is
 * trusted (ids are reused). A miss reads all of /proc, as strace does.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print.h"

/* The deepest nesting of pid namespaces the kernel allows, plus one. */
enum { NS_DEPTH = 33 };

static const char *const ns_keys[] = {
	[PIDK_TID] = "NSpid:",
	[PIDK_TGID] = "NStgid:",
	[PIDK_PGID] = "NSpgid:",
	[PIDK_SID] = "NSsid:",
};

/* The ids of one kind in a status file (dir: "/proc/5" or
   "/proc/5/task/6"), outermost first; their number, 0 when unreadable. */
static int
read_ids(const char *dir, enum pid_kind kind, int *ids)
{
	char path[160], line[512];
	const char *key = ns_keys[kind];
	size_t klen = strlen(key);
	int n = 0;
	FILE *in;

	snprintf(path, sizeof(path), "%s/status", dir);
	in = fopen(path, "re");
	if (!in)
		return 0;
	while (fgets(line, sizeof(line), in)) {
		char *s = line + klen, *end;

		if (strncmp(line, key, klen))
			continue;
		while (n < NS_DEPTH) {
			long v = strtol(s, &end, 10);

			if (end == s)
				break;
			ids[n++] = (int)v;
			s = end;
		}
		break;
	}
	fclose(in);
	return n;
}

/* Whether the pid namespace of dir's task, up levels, is ns. */
static bool
ns_above_is(const char *dir, int up, const struct pidns_id *ns)
{
	char path[160];
	struct stat st;
	int fd, parent;
	bool ok;

	snprintf(path, sizeof(path), "%s/ns/pid", dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (; up > 0; up--) {
		parent = ioctl(fd, NS_GET_PARENT);
		close(fd);
		if (parent < 0)
			return false;
		fd = parent;
	}
	ok = !fstat(fd, &st) && st.st_ino == ns->ino && st.st_dev == ns->dev;
	close(fd);
	return ok;
}

/* A search: id `from` at depth `level` in namespace ns, the id at depth
   `to` wanted. */
struct search {
	const struct pidns_id *ns;
	int level, from, to;
	enum pid_kind kind;
	int result, proc_pid;
};

/* Whether dir's task is the one s looks for (then s->result is set). */
static bool
try_task(struct search *s, const char *dir)
{
	int ids[NS_DEPTH];
	int n = read_ids(dir, s->kind, ids);

	if (n <= s->level || n <= s->to || ids[s->level] != s->from)
		return false;
	if (!ns_above_is(dir, n - 1 - s->level, s->ns))
		return false;
	s->result = ids[s->to];
	return s->result != 0;
}

static bool
scan_dir(struct search *s, const char *top, bool tasks)
{
	char dir[128];
	struct dirent *e;
	DIR *d = opendir(top);
	bool found = false;

	if (!d)
		return false;
	while (!found && (e = readdir(d))) {
		char *end;
		long id = strtol(e->d_name, &end, 10);

		if (*end || id <= 0)
			continue;
		snprintf(dir, sizeof(dir), "%s/%ld", top, id);
		if (try_task(s, dir)) {
			s->proc_pid = (int)id;
			found = true;
		} else if (tasks) {
			char sub[160];

			snprintf(sub, sizeof(sub), "%s/task", dir);
			found = scan_dir(s, sub, false);
		}
	}
	closedir(d);
	return found;
}

/* The /proc directory of a task found by its /proc id (a thread's is
   under its process's, which /proc/ID also reaches). */
static void
proc_dir(char *out, size_t cap, int proc_pid)
{
	snprintf(out, cap, "/proc/%d", proc_pid);
}

/* Run s: first through the remembered answers, then over /proc. */
static bool
search(struct pidns_cache *c, struct search *s)
{
	char dir[64];
	unsigned i;

	for (i = 0; c && i < PIDNS_CACHED; i++) {
		if (c->v[i].proc_pid == 0 || c->v[i].from != s->from ||
		    c->v[i].kind != (int)s->kind || c->v[i].level != s->level)
			continue;
		proc_dir(dir, sizeof(dir), c->v[i].proc_pid);
		if (try_task(s, dir)) {
			s->proc_pid = c->v[i].proc_pid;
			return true;
		}
		c->v[i].proc_pid = 0; /* gone, or the id was reused */
	}
	if (!scan_dir(s, "/proc", s->kind == PIDK_TID))
		return false;
	if (c) {
		i = c->next++ % PIDNS_CACHED;
		c->v[i].proc_pid = s->proc_pid;
		c->v[i].from = s->from;
		c->v[i].kind = (int)s->kind;
		c->v[i].level = s->level;
	}
	return true;
}

static bool
stat_ns(const char *dir, struct pidns_id *ns)
{
	char path[160];
	struct stat st;

	snprintf(path, sizeof(path), "%s/ns/pid", dir);
	if (stat(path, &st))
		return false;
	ns->ino = st.st_ino;
	ns->dev = st.st_dev;
	return true;
}

/* Fill c for the process f->p: the namespaces and depths. */
static bool
pidns_setup(struct fmt *f, struct pidns_cache *c)
{
	int pid = (int)snare_proc_pid(f->p);
	int ids[NS_DEPTH];
	char dir[64];

	if (c->state && c->pid == pid)
		return c->state > 0;
	memset(c, 0, sizeof(*c));
	c->pid = pid;
	c->state = -1;
	c->our_level = read_ids("/proc/self", PIDK_TID, ids) - 1;
	if (c->our_level < 0 || !stat_ns("/proc/self", &c->ours))
		return false;
	/* The tracee's /proc entry. */
	if (c->our_level == 0) {
		c->proc_pid = pid;
	} else {
		struct search s = { &c->ours, c->our_level, pid, 0,
				    PIDK_TGID, 0, 0 };

		if (!scan_dir(&s, "/proc", false))
			return false;
		c->proc_pid = s.proc_pid;
	}
	proc_dir(dir, sizeof(dir), c->proc_pid);
	c->level = read_ids(dir, PIDK_TID, ids) - 1;
	if (c->level < c->our_level || !stat_ns(dir, &c->theirs))
		return false;
	c->same = c->theirs.ino == c->ours.ino && c->theirs.dev == c->ours.dev;
	c->state = 1;
	return true;
}

int
pidns_translate(struct fmt *f, int pid, enum pid_kind kind, int *proc_pid)
{
	struct pidns_cache *c = pidns_cache_of(f);
	struct pidns_cache local;
	struct search s;

	if (proc_pid)
		*proc_pid = 0;
	if (pid <= 0)
		return 0;
	if (!f->p) { /* nothing to ask: the ids are taken as the tracer's */
		if (proc_pid)
			*proc_pid = pid;
		return pid;
	}
	if (!c) {
		memset(&local, 0, sizeof(local));
		c = &local;
	}
	if (!pidns_setup(f, c))
		return 0;
	if (c->same && (!proc_pid || c->our_level == 0)) {
		if (proc_pid)
			*proc_pid = pid;
		return pid;
	}
	s = (struct search){ &c->theirs, c->level, pid, c->our_level, kind,
			     0, 0 };
	if (!search(c == &local ? NULL : c, &s))
		return 0;
	if (proc_pid)
		*proc_pid = s.proc_pid;
	return s.result;
}

int
pidns_proc_pid(struct fmt *f)
{
	struct pidns_cache *c = pidns_cache_of(f);
	struct pidns_cache local;

	if (!f->p)
		return -1;
	if (!c) {
		memset(&local, 0, sizeof(local));
		c = &local;
	}
	if (!pidns_setup(f, c))
		return (int)snare_proc_pid(f->p);
	return c->proc_pid;
}

/* The command of the task /proc knows as proc_pid, quoted between '<'
   and '>'; nothing once it is gone. */
static void
print_comm(struct fmt *f, int proc_pid)
{
	char path[64], comm[64];
	size_t n = 0;
	FILE *in;

	snprintf(path, sizeof(path), "/proc/%d/comm", proc_pid);
	in = fopen(path, "re");
	if (!in)
		return;
	if (fgets(comm, sizeof(comm), in))
		n = strcspn(comm, "\n");
	fclose(in);
	if (!n)
		return;
	pb_putc(f->b, '<');
	pb_quote(f->b, (const unsigned char *)comm, n, f->o->xflag,
		 QUOTE_BARE | QUOTE_ANGLES);
	pb_putc(f->b, '>');
}

void
print_pid_decoration(struct fmt *f, int pid, enum pid_kind kind)
{
	bool comm = (f->o->decode_pids & SNARE_DECODE_PIDS_COMM) &&
		    (kind == PIDK_TID || kind == PIDK_TGID);
	bool ns = f->o->decode_pids & SNARE_DECODE_PIDS_PIDNS;
	int ours, proc_pid;

	if (pid <= 0 || (!comm && !ns))
		return;
	ours = pidns_translate(f, pid, kind, comm ? &proc_pid : NULL);
	if (!ours)
		return;
	if (comm)
		print_comm(f, proc_pid);
	if (ns && ours != pid)
		pb_printf(f->b, " /* %d in strace's PID NS */", ours);
}

void
print_pid_as(struct fmt *f, int pid, enum pid_kind kind)
{
	pb_printf(f->b, "%d", pid);
	print_pid_decoration(f, pid, kind);
}

void
print_pid(struct fmt *f, int pid)
{
	print_pid_as(f, pid, PIDK_TGID);
}

void
print_pid_tgid_pgid(struct fmt *f, int pid)
{
	pb_printf(f->b, "%d", pid);
	if (pid > 0)
		print_pid_decoration(f, pid, PIDK_TGID);
	else if (pid < -1)
		print_pid_decoration(f, -pid, PIDK_PGID);
}
