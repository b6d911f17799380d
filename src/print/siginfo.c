/* SPDX-License-Identifier: MIT */
/*
 * siginfo.c: snare_format_siginfo(), a siginfo as strace prints it after
 * "--- SIGCHLD " (strace src/printsiginfo.c), and snare_errno_name().
 *
 * The si_code is looked up first among the codes any signal may carry
 * (SI_USER, SI_TKILL ...), then among the signal's own (CLD_EXITED,
 * SEGV_MAPERR ...). Codes <= 0 come from userspace and carry the sender;
 * the others carry what the signal is about: the child for SIGCHLD, the
 * faulting address for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP.
 */
#define _GNU_SOURCE
#include <signal.h>

#include "print.h"

XLAT_TABLE(si_codes, NULL, XLAT(SI_USER), XLAT(SI_KERNEL), XLAT(SI_QUEUE),
	   XLAT(SI_TIMER), XLAT(SI_MESGQ), XLAT(SI_ASYNCIO), XLAT(SI_SIGIO),
	   XLAT(SI_TKILL), XLAT(SI_DETHREAD), XLAT(SI_ASYNCNL));
XLAT_TABLE(sigchld_codes, NULL, XLAT(CLD_EXITED), XLAT(CLD_KILLED),
	   XLAT(CLD_DUMPED), XLAT(CLD_TRAPPED), XLAT(CLD_STOPPED),
	   XLAT(CLD_CONTINUED));
XLAT_TABLE(sigsegv_codes, NULL, XLAT(SEGV_MAPERR), XLAT(SEGV_ACCERR),
	   XLAT(SEGV_BNDERR), XLAT(SEGV_PKUERR));
XLAT_TABLE(sigbus_codes, NULL, XLAT(BUS_ADRALN), XLAT(BUS_ADRERR),
	   XLAT(BUS_OBJERR), XLAT(BUS_MCEERR_AR), XLAT(BUS_MCEERR_AO));
XLAT_TABLE(sigill_codes, NULL, XLAT(ILL_ILLOPC), XLAT(ILL_ILLOPN),
	   XLAT(ILL_ILLADR), XLAT(ILL_ILLTRP), XLAT(ILL_PRVOPC),
	   XLAT(ILL_PRVREG), XLAT(ILL_COPROC), XLAT(ILL_BADSTK));
XLAT_TABLE(sigfpe_codes, NULL, XLAT(FPE_INTDIV), XLAT(FPE_INTOVF),
	   XLAT(FPE_FLTDIV), XLAT(FPE_FLTOVF), XLAT(FPE_FLTUND),
	   XLAT(FPE_FLTRES), XLAT(FPE_FLTINV), XLAT(FPE_FLTSUB));
XLAT_TABLE(sigtrap_codes, NULL, XLAT(TRAP_BRKPT), XLAT(TRAP_TRACE),
	   XLAT(TRAP_BRANCH), XLAT(TRAP_HWBKPT));
XLAT_TABLE(sigpoll_codes, NULL, XLAT(POLL_IN), XLAT(POLL_OUT),
	   XLAT(POLL_MSG), XLAT(POLL_ERR), XLAT(POLL_PRI), XLAT(POLL_HUP));
/* SYS_SECCOMP is 1 in include/uapi/asm-generic/siginfo.h; glibc lacks it. */
XLAT_TABLE(sigsys_codes, NULL, XLAT_PAIR(1, "SYS_SECCOMP"));

/* The signal-specific code tables, by signal. */
static const struct xlat *const code_tables[] = {
	[SIGCHLD] = &sigchld_codes, [SIGSEGV] = &sigsegv_codes,
	[SIGBUS] = &sigbus_codes,   [SIGILL] = &sigill_codes,
	[SIGFPE] = &sigfpe_codes,   [SIGTRAP] = &sigtrap_codes,
	[SIGIO] = &sigpoll_codes,   [SIGSYS] = &sigsys_codes,
};

