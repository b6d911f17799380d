/* SPDX-License-Identifier: MIT */
/*
 * siginfo_mem.c: a siginfo_t read from the tracee (ptrace's
 * PTRACE_GETSIGINFO/SETSIGINFO/PEEKSIGINFO, waitid, rt_sigqueueinfo), as
 * strace 6.1's printsiginfo() prints it: every field the union holds for
 * the code and signal, each constant through the -X styles.
 *
 * siginfo.c prints the library's own snare_siginfo (the "--- SIGCHLD"
 * lines), which keeps only what a stop needs; here the whole kernel
 * struct is at hand, so the fields of the rarer codes (SIGSYS's syscall
 * and arch, SIGBUS's address granularity, SIGSEGV's bounds and key,
 * SIGIO's band and fd) are shown too.
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <signal.h>
#include <string.h>

#include "decoders.h"

/* include/uapi/asm-generic/siginfo.h values glibc 2.36 may lack. */
#define K_TRAP_UNK 5
#define K_TRAP_PERF 6
#define K_SEGV_ACCADI 5
#define K_SEGV_ADIDERR 6
#define K_SEGV_ADIPERR 7
#define K_SEGV_MTEAERR 8
#define K_SEGV_MTESERR 9
#define K_FPE_FLTUNK 14
#define K_FPE_CONDTRAP 15
#define K_SYS_SECCOMP 1
#define K_SYS_USER_DISPATCH 2

/* Codes any signal may carry, as unsigned ints (strace prints them so). */
XLAT_TABLE(mem_si_codes, NULL, XLAT_PAIR((uint32_t)SI_USER, "SI_USER"),
	   XLAT_PAIR((uint32_t)SI_KERNEL, "SI_KERNEL"),
	   XLAT_PAIR((uint32_t)SI_QUEUE, "SI_QUEUE"),
	   XLAT_PAIR((uint32_t)SI_TIMER, "SI_TIMER"),
	   XLAT_PAIR((uint32_t)SI_MESGQ, "SI_MESGQ"),
	   XLAT_PAIR((uint32_t)SI_ASYNCIO, "SI_ASYNCIO"),
	   XLAT_PAIR((uint32_t)SI_SIGIO, "SI_SIGIO"),
	   XLAT_PAIR((uint32_t)SI_TKILL, "SI_TKILL"),
	   XLAT_PAIR((uint32_t)SI_DETHREAD, "SI_DETHREAD"),
	   XLAT_PAIR((uint32_t)SI_ASYNCNL, "SI_ASYNCNL"));
XLAT_TABLE(mem_chld_codes, NULL, XLAT(CLD_EXITED), XLAT(CLD_KILLED),
	   XLAT(CLD_DUMPED), XLAT(CLD_TRAPPED), XLAT(CLD_STOPPED),
	   XLAT(CLD_CONTINUED));
XLAT_TABLE(mem_segv_codes, NULL, XLAT(SEGV_MAPERR), XLAT(SEGV_ACCERR),
	   XLAT(SEGV_BNDERR), XLAT(SEGV_PKUERR),
	   XLAT_PAIR(K_SEGV_ACCADI, "SEGV_ACCADI"),
	   XLAT_PAIR(K_SEGV_ADIDERR, "SEGV_ADIDERR"),
	   XLAT_PAIR(K_SEGV_ADIPERR, "SEGV_ADIPERR"),
	   XLAT_PAIR(K_SEGV_MTEAERR, "SEGV_MTEAERR"),
	   XLAT_PAIR(K_SEGV_MTESERR, "SEGV_MTESERR"));
XLAT_TABLE(mem_bus_codes, NULL, XLAT(BUS_ADRALN), XLAT(BUS_ADRERR),
	   XLAT(BUS_OBJERR), XLAT(BUS_MCEERR_AR), XLAT(BUS_MCEERR_AO));
XLAT_TABLE(mem_ill_codes, NULL, XLAT(ILL_ILLOPC), XLAT(ILL_ILLOPN),
	   XLAT(ILL_ILLADR), XLAT(ILL_ILLTRP), XLAT(ILL_PRVOPC),
	   XLAT(ILL_PRVREG), XLAT(ILL_COPROC), XLAT(ILL_BADSTK));
