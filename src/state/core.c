/* SPDX-License-Identifier: MIT */
/*
 * core.c: an ELF core file of a live, stopped process (snare_proc_dump_core).
 *
 * The layout is the one the kernel writes for a crash (see core(5) and
 * <elf.h>), so that gdb, eu-stack and readelf read it as they read a
 * kernel's core:
 *
 *   ELF header | PT_NOTE, then one PT_LOAD per mapping | the notes |
 *   padding to a page | each mapping's bytes, page-aligned, in order
 *
 * The notes come in the kernel's order: for the first thread NT_PRSTATUS,
 * then the process's NT_PRPSINFO, NT_SIGINFO (when the first thread's last
 * stop had a siginfo), NT_AUXV and NT_FILE, then the thread's NT_FPREGSET
 * and NT_X86_XSTATE; every other thread follows with NT_PRSTATUS,
 * NT_FPREGSET and NT_X86_XSTATE.
 *
 * Memory is what the program sees: the bytes under our int3s are the
 * original ones (snare_mem_read). Which mappings get their bytes follows
 * the kernel's default coredump_filter (0x33): private anonymous memory,
 * shared anonymous memory, the vDSO, and private file mappings that were
 * written to (smaps "Anonymous:" above 0, the kernel's anon_vma: data,
 * RELRO regions the loader relocated, which gdb needs to find the
 * libraries, and code pages our int3s copied) in full; of another private
 * file mapping only the first page when it starts with an ELF header
 * (build ids, program headers: what gdb needs to match the file); shared
 * file mappings and mappings the program cannot read (PROT_NONE, guard
 * pages, [vvar]) get p_filesz 0. SNARE_CORE_ALL_MAPPINGS dumps every
 * readable mapping in full.
 * Pages of zeros are holes in the file (sparse), as the kernel leaves them.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/procfs.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/internal.h"

#define CORE_PAGE 4096ul
#define CHUNK (1ul << 20)
#define XSTATE_MAX 16384

_Static_assert(sizeof(elf_gregset_t) == sizeof(snare_regs),
	       "NT_PRSTATUS registers are a user_regs_struct");

/* A growing buffer of notes. */
struct notes {
	unsigned char *buf;
	size_t len, cap;
	int err;
};

static void
note_add(struct notes *n, const char *name, unsigned type, const void *desc,
	 size_t dlen)
{
	size_t nlen = strlen(name) + 1;
	size_t need = sizeof(Elf64_Nhdr) + ((nlen + 3) & ~3ul) +
		      ((dlen + 3) & ~3ul);
	Elf64_Nhdr h;
	unsigned char *q;

	if (n->err)
		return;
	if (n->len + need > n->cap) {
		size_t cap = n->cap ? n->cap : 8192;

		while (cap < n->len + need)
			cap *= 2;
		q = realloc(n->buf, cap);
		if (!q) {
			n->err = -ENOMEM;
			return;
		}
		n->buf = q;
		n->cap = cap;
	}
	q = n->buf + n->len;
	memset(q, 0, need);
	h.n_namesz = (Elf64_Word)nlen;
	h.n_descsz = (Elf64_Word)dlen;
	h.n_type = type;
	memcpy(q, &h, sizeof(h));
	memcpy(q + sizeof(h), name, nlen);
	if (dlen)
		memcpy(q + sizeof(h) + ((nlen + 3) & ~3ul), desc, dlen);
	n->len += need;
}

/* A whole /proc file into a malloc'd buffer; NULL when unreadable. */
static char *
slurp(const char *path, size_t *len)
{
	char *text;

	return snare__read_file(path, &text, len) < 0 ? NULL : text;
}

/* Fields of /proc/PID[/task/TID]/stat after the command name. */
struct statf {
	char state;
	long ppid, pgrp, sid, flags, utime, stime, cutime, cstime, nice;
};