static void
print_si_code(struct pbuf *b, int signo, int code)
{
	const char *name = xlat_name(&si_codes, (uint64_t)(int64_t)code);

	if (!name && signo > 0 && (size_t)signo < ARRAY_SIZE(code_tables) &&
	    code_tables[signo])
		name = xlat_name(code_tables[signo], (uint64_t)(int64_t)code);
	if (name)
		pb_puts(b, name);
	else if (code < 0)
		pb_printf(b, "%d", code);
	else
		pb_printf(b, "%#x", (unsigned)code);
}

/* CPU time in clock ticks, with strace's seconds comment when not 0:
   "2", then the seconds "0.02 s" in a C comment (USER_HZ is 100 on
   x86_64). */
static void
print_ticks(struct pbuf *b, int64_t v)
{
	const int64_t hz = 100;

	pb_printf(b, "%lld", (long long)v);
	if (v > 0 && b->xstyle != 1) /* -X raw: the number only */
		pb_printf(b, " /* %lld.%02lld s */", (long long)(v / hz),
			  (long long)(v % hz * 100 / hz));
}

/* The sender; under -Y with its command when f is given. */
static void
print_source(struct pbuf *b, const snare_siginfo *si, struct fmt *f)
{
	pb_puts(b, ", si_pid=");
	if (f)
		print_pid(f, (int)si->pid);
	else
		pb_printf(b, "%d", (int)si->pid);
	pb_printf(b, ", si_uid=%u", si->uid);
}

static void
print_value(struct pbuf *b, const snare_siginfo *si)
{
	pb_printf(b, ", si_int=%d, si_ptr=", (int)si->value);
	if (si->value)
		pb_printf(b, "%#llx", (unsigned long long)si->value);
	else
		pb_puts(b, "NULL");
}

static void
print_addr_field(struct pbuf *b, uint64_t addr)
{
	if (addr)
		pb_printf(b, ", si_addr=%#llx", (unsigned long long)addr);
	else
		pb_puts(b, ", si_addr=NULL");
}

static void
print_details(struct pbuf *b, const snare_siginfo *si, struct fmt *f)
{
	if (si->code == SI_TIMER) {
		pb_printf(b, ", si_timerid=%d, si_overrun=%d", (int)si->pid,
			  (int)si->uid);
		print_value(b, si);
		return;
	}
	if (si->code <= 0) {
		print_source(b, si, f);
		if (si->code != SI_USER && si->code != SI_TKILL && si->value)
			print_value(b, si);
		return;
	}
	switch (si->signo) {
	case SIGCHLD:
		print_source(b, si, f);
		pb_puts(b, ", si_status=");
		if (si->code == CLD_EXITED)
			pb_printf(b, "%d", si->status);
		else
			print_signo(b, si->status);
		pb_puts(b, ", si_utime=");
		print_ticks(b, si->utime);
		pb_puts(b, ", si_stime=");
		print_ticks(b, si->stime);
		break;
	case SIGILL: case SIGFPE: case SIGBUS: case SIGSEGV: case SIGTRAP:
		print_addr_field(b, si->addr);
		break;
	default:
		if (si->pid || si->uid)
			print_source(b, si, f);
		if (si->value)
			print_value(b, si);
		break;
	}
}

void
print_siginfo(struct pbuf *b, const snare_siginfo *si, struct fmt *f)
{
	pb_putc(b, '{');
	if (si && si->signo) {
		pb_puts(b, "si_signo=");
		print_signo(b, si->signo);
		pb_puts(b, ", si_code=");
		print_si_code(b, si->signo, si->code);
		if (si->errnum) {
			const char *e = snare__errno_name(si->errnum);

			if (e)
				pb_printf(b, ", si_errno=%s", e);
			else
				pb_printf(b, ", si_errno=%d", si->errnum);
		}
		print_details(b, si, f);
	}
	pb_putc(b, '}');
}

SNARE_EXPORT size_t
snare_format_siginfo(char *buf, size_t cap, const snare_siginfo *si)
{
	struct pbuf b;

	pb_init(&b, buf, cap);
	print_siginfo(&b, si, NULL);
	return b.len;
}

SNARE_EXPORT const char *
snare_errno_name(int err)
{
	return snare__errno_name(err);
}
