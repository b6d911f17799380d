/* SPDX-License-Identifier: MIT */
/*
 * cli_poke: a deterministic tracee for the "poke" golden family
 * (-e inject=chdir:poke_enter=@arg1=...): chdir on a path inside a page
 * followed by an unmapped one, at the start of the readable page,
 * one and eight bytes before its end (a poke there is partly done), and
 * at the inaccessible page itself (a poke fails). Each chdir fails; the
 * process's own directory never changes. No sleeps.
 *
 *   cli_poke
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void
cd(const char *p)
{
	syscall(SYS_chdir, p);
}

int
main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *buf = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (buf == MAP_FAILED)
		return 1;
	/* Unmapped, not PROT_NONE: /proc/PID/mem reads and writes through
	   the protection where process_vm_readv/writev stop. */
	if (munmap(buf + page, page) != 0)
		return 1;
	memset(buf, 'x', page);
	cd(buf + page - 64);  /* whole: "?SNAREsnare?" is written */
	cd(buf + page - 1);   /* one byte written, then the fault */
	cd(buf + page - 8);   /* eight bytes written */
	cd(buf + page);       /* nothing written */
	cd(buf + page + 1);
	memset(buf, 'x', page);
	cd(buf + page - 3);   /* no poke: "xxx" up to the fault */
	return 0;
}