static void
read_stat(struct statf *sf, pid_t pid, pid_t tid)
{
	char path[96], *text, *q;
	size_t len;
	long f[20];
	int i;

	memset(sf, 0, sizeof(*sf));
	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	text = slurp(path, &len);
	if (!text)
		return;
	q = strrchr(text, ')');
	if (q && q[1] == ' ') {
		sf->state = q[2];
		q += 3;
		/* ppid(0) pgrp sid tty tpgid flags(5) minflt cminflt majflt
		   cmajflt utime(10) stime cutime cstime priority nice(15) */
		for (i = 0; i < 16; i++) {
			char *end;

			f[i] = strtol(q, &end, 10);
			if (end == q)
				break;
			q = end;
		}
		if (i == 16) {
			sf->ppid = f[0];
			sf->pgrp = f[1];
			sf->sid = f[2];
			sf->flags = f[5];
			sf->utime = f[10];
			sf->stime = f[11];
			sf->cutime = f[12];
			sf->cstime = f[13];
			sf->nice = f[15];
		}
	}
	free(text);
}

/* A line "Field:\t..." of a /proc status file: its first number (base). */
static unsigned long long
status_num(const char *text, const char *field, int base)
{
	size_t fl = strlen(field);
	const char *q = text;

	while (q && *q) {
		if (!strncmp(q, field, fl) && q[fl] == ':')
			return strtoull(q + fl + 1, NULL, base);
		q = strchr(q, '\n');
		if (q)
			q++;
	}
	return 0;
}

static struct timeval
ticks_tv(long ticks)
{
	long hz = sysconf(_SC_CLK_TCK);
	struct timeval tv;

	if (hz <= 0)
		hz = 100;
	tv.tv_sec = ticks / hz;
	tv.tv_usec = (ticks % hz) * (1000000 / hz);
	return tv;
}

/* The notes of one thread: NT_PRSTATUS, and the register sets after. */
static int
thread_prstatus(struct notes *n, snare_thread *t, int cursig,
		const siginfo_t *si)
{
	struct elf_prstatus pr;
	struct statf sf;
	snare_regs regs;
	char path[96], *status;
	size_t len;
	int r;

	r = snare_regs_get(&regs, t);
	if (r < 0)
		return r;
	memset(&pr, 0, sizeof(pr));
	if (si) {
		pr.pr_info.si_signo = si->si_signo;
		pr.pr_info.si_code = si->si_code;
		pr.pr_info.si_errno = si->si_errno;
	}
	pr.pr_cursig = (short)cursig;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", t->proc->pid,
		 t->tid);
	status = slurp(path, &len);
	if (status) {
		pr.pr_sigpend = status_num(status, "SigPnd", 16);
		pr.pr_sighold = status_num(status, "SigBlk", 16);
		free(status);
	}
	read_stat(&sf, t->proc->pid, t->tid);
	pr.pr_pid = t->tid;
	pr.pr_ppid = (pid_t)sf.ppid;
	pr.pr_pgrp = (pid_t)sf.pgrp;
	pr.pr_sid = (pid_t)sf.sid;
	pr.pr_utime = ticks_tv(sf.utime);
	pr.pr_stime = ticks_tv(sf.stime);
	pr.pr_cutime = ticks_tv(sf.cutime);
	pr.pr_cstime = ticks_tv(sf.cstime);
	memcpy(&pr.pr_reg, &regs, sizeof(regs));
	pr.pr_fpvalid = 1;
	note_add(n, "CORE", NT_PRSTATUS, &pr, sizeof(pr));
	return 0;
}

static void
thread_fpregs(struct notes *n, snare_thread *t)
{
	struct user_fpregs_struct fp;
	unsigned char *xs;
	struct iovec iov;

	if (snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL, &fp) == 0)
		note_add(n, "CORE", NT_FPREGSET, &fp, sizeof(fp));
	xs = calloc(1, XSTATE_MAX);
	if (!xs) {
		n->err = -ENOMEM;
		return;
	}
	iov.iov_base = xs;
	iov.iov_len = XSTATE_MAX;
	if (snare__ptrace(PTRACE_GETREGSET, t->tid, (void *)NT_X86_XSTATE,
			  &iov) == 0 && iov.iov_len)
		note_add(n, "LINUX", NT_X86_XSTATE, xs, iov.iov_len);
	free(xs);
}

