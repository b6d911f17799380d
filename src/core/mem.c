/* SPDX-License-Identifier: MIT */
/*
 * mem.c: tracee memory. Small accesses use pread/pwrite on an fd of
 * /proc/PID/mem kept open per process (the cheapest path, and the one that
 * can write read-only text); bulk reads use process_vm_readv (PERF-NOTES
 * 3.6). Tracee memory is hostile input: lengths are capped and every read
 * may fail midway.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/internal.h"

#define MEM_MAX (1ul << 30)
#define BULK_MIN (64ul << 10)

void
snare__mem_close(snare_proc *p)
{
	if (p->memfd >= 0)
		close(p->memfd);
	p->memfd = -1;
}

/*
 * Whether /proc is of the tracer's pid namespace: its own status lists one
 * id. A tracer started in a new pid namespace that still sees the old
 * /proc ("unshare -pf snare ...") would open another process's memory by
 * its ids; then only process_vm_readv (which takes the tracer's ids)
 * reads, and nothing writes.
 */
static bool
proc_is_ours(void)
{
	char line[256];
	bool ours = true;
	FILE *in = fopen("/proc/self/status", "re");

	if (!in)
		return true;
	while (fgets(line, sizeof(line), in))
		if (!strncmp(line, "NSpid:", 6)) {
			ours = !strchr(line + 7, '\t') && !strchr(line + 7, ' ');
			break;
		}
	fclose(in);
	return ours;
}

/* p->memfd when /proc is of another pid namespace. */
#define MEMFD_FOREIGN (-2)

static int
mem_fd(snare_proc *p)
{
	char path[64];

	if (p->memfd >= 0)
		return p->memfd;
	if (p->memfd == MEMFD_FOREIGN || !proc_is_ours()) {
		p->memfd = MEMFD_FOREIGN;
		return -EXDEV;
	}
	/* Through a live thread: a zombie leader has no memory. */
	snprintf(path, sizeof(path), "/proc/%d/task/%d/mem", p->pid,
		 snare__proc_mm_tid(p));
	p->memfd = open(path, O_RDWR | O_CLOEXEC);
	return p->memfd >= 0 ? p->memfd : -errno;
}

static int
check(snare_proc *p, uint64_t addr, size_t len, const void *buf)
{
	if (!p || !buf)
		return -EINVAL;
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(p->s, SNARE_EEXITED, "process %d has exited",
				  p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EDETACHED,
				  "process %d was detached", p->pid);
	if (len > MEM_MAX)
		return snare__err(p->s, -EINVAL,
				  "memory access of %zu bytes: over the 1 GiB cap",
				  len);
	if (addr + len < addr)
		return snare__err(p->s, -EINVAL,
				  "memory access at 0x%llx+%zu wraps around",
				  (unsigned long long)addr, len);
	return 0;
}