XLAT_TABLE(mem_fpe_codes, NULL, XLAT(FPE_INTDIV), XLAT(FPE_INTOVF),
	   XLAT(FPE_FLTDIV), XLAT(FPE_FLTOVF), XLAT(FPE_FLTUND),
	   XLAT(FPE_FLTRES), XLAT(FPE_FLTINV), XLAT(FPE_FLTSUB),
	   XLAT_PAIR(K_FPE_FLTUNK, "FPE_FLTUNK"),
	   XLAT_PAIR(K_FPE_CONDTRAP, "FPE_CONDTRAP"));
XLAT_TABLE(mem_trap_codes, NULL, XLAT(TRAP_BRKPT), XLAT(TRAP_TRACE),
	   XLAT(TRAP_BRANCH), XLAT(TRAP_HWBKPT),
	   XLAT_PAIR(K_TRAP_UNK, "TRAP_UNK"),
	   XLAT_PAIR(K_TRAP_PERF, "TRAP_PERF"));
XLAT_TABLE(mem_poll_codes, NULL, XLAT(POLL_IN), XLAT(POLL_OUT),
	   XLAT(POLL_MSG), XLAT(POLL_ERR), XLAT(POLL_PRI), XLAT(POLL_HUP));
XLAT_TABLE(mem_sys_codes, NULL, XLAT_PAIR(K_SYS_SECCOMP, "SYS_SECCOMP"),
	   XLAT_PAIR(K_SYS_USER_DISPATCH, "SYS_USER_DISPATCH"));

static const struct xlat *const mem_code_tables[] = {
	[SIGCHLD] = &mem_chld_codes, [SIGSEGV] = &mem_segv_codes,
	[SIGBUS] = &mem_bus_codes,   [SIGILL] = &mem_ill_codes,
	[SIGFPE] = &mem_fpe_codes,   [SIGTRAP] = &mem_trap_codes,
	[SIGIO] = &mem_poll_codes,   [SIGSYS] = &mem_sys_codes,
};

/* si_code as an unsigned int in hex, named from the codes of any signal
   first, then from the signal's own; no comment when unknown. */
static void
print_code(struct pbuf *b, int signo, int code)
{
	uint32_t v = (uint32_t)code;
	const struct xlat *x = &mem_si_codes;

	if (!xlat_name(x, v) && signo > 0 &&
	    (size_t)signo < ARRAY_SIZE(mem_code_tables) &&
	    mem_code_tables[signo] && xlat_name(mem_code_tables[signo], v))
		x = mem_code_tables[signo];
	print_xval(b, x, v, false);
}

/* An errno field: named when known (as the -X styles say), otherwise
   an unsigned number. */
static void
print_errno_field(struct pbuf *b, int err)
{
	const char *name = err > 0 ? snare_errno_name(err) : NULL;

	if (name && XSTYLE_NAMES(b))
		pb_puts(b, name);
	else if (name && b->xstyle == 2)
		pb_printf(b, "%d /* %s */", err, name);
	else
		pb_printf(b, "%u", (unsigned)err);
}

static void
print_ptr_field(struct pbuf *b, const char *name, const void *p)
{
	if (p)
		pb_printf(b, ", %s=%#llx", name,
			  (unsigned long long)(uintptr_t)p);
	else
		pb_printf(b, ", %s=NULL", name);
}

static void
print_source(struct fmt *f, const siginfo_t *si)
{
	pb_puts(f->b, ", si_pid=");
	print_pid(f, si->si_pid);
	if (si->si_uid == (uid_t)-1)
		pb_puts(f->b, ", si_uid=-1");
	else
		pb_printf(f->b, ", si_uid=%u", (unsigned)si->si_uid);
}

static void
print_sigval(struct fmt *f, const siginfo_t *si)
{
	pb_printf(f->b, ", si_int=%d", si->si_int);
	print_ptr_field(f->b, "si_ptr", si->si_ptr);
}

/* A clock_t in ticks; its seconds in a comment unless -X raw. */
static void
print_clock(struct pbuf *b, const char *name, long v)
{
	const long hz = 100; /* USER_HZ on x86_64 */

	pb_printf(b, ", %s=%ld", name, v);
	if (v > 0 && b->xstyle != 1)
		pb_printf(b, " /* %ld.%02ld s */", v / hz, v % hz * 100 / hz);
}