static void
proc_psinfo(struct notes *n, snare_proc *p)
{
	struct elf_prpsinfo ps;
	struct statf sf;
	char path[64], *text, *q;
	size_t len, i;

	memset(&ps, 0, sizeof(ps));
	read_stat(&sf, p->pid, 0);
	q = strchr("RSDTZW", sf.state ? sf.state : 'R');
	ps.pr_state = (char)(q ? q - "RSDTZW" : 0);
	ps.pr_sname = sf.state ? sf.state : '.';
	ps.pr_zomb = sf.state == 'Z';
	ps.pr_nice = (char)sf.nice;
	ps.pr_flag = (unsigned long)sf.flags;
	ps.pr_pid = p->pid;
	ps.pr_ppid = (pid_t)sf.ppid;
	ps.pr_pgrp = (pid_t)sf.pgrp;
	ps.pr_sid = (pid_t)sf.sid;
	snprintf(path, sizeof(path), "/proc/%d/status", p->pid);
	text = slurp(path, &len);
	if (text) {
		ps.pr_uid = (unsigned)status_num(text, "Uid", 10);
		ps.pr_gid = (unsigned)status_num(text, "Gid", 10);
		free(text);
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", p->pid);
	text = slurp(path, &len);
	if (text) {
		text[strcspn(text, "\n")] = '\0';
		strncpy(ps.pr_fname, text, sizeof(ps.pr_fname) - 1);
		free(text);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", p->pid);
	text = slurp(path, &len);
	if (text) {
		if (len > sizeof(ps.pr_psargs) - 1)
			len = sizeof(ps.pr_psargs) - 1;
		for (i = 0; i < len; i++)
			ps.pr_psargs[i] = text[i] ? text[i] : ' ';
		while (len && ps.pr_psargs[len - 1] == ' ')
			ps.pr_psargs[--len] = '\0';
		free(text);
	}
	note_add(n, "CORE", NT_PRPSINFO, &ps, sizeof(ps));
}

static void
proc_auxv(struct notes *n, snare_proc *p)
{
	char path[64], *text;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/auxv", p->pid);
	text = slurp(path, &len);
	if (text && len)
		note_add(n, "CORE", NT_AUXV, text, len);
	free(text);
}

/* NT_FILE: count, page size, {start, end, offset in pages}, the names. */
static void
proc_files(struct notes *n, const snare_map *maps, size_t nmaps)
{
	size_t i, k = 0, names = 0, len;
	uint64_t *desc;
	char *q;

	for (i = 0; i < nmaps; i++)
		if (maps[i].path[0] == '/') {
			k++;
			names += strlen(maps[i].path) + 1;
		}
	if (!k)
		return;
	len = (2 + 3 * k) * sizeof(uint64_t) + names;
	desc = calloc(1, len);
	if (!desc) {
		n->err = -ENOMEM;
		return;
	}
	desc[0] = k;
	desc[1] = CORE_PAGE;
	q = (char *)(desc + 2 + 3 * k);
	for (i = 0, k = 0; i < nmaps; i++) {
		if (maps[i].path[0] != '/')
			continue;
		desc[2 + 3 * k] = maps[i].start;
		desc[3 + 3 * k] = maps[i].end;
		desc[4 + 3 * k] = maps[i].offset / CORE_PAGE;
		strcpy(q, maps[i].path);
		q += strlen(q) + 1;
		k++;
	}
	note_add(n, "CORE", NT_FILE, desc, len);
	free(desc);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

/*
 * The start addresses of the mappings of p that hold anonymous pages
 * (smaps "Anonymous:" above 0): the private file mappings the program (or
 * the dynamic loader, relocating a RELRO region) wrote to. Sorted as in
 * the file, which lists mappings in address order. NULL when unknown.
 */
static uint64_t *
anon_starts(snare_proc *p, size_t *n)
{
	char path[64], *text, *line, *save = NULL;
	uint64_t *out = NULL, *no, cur = 0;
	size_t len, cap = 0;

	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/smaps", p->pid);
	text = slurp(path, &len);
	if (!text)
		return NULL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long a, b;
		char c;

		if (sscanf(line, "%llx-%llx %c", &a, &b, &c) == 3 && c != ':') {
			cur = a;
			continue;
		}
		if (strncmp(line, "Anonymous:", 10) || strtoul(line + 10, NULL, 10) == 0)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			no = realloc(out, cap * sizeof(*out));
			if (!no)
				break;
			out = no;
		}
		out[(*n)++] = cur;
	}
	free(text);
	return out;
}

static bool
has_start(const uint64_t *starts, size_t n, uint64_t a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (starts[i] == a)
			return true;
	return false;
}

/* How many bytes of a mapping the core holds (the kernel's default). */
static uint64_t
dump_size(snare_proc *p, const snare_map *m, unsigned flags,
	  const uint64_t *anon, size_t nanon)
{
	uint64_t size = m->end - m->start;
	unsigned char probe[4];
	bool file = m->path[0] == '/' && m->inode &&
		    !ends_with(m->path, " (deleted)");

	if (!(m->prot & PROT_READ) || !strcmp(m->path, "[vvar]") ||
	    !strcmp(m->path, "[vvar_vclock]"))
		return 0;
	/* What the program cannot read through /proc either (vsyscall). */
	if (snare_mem_read(probe, p, m->start, sizeof(probe)) < 0)
		return 0;
	if (flags & SNARE_CORE_ALL_MAPPINGS)
		return size;
	if (m->shared)
		return file ? 0 : size;
	/* Private: anonymous, or file-backed and written to (its copy is
	   no longer the file: data, relocated RELRO, patched code). */
	if (!file || has_start(anon, nanon, m->start))
		return size;
	/* A file mapping as in the file: its ELF header page only. */
	if (m->offset == 0 && !memcmp(probe, ELFMAG, SELFMAG))
		return CORE_PAGE < size ? CORE_PAGE : size;
	return 0;
}

static bool
page_zero(const unsigned char *q, size_t len)
{
	const uint64_t *w = (const uint64_t *)(const void *)q;
	size_t i;

	for (i = 0; i < len / 8; i++)
		if (w[i])
			return false;
	return true;
}

static int
pwrite_all(int fd, const void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t w = pwrite(fd, (const char *)buf + done, len - done,
				   (off_t)(off + done));

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		done += (size_t)w;
	}
	return 0;
}