/* pread/pwrite loop; returns bytes done before the first failure. */
static ssize_t
mem_rw(int fd, void *buf, size_t len, uint64_t addr, bool write)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write ? pwrite(fd, (char *)buf + done, len - done,
					   (off_t)(addr + done))
				  : pread(fd, (char *)buf + done, len - done,
					  (off_t)(addr + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

/* The bytes in memory, int3s of breakpoints included. */
int
snare__mem_read_raw(void *buf, snare_proc *p, uint64_t addr, size_t len)
{
	struct iovec local, remote;
	ssize_t n = 0;
	int fd, r = check(p, addr, len, buf);

	if (r < 0 || len == 0)
		return r;
	fd = mem_fd(p);
	if (len >= BULK_MIN || fd == -EXDEV) {
		local = (struct iovec){ buf, len };
		remote = (struct iovec){ (void *)(uintptr_t)addr, len };
		n = process_vm_readv(snare__proc_mm_tid(p), &local, 1, &remote,
				     1, 0);
		if (n < 0)
			n = 0;
		if ((size_t)n == len)
			return 0;
	}
	/* /proc/PID/mem also reads what process_vm_readv cannot. */
	if (fd == -EXDEV)
		return snare__err(p->s, -EFAULT, "read %zu bytes at 0x%llx: not readable",
				  len, (unsigned long long)addr);
	if (fd < 0)
		return snare__err(p->s, fd, "open /proc/%d/mem: %s", p->pid,
				  snare_strerror(fd));
	n += mem_rw(fd, (char *)buf + n, len - (size_t)n, addr + (uint64_t)n,
		    false);
	if ((size_t)n == len)
		return 0;
	return snare__err(p->s, -EFAULT, "read %zu bytes at 0x%llx: 0x%llx is not readable",
			  len, (unsigned long long)addr,
			  (unsigned long long)(addr + (uint64_t)n));
}

/* Write exactly these bytes (the library's own patches and slots). */
int
snare__mem_write_raw(snare_proc *p, uint64_t addr, const void *buf, size_t len)
{
	ssize_t n;
	int fd, r = check(p, addr, len, buf);

	if (r < 0 || len == 0)
		return r;
	fd = mem_fd(p);
	if (fd == -EXDEV)
		return snare__err(p->s, -EPERM, "write to process %d: /proc "
				  "belongs to another pid namespace", p->pid);
	if (fd < 0)
		return snare__err(p->s, fd, "open /proc/%d/mem: %s", p->pid,
				  snare_strerror(fd));
	n = mem_rw(fd, (void *)buf, len, addr, true);
	if ((size_t)n == len)
		return 0;
	return snare__err(p->s, -EFAULT, "write %zu bytes at 0x%llx: 0x%llx is not writable",
			  len, (unsigned long long)addr,
			  (unsigned long long)(addr + (uint64_t)n));
}

/*
 * The program's view (docs/design.md, "Memory"): reads show the original
 * bytes under breakpoints, writes over a breakpoint change the instruction
 * it covers and keep it. The breakpoints layer does both.
 */
SNARE_EXPORT int
snare_mem_read(void *buf, snare_proc *p, uint64_t addr, size_t len)
{
	int r = snare__mem_read_raw(buf, p, addr, len);

	if (r == 0 && len && p->bps)
		p->s->ev->mem_view(p, addr, buf, len);
	return r;
}

SNARE_EXPORT int
snare_mem_read_raw(void *buf, snare_proc *p, uint64_t addr, size_t len)
{
	return snare__mem_read_raw(buf, p, addr, len);
}

SNARE_EXPORT int
snare_mem_write(snare_proc *p, uint64_t addr, const void *buf, size_t len)
{
	int r = check(p, addr, len, buf);

	if (r < 0 || len == 0)
		return r;
	if (p->bps)
		return p->s->ev->mem_write(p, addr, buf, len);
	return snare__mem_write_raw(p, addr, buf, len);
}

SNARE_EXPORT ssize_t
snare_mem_read_str(char *buf, size_t cap, snare_proc *p, uint64_t addr)
{
	size_t done = 0;
	int fd, r;

	if (!cap)
		return -EINVAL;
	r = check(p, addr, cap, buf);
	if (r < 0)
		return r;
	fd = mem_fd(p);
	if (fd < 0 && fd != -EXDEV)
		return snare__err(p->s, fd, "open /proc/%d/mem: %s", p->pid,
				  snare_strerror(fd));
	/* Read up to page ends so an unmapped next page stops us cleanly. */
	while (done < cap - 1) {
		uint64_t a = addr + done;
		size_t chunk = 4096 - (a & 4095);
		ssize_t n;
		char *nul;

		if (chunk > cap - 1 - done)
			chunk = cap - 1 - done;
		if (fd == -EXDEV) { /* /proc of another pid namespace */
			struct iovec l = { buf + done, chunk };
			struct iovec rem = { (void *)(uintptr_t)a, chunk };

			n = process_vm_readv(snare__proc_mm_tid(p), &l, 1,
					     &rem, 1, 0);
		} else {
			n = pread(fd, buf + done, chunk, (off_t)a);
		}
		if (n <= 0)
			break;
		if (p->bps)
			p->s->ev->mem_view(p, a, buf + done, (size_t)n);
		nul = memchr(buf + done, '\0', (size_t)n);
		if (nul)
			return (ssize_t)(nul - buf);
		done += (size_t)n;
	}
	buf[done] = '\0';
	if (!done)
		return snare__err(p->s, -EFAULT, "string at 0x%llx is not readable",
				  (unsigned long long)addr);
	return (ssize_t)done;
}

/*
 * The decoders' view (src/print, through print_iface.h): what strace
 * shows, which reads with process_vm_readv. That refuses PROT_NONE and
 * other unreadable pages that /proc/PID/mem reads (FOLL_FORCE), and a
 * decoder then prints the address. /proc/PID/mem is used only when
 * process_vm_readv itself is unavailable (ENOSYS, EPERM), as strace
 * falls back to PTRACE_PEEKDATA, never for a page it refused. The bytes
 * are the program's: breakpoints hidden, and the pages a software watch
 * protects read as the program would (through /proc/PID/mem).
 */
static ssize_t
vm_read(snare_proc *p, void *buf, uint64_t addr, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(snare__proc_mm_tid(p), &local, 1, &remote,
				     1, 0);

	if (n > 0 && p->bps)
		p->s->ev->mem_view(p, addr, buf, (size_t)n);
	return n < 0 ? -errno : n;
}

static bool
vm_unavailable(ssize_t n)
{
	return n == -ENOSYS || n == -EPERM;
}

/* Whether addr's page is one a software watch made unreadable that the
   program can read: the program's view reads it, through /proc/PID/mem. */
static bool
watch_hidden(snare_proc *p, uint64_t addr)
{
	int prot;

	if (!p->nswpages)
		return false;
	prot = p->s->ev->prot_view(p, addr, -1);
	return prot != -1 && (prot & PROT_READ);
}

/* One page's bytes (len within it) for the decoders: n read, or -errno. */
static ssize_t
peek_page(snare_proc *p, void *buf, uint64_t addr, size_t len)
{
	ssize_t n = vm_read(p, buf, addr, len);

	if (n <= 0 && !vm_unavailable(n) && watch_hidden(p, addr))
		n = snare_mem_read(buf, p, addr, len) == 0 ? (ssize_t)len
							    : -EFAULT;
	return n;
}

int
snare__mem_peek(void *buf, snare_proc *p, uint64_t addr, size_t len)
{
	ssize_t n;
	int r = check(p, addr, len, buf);

	if (r < 0 || len == 0)
		return r;
	n = vm_read(p, buf, addr, len);
	if ((size_t)n == len)
		return 0;
	if (vm_unavailable(n))
		return snare_mem_read(buf, p, addr, len);
	/* Pages of software watches: page by page, those the program
	   reads through /proc/PID/mem. */
	if (p->nswpages) {
		size_t done = 0;

		while (done < len) {
			uint64_t a = addr + done;
			size_t chunk = 4096 - (a & 4095);

			if (chunk > len - done)
				chunk = len - done;
			n = peek_page(p, (char *)buf + done, a, chunk);
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		if (done == len)
			return 0;
	}
	/* A short read fails as a whole, as strace's umoven(). */
	return snare__err(p->s, -EFAULT, "read %zu bytes at 0x%llx: not readable",
			  len, (unsigned long long)addr);
}

ssize_t
snare__mem_peek_str(char *buf, size_t cap, snare_proc *p, uint64_t addr)
{
	size_t done = 0;
	int r;

	if (!cap)
		return -EINVAL;
	r = check(p, addr, cap, buf);
	if (r < 0)
		return r;
	/* Page by page, so a NUL before an unreadable page ends the
	   string (strace's umovestr()). */
	while (done < cap - 1) {
		uint64_t a = addr + done;
		size_t chunk = 4096 - (a & 4095);
		ssize_t n;
		char *nul, c;

		if (chunk > cap - 1 - done)
			chunk = cap - 1 - done;
		n = peek_page(p, buf + done, a, chunk);
		if (n <= 0 && !done && vm_unavailable(n)) {
			/* Through /proc/PID/mem: a string cut by a fault
			   is no string. */
			n = snare_mem_read_str(buf, cap, p, addr);
			if (n >= 0 && (size_t)n < cap - 1 &&
			    snare_mem_read(&c, p, addr + (size_t)n, 1) != 0)
				break;
			return n;
		}
		if (n <= 0)
			break;
		nul = memchr(buf + done, '\0', (size_t)n);
		if (nul)
			return (ssize_t)(nul - buf);
		done += (size_t)n;
	}
	buf[done] = '\0';
	if (done == cap - 1) /* no NUL within cap - 1 bytes */
		return (ssize_t)done;
	return snare__err(p->s, -EFAULT, "string at 0x%llx is not readable",
			  (unsigned long long)addr);
}