static void
print_band_fd(struct fmt *f, const siginfo_t *si)
{
	pb_printf(f->b, ", si_band=%ld, si_fd=", si->si_band);
	print_fd(f, si->si_fd);
}

static void
print_from_user(struct fmt *f, const siginfo_t *si)
{
	switch (si->si_code) {
	case SI_USER: case SI_TKILL:
		print_source(f, si);
		break;
	case SI_TIMER:
		pb_printf(f->b, ", si_timerid=%#x, si_overrun=%d",
			  (unsigned)si->si_timerid, si->si_overrun);
		print_sigval(f, si);
		break;
	case SI_SIGIO:
		print_band_fd(f, si);
		break;
	default:
		print_source(f, si);
		if (si->si_ptr)
			print_sigval(f, si);
		break;
	}
}

static void
print_from_kernel(struct fmt *f, const siginfo_t *si)
{
	struct pbuf *b = f->b;

	switch (si->si_signo) {
	case SIGCHLD:
		print_source(f, si);
		pb_puts(b, ", si_status=");
		if (si->si_code == CLD_EXITED)
			pb_printf(b, "%d", si->si_status);
		else
			print_signo(b, si->si_status);
		print_clock(b, "si_utime", (long)si->si_utime);
		print_clock(b, "si_stime", (long)si->si_stime);
		break;
	case SIGILL: case SIGFPE: case SIGTRAP:
		print_ptr_field(b, "si_addr", si->si_addr);
		break;
	case SIGBUS:
		print_ptr_field(b, "si_addr", si->si_addr);
		if (si->si_code == BUS_MCEERR_AR || si->si_code == BUS_MCEERR_AO)
			pb_printf(b, ", si_addr_lsb=%#x",
				  (unsigned)(unsigned short)si->si_addr_lsb);
		break;
	case SIGSEGV:
		print_ptr_field(b, "si_addr", si->si_addr);
		if (si->si_code == SEGV_BNDERR) {
			print_ptr_field(b, "si_lower", si->si_lower);
			print_ptr_field(b, "si_upper", si->si_upper);
		} else if (si->si_code == SEGV_PKUERR) {
			pb_printf(b, ", si_pkey=%u", (unsigned)si->si_pkey);
		}
		break;
	case SIGIO:
		if (si->si_code >= POLL_IN && si->si_code <= POLL_HUP)
			print_band_fd(f, si);
		break;
	case SIGSYS:
		print_ptr_field(b, "si_call_addr", si->si_call_addr);
		pb_puts(b, ", si_syscall=");
		print_syscall_nr_of_arch(b, (uint32_t)si->si_syscall,
					 si->si_arch);
		pb_puts(b, ", si_arch=");
		print_xval(b, &syscall_audit_archs, si->si_arch, false);
		break;
	default:
		if (si->si_pid || si->si_uid)
			print_source(f, si);
		if (si->si_ptr)
			print_sigval(f, si);
		break;
	}
}

void
print_siginfo_mem(struct fmt *f, const siginfo_t *si)
{
	pb_putc(f->b, '{');
	if (si->si_signo) {
		pb_puts(f->b, "si_signo=");
		print_signo(f->b, si->si_signo);
		pb_puts(f->b, ", si_code=");
		print_code(f->b, si->si_signo, si->si_code);
		if (si->si_errno) {
			pb_puts(f->b, ", si_errno=");
			print_errno_field(f->b, si->si_errno);
		}
		if (si->si_code <= 0)
			print_from_user(f, si);
		else
			print_from_kernel(f, si);
	}
	pb_putc(f->b, '}');
}

static bool
siginfo_elem(struct fmt *f, const void *elem, void *data)
{
	siginfo_t si;

	(void)data;
	memcpy(&si, elem, sizeof(si));
	print_siginfo_mem(f, &si);
	return true;
}

/* PTRACE_PEEKSIGINFO's result: n siginfos at addr. */
void
print_siginfo_array(struct fmt *f, uint64_t addr, uint64_t n)
{
	print_array(f, addr, n, sizeof(siginfo_t), siginfo_elem, NULL);
}