/* The bytes of [addr, addr+len) at file offset off; zero pages skipped. */
static int
copy_segment(snare_proc *p, int fd, unsigned char *buf, uint64_t addr,
	     uint64_t len, uint64_t off)
{
	uint64_t done = 0;
	int r;

	while (done < len) {
		size_t n = len - done < CHUNK ? (size_t)(len - done) : CHUNK;
		size_t i, run;

		if (snare_mem_read(buf, p, addr + done, n) < 0) {
			/* Page by page: what cannot be read stays zeros. */
			for (i = 0; i < n; i += CORE_PAGE) {
				size_t k = n - i < CORE_PAGE ? n - i : CORE_PAGE;

				if (snare_mem_read(buf + i, p, addr + done + i, k) < 0)
					memset(buf + i, 0, k);
			}
		}
		/* Write runs of non-zero pages; zero pages are holes. */
		for (i = 0; i < n; i += run) {
			size_t k = n - i < CORE_PAGE ? n - i : CORE_PAGE;

			run = k;
			if (page_zero(buf + i, k))
				continue;
			while (i + run < n) {
				size_t k2 = n - i - run < CORE_PAGE ? n - i - run : CORE_PAGE;

				if (page_zero(buf + i + run, k2))
					break;
				run += k2;
			}
			r = pwrite_all(fd, buf + i, run, off + done + i);
			if (r < 0)
				return r;
		}
		done += n;
	}
	return 0;
}

/* The threads in the core's order: first (or the leader), then by tid. */
static int
cmp_tid(const void *a, const void *b)
{
	pid_t x = (*(snare_thread *const *)a)->tid;
	pid_t y = (*(snare_thread *const *)b)->tid;

	return (x > y) - (x < y);
}

static size_t
order_threads(snare_thread **out, snare_proc *p, snare_thread *first)
{
	snare_thread *t;
	size_t n = 0, i;

	for (t = p->threads; t; t = t->pnext)
		if (t->state == TS_STOPPED)
			out[n++] = t;
	qsort(out, n, sizeof(*out), cmp_tid);
	if (!first || first->proc != p || first->state != TS_STOPPED)
		for (i = 0, first = NULL; i < n && !first; i++)
			if (out[i]->tid == p->pid)
				first = out[i];
	for (i = 0; first && i < n; i++)
		if (out[i] == first) {
			memmove(out + 1, out, i * sizeof(*out));
			out[0] = first;
			break;
		}
	return n;
}

static int
write_core(snare_proc *p, int fd, snare_thread *first, unsigned flags)
{
	snare_session *s = p->s;
	struct notes n = { 0 };
	snare_thread **ths = NULL;
	snare_map *maps = NULL;
	size_t nmaps = 0, nth = 0, i, nthr_all = 0;
	Elf64_Phdr *ph = NULL;
	Elf64_Ehdr eh;
	uint64_t off, *sizes = NULL, *anon = NULL;
	size_t nanon = 0;
	unsigned char *buf = NULL;
	const siginfo_t *si = NULL;
	snare_thread *t;
	int r, cursig = 0;

	r = snare_proc_maps(&maps, &nmaps, p);
	if (r < 0)
		return r;
	if (nmaps + 1 >= PN_XNUM) {
		r = snare__err(s, -E2BIG, "core of %d: %zu mappings, more than an ELF core without extended numbering holds",
			       p->pid, nmaps);
		goto out;
	}
	for (t = p->threads; t; t = t->pnext)
		nthr_all++;
	ths = calloc(nthr_all + 1, sizeof(*ths));
	sizes = calloc(nmaps + 1, sizeof(*sizes));
	ph = calloc(nmaps + 1, sizeof(*ph));
	buf = malloc(CHUNK);
	if (!ths || !sizes || !ph || !buf) {
		r = -ENOMEM;
		goto out;
	}
	nth = order_threads(ths, p, first);
	if (!nth) {
		r = snare__err(s, SNARE_ERUNNING, "core of %d: no stopped thread",
			       p->pid);
		goto out;
	}
	if (ths[0]->stop.has_si && ths[0]->stop.si.si_signo > 0) {
		si = &ths[0]->stop.si;
		cursig = si->si_signo;
	}
	for (i = 0; i < nth; i++) {
		r = thread_prstatus(&n, ths[i], cursig, si);
		if (r < 0) {
			r = snare__err(s, r, "core of %d: registers of thread %d: %s",
				       p->pid, ths[i]->tid, snare_strerror(r));
			goto out;
		}
		if (i == 0) {
			proc_psinfo(&n, p);
			if (si)
				note_add(&n, "CORE", NT_SIGINFO, si, sizeof(*si));
			proc_auxv(&n, p);
			proc_files(&n, maps, nmaps);
		}
		thread_fpregs(&n, ths[i]);
	}
	if (n.err) {
		r = n.err;
		goto out;
	}

	/* Layout: headers, notes, then the segments from a page boundary. */
	off = sizeof(eh) + (nmaps + 1) * sizeof(Elf64_Phdr);
	ph[0] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = off,
			      .p_filesz = n.len };
	off = (off + n.len + CORE_PAGE - 1) & ~(CORE_PAGE - 1);
	anon = anon_starts(p, &nanon);
	for (i = 0; i < nmaps; i++) {
		const snare_map *m = &maps[i];

		sizes[i] = dump_size(p, m, flags, anon, nanon);
		ph[i + 1] = (Elf64_Phdr){
			.p_type = PT_LOAD,
			.p_flags = ((m->prot & PROT_READ) ? PF_R : 0) |
				   ((m->prot & PROT_WRITE) ? PF_W : 0) |
				   ((m->prot & PROT_EXEC) ? PF_X : 0),
			.p_offset = off,
			.p_vaddr = m->start,
			.p_memsz = m->end - m->start,
			.p_filesz = sizes[i],
			.p_align = CORE_PAGE,
		};
		off += sizes[i];
	}
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = (Elf64_Half)(nmaps + 1);

	if ((r = pwrite_all(fd, &eh, sizeof(eh), 0)) < 0 ||
	    (r = pwrite_all(fd, ph, (nmaps + 1) * sizeof(*ph), sizeof(eh))) < 0 ||
	    (r = pwrite_all(fd, n.buf, n.len, ph[0].p_offset)) < 0)
		goto werr;
	for (i = 0; i < nmaps; i++) {
		if (!sizes[i])
			continue;
		r = copy_segment(p, fd, buf, maps[i].start, sizes[i],
				 ph[i + 1].p_offset);
		if (r < 0)
			goto werr;
	}
	/* Trailing holes still count in the file's size. */
	if (ftruncate(fd, (off_t)off) < 0) {
		r = -errno;
		goto werr;
	}
	r = 0;
	goto out;
werr:
	r = snare__err(s, r, "core of %d: write: %s", p->pid, snare_strerror(r));
out:
	free(anon);
	free(n.buf);
	free(ths);
	free(sizes);
	free(ph);
	free(buf);
	snare_maps_free(maps, nmaps);
	return r;
}

SNARE_EXPORT int
snare_proc_dump_core(snare_proc *p, const char *path, snare_thread *first,
		     unsigned flags)
{
	snare_session *s;
	snare_thread *t;
	pid_t *held = NULL;
	size_t nheld = 0, cap = 0;
	bool release;
	int fd, r;

	if (!p)
		return -EINVAL;
	s = p->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "core: foreign thread");
	if (!path || !*path)
		return snare__err(s, -EINVAL, "core of %d: no file name", p->pid);
	if (flags & ~(unsigned)SNARE_CORE_ALL_MAPPINGS)
		return snare__err(s, -EINVAL, "core of %d: unknown flags 0x%x",
				  p->pid, flags);
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED, "core of %d: the process has exited",
				  p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(s, SNARE_EDETACHED, "core of %d: detached",
				  p->pid);
	/* Inside a callback the other threads run: stop them for the dump
	   and let them go after. After snare_run() all are stopped. */
	release = s->in_run;
	for (t = p->threads; t; t = t->pnext)
		cap++;
	held = calloc(cap + 1, sizeof(*held));
	if (!held)
		return -ENOMEM;
	for (t = p->threads; t; t = t->pnext)
		if (t->state != TS_DEAD)
			held[nheld++] = t->state == TS_RUNNING ? t->tid : -t->tid;
	r = snare__stop_proc(p);
	if (r < 0 && r != -ECHILD) {
		free(held);
		return snare__err(s, r, "core of %d: stopping its threads: %s",
				  p->pid, snare_strerror(r));
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		r = snare__err(s, -errno, "core of %d: open %s: %s", p->pid,
			       path, strerror(errno));
	} else {
		r = write_core(p, fd, first, flags);
		if (close(fd) < 0 && r == 0)
			r = snare__err(s, -errno, "core of %d: close %s: %s",
				       p->pid, path, strerror(errno));
		if (r < 0)
			unlink(path);
	}
	if (release && p->state != SNARE_PROC_EXITED &&
	    p->state != SNARE_PROC_DETACHED) {
		/* Resume what we stopped, and threads born meanwhile (their
		   first stop went to the all-stop); not the ones held by the
		   loop already, nor those with a stop queued. */
		for (t = p->threads; t; t = t->pnext) {
			size_t i;
			bool was_held = false, known = false;

			if (t->state != TS_STOPPED || t->queued)
				continue;
			for (i = 0; i < nheld; i++)
				if (held[i] == t->tid || held[i] == -t->tid) {
					known = true;
					was_held = held[i] < 0;
				}
			if (!was_held || !known)
				snare__resume(t);
		}
		p->state = SNARE_PROC_RUNNING;
	}
	free(held);
	return r;
}
